// The two demo statement files in prisma/seed/statements/ pair with the demo town's assessments: the
// finance clerk of a fresh demo imports both and sees Jana's waste fee paid, Pavel's partly paid, the
// fine's second installment paid, and two payments left for manual pairing.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { DEMO_ACCOUNT } from "../../prisma/seed/account.ts";
import { DEMO_CAMT, DEMO_CAMT_FILE, DEMO_GPC, DEMO_GPC_FILE } from "../../prisma/seed/statements/write-demo-statements.ts";
import { camt053Text, gpcBytes } from "../../api/src/integrations/bank-statements/synthetic.ts";
import type { TestApp } from "../kit/app.ts";
import { Client } from "../kit/graphql.ts";
import { createNoticeTestApp } from "./notices-support.ts";
import { assessmentState, importStatement } from "./statements-support.ts";

let app: TestApp & { dataDir: string };
let clerk: Client;

beforeAll(async () => {
  app = await createNoticeTestApp();
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = app.dataDir;
  try {
    await seedDemo(app.database.prisma);
  } finally {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  }
  clerk = new Client(app, { host: "lipnice.localhost" });
  const login = await clerk.request(
    `mutation { login(input: { email: "referent@lipnice.example", password: "Referent-demo-2026" }) { __typename } }`,
  );
  expect(login.data?.login?.__typename ?? JSON.stringify(login.errors)).toMatch(/Success/);
});
afterAll(async () => {
  await app.close();
});

const assessmentId = async (variableSymbol: string) =>
  (await app.database.prisma.assessment.findFirstOrThrow({ where: { variableSymbol, municipality: { slug: "lipnice" } } })).id;

describe("demo statement files", () => {
  it("are what write-demo-statements.ts writes", () => {
    expect(fs.readFileSync(DEMO_GPC_FILE)).toEqual(gpcBytes(DEMO_GPC));
    expect(fs.readFileSync(DEMO_CAMT_FILE, "utf8")).toBe(camt053Text(DEMO_CAMT));
  });

  it("the GPC of the primary account pays Jana's waste fee in full and Pavel's in part", async () => {
    const result = await importStatement(clerk, { name: "lipnice-kb-2026-023.gpc", bytes: fs.readFileSync(DEMO_GPC_FILE) });
    expect(result.__typename).toBe("ImportBankStatementSuccess");
    expect(result.report.statements[0]).toMatchObject({
      statementNumber: 23,
      lineCount: 4,
      paymentLineCount: 3,
      otherLineCount: 1,
      pairedCount: 2,
      unmatchedCount: 1,
      openingBalance: "1234567.89",
      closingBalance: "1235067.89",
      statement: { pairing: { paymentCount: 3, pairedCount: 2, unpairedCount: 1, unpairedAmount: "350.00" } },
    });
    expect(await assessmentState(app, await assessmentId(DEMO_ACCOUNT.variableSymbols.wasteJana))).toMatchObject({
      status: "PAID",
      paid: 90_000,
    });
    expect(await assessmentState(app, await assessmentId(DEMO_ACCOUNT.variableSymbols.wastePavel))).toMatchObject({
      status: "PARTLY_PAID",
      paid: 50_000,
      remaining: 40_000,
    });
    expect(await assessmentState(app, await assessmentId(DEMO_ACCOUNT.variableSymbols.wasteMarie))).toMatchObject({ status: "UNPAID" });
  });

  it("the camt.053 of the ČNB account pays the fine's second installment and leaves the payment without VS", async () => {
    const result = await importStatement(clerk, { name: "lipnice-cnb-2026-112.xml", bytes: fs.readFileSync(DEMO_CAMT_FILE) });
    expect(result.report.statements[0]).toMatchObject({ statementNumber: 112, pairedCount: 1, withoutSymbolCount: 1 });
    const fine = await assessmentState(app, await assessmentId(DEMO_ACCOUNT.variableSymbols.fine));
    expect(fine).toMatchObject({ paid: 200_000, remaining: 100_000, status: "PARTLY_PAID" });
    expect(fine.installments.map((i) => i.status)).toEqual(["PAID", "PAID", "UNPAID"]);
    const unpaired = (await clerk.request(`{ unpairedPayments(first: 10) { totalCount nodes { amount variableSymbol message } } }`)).data!
      .unpairedPayments;
    expect(unpaired.totalCount).toBe(2);
    expect(unpaired.nodes).toEqual(
      expect.arrayContaining([
        { amount: "350.00", variableSymbol: "9876501", message: "Poplatek" },
        { amount: "600.00", variableSymbol: null, message: "Poplatek ze psa Alík 2026 Nováková" },
      ]),
    );
  });

  it("importing them again changes nothing", async () => {
    const again = await importStatement(clerk, { name: "lipnice-kb-2026-023.gpc", bytes: fs.readFileSync(DEMO_GPC_FILE) });
    expect(again.report.statements[0]).toMatchObject({ alreadyImported: true, newPaymentCount: 0 });
  });
});
