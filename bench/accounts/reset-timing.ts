// Response time of requestPasswordReset for registered and unknown addresses (finding 4: they must
// not differ). Prints p50/p95 of each; not a test. In-process through yoga, like the API tests.
//
//   node bench/accounts/reset-timing.ts                      # embedded PGlite (in memory)
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres node bench/accounts/reset-timing.ts
//   BENCH_SAMPLES=400 node bench/accounts/reset-timing.ts
//
// With a URL it drops and re-creates the database `portal_bench_reset` (nothing else) and drops it at the end.
// Every request uses its own address (registered or not) and client address, so the rate limits
// treat both kinds alike and never refuse; the job queue's workers are not started, so what is
// measured is the request alone (the job does the lookup and the sending afterwards).
import pg from "pg";
import pino from "pino";
import { createApp } from "../../api/src/app.ts";
import { loadConfig, paths } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { installJobSchema } from "../../api/src/jobs/job-queue.ts";

const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const baseUrl = process.env.BENCH_DATABASE_URL;
const benchDb = "portal_bench_reset";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let url: string | undefined;
if (baseUrl) {
  await admin(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${benchDb}`);
  const parsed = new URL(baseUrl);
  parsed.pathname = `/${benchDb}`;
  url = parsed.toString();
}
const config = loadConfig({
  ...(url ? { DATABASE_URL: url } : {}),
  NODE_ENV: "test",
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  RESPONSE_CACHE_TTL_SECONDS: "0",
  ACCOUNT_EMAIL_MAX_PER_IP: "10000",
});
const database = await openDatabase({ url });
await migrate(database, readMigrations(paths.migrations));
await installJobSchema(database, config);
const app = await createApp({ config, database, logger: pino({ level: "silent" }) });

const town = await database.prisma.municipality.create({
  data: {
    slug: "casovani",
    name: "Obec Časovací",
    ico: "00000001",
    street: "Náves 1",
    city: "Časov",
    postalCode: "10000",
    email: "podatelna@casovani.test",
    hosts: { create: { hostname: "casovani.test" } },
  },
});
const known = Array.from({ length: samples }, (_, i) => `znamy${i}@example.cz`);
await database.prisma.user.createMany({
  data: known.map((email) => ({ municipalityId: town.id, email, fullName: "Občan", passwordHash: "x", role: "CITIZEN" as const })),
});

const query = `mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { __typename } }`;
let requestNumber = 0;
async function timeReset(email: string): Promise<number> {
  const n = requestNumber++;
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const started = performance.now();
  const response = await app.yoga.fetch(
    "http://casovani.test/graphql",
    {
      method: "POST",
      headers: { host: "casovani.test", "content-type": "application/json" },
      body: JSON.stringify({ query, variables: { input: { email } } }),
    },
    { meta: { requestId: String(n), ip, userAgent: null, secure: false } },
  );
  const body = (await response.json()) as { data?: { requestPasswordReset?: { __typename: string } } };
  const elapsed = performance.now() - started;
  if (body.data?.requestPasswordReset?.__typename !== "RequestPasswordResetSuccess")
    throw new Error(`unexpected answer ${JSON.stringify(body)}`);
  return elapsed;
}

// Warm-up (JIT, caches, connections), then known and unknown interleaved so drift hits both alike.
for (let i = 0; i < 20; i++) await timeReset(`zahrati${i}@example.cz`);
const knownTimes: number[] = [];
const unknownTimes: number[] = [];
for (let i = 0; i < samples; i++) {
  knownTimes.push(await timeReset(known[i]!));
  unknownTimes.push(await timeReset(`neznamy${i}@example.cz`));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const row = (label: string, values: number[]) =>
  `${label.padEnd(10)} p50 ${percentile(values, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(values, 95).toFixed(2).padStart(7)} ms`;
console.log(`requestPasswordReset on ${database.kind}, ${samples} requests each`);
console.log(row("known", knownTimes));
console.log(row("unknown", unknownTimes));
console.log(`p50 ratio known/unknown: ${(percentile(knownTimes, 50) / percentile(unknownTimes, 50)).toFixed(2)}`);

await app.close();
if (baseUrl) await admin(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
