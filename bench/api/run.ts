// API benchmark: a public query against the full stack (Fastify + yoga + Pothos + Prisma), without
// and with the public response cache, and against a minimal raw-pg handler returning the same bytes,
// one after the other. Run on demand with `npm run bench:api`; never part of `npm test`. See
// bench/README.md.
//
// Environment:
//   BENCH_QUERY         home (default: the home page's municipality query) or board (the notice
//                       board's first page, 20 notices with their attachments)
//   BENCH_DATABASE_URL  PostgreSQL server to use (default postgresql://postgres@127.0.0.1:5432/postgres);
//                       the database `portal_bench` on it is dropped and re-created.
//   BENCH_DURATION      measured seconds per target (default 10); BENCH_WARMUP warm-up seconds (default 3)
//   BENCH_CONNECTIONS   concurrent connections (default 20)
//   BENCH_ROUNDS        measure each target this many times, in rotating order, and report medians (default 1)
//   BENCH_PROFILE=1     afterwards, a short extra run of the uncached full stack under --cpu-prof, summarised
//   BENCH_KEEP_DB=1     keep the portal_bench database at the end (it is dropped by default)
//   BENCH_PRIORITY      a nice value (e.g. -10, needs root) for this process and the servers, so that
//                       other work on a shared machine disturbs the measurement less (default: unchanged)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { deepStrictEqual } from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { paths } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { benchPortal } from "./portal.ts";
import { BOARD_PAGE_SIZE, ensurePostedNotices, QUERIES, type BenchQuery } from "./queries.ts";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, "../..");
const resultsDir = path.join(repoRoot, "bench", "results");

const BENCH_DB = "portal_bench";
const POOL_SIZE = 10;
/** Full stack without the response cache / raw pg (issue 2), and with it (issue 4). */
const TARGET_RATIO = 0.5;
const TARGET_CACHED_RATIO = 1.5;
/** Notices on the bench board: more than a page, so the page is full and has a next one. */
const POSTED_NOTICES = BOARD_PAGE_SIZE + 4;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const duration = positiveNumber("BENCH_DURATION", 10);
const warmup = positiveNumber("BENCH_WARMUP", 3);
const connections = positiveNumber("BENCH_CONNECTIONS", 20);
const roundCount = Math.round(positiveNumber("BENCH_ROUNDS", 1));
const profile = process.env.BENCH_PROFILE === "1";
const keepDb = process.env.BENCH_KEEP_DB === "1";
const priority = process.env.BENCH_PRIORITY ? Number(process.env.BENCH_PRIORITY) : undefined;
const queryName = process.env.BENCH_QUERY || "home";
if (!Object.hasOwn(QUERIES, queryName)) {
  console.error(`bench:api: BENCH_QUERY must be one of ${Object.keys(QUERIES).join(", ")}, got "${queryName}"`);
  process.exit(1);
}
const query: BenchQuery = QUERIES[queryName as BenchQuery["name"]];
const requestBody = query.body;
const HOST = "localhost";

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) fail(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function fail(message: string): never {
  console.error(`\nbench:api FAILED: ${message}`);
  stopChildren();
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Child processes: always cleaned up, also on ctrl-c.
const children = new Set<ChildProcess>();

function stopChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
}
process.on("exit", stopChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers (the ${BENCH_DB} database is left; the next run re-creates it)`);
    stopChildren();
    process.exit(130);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  output: string[];
}

async function startTarget(name: string, args: string[], env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  if (priority !== undefined && child.pid !== undefined) os.setPriority(child.pid, priority);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`${name} exited with code ${child.exitCode} during start:\n${output.join("")}`);
    const ready = await request(`${url}/readyz`, "GET").then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return { name, child, url, output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail(`${name} was not ready within 60 s:\n${output.join("")}`);
}

/** node:http rather than fetch: fetch may not set the Host header, and tenancy depends on it. */
function request(
  url: string,
  method: "GET" | "POST",
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { host: HOST, ...(body ? { "content-type": "application/json" } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// Database: (re)create portal_bench, migrate with the project's runner, seed the demo towns and make
// sure the default town's board has more than a page of posted notices.
function benchUrl(): string {
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

async function prepareDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    console.error(
      `bench:api: PostgreSQL is not reachable at ${redact(adminUrl)} (${(error as Error).message}).\n` +
        "Start a local server (trust auth) or set BENCH_DATABASE_URL to a server where the database " +
        `${BENCH_DB} may be dropped and re-created.`,
    );
    process.exit(1);
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const url = benchUrl();
    const database = await openDatabase({ url, poolSize: 2 });
    // The demo seed writes its attachments' bytes under DATA_DIR: a scratch directory, not ./data.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
    process.env.DATA_DIR = dataDir;
    try {
      const report = await migrate(database, readMigrations(paths.migrations));
      await seedDemo(database.prisma);
      const posted = await ensurePostedNotices(database.prisma, POSTED_NOTICES);
      console.log(
        `database   ${BENCH_DB} on PostgreSQL ${version}: ${report.applied.length} migration(s) applied, demo data seeded, ${posted} notices on the board`,
      );
    } finally {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return url;
  } finally {
    await admin.end();
  }
}

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * SQL statements the full stack runs for one request, counted in-process through the project's own
 * onQuery hook (the same one the tests use). The second request is the steady state: the host
 * lookup is cached by then (and, with the response cache on, the answer itself).
 */
async function countFullStackStatements(url: string, cacheTtl: string): Promise<{ firstRequest: string[]; steadyState: string[] }> {
  let statements: string[] = [];
  const app = await benchPortal(url, cacheTtl, { poolSize: 2, onQuery: (sql) => statements.push(sql) });
  const ask = async () => {
    statements = [];
    const response = await app.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", host: HOST },
      body: requestBody,
    });
    await response.text();
    return statements;
  };
  try {
    const firstRequest = await ask();
    const steadyState = await ask();
    return { firstRequest, steadyState };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Load.
interface Figures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  /** CPU time of the server process per request (user + system, all its threads), in µs; null off Linux. */
  serverCpuMicros: number | null;
  totalRequests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a process has used so far (user + system), from /proc; null where there is none. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return null;
  }
}

async function load(
  target: Target | { url: string; child?: undefined },
  seconds: number,
  expectBody: string | undefined,
): Promise<Figures> {
  const cpuBefore = processCpuSeconds(target.child?.pid);
  const result = await autocannon({
    url: `${target.url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json", host: HOST },
    body: requestBody,
    connections,
    pipelining: 1,
    duration: seconds,
    ...(expectBody ? { expectBody } : {}),
  });
  const cpuAfter = processCpuSeconds(target.child?.pid);
  return {
    requestsPerSecond: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMeanMs: result.latency.mean,
    serverCpuMicros:
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? ((cpuAfter - cpuBefore) * 1e6) / result.requests.total : null,
    totalRequests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianFigures(all: Figures[]): Figures {
  const summed = (key: "totalRequests" | "errors" | "timeouts" | "non2xx" | "mismatches") => all.reduce((sum, f) => sum + f[key], 0);
  const cpu = all.map((f) => f.serverCpuMicros).filter((value): value is number => value !== null);
  return {
    requestsPerSecond: median(all.map((f) => f.requestsPerSecond)),
    latencyP50Ms: median(all.map((f) => f.latencyP50Ms)),
    latencyP99Ms: median(all.map((f) => f.latencyP99Ms)),
    latencyMeanMs: median(all.map((f) => f.latencyMeanMs)),
    serverCpuMicros: cpu.length ? median(cpu) : null,
    totalRequests: summed("totalRequests"),
    errors: summed("errors"),
    timeouts: summed("timeouts"),
    non2xx: summed("non2xx"),
    mismatches: summed("mismatches"),
  };
}

async function measure(target: Target, expectBody: string): Promise<Figures> {
  process.stdout.write(`load       ${target.name.padEnd(12)} warm-up ${warmup} s, `);
  await load(target, warmup, undefined);
  process.stdout.write(`measuring ${duration} s ... `);
  const figures = await load(target, duration, expectBody);
  const cpu = figures.serverCpuMicros === null ? "" : `, server CPU ${Math.round(figures.serverCpuMicros)} µs/request`;
  console.log(`${Math.round(figures.requestsPerSecond)} req/s${cpu} (load average ${os.loadavg()[0]!.toFixed(1)})`);
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Optional cheap profile of the full stack: self time by function and by package.
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Only the last `windowSeconds` of the profile count: start-up (module compilation) is not the steady state. */
function summariseProfile(file: string, windowSeconds: number) {
  const profileData = JSON.parse(fs.readFileSync(file, "utf8")) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
  };
  const byId = new Map(profileData.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  const lastTimestamp = profileData.timeDeltas.reduce((a, b) => a + b, 0);
  const windowStart = lastTimestamp - windowSeconds * 1e6;
  let timestamp = 0;
  profileData.samples.forEach((id, i) => {
    const delta = profileData.timeDeltas[i] ?? 0;
    timestamp += delta;
    if (timestamp >= windowStart) selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta);
  });
  const total = [...selfByNode.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, micros] of selfByNode) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/^file:\/\//, "").replace(repoRoot + "/", "");
    const key = `${functionName || "(anonymous)"} ${where ? `${where}:${lineNumber + 1}` : ""}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
      (where.startsWith("node:")
        ? "node (core)"
        : where === ""
          ? functionName || "(vm)"
          : where.startsWith("api/")
            ? "api/src (project)"
            : where);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => ({ name, percent: Math.round((micros / total) * 1000) / 10 }));
  return { file: path.relative(repoRoot, file), windowSeconds, byPackage: top(byPackage, 15), byFunction: top(byFunction, 25) };
}

async function profileFullStack(url: string, env: Record<string, string>, expectBody: string) {
  const dir = path.join(resultsDir, `profile-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const target = await startTarget("full stack (profiled)", ["--cpu-prof", `--cpu-prof-dir=${dir}`, "api/src/main.ts"], env);
  console.log(`\nprofile    uncached full stack under --cpu-prof, ${Math.min(duration, 5)} s`);
  await load(target, Math.min(warmup, 2), undefined);
  const seconds = Math.min(duration, 5);
  const figures = await load(target, seconds, expectBody);
  console.log(`profile    ${Math.round(figures.requestsPerSecond)} req/s under the profiler`);
  await stopChild(target.child);
  const wrong = figures.errors + figures.timeouts + figures.non2xx + figures.mismatches;
  if (wrong > 0)
    return { error: `profile discarded: ${wrong} responses differed from the reference (did the code change since the start?)` };
  const file = fs.readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) return { error: `no .cpuprofile written in ${dir}` };
  // The window ends with the shutdown (well under a second after the load), so it covers the load.
  return summariseProfile(path.join(dir, file), seconds);
}

// ---------------------------------------------------------------------------------------------
function pad(value: string | number, width: number) {
  return String(value).padStart(width);
}

type TargetKey = "raw" | "full" | "cached";
const TARGET_KEYS: TargetKey[] = ["raw", "full", "cached"];

async function main() {
  fs.mkdirSync(resultsDir, { recursive: true });
  if (priority !== undefined) {
    if (!Number.isInteger(priority) || priority < -20 || priority > 19)
      fail(`BENCH_PRIORITY must be a nice value (-20..19), got "${priority}"`);
    try {
      os.setPriority(priority);
    } catch (error) {
      fail(`cannot set the priority ${priority} (${(error as Error).message}); negative values need root`);
    }
  }
  console.log(`machine    ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, Node ${process.version}`);
  console.log(
    `settings   query ${query.name}, ${connections} connections, pipelining 1, warm-up ${warmup} s, measured ${duration} s per target, Host: ${HOST}` +
      (priority === undefined ? "" : `, nice ${priority}`),
  );
  const url = await prepareDatabase();

  const sql = await countFullStackStatements(url, "0");
  const cachedSql = await countFullStackStatements(url, "60");

  const fullEnv = (cacheTtl: string) => ({
    DATABASE_URL: url,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    SEED_DEMO: "false",
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    RESPONSE_CACHE_TTL_SECONDS: cacheTtl,
  });
  const targets: Record<TargetKey, Target> = {
    raw: await startTarget("raw pg", ["bench/api/raw-pg-server.ts"], { DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE) }),
    // The response cache off: every request does the whole work (the figure issue 2 asks about).
    full: await startTarget("full stack", ["api/src/main.ts"], fullEnv("0")),
    // The response cache on (the default): anonymous answers come from memory after the first.
    cached: await startTarget("full cached", ["api/src/main.ts"], fullEnv("60")),
  };

  // All must answer the same thing before their speed means anything.
  const answers = Object.fromEntries(
    await Promise.all(TARGET_KEYS.map(async (key) => [key, await request(`${targets[key].url}/graphql`, "POST", requestBody)] as const)),
  ) as Record<TargetKey, Awaited<ReturnType<typeof request>>>;
  for (const key of TARGET_KEYS) {
    if (answers[key].status !== 200) fail(`${targets[key].name} answered ${answers[key].status}: ${answers[key].text}`);
  }
  const fullJson = JSON.parse(answers.full.text) as { errors?: unknown; data?: Record<string, unknown> };
  if (fullJson.errors) fail(`the full stack answered with errors: ${answers.full.text}`);
  const problem = query.check(fullJson);
  if (problem) fail(`${problem}: ${answers.full.text.slice(0, 500)}`);
  for (const key of ["raw", "cached"] as const) {
    try {
      deepStrictEqual(JSON.parse(answers[key].text), fullJson);
    } catch (error) {
      fail(`${targets[key].name} and the full stack answer differently:\n${(error as Error).message}`);
    }
  }
  const identicalBytes = answers.raw.text === answers.full.text && answers.cached.text === answers.full.text;
  console.log(
    `check      responses deep-equal (${answers.full.text.length} bytes${identicalBytes ? ", byte-identical" : ", same data, different bytes"})`,
  );
  console.log(
    `sql        per request: full stack ${sql.steadyState.length} (first request ${sql.firstRequest.length}), ` +
      `full cached ${cachedSql.steadyState.length}, raw pg 2`,
  );

  // One after the other, never at once; an idle server takes no CPU. With BENCH_ROUNDS > 1 the
  // order rotates (raw, full, cached; cached, raw, full; ...) so that a drift in the machine's load
  // (other work on a shared machine) hits every target alike; figures are medians.
  const loadBefore = os.loadavg()[0]!;
  if (loadBefore > 1)
    console.log(`warning    load average ${loadBefore.toFixed(1)} before measuring: other work shares the CPUs, figures will be noisy`);
  const rounds: Record<TargetKey, Figures>[] = [];
  const loadAverages: number[] = [loadBefore];
  for (let round = 0; round < roundCount; round++) {
    const order = TARGET_KEYS.map((_, i) => TARGET_KEYS[(i + TARGET_KEYS.length - (round % TARGET_KEYS.length)) % TARGET_KEYS.length]!);
    const figures: Partial<Record<TargetKey, Figures>> = {};
    for (const key of order) figures[key] = await measure(targets[key], answers[key].text);
    rounds.push(figures as Record<TargetKey, Figures>);
    loadAverages.push(os.loadavg()[0]!);
  }
  const loadAfter = os.loadavg()[0]!;
  const summary = Object.fromEntries(TARGET_KEYS.map((key) => [key, medianFigures(rounds.map((r) => r[key]))])) as Record<
    TargetKey,
    Figures
  >;
  for (const key of TARGET_KEYS) await stopChild(targets[key].child);

  const ratio = summary.full.requestsPerSecond / summary.raw.requestsPerSecond;
  const cachedRatio = summary.cached.requestsPerSecond / summary.raw.requestsPerSecond;
  const pass = ratio >= TARGET_RATIO;
  const cachedPass = cachedRatio >= TARGET_CACHED_RATIO;
  const row = (name: string, f: Figures) =>
    `${name.padEnd(12)}${pad(Math.round(f.requestsPerSecond), 10)}${pad(f.latencyP50Ms.toFixed(1), 10)}${pad(f.latencyP99Ms.toFixed(1), 10)}` +
    `${pad(f.serverCpuMicros === null ? "-" : Math.round(f.serverCpuMicros), 12)}${pad(f.errors + f.timeouts, 8)}${pad(f.non2xx, 8)}${pad(f.mismatches, 10)}`;
  console.log("");
  console.log(
    `${"target".padEnd(12)}${pad("req/s", 10)}${pad("p50 ms", 10)}${pad("p99 ms", 10)}${pad("CPU µs/req", 12)}${pad("errors", 8)}${pad("non2xx", 8)}${pad("mismatch", 10)}`,
  );
  for (const key of TARGET_KEYS) console.log(row(targets[key].name, summary[key]));
  console.log(`\nratio full/raw throughput:        ${ratio.toFixed(2)}  (target >= ${TARGET_RATIO})  ${pass ? "PASS" : "FAIL"}`);
  console.log(
    `ratio full cached/raw throughput: ${cachedRatio.toFixed(2)}  (target >= ${TARGET_CACHED_RATIO})  ${cachedPass ? "PASS" : "FAIL"}`,
  );
  if (summary.full.serverCpuMicros !== null && summary.raw.serverCpuMicros !== null)
    console.log(
      `server CPU per request full/raw: ${(summary.full.serverCpuMicros / summary.raw.serverCpuMicros).toFixed(2)} ` +
        "(less sensitive to other load on the machine than throughput)",
    );
  console.log(`load average ${loadAverages.map((value) => value.toFixed(1)).join(" → ")}`);

  const failures = TARGET_KEYS.some(
    (key) => summary[key].errors + summary[key].timeouts + summary[key].non2xx + summary[key].mismatches > 0,
  );
  if (failures) console.log("warning: some requests failed or answered something else than the reference response (see the table)");

  const profileSummary = profile ? await profileFullStack(url, fullEnv("0"), answers.full.text) : undefined;
  if (profileSummary && "byPackage" in profileSummary) {
    console.log(`self time by package, last ${profileSummary.windowSeconds} s (${profileSummary.file}):`);
    for (const { name, percent } of profileSummary.byPackage) console.log(`  ${pad(percent.toFixed(1), 5)} %  ${name}`);
    console.log("self time by function:");
    for (const { name, percent } of profileSummary.byFunction) console.log(`  ${pad(percent.toFixed(1), 5)} %  ${name}`);
  } else if (profileSummary) console.log(profileSummary.error);

  const timestamp = new Date().toISOString().replace(/[:.]/g, "-");
  const resultFile = path.join(resultsDir, `api-${query.name}-${timestamp}.json`);
  const report = {
    date: new Date().toISOString(),
    query: query.name,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` },
    settings: {
      priority: priority ?? null,
      connections,
      pipelining: 1,
      warmupSeconds: warmup,
      durationSeconds: duration,
      rounds: roundCount,
      poolSize: POOL_SIZE,
      host: HOST,
    },
    loadAverage: { before: loadBefore, after: loadAfter, afterEachRound: loadAverages.slice(1) },
    rounds,
    requestBody: JSON.parse(requestBody) as unknown,
    responsesDeepEqual: true,
    responsesByteIdentical: identicalBytes,
    responseBytes: Object.fromEntries(TARGET_KEYS.map((key) => [key, answers[key].text.length])),
    sqlStatementsPerRequest: {
      full: sql.steadyState.length,
      fullFirstRequest: sql.firstRequest.length,
      cached: cachedSql.steadyState.length,
      raw: 2,
      fullStatements: sql.steadyState,
    },
    ...summary,
    ratio,
    target: TARGET_RATIO,
    pass,
    cachedRatio,
    cachedTarget: TARGET_CACHED_RATIO,
    cachedPass,
    ...(profileSummary ? { profile: profileSummary } : {}),
  };
  fs.writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nresults    ${path.relative(repoRoot, resultFile)}`);

  if (keepDb) console.log(`database   ${BENCH_DB} kept (BENCH_KEEP_DB=1)`);
  else {
    await dropDatabase();
    console.log(`database   ${BENCH_DB} dropped`);
  }
}

await main().catch((error: unknown) => fail((error as Error).stack ?? String(error)));
