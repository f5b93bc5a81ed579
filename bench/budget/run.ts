// Budget benchmark: a town's year-to-date accounting export of 200 000 and 500 000 lines imported through the real
// import path (CSV → adapter → one transaction with lines and precomputed aggregates), then the public drill-down's
// queries, which read only the aggregates: p50/p95 over BENCH_ITERATIONS runs each. Target: p95 ≤ 50 ms at 200 000
// lines. Run on demand: `npm run bench:budget`.
//
// Environment: BENCH_DATABASE_URL (PostgreSQL; the database portal_bench_budget on it is dropped and re-created; the
// default is embedded PGlite, as `npm start`), BENCH_LINES (comma-separated sizes, default 200000,500000),
// BENCH_ITERATIONS (100).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ManualClock } from "../../api/src/clock.ts";
import type { Context } from "../../api/src/context.ts";
import { paths } from "../../api/src/config.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { migrate, readMigrations } from "../../api/src/db/migrate.ts";
import { scopedToMunicipality } from "../../api/src/db/tenant.ts";
import { decideBudgetDataSet } from "../../api/src/services/budget/decide-budget-data-set.ts";
import { drillBudget } from "../../api/src/services/budget/drill-budget.ts";
import { importBudgetData } from "../../api/src/services/budget/import-budget-data.ts";
import { listBudgetDocuments } from "../../api/src/services/budget/list-budget-documents.ts";
import { summarizeBudget } from "../../api/src/services/budget/summarize-budget.ts";

const sizes = (process.env.BENCH_LINES ?? "200000,500000").split(",").map(Number);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 100);
const postgresUrl = process.env.BENCH_DATABASE_URL;
const BENCH_DB = "portal_bench_budget";
const TARGET_P95_MS = 50;

async function openBenchDatabase() {
  if (!postgresUrl) return openDatabase({});
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${BENCH_DB}`;
  return openDatabase({ url: url.toString(), poolSize: 4 });
}

/** A deterministic export of a town of ~40 000 inhabitants: budget lines per paragraf × položka and many documents. */
function exportCsv(lines: number, seed: number): string {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
  // Mostly codes of the codelist, and two it does not know (they go to Nezařazeno with a warning each).
  const paragrafy = [
    "1014",
    "1031",
    "2212",
    "2219",
    "2221",
    "2310",
    "2321",
    "3111",
    "3113",
    "3314",
    "3319",
    "3326",
    "3341",
    "3399",
    "3412",
    "3419",
    "3421",
    "3612",
    "3613",
    "3631",
    "3632",
    "3635",
    "3639",
    "3722",
    "3723",
    "3745",
    "4351",
    "5311",
    "5512",
    "6112",
    "6171",
    "6310",
    "6320",
    "6399",
    "6402",
    "6409",
    "3799",
    "4399",
  ];
  const vydaje = ["5011", "5031", "5032", "5137", "5139", "5154", "5156", "5162", "5166", "5169", "5171", "5222", "5331", "6121", "6122"];
  const prijmy = ["1111", "1112", "1121", "1211", "1340", "1511", "2111", "2131", "2132", "4112", "4116", "4122"];
  const rows = ["Paragraf;Položka;ORJ;ORG;Typ;Částka;Doklad;IČO"];
  for (let i = 0; i < lines; i++) {
    const revenue = next() < 0.25;
    const polozka = revenue ? prijmy[Math.floor(next() * prijmy.length)]! : vydaje[Math.floor(next() * vydaje.length)]!;
    const paragraf = revenue && next() < 0.6 ? "0000" : paragrafy[Math.floor(next() * paragrafy.length)]!;
    const roll = next();
    const type = roll < 0.05 ? "SR" : roll < 0.1 ? "UR" : "SKUT";
    const orj = String(10 + Math.floor(next() * 12));
    const org = next() < 0.3 ? String(1000 + Math.floor(next() * 200)) : "";
    const amount = `${Math.floor(next() * 500_000)},${String(Math.floor(next() * 100)).padStart(2, "0")}`;
    const doc = type === "SKUT" ? `D${seed}-${i}` : "";
    rows.push(`${paragraf};${polozka};${orj};${org};${type};${amount};${doc};`);
  }
  return rows.join("\n");
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const database = await openBenchDatabase();
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-budget-"));
await migrate(database, readMigrations(paths.migrations));
const clock = new ManualClock("2026-11-26T10:00:00Z");
const results: Record<string, unknown>[] = [];
let failed = false;
for (const [index, size] of sizes.entries()) {
  const municipality = await database.prisma.municipality.create({
    data: {
      slug: `bench-${index}`,
      name: `Bench ${index}`,
      ico: `0000000${index}`.slice(-8),
      street: "x",
      city: "x",
      postalCode: "x",
      email: "x@example.cz",
      publicUrl: "http://bench",
    },
  });
  const db = scopedToMunicipality(database.prisma, municipality.id);
  const clerk = await db.user.create({
    data: { municipalityId: municipality.id, email: `bench${index}@example.cz`, fullName: "Bench", role: "CLERK", agendas: ["BUDGET"] },
  });
  const organisation = await db.budgetOrganisation.create({
    data: { municipalityId: municipality.id, kind: "TOWN", code: "mesto", name: "Město" },
  });
  const ctx = {
    db,
    clock,
    locale: "cs",
    municipality,
    viewer: { userId: clerk.id, role: "CLERK", agendas: ["BUDGET"], sessionId: "bench" },
    apiToken: null,
    meta: { requestId: "bench", ip: null, userAgent: null, secure: false },
    services: { publicCache: { invalidate: async () => undefined } },
  } as unknown as Context;
  const csv = exportCsv(size, 17 + index);
  const file = new File([csv], "export.csv");
  const importStart = performance.now();
  const imported = await importBudgetData(ctx, { organisationId: organisation.id, year: 2026, month: 10, file });
  const importMs = performance.now() - importStart;
  if (!imported.dataSet) throw new Error(`import failed: ${JSON.stringify(imported.report.issues.slice(0, 3))}`);
  await decideBudgetDataSet(ctx, { id: imported.dataSet.id, decision: "APPROVE" });
  await decideBudgetDataSet(ctx, { id: imported.dataSet.id, decision: "PUBLISH" });
  const aggregates = await db.budgetAggregate.count({ where: { dataSetId: imported.dataSet.id } });
  const reader = { ...ctx, viewer: null } as unknown as Context;
  const view = { year: 2026 };
  const queries: Record<string, () => Promise<unknown>> = {
    summary: () => summarizeBudget(reader, { view }),
    "expenditure groups": () => drillBudget(reader, { view, path: { side: "EXPENDITURE" } }),
    "paragrafs of a group": () => drillBudget(reader, { view, path: { side: "EXPENDITURE", group: "36" } }),
    "by department (ORJ)": () => drillBudget(reader, { view, path: { side: "EXPENDITURE" }, by: "ORJ" }),
    "by action (ORG)": () => drillBudget(reader, { view, path: { side: "EXPENDITURE" }, by: "ORG" }),
    "documents page": () => listBudgetDocuments(reader, { view, side: "EXPENDITURE", paragraf: "3631", polozka: "5169", limit: 50 }),
  };
  const row: Record<string, unknown> = { lines: size, aggregates, importSeconds: Math.round(importMs / 100) / 10 };
  for (const [name, fn] of Object.entries(queries)) {
    const s = stats(await time(fn));
    row[name] = `p50 ${s.p50.toFixed(1)} / p95 ${s.p95.toFixed(1)} ms`;
    if (size <= 200_000 && name !== "documents page" && s.p95 > TARGET_P95_MS) failed = true;
  }
  results.push(row);
  console.log(JSON.stringify(row, null, 2));
}
await database.close();
console.log(
  `\nbench:budget on ${postgresUrl ? "PostgreSQL" : "PGlite"}: ${failed ? "FAILED" : "passed"} (target p95 ≤ ${TARGET_P95_MS} ms at 200 000 lines)`,
);
process.exit(failed ? 1 : 0);
