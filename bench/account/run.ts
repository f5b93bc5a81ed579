// Personal account benchmark: the account page's query (bench/account/query.ts) for a citizen with 3 payers × 40
// assessments, through the full stack (Fastify + yoga + Pothos + Prisma, a real session cookie) and through a raw
// node:http + pg handler serving the same JSON (bench/account/raw-pg-server.ts). Target: full/raw ≥ 0.5. Also
// counts the SQL statements of one request (the page's budget is 3). Run on demand: `npm run bench:account`.
//
// Environment (as bench/api/run.ts): BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/postgres;
// the database portal_bench_account on it is dropped and re-created), BENCH_DURATION (10), BENCH_WARMUP (3),
// BENCH_CONNECTIONS (20), BENCH_ROUNDS (1; medians over rotating rounds), BENCH_PAYERS (3), BENCH_ASSESSMENTS (40
// per payer), BENCH_KEEP_DB=1.
import { spawn, type ChildProcess } from "node:child_process";
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
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { benchPortal } from "../api/portal.ts";
import { ACCOUNT_BODY } from "./query.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = path.join(repoRoot, "bench", "results");
const BENCH_DB = "portal_bench_account";
const POOL_SIZE = 10;
const TARGET_RATIO = 0.5;
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const number = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const duration = number("BENCH_DURATION", 10);
const warmup = number("BENCH_WARMUP", 3);
const connections = number("BENCH_CONNECTIONS", 20);
const rounds = Math.max(1, Math.round(number("BENCH_ROUNDS", 1)));
const payerCount = number("BENCH_PAYERS", 3);
const perPayer = number("BENCH_ASSESSMENTS", 40);
const HOST = "localhost";

const children = new Set<ChildProcess>();
const stopChildren = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
};
process.on("exit", stopChildren);
process.on("SIGINT", () => (stopChildren(), process.exit(130)));

function fail(message: string): never {
  console.error(`\nbench:account FAILED: ${message}`);
  stopChildren();
  process.exit(1);
}

function dbUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Session {
  cookie: string;
  csrf: string;
}

/** Demo towns, then one citizen with `payerCount` payers of `perPayer` assessments each: paid, partly paid, in installments, overdue. */
async function prepareDatabase(): Promise<{ url: string; session: Session; assessments: number }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect().catch((error: Error) => fail(`PostgreSQL is not reachable at ${adminUrl}: ${error.message}`));
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = dbUrl(BENCH_DB);
  const database = await openDatabase({ url, poolSize: 2 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-account-"));
  process.env.DATA_DIR = dataDir;
  try {
    await migrate(database, readMigrations(paths.migrations));
    await seedDemo(database.prisma);
    const prisma = database.prisma;
    const town = await prisma.municipality.findFirstOrThrow({ where: { isDefault: true } });
    const account = await prisma.bankAccount.findFirstOrThrow({ where: { municipalityId: town.id, isPrimary: true } });
    const user = await prisma.user.create({
      data: {
        municipalityId: town.id,
        email: "bench-account@lipnice.example",
        fullName: "Bench Citizen",
        role: "CITIZEN",
        emailVerifiedAt: new Date(),
      },
    });
    let vs = 9_000_000;
    for (let p = 0; p < payerCount; p++) {
      const payer = await prisma.payer.create({
        data: { municipalityId: town.id, name: `Plátce ${p + 1}`, links: { create: { userId: user.id, method: "CLERK" } } },
      });
      for (let i = 0; i < perPayer; i++) {
        const year = 2026 - (i % 4);
        const amount = 30_000 + (i % 7) * 10_000;
        const split = i % 5 === 0;
        // Every fifth in three installments (the last takes the rounding), the others in one.
        const part = Math.floor(amount / 3);
        const installments = split
          ? [part, part, amount - 2 * part].map((value, k) => ({
              position: k + 1,
              amount: BigInt(value),
              dueDate: new Date(Date.UTC(year, 3 + k * 3, 30)),
            }))
          : [{ position: 1, amount: BigInt(amount), dueDate: new Date(Date.UTC(year, 4, 31)) }];
        const assessment = await prisma.assessment.create({
          data: {
            municipalityId: town.id,
            payerId: payer.id,
            kind: (["WASTE_FEE", "DOG_FEE", "FINE", "ADMIN_FEE"] as const)[i % 4],
            subject: `Předpis ${i + 1} plátce ${p + 1} – poplatek za rok ${year}`,
            year,
            amount: BigInt(amount),
            dueDate: installments.at(-1)!.dueDate,
            variableSymbol: String(vs++),
            constantSymbol: split ? "0558" : null,
            bankAccountId: account.id,
            installments: { create: installments },
          },
        });
        // Older years paid, this year's every third partly paid, the rest unpaid.
        const paid = year < 2026 ? amount : i % 3 === 0 ? Math.floor(amount / 2) : 0;
        if (paid > 0) {
          await prisma.payment.create({
            data: {
              municipalityId: town.id,
              source: i % 2 ? "CARD" : "BANK_STATEMENT",
              amount: BigInt(paid),
              receivedOn: new Date(Date.UTC(year, 2, 15)),
              variableSymbol: assessment.variableSymbol,
              allocations: { create: { assessmentId: assessment.id, amount: BigInt(paid), method: "AUTO" } },
            },
          });
        }
      }
    }
    const token = randomToken();
    const csrf = randomToken();
    await prisma.session.create({
      data: {
        id: sha256(token),
        municipalityId: town.id,
        userId: user.id,
        csrfToken: csrf,
        lastSeenAt: new Date(),
        expiresAt: new Date(Date.now() + 24 * 3_600_000),
      },
    });
    return { url, session: { cookie: `portal_session=${token}; portal_csrf=${csrf}`, csrf }, assessments: payerCount * perPayer };
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function headers(session: Session): Record<string, string> {
  return { host: HOST, "content-type": "application/json", "x-portal-csrf": "1", "x-csrf-token": session.csrf, cookie: session.cookie };
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

function post(url: string, session: Session): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/graphql`, { method: "POST", headers: headers(session) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(ACCOUNT_BODY);
  });
}

async function startTarget(name: string, args: string[], env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    if (child.exitCode !== null) fail(`${name} exited during start:\n${output.join("")}`);
    const ready = await new Promise<boolean>((resolve) =>
      http
        .get(`${url}/readyz`, { headers: { host: HOST } }, (res) => (res.resume(), resolve(res.statusCode === 200)))
        .on("error", () => resolve(false)),
    );
    if (ready) return { name, child, url };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail(`${name} was not ready within 60 s:\n${output.join("")}`);
}

function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function load(target: { url: string; child: ChildProcess }, session: Session, seconds: number) {
  const before = cpuSeconds(target.child.pid);
  const result = await autocannon({
    url: `${target.url}/graphql`,
    method: "POST",
    headers: headers(session),
    body: ACCOUNT_BODY,
    connections,
    pipelining: 1,
    duration: seconds,
  });
  const after = cpuSeconds(target.child.pid);
  return {
    requestsPerSecond: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    cpuMicrosPerRequest:
      before !== null && after !== null && result.requests.total ? ((after - before) * 1e6) / result.requests.total : null,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    totalRequests: result.requests.total,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const withoutLoadedAt = (text: string) => {
  const json = JSON.parse(text) as { data: { personalAccount: Record<string, unknown> } };
  delete json.data.personalAccount.loadedAt;
  return json;
};

async function main() {
  console.log(`machine    ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ""}, Node ${process.version}`);
  const { url, session, assessments } = await prepareDatabase();
  console.log(`database   ${BENCH_DB}: demo towns + 1 citizen with ${payerCount} payers × ${perPayer} assessments (${assessments})`);

  // SQL statements of one request, in-process with the tests' query hook (the second request: host lookup cached).
  let statements: string[] = [];
  const app = await benchPortal(url, "0", { poolSize: 2, onQuery: (sql) => statements.push(sql) });
  for (let i = 0; i < 2; i++) {
    statements = [];
    const response = await app.yoga.fetch("http://localhost/graphql", { method: "POST", headers: headers(session), body: ACCOUNT_BODY });
    const body = (await response.json()) as { data?: { personalAccount?: { assessments: unknown[] } }; errors?: unknown };
    if (body.data?.personalAccount?.assessments.length !== assessments) fail(`unexpected answer: ${JSON.stringify(body).slice(0, 500)}`);
  }
  await app.close();
  console.log(
    `sql        ${statements.length} statement(s) per request (budget 3): ${statements.map((s) => s.slice(0, 60).replace(/\s+/g, " ")).join(" | ")}`,
  );
  if (statements.length > 3) fail(`${statements.length} SQL statements per request, the budget is 3`);

  const raw = await startTarget("raw pg", ["bench/account/raw-pg-server.ts"], { DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE) });
  const full = await startTarget("full stack", ["api/src/main.ts"], {
    DATABASE_URL: url,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    SEED_DEMO: "false",
    DATABASE_POOL_SIZE: String(POOL_SIZE),
  });
  const [rawAnswer, fullAnswer] = [await post(raw.url, session), await post(full.url, session)];
  if (rawAnswer.status !== 200 || fullAnswer.status !== 200)
    fail(`status raw ${rawAnswer.status}, full ${fullAnswer.status}: ${fullAnswer.text.slice(0, 300)}`);
  try {
    deepStrictEqual(withoutLoadedAt(rawAnswer.text), withoutLoadedAt(fullAnswer.text));
  } catch (error) {
    fail(`the raw handler's answer differs from the full stack's:\n${(error as Error).message.slice(0, 2000)}`);
  }
  console.log(
    `answer     identical JSON (loadedAt aside), ${fullAnswer.text.length} bytes from the full stack, ${rawAnswer.text.length} from raw`,
  );

  const figures: Record<"raw" | "full", Awaited<ReturnType<typeof load>>[]> = { raw: [], full: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [key, target] of (round % 2
      ? [
          ["full", full],
          ["raw", raw],
        ]
      : [
          ["raw", raw],
          ["full", full],
        ]) as ["raw" | "full", typeof raw][]) {
      await load(target, session, warmup);
      const measured = await load(target, session, duration);
      figures[key].push(measured);
      console.log(
        `load       ${target.name.padEnd(10)} ${Math.round(measured.requestsPerSecond)} req/s, p50 ${measured.latencyP50Ms} ms, p99 ${measured.latencyP99Ms} ms, ` +
          `CPU ${measured.cpuMicrosPerRequest === null ? "?" : Math.round(measured.cpuMicrosPerRequest)} µs/req, errors ${measured.errors}, non-2xx ${measured.non2xx} (load average ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
  }
  for (const child of children) child.kill("SIGTERM");
  const rawRps = median(figures.raw.map((f) => f.requestsPerSecond));
  const fullRps = median(figures.full.map((f) => f.requestsPerSecond));
  const ratio = fullRps / rawRps;
  const bad = [...figures.raw, ...figures.full].some((f) => f.errors > 0 || f.non2xx > 0);
  console.log(
    `\nresult     full stack ${Math.round(fullRps)} req/s / raw pg ${Math.round(rawRps)} req/s = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO && !bad ? "PASS" : "FAIL"}`,
  );
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `account-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ payers: payerCount, perPayer, statements: statements.length, ratio, figures, connections, duration }, null, 2),
  );
  console.log(`written    ${path.relative(repoRoot, file)}`);
  if (process.env.BENCH_KEEP_DB !== "1") {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }
  process.exit(ratio >= TARGET_RATIO && !bad ? 0 : 1);
}

await main();
