// Where does the full stack's time go? In-process, no HTTP: the home query through yoga.fetch, and
// the data access it does, layer by layer. Each row: requests per second with 20 in flight, after a
// warm-up. Run after a bench (it needs the seeded portal_bench database, so use BENCH_KEEP_DB=1):
//   BENCH_KEEP_DB=1 npm run bench:api && node bench/api/breakdown.ts
import pg from "pg";
import { createApp } from "../../api/src/app.ts";
import { loadConfig } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { scopedToMunicipality } from "../../api/src/db/tenant.ts";
import { HOME_QUERY } from "./home-query.ts";

const url = process.env.BENCH_DB_URL ?? "postgresql://postgres@127.0.0.1:5432/portal_bench";
const seconds = Number(process.env.BENCH_DURATION ?? 4);
const inFlight = 20;

async function rate(name: string, fn: () => Promise<unknown>) {
  const run = async (ms: number) => {
    let count = 0;
    const end = Date.now() + ms;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (Date.now() < end) {
          await fn();
          count++;
        }
      }),
    );
    return count / (ms / 1000);
  };
  await run(1500);
  const cpuBefore = process.cpuUsage();
  const perSecond = await run(seconds * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  // CPU of this process per operation: what the API server would spend, PostgreSQL's share excluded.
  const cpuMicros = (cpu.user + cpu.system) / (perSecond * seconds);
  console.log(`${name.padEnd(66)}${String(Math.round(perSecond)).padStart(7)} /s ${cpuMicros.toFixed(0).padStart(6)} µs CPU each`);
}

const database = await openDatabase({ url, poolSize: 10 });
const config = loadConfig({ DATABASE_URL: url, NODE_ENV: "production", LOG_LEVEL: "silent", SEED_DEMO: "false" });
const app = await createApp({ config, database });
const municipality = await app.municipalities.resolve("localhost");
const prisma = database.prisma;
const body = JSON.stringify({ query: HOME_QUERY, operationName: "Home" });
const pool = new pg.Pool({ connectionString: url, max: 10 });
const bankAccountsQuery = { orderBy: [{ isPrimary: "desc" as const }, { label: "asc" as const }] };

const probe = await (
  await app.yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body })
).text();
if (!probe.startsWith('{"data":{"municipality":')) throw new Error(`the home query fails: ${probe}`);

await rate("yoga.fetch home query (GraphQL + context + Prisma)", async () => {
  const response = await app.yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  await response.text();
});
await rate("prisma: the 2 statements (base client)", () =>
  prisma.municipality.findUniqueOrThrow({ where: { id: municipality.id }, include: { bankAccounts: bankAccountsQuery } }),
);
await rate("prisma: the 2 statements via scopedToMunicipality() made per call", () =>
  scopedToMunicipality(prisma, municipality.id).municipality.findUniqueOrThrow({
    where: { id: municipality.id },
    include: { bankAccounts: bankAccountsQuery },
  }),
);
await rate("prisma: bank accounts only (1 statement, base client)", () =>
  prisma.bankAccount.findMany({ where: { municipalityId: municipality.id }, ...bankAccountsQuery }),
);
await rate("scopedToMunicipality() alone (no query)", async () => scopedToMunicipality(prisma, municipality.id));
await rate("raw pg: 2 statements", async () => {
  await pool.query('SELECT * FROM "Municipality" WHERE id = $1', [municipality.id]);
  await pool.query('SELECT * FROM "BankAccount" WHERE "municipalityId" = $1 ORDER BY "isPrimary" DESC, label ASC', [municipality.id]);
});

await pool.end();
await app.close();
