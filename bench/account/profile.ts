// In-process profile helper for the account query (run with --cpu-prof after `BENCH_KEEP_DB=1 npm run bench:account`).
import { benchPortal } from "../api/portal.ts";
import { ACCOUNT_BODY } from "./query.ts";
import pg from "pg";
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";

const url = process.env.BENCH_URL ?? "postgresql://postgres@127.0.0.1:5432/portal_bench_account";
const client = new pg.Client({ connectionString: url });
await client.connect();
const user = (await client.query(`SELECT id, "municipalityId" FROM "User" WHERE email = 'bench-account@lipnice.example'`)).rows[0];
const token = randomToken();
const csrf = randomToken();
await client.query(
  `INSERT INTO "Session" (id, "municipalityId", "userId", "csrfToken", "lastSeenAt", "expiresAt", "createdAt") VALUES ($1, $2, $3, $4, now(), now() + interval '1 day', now())`,
  [sha256(token), user.municipalityId, user.id, csrf],
);
await client.end();
const app = await benchPortal(url, "0", { poolSize: 4 });
const headers = {
  host: "localhost",
  "content-type": "application/json",
  "x-portal-csrf": "1",
  "x-csrf-token": csrf,
  cookie: `portal_session=${token}; portal_csrf=${csrf}`,
};
const ask = async () => (await app.yoga.fetch("http://localhost/graphql", { method: "POST", headers, body: ACCOUNT_BODY })).text();
for (let i = 0; i < 20; i++) await ask();
const n = Number(process.env.N ?? 200);
const t = performance.now();
for (let i = 0; i < n; i++) await ask();
console.log(`${((performance.now() - t) / n).toFixed(2)} ms per request (in-process, sequential)`);
await app.close();
