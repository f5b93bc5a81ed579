// Bank-statement import + pairing benchmark: a town with BENCH_ASSESSMENTS assessments (default 50 000)
// whose variable symbols match every second line of a synthetic GPC statement of BENCH_LINES lines
// (default 100 000; api/src/integrations/bank-statements/synthetic.ts), imported and paired through the
// service (importBankStatement: parse, checks, one transaction with the account lock, the set-based
// insert of the payments and the set-based pairing, the audit entry), then imported again (the
// "already imported" path). Prints wall-clock seconds, lines per second and the counts.
//
//   npx node bench/statements/import.ts                                     # embedded PGlite, in memory
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx node bench/statements/import.ts
//
// On PostgreSQL it creates a database of its own (bench_statements_<pid>) on that server and drops it after.
import { randomUUID } from "node:crypto";
import pg from "pg";
import pino from "pino";
import { createApp } from "../../api/src/app.ts";
import { loadConfig } from "../../api/src/config.ts";
import type { Context } from "../../api/src/context.ts";
import { openDatabase } from "../../api/src/db/database.ts";
import { scopedToMunicipality } from "../../api/src/db/tenant.ts";
import { czechAccountToIban, parseCzechAccount } from "@portal/forms";
import { gpcBytes, syntheticStatement } from "../../api/src/integrations/bank-statements/synthetic.ts";
import { importBankStatement } from "../../api/src/services/payments/statements/import-bank-statement.ts";

const lineCount = Number(process.env.BENCH_LINES ?? 100_000);
const assessmentCount = Number(process.env.BENCH_ASSESSMENTS ?? 50_000);
const serverUrl = process.env.DATABASE_URL;

let databaseUrl: string | undefined;
let dropDatabase = async () => {};
if (serverUrl) {
  const name = `bench_statements_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
}

const config = loadConfig({
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
});
const app = await createApp({
  config,
  database: await openDatabase({ url: databaseUrl }),
  prepareDatabase: true,
  logger: pino({ level: "silent" }),
});
const prisma = app.services.database.prisma;

try {
  const statement = syntheticStatement(lineCount, 2026);
  const account = parseCzechAccount(`${statement.account}/${statement.bankCode}`)!;
  const town = await prisma.municipality.create({
    data: {
      slug: `bench-${randomUUID().slice(0, 8)}`,
      name: "Město Příkladov",
      ico: "00291005",
      street: "Náměstí 1",
      city: "Příkladov",
      postalCode: "123 45",
      email: "bench@example.cz",
      publicUrl: "http://bench.localhost",
      bankAccounts: {
        create: [
          {
            label: "Běžný účet",
            isPrimary: true,
            prefix: account.prefix,
            number: account.number,
            bankCode: account.bankCode,
            iban: czechAccountToIban(account),
          },
        ],
      },
    },
    include: { bankAccounts: true },
  });
  const clerk = await prisma.user.create({
    data: { municipalityId: town.id, email: "ucetni@example.cz", fullName: "Účetní", role: "CLERK", agendas: ["FINANCE"] },
  });
  const seedStarted = performance.now();
  // Assessments whose VS is that of every second line (the generator's VS is 2026000000 + line index).
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "Payer" ("id", "municipalityId", "name", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, 'Plátce ' || n, now() FROM generate_series(1, 1000) n`,
        town.id,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "Assessment" ("id", "municipalityId", "payerId", "kind", "subject", "year", "amount", "dueDate", "variableSymbol",
         "bankAccountId", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, payers.ids[1 + n % array_length(payers.ids, 1)],
         'WASTE_FEE', 'Poplatek za odpad 2026', 2026, 100000, DATE '2026-05-31', (2026000000 + n * 2)::text, $2::uuid, now()
       FROM generate_series(0, $3::int - 1) n,
         (SELECT array_agg("id") AS ids FROM "Payer" WHERE "municipalityId" = $1::uuid) payers`,
        town.id,
        town.bankAccounts[0]!.id,
        assessmentCount,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "Installment" ("id", "assessmentId", "position", "amount", "dueDate")
       SELECT gen_random_uuid(), "id", 1, "amount", "dueDate" FROM "Assessment" WHERE "municipalityId" = $1::uuid`,
        town.id,
      );
    },
    { timeout: 600_000 },
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const { password: _unused, ...municipality } = { ...town, password: null };
  const ctx = {
    services: app.services,
    clock: app.services.clock,
    municipality: { ...municipality, logo: undefined } as unknown as Context["municipality"],
    db: scopedToMunicipality(prisma, town.id),
    viewer: { userId: clerk.id, role: "CLERK", agendas: ["FINANCE"], sessionId: "bench" },
    apiToken: null,
    locale: "cs",
    meta: { requestId: "bench", ip: null, userAgent: "bench", secure: false },
    responseCookies: [],
  } as unknown as Context;
  const bytes = gpcBytes(statement);
  const file = new File([bytes], "bench.gpc");

  const run = async () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importBankStatement(ctx, { file });
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, result: report.statements[0]! };
  };
  const first = await run();
  const again = await run();
  const paired = await prisma.paymentAllocation.count({ where: { payment: { municipalityId: town.id }, reversedAt: null } });

  const target = databaseUrl ? "PostgreSQL" : "PGlite";
  console.log(
    `${target}, ${lineCount} lines (${(bytes.length / 1e6).toFixed(1)} MB GPC), ${assessmentCount} assessments (seeded in ${seedSeconds.toFixed(1)} s), Node ${process.version}`,
  );
  console.log(
    `import + pair: ${first.seconds.toFixed(2)} s wall (${first.cpuSeconds.toFixed(2)} s CPU of this process), ` +
      `${Math.round(lineCount / first.seconds)} lines/s; payments ${first.result.newPaymentCount}, paired ${first.result.pairing.paired} ` +
      `(in the database: ${paired}), ambiguous ${first.result.pairing.ambiguous}, unmatched ${first.result.pairing.unmatched}, ` +
      `other lines ${first.result.otherLineCount}`,
  );
  console.log(
    `re-import (nothing new): ${again.seconds.toFixed(2)} s wall, new payments ${again.result.newPaymentCount}, already imported ${again.result.alreadyImported}`,
  );
} finally {
  await app.close();
  if (!process.env.BENCH_KEEP) await dropDatabase();
}
