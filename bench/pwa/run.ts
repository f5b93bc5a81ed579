// PWA budgets on the production build: the public home page's JavaScript as a phone downloads it (every script
// until the network is idle, bytes on the wire) and Lighthouse's performance and accessibility scores on the
// mobile profile, against the real server. Run on demand with
// `npm run bench:pwa`; never part of `npm test`. See bench/pwa/README.md.
//
// Environment:
//   CHROME_PATH         the Chromium to use (default: /usr/bin/chromium, else the npm package @sparticuz/chromium)
//   BENCH_SKIP_BUILD=1  measure pwa/dist as it is (default: `npm run build -w pwa` first)
//   BENCH_RUNS          Lighthouse runs; the median scores are reported (default 3; 0 measures the JavaScript only)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { paths } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { chromiumExecutablePath, CHROMIUM_ARGS } from "../../tests/kit/browser.ts";
import { startTestServer } from "../../tests/kit/server.ts";
import { measureHomePageJavaScript, type HomePageJavaScript } from "./home-javascript.ts";

const resultsDir = path.join(paths.repoRoot, "bench", "results");

const BUDGET_JS_BYTES = 150 * 1000; // 150 kB on the wire (decimal kB, the stricter reading of "150 KB")
const AIM_JS_BYTES = 120 * 1000;
const TARGET_PERFORMANCE = 95;
const TARGET_ACCESSIBILITY = 100;
const runs = Math.max(0, Math.floor(Number(process.env.BENCH_RUNS ?? 3)) || 0);

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB (${(bytes / 1024).toFixed(1)} KiB)`;
}

type Lhr = Awaited<ReturnType<typeof runLighthouse>>;

function metricsOf(lhr: Lhr) {
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    fcp: value("first-contentful-paint"),
    lcp: value("largest-contentful-paint"),
    tbt: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    si: value("speed-index"),
  };
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function runLighthouse(url: string) {
  const chrome = await chromeLauncher.launch({
    chromePath: await chromiumExecutablePath(),
    chromeFlags: CHROMIUM_ARGS,
    logLevel: "silent",
  });
  try {
    // Default config: the mobile profile (Moto G power emulation, simulated slow 4G, 4x CPU slowdown).
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    if (!result) throw new Error("Lighthouse returned no result");
    return result.lhr;
  } finally {
    chrome.kill();
  }
}

interface Results {
  js: HomePageJavaScript;
  lighthouse: null | {
    runs: { performance: number; accessibility: number; metrics: ReturnType<typeof metricsOf>; loadAverage: number }[];
    performance: number;
    accessibility: number;
    medianMetrics: ReturnType<typeof metricsOf>;
    chromium: string | undefined;
    lastReport: Lhr;
  };
}

/** bench/results/pwa-<time>.json (the summary) and pwa-lighthouse-<time>.json (the last full Lighthouse report). */
function writeResults({ js, lighthouse: lh }: Results) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const summaryFile = path.join(resultsDir, `pwa-${stamp}.json`);
  const { lastReport, ...lighthouse } = lh ?? { lastReport: null };
  fs.writeFileSync(
    summaryFile,
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        homePageJavaScript: { budgetBytes: BUDGET_JS_BYTES, aimBytes: AIM_JS_BYTES, ...js },
        lighthouse: lh ? lighthouse : null,
      },
      null,
      2,
    ),
  );
  if (lastReport) fs.writeFileSync(path.join(resultsDir, `pwa-lighthouse-${stamp}.json`), JSON.stringify(lastReport, null, 2));
  console.log(
    `\nResults: ${path.relative(paths.repoRoot, summaryFile)}${lastReport ? " (+ the last full Lighthouse report next to it)" : ""}`,
  );
}

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("Building the PWA (npm run build -w pwa)…");
    execFileSync("npm", ["run", "build", "-w", "pwa"], { cwd: paths.repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }

  // The real server with the built app, on a fresh in-memory PGlite database with the demo towns.
  const database = await openDatabase({});
  await migrate(database, readMigrations(paths.migrations));
  const server = await startTestServer({ database });
  const url = `${server.url}/`;

  let js: HomePageJavaScript;
  try {
    js = await measureHomePageJavaScript(server.url);
  } catch (error) {
    await server.close();
    throw error;
  }
  console.log(`\nJavaScript of the public home page as downloaded (fresh profile, phone viewport, until the network is idle;`);
  console.log(`bytes on the wire = response headers + encoded body; the browser accepted "${js.acceptEncoding}"):`);
  for (const script of js.scripts) {
    const name = `${new URL(script.url).pathname}${script.fetchedBy === "page" ? "" : " (service worker)"}${script.remeasured ? " *" : ""}`;
    console.log(
      `  ${name.padEnd(56)} ${kb(script.headerBytes + script.bodyBytes).padStart(22)}   headers ${String(script.headerBytes).padStart(5)} B, body ${String(script.bodyBytes).padStart(6)} B ${script.encoding || "identity"}`,
    );
  }
  const jsOk = js.totalBytes <= BUDGET_JS_BYTES;
  console.log(
    `  ${`total (${js.scripts.length} scripts)`.padEnd(56)} ${kb(js.totalBytes).padStart(22)}   budget ${kb(BUDGET_JS_BYTES)}  ${jsOk ? "OK" : "OVER BUDGET"}; aim ${kb(AIM_JS_BYTES)}  ${js.totalBytes <= AIM_JS_BYTES ? "met" : "not met"}`,
  );
  console.log(`    of which headers ${kb(js.headerBytes)}, bodies ${kb(js.bodyBytes)}`);
  if (js.scripts.some((s) => s.remeasured))
    console.log("  * the browser reports no size for it: measured by requesting it again with the browser's request headers");
  console.log(
    `  not counted: the service worker's precache, fetched in the background during the same load: ${js.precache.files} files, ${kb(js.precache.bytes)} (scripts among them: ${js.precache.scriptFiles}, ${kb(js.precache.scriptBytes)})`,
  );

  if (runs === 0) {
    await server.close();
    writeResults({ js, lighthouse: null });
    if (!jsOk) process.exitCode = 1;
    return;
  }
  console.log(`\nLighthouse (mobile profile) against ${url}, ${runs} run(s)…`);
  const reports: { lhr: Lhr; performance: number; accessibility: number; metrics: ReturnType<typeof metricsOf>; loadAverage: number }[] =
    [];
  try {
    for (let i = 0; i < runs; i++) {
      let lhr = await runLighthouse(url);
      // Lighthouse itself sometimes fails to record the trace (e.g. NO_NAVSTART): that says nothing about the page,
      // so such a run is repeated (at most twice) instead of counting as a score of 0.
      for (let retry = 0; lhr.runtimeError && retry < 2; retry++) {
        console.log(`  run ${i + 1}: Lighthouse could not measure (${lhr.runtimeError.code}), measuring again`);
        lhr = await runLighthouse(url);
      }
      const performance = Math.round((lhr.categories.performance?.score ?? 0) * 100);
      const accessibility = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
      const metrics = metricsOf(lhr);
      // The machine is shared: the load average tells how far TBT (measured CPU time × 4) can be trusted.
      const loadAverage = os.loadavg()[0]!;
      console.log(
        `  run ${i + 1}: performance ${performance}, accessibility ${accessibility}  (FCP ${ms(metrics.fcp)}, LCP ${ms(metrics.lcp)}, TBT ${ms(metrics.tbt)}, CLS ${metrics.cls.toFixed(3)}, SI ${ms(metrics.si)}; load average ${loadAverage.toFixed(1)})`,
      );
      // A run whose metrics could not be computed says why (e.g. Lighthouse's NO_FCP, or a trace it could not read).
      const problem =
        lhr.runtimeError?.message ??
        ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
          .map((id) => lhr.audits[id]?.errorMessage)
          .find(Boolean);
      if (problem) console.log(`         why: ${problem}`);
      reports.push({ lhr, performance, accessibility, metrics, loadAverage });
    }
  } finally {
    await server.close();
  }

  const performance = median(reports.map((r) => r.performance));
  const accessibility = median(reports.map((r) => r.accessibility));
  const last = reports.at(-1)!.lhr;
  const medianOf = (key: keyof ReturnType<typeof metricsOf>) => median(reports.map((r) => r.metrics[key]));
  const medians = { fcp: medianOf("fcp"), lcp: medianOf("lcp"), tbt: medianOf("tbt"), cls: medianOf("cls"), si: medianOf("si") };
  const loadAverages = reports.map((r) => r.loadAverage.toFixed(1)).join(", ");
  console.log(
    `\n  median metrics: FCP ${ms(medians.fcp)}, LCP ${ms(medians.lcp)}, TBT ${ms(medians.tbt)}, CLS ${medians.cls.toFixed(3)}, SI ${ms(medians.si)}; load average during the runs ${loadAverages}`,
  );
  const failedA11y = Object.values(last.audits).filter(
    (audit) => audit.score === 0 && last.categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id && ref.weight > 0),
  );
  for (const audit of failedA11y) console.log(`  accessibility audit failed: ${audit.id}: ${audit.title}`);
  const perfOk = performance >= TARGET_PERFORMANCE;
  const a11yOk = accessibility >= TARGET_ACCESSIBILITY;
  console.log(`\n  performance   ${String(performance).padStart(3)}  (target ≥ ${TARGET_PERFORMANCE})  ${perfOk ? "OK" : "BELOW TARGET"}`);
  console.log(
    `  accessibility ${String(accessibility).padStart(3)}  (target = ${TARGET_ACCESSIBILITY})  ${a11yOk ? "OK" : "BELOW TARGET"}`,
  );

  writeResults({
    js,
    lighthouse: {
      runs: reports.map((r) => ({
        performance: r.performance,
        accessibility: r.accessibility,
        metrics: r.metrics,
        loadAverage: r.loadAverage,
      })),
      performance,
      accessibility,
      medianMetrics: medians,
      chromium: last.environment?.hostUserAgent,
      lastReport: last,
    },
  });
  if (!jsOk || !perfOk || !a11yOk) process.exitCode = 1;
}

await main();
