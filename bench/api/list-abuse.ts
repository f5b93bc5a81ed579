// The security review's finding 2, measured: an anonymous `nodes(ids:)` with thousands of random
// Notice ids kept the server busy for seconds and /healthz waited as long. Starts the portal as
// `npm start` does (api/src/main.ts, demo data, embedded PGlite in a scratch directory, or
// PostgreSQL with BENCH_DATABASE_URL), then sends, one after the other, each document below while
// /healthz is asked every 20 ms, and prints how long the document took, what it answered, and the
// slowest /healthz meanwhile. Run from the repository root: `npx node bench/api/list-abuse.ts`.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-list-abuse-"));
const databaseUrl = process.env.BENCH_DATABASE_URL;

const server = spawn(process.execPath, ["api/src/main.ts"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    SEED_DEMO: "true",
    RESPONSE_CACHE_TTL_SECONDS: "0",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  },
  stdio: ["ignore", "inherit", "inherit"],
});

async function stop(code: number): Promise<never> {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

const started = Date.now();
for (;;) {
  if (Date.now() - started > 120_000) {
    console.error("the portal did not answer /healthz within 120 s");
    await stop(1);
  }
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}

const noticeId = () => Buffer.from(`Notice:${randomUUID()}`).toString("base64");
const ids = (count: number) => Array.from({ length: count }, noticeId);
const nodes = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Notice { title attachments { fileName } } } }";
const aliased = (aliases: number) =>
  `query($ids: [ID!]!) { ${Array.from({ length: aliases }, (_, i) => `n${i}: nodes(ids: $ids) { id ... on Notice { title } }`).join(" ")} }`;
const board = (first: number, aliases: number) =>
  `{ ${Array.from({ length: aliases }, (_, i) => `b${i}: noticeBoard(first: ${first}) { nodes { id title attachments { fileName } revisions { title } } }`).join(" ")} }`;

const cases: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: "nodes, 4000 random ids (the finding)", query: nodes, variables: { ids: ids(4000) } },
  { name: "nodes, 6000 random ids (the finding, PostgreSQL)", query: nodes, variables: { ids: ids(6000) } },
  { name: "nodes, 100 random ids (the cap)", query: nodes, variables: { ids: ids(100) } },
  { name: "nodes, 30 aliases x 100 ids (the most allowed)", query: aliased(30), variables: { ids: ids(100) } },
  { name: "noticeBoard(first: 100) x 30 aliases (over the cost)", query: board(100, 30) },
  { name: "noticeBoard(first: 20) (the app's page)", query: board(20, 1) },
];

// Warm-up: the first requests of a fresh process pay for compiling code paths, not for the documents.
for (const { query, variables } of cases) {
  await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
}

console.log(`${"document".padEnd(56)}${"ms".padStart(8)}  ${"answer".padEnd(28)}${"slowest /healthz ms".padStart(20)}`);
for (const { name, query, variables } of cases) {
  let polling = true;
  let slowest = 0;
  const poller = (async () => {
    while (polling) {
      const sent = performance.now();
      await fetch(`${base}/healthz`);
      slowest = Math.max(slowest, performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const sent = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  const took = performance.now() - sent;
  polling = false;
  await poller;
  const answer = body.errors?.length ? `${response.status} ${body.errors[0]?.extensions?.code ?? "error"}` : `${response.status} data`;
  console.log(`${name.padEnd(56)}${took.toFixed(0).padStart(8)}  ${answer.padEnd(28)}${slowest.toFixed(0).padStart(20)}`);
}
await stop(0);
