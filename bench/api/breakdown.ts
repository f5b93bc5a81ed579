// Where does the full stack's time go? In-process, no HTTP: each benchmark query through yoga the way
// the HTTP route hands it over (api/src/server.ts: a fetch Request plus the parsed body), without and
// with the response cache, and the data access underneath, layer by layer. Each row: operations per
// second with `BENCH_IN_FLIGHT` (default 20) in flight after a warm-up, and this process's CPU time
// per operation, which is far less sensitive than throughput to other work on a shared machine.
// Needs the seeded portal_bench database, so run it after a bench that keeps it:
//   BENCH_KEEP_DB=1 npm run bench:api && node bench/api/breakdown.ts
// (from the repository root, with the repository's Node: `npx node bench/api/breakdown.ts`).
import pg from "pg";
import { scopedToMunicipality } from "../../api/src/db/tenant.ts";
import { postedAt } from "../../api/src/services/notices/visibility.ts";
import { benchPortal } from "./portal.ts";
import { BOARD_PAGE_SIZE, QUERIES } from "./queries.ts";

const url = process.env.BENCH_DB_URL ?? "postgresql://postgres@127.0.0.1:5432/portal_bench";
const seconds = Number(process.env.BENCH_DURATION ?? 4);
const inFlight = Number(process.env.BENCH_IN_FLIGHT ?? 20);

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

const uncached = await benchPortal(url, "0", { poolSize: 10 });
const cached = await benchPortal(url, "60", { poolSize: 10 });
const municipality = await uncached.municipalities.resolve("localhost");
const prisma = uncached.services.database.prisma;
const pool = new pg.Pool({ connectionString: url, max: 10 });

for (const query of Object.values(QUERIES)) {
  const parsedBody = { value: JSON.parse(query.body) as unknown };
  const ask = (app: typeof uncached) => async () => {
    const request = new app.yoga.fetchAPI.Request("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost", "content-length": String(query.body.length) },
    });
    const meta = { requestId: "breakdown", ip: "127.0.0.1", userAgent: null, secure: false };
    return (await app.yoga.handleRequest(request, { meta, parsedBody })).text();
  };
  const answer = JSON.parse(await ask(uncached)()) as { data?: Record<string, unknown> };
  const problem = query.check(answer);
  if (problem) throw new Error(`the ${query.name} query fails: ${problem}`);
  await rate(`yoga ${query.name} query, response cache off (GraphQL + context + Prisma)`, ask(uncached));
  await rate(`yoga ${query.name} query, answered from the response cache`, ask(cached));
}

const db = scopedToMunicipality(prisma, municipality.id);
const bankAccountsQuery = {
  where: { municipalityId: municipality.id },
  orderBy: [{ isPrimary: "desc" as const }, { label: "asc" as const }],
};
await rate("prisma: bank accounts (the home query's 1 statement), base client", () => prisma.bankAccount.findMany(bankAccountsQuery));
await rate("prisma: bank accounts, tenant-scoped client", () => db.bankAccount.findMany(bankAccountsQuery));
await rate("raw pg: bank accounts", () =>
  pool.query('SELECT * FROM "BankAccount" WHERE "municipalityId" = $1 ORDER BY "isPrimary" DESC, label ASC', [municipality.id]),
);
await rate(`prisma: the board's notices (${BOARD_PAGE_SIZE + 1} rows, every column), tenant-scoped client`, () =>
  db.notice.findMany({ where: postedAt(new Date()), orderBy: [{ postedAt: "desc" }, { id: "desc" }], take: BOARD_PAGE_SIZE + 1 }),
);
await rate(`raw pg: the board's notices (${BOARD_PAGE_SIZE + 1} rows, every column)`, () =>
  pool.query(
    `SELECT * FROM "Notice" WHERE "municipalityId" = $1 AND status = 'APPROVED' AND "postedAt" <= $2 AND "takeDownAt" > $2
      ORDER BY "postedAt" DESC, id DESC LIMIT $3`,
    [municipality.id, new Date(), BOARD_PAGE_SIZE + 1],
  ),
);

await pool.end();
await uncached.close();
await cached.close();
