// PWA budgets on the production build: the public home page's initial JavaScript (gzipped) and Lighthouse's
// performance and accessibility scores on the mobile profile, against the real server. Run on demand with
// `npm run bench:pwa`; never part of `npm test`. See bench/pwa/README.md.
//
// Environment:
//   CHROME_PATH         the Chromium to use (default: /usr/bin/chromium, else the npm package @sparticuz/chromium)
//   BENCH_SKIP_BUILD=1  measure pwa/dist as it is (default: `npm run build -w pwa` first)
//   BENCH_RUNS          Lighthouse runs; the median scores are reported (default 3)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { paths } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { chromiumExecutablePath, CHROMIUM_ARGS } from "../../tests/kit/browser.ts";
import { PWA_DIST, startTestServer } from "../../tests/kit/server.ts";

const resultsDir = path.join(paths.repoRoot, "bench", "results");

const BUDGET_JS_BYTES = 150 * 1000; // 150 kB gzipped (decimal kB, the stricter reading of "150 KB")
const TARGET_PERFORMANCE = 95;
const TARGET_ACCESSIBILITY = 100;
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3) || 3);

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** Module scripts and modulepreload links of dist/index.html: what the browser fetches before the home page runs. */
export function initialScripts(html: string): string[] {
  const sources = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/type=["']?module/i.test(tag)) continue;
    const src = /\ssrc=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (src) sources.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/rel=["']?modulepreload/i.test(tag)) continue;
    const href = /\shref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (href) sources.add(href);
  }
  return [...sources];
}

function measureInitialJavaScript() {
  const html = fs.readFileSync(path.join(PWA_DIST, "index.html"), "utf8");
  const files = initialScripts(html).map((src) => {
    const content = fs.readFileSync(path.join(PWA_DIST, src.replace(/^\//, "")));
    return { src, raw: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length };
  });
  return { files, raw: files.reduce((sum, f) => sum + f.raw, 0), gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
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

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    console.log("Building the PWA (npm run build -w pwa)…");
    execFileSync("npm", ["run", "build", "-w", "pwa"], { cwd: paths.repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }

  const js = measureInitialJavaScript();
  console.log("\nInitial JavaScript of the public home page (gzip -9):");
  for (const file of js.files) console.log(`  ${file.src.padEnd(48)} ${kb(file.gzip).padStart(22)}   raw ${kb(file.raw)}`);
  const jsOk = js.gzip <= BUDGET_JS_BYTES;
  console.log(`  ${"total".padEnd(48)} ${kb(js.gzip).padStart(22)}   budget ${kb(BUDGET_JS_BYTES)}  ${jsOk ? "OK" : "OVER BUDGET"}`);

  // The real server with the built app, on a fresh in-memory PGlite database with the demo towns.
  const database = await openDatabase({});
  await migrate(database, readMigrations(paths.migrations));
  const server = await startTestServer({ database });
  const url = `${server.url}/`;
  console.log(`\nLighthouse (mobile profile) against ${url}, ${runs} run(s)…`);

  const reports = [];
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

  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const summaryFile = path.join(resultsDir, `pwa-${stamp}.json`);
  fs.writeFileSync(
    summaryFile,
    JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        chromium: last.environment?.hostUserAgent,
        initialJavaScript: { budgetBytes: BUDGET_JS_BYTES, gzipBytes: js.gzip, rawBytes: js.raw, files: js.files },
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
        },
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(resultsDir, `pwa-lighthouse-${stamp}.json`), JSON.stringify(last, null, 2));
  console.log(`\nResults: ${path.relative(paths.repoRoot, summaryFile)} (+ the last full Lighthouse report next to it)`);
  if (!jsOk || !perfOk || !a11yOk) process.exitCode = 1;
}

await main();
