// Importing bank statements: the file must add up, belong to one of the town's accounts and follow the
// last imported statement; everything is written in one transaction or not at all; a re-import (also two
// at once) changes nothing; hostile files are refused with their problems listed and nothing written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { turnovers } from "../../api/src/integrations/bank-statements/synthetic.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { camtFile, credit, debit, financeWorld, gpcFile, importStatement, statement, type FinanceWorld } from "./statements-support.ts";

let app: TestApp;
let world: FinanceWorld;

beforeAll(async () => {
  app = await createTestApp();
  world = await financeWorld(app);
});
afterAll(async () => {
  await app.close();
});

const counts = async (municipalityId = world.municipalityId) => ({
  statements: await app.database.prisma.bankStatement.count({ where: { municipalityId } }),
  payments: await app.database.prisma.payment.count({ where: { municipalityId } }),
  allocations: await app.database.prisma.paymentAllocation.count({ where: { payment: { municipalityId } } }),
});

describe("a statement that does not add up", () => {
  it("is refused with the balance problem and its line, and nothing is written", async () => {
    const before = await counts();
    const good = gpcFile(statement(1, [credit(10_000), debit(2_500)]));
    // The header's closing balance (positions 60-74) one haléř off.
    const text = new TextDecoder("latin1").decode(good.bytes);
    const closing = text.slice(60, 74);
    const broken = text.slice(0, 60) + String(Number(closing) + 1).padStart(14, "0") + text.slice(74);
    const result = await importStatement(world.finance, { name: "spatny.gpc", bytes: new TextEncoder().encode(broken) });
    expect(result.__typename).toBe("StatementFileError");
    expect(result.code).toBe("STATEMENT_FILE");
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 1, code: "statement.balanceMismatch", message: expect.stringContaining("Zůstatky nesouhlasí") }),
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe("the account", () => {
  it("must be one of the town's bank accounts", async () => {
    const before = await counts();
    const result = await importStatement(world.finance, gpcFile(statement(1, [credit(10_000)], { account: "2000100", bankCode: "0800" })));
    expect(result.__typename).toBe("ValidationError");
    expect(result.fieldErrors).toEqual([
      { path: ["file"], code: "UNKNOWN_ACCOUNT", message: "Účet výpisu 2000100 není mezi bankovními účty obce." },
    ]);
    // camt.053 names the account by IBAN: another bank's account with the same number is not ours.
    const camt = await importStatement(world.finance, camtFile(statement(1, [credit(10_000)], { bankCode: "0800" })));
    expect(camt.fieldErrors[0]).toMatchObject({ code: "UNKNOWN_ACCOUNT", message: expect.stringContaining("CZ") });
    expect(await counts()).toEqual(before);
  });
});

describe("statement numbers in sequence", () => {
  let world2: FinanceWorld;
  beforeAll(async () => {
    world2 = await financeWorld(app);
  });

  it("accepts the first statement of an account, then only the next one; a gap or going back needs allowGap", async () => {
    const first = statement(10, [credit(1_000)]);
    expect((await importStatement(world2.finance, gpcFile(first))).__typename).toBe("ImportBankStatementSuccess");
    const gap = statement(12, [credit(2_000)], { openingBalance: turnovers(first).closing });
    const refused = await importStatement(world2.finance, gpcFile(gap));
    expect(refused.__typename).toBe("ValidationError");
    expect(refused.fieldErrors).toEqual([
      {
        path: ["allowGap"],
        code: "SEQUENCE_GAP",
        message: expect.stringMatching(/^Výpis č\. 12 účtu CZ\d+ nenavazuje na naposledy načtený výpis č\. 10\./),
      },
    ]);
    const back = statement(9, [credit(3_000)], { openingBalance: turnovers(first).closing });
    expect((await importStatement(world2.finance, gpcFile(back))).fieldErrors[0].code).toBe("SEQUENCE_GAP");
    expect(await counts(world2.municipalityId)).toMatchObject({ statements: 1, payments: 1 });

    const confirmed = await importStatement(world2.finance, gpcFile(gap), { allowGap: true });
    expect(confirmed.__typename).toBe("ImportBankStatementSuccess");
    expect(confirmed.report.statements[0]).toMatchObject({ statementNumber: 12, newPaymentCount: 1 });
  });

  it("refuses an opening balance that does not continue the last statement (unless allowGap)", async () => {
    const wrongOpening = statement(13, [credit(500)], { openingBalance: 1 });
    const refused = await importStatement(world2.finance, gpcFile(wrongOpening));
    expect(refused.fieldErrors[0]).toMatchObject({ path: ["allowGap"], code: "OPENING_MISMATCH" });
  });

  it("the next number is accepted without confirmation", async () => {
    const last = await app.database.prisma.bankStatement.findFirstOrThrow({
      where: { municipalityId: world2.municipalityId, statementNumber: 12 },
    });
    const next = statement(13, [credit(700)], { openingBalance: Number(last.closingBalance) });
    const result = await importStatement(world2.finance, gpcFile(next));
    expect(result.report.statements[0]).toMatchObject({ statementNumber: 13, newPaymentCount: 1, alreadyImported: false });
  });
});

describe("re-import", () => {
  let world3: FinanceWorld;
  beforeAll(async () => {
    world3 = await financeWorld(app);
  });

  it("of the same file is 'already imported': nothing changes", async () => {
    const file = gpcFile(statement(5, [credit(1_000), credit(2_000), debit(500)]));
    const first = await importStatement(world3.finance, file);
    expect(first.report.statements[0]).toMatchObject({
      newPaymentCount: 2,
      paymentLineCount: 2,
      otherLineCount: 1,
      lineCount: 3,
      alreadyImported: false,
      creditTotal: "30.00",
      debitTotal: "5.00",
    });
    const before = await counts(world3.municipalityId);
    const again = await importStatement(world3.finance, file);
    expect(again.__typename).toBe("ImportBankStatementSuccess");
    expect(again.report.statements[0]).toMatchObject({ newPaymentCount: 0, alreadyImportedCount: 2, alreadyImported: true });
    expect(again.report.statements[0].lines.map((line: any) => line.outcome)).toEqual([
      "ALREADY_IMPORTED",
      "ALREADY_IMPORTED",
      "NOT_A_PAYMENT",
    ]);
    expect(again.report.statements[0].statement.id).toBe(first.report.statements[0].statement.id);
    expect(await counts(world3.municipalityId)).toEqual(before);
  });

  it("of the same statement with balances changed is refused", async () => {
    const changed = gpcFile(statement(5, [credit(1_000), credit(2_000)]));
    const result = await importStatement(world3.finance, changed);
    expect(result.fieldErrors[0]).toMatchObject({ code: "CONFLICTING_STATEMENT" });
  });

  it("two imports of one file at once make one set of payments", async () => {
    const last = await app.database.prisma.bankStatement.findFirstOrThrow({ where: { municipalityId: world3.municipalityId } });
    const file = gpcFile(statement(6, [credit(100), credit(200), credit(300)], { openingBalance: Number(last.closingBalance) }));
    const before = await counts(world3.municipalityId);
    const results = await Promise.all([importStatement(world3.finance, file), importStatement(world3.finance, file)]);
    expect(results.map((result) => result.__typename)).toEqual(["ImportBankStatementSuccess", "ImportBankStatementSuccess"]);
    expect(results.map((result) => result.report.statements[0].newPaymentCount).sort()).toEqual([0, 3]);
    expect(await counts(world3.municipalityId)).toEqual({ ...before, statements: before.statements + 1, payments: before.payments + 3 });
  });
});

describe("atomicity", () => {
  it("a failure in the middle of a file leaves nothing of it", async () => {
    const world4 = await financeWorld(app);
    const s20 = statement(20, [credit(1_000)]);
    await importStatement(world4.finance, gpcFile(s20));
    const s21 = statement(21, [credit(2_000), credit(3_000)], { openingBalance: turnovers(s20).closing });
    // Statement 22 is stored already with other balances (imported with a gap confirmed)...
    await importStatement(world4.finance, gpcFile(statement(22, [credit(9_000)], { openingBalance: 1 })), { allowGap: true });
    const before = await counts(world4.municipalityId);
    // ...so a file of 21 then a different 22 fails at 22, after 21's payments were written in the transaction.
    const s22 = statement(22, [credit(4_000)], { openingBalance: turnovers(s21).closing });
    const file = new Uint8Array([...gpcFile(s21).bytes, ...gpcFile(s22).bytes]);
    const result = await importStatement(world4.finance, { name: "dva-vypisy.gpc", bytes: file }, { allowGap: true });
    expect(result.fieldErrors[0]).toMatchObject({ code: "CONFLICTING_STATEMENT" });
    expect(await counts(world4.municipalityId)).toEqual(before);
    expect(await app.database.prisma.bankStatement.count({ where: { municipalityId: world4.municipalityId, statementNumber: 21 } })).toBe(
      0,
    );
  });
});

describe("statement numbers per year", () => {
  it("accepts statement 1 of a new year after the last of the old one, and keeps both years' number 1 apart", async () => {
    const world6 = await financeWorld(app);
    const first = statement(1, [credit(1_000)], { openingDate: "2025-01-02", date: "2025-01-03" });
    expect((await importStatement(world6.finance, gpcFile(first))).report.statements[0]).toMatchObject({ statementNumber: 1 });
    const last = statement(2, [credit(2_000)], { openingDate: "2025-12-30", date: "2025-12-31", openingBalance: turnovers(first).closing });
    await importStatement(world6.finance, gpcFile(last));
    // The bank starts again at 001 in January: not a gap, not "already imported with other balances".
    const january = statement(1, [credit(3_000)], {
      openingDate: "2026-01-01",
      date: "2026-01-02",
      openingBalance: turnovers(last).closing,
    });
    const result = await importStatement(world6.finance, gpcFile(january));
    expect(result.report.statements[0]).toMatchObject({ statementNumber: 1, newPaymentCount: 1, alreadyImported: false });
    const stored = await app.database.prisma.bankStatement.findMany({
      where: { municipalityId: world6.municipalityId },
      orderBy: [{ statementYear: "asc" }, { statementNumber: "asc" }],
    });
    expect(stored.map((s) => [s.statementYear, s.statementNumber])).toEqual([
      [2025, 1],
      [2025, 2],
      [2026, 1],
    ]);
    // The same January statement again changes nothing.
    expect((await importStatement(world6.finance, gpcFile(january))).report.statements[0]).toMatchObject({
      alreadyImported: true,
      newPaymentCount: 0,
    });
  });
});

describe("dry run", () => {
  it("reports what would be imported and how it would pair, and writes nothing", async () => {
    const world5 = await financeWorld(app);
    const before = await counts(world5.municipalityId);
    const result = await importStatement(world5.finance, camtFile(statement(3, [credit(1_000, { variableSymbol: "123" }), debit(100)])), {
      dryRun: true,
    });
    expect(result.report).toMatchObject({ dryRun: true });
    expect(result.report.statements[0]).toMatchObject({
      statement: null,
      statementNumber: 3,
      newPaymentCount: 1,
      unmatchedCount: 1,
      unpairedCount: 1,
      lines: [
        expect.objectContaining({ outcome: "UNMATCHED", variableSymbol: "123", amount: "10.00" }),
        expect.objectContaining({ outcome: "NOT_A_PAYMENT", direction: "DEBIT" }),
      ],
    });
    expect(await counts(world5.municipalityId)).toEqual(before);
    expect(await app.database.prisma.auditLogEntry.count({ where: { municipalityId: world5.municipalityId } })).toBe(0);
  });
});

describe("hostile and malformed files", () => {
  const rejected = async (file: { name: string; bytes: Uint8Array | string }) => {
    const before = await counts();
    const result = await importStatement(world.finance, file);
    expect(await counts()).toEqual(before);
    return result;
  };

  it("refuses XML with a DOCTYPE or entities (no XXE, no entity expansion)", async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>';
    const result = await rejected({ name: "bomba.xml", bytes: bomb });
    expect(result.__typename).toBe("StatementFileError");
    expect(result.problems.map((problem: any) => problem.code)).toContain("camt.doctype");
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>';
    expect((await rejected({ name: "xxe.xml", bytes: xxe })).problems[0].code).toBe("camt.doctype");
  });

  it("refuses a binary file, a file in no known format and an empty file", async () => {
    expect((await rejected({ name: "vypis.gpc", bytes: new Uint8Array([0x30, 0x37, 0x34, 0, 1, 2, 3]) })).problems[0].code).toBe(
      "statement.binary",
    );
    expect((await rejected({ name: "vypis.txt", bytes: "Dobrý den, posílám výpis." })).problems[0].code).toBe("statement.unknownFormat");
    expect((await rejected({ name: "prazdny.gpc", bytes: "" })).problems[0].code).toBe("statement.empty");
  });

  it("reads a GPC saved as UTF-8 by mistake (with a warning) and refuses one with garbled records", async () => {
    const file = gpcFile(statement(1, [credit(1_000, { counterpartyName: "Žluťoučký kůň" })]));
    const garbled = new TextDecoder("latin1").decode(file.bytes).replace("075", "07X");
    const result = await rejected({ name: "rozbity.gpc", bytes: garbled });
    expect(result.problems[0]).toMatchObject({ code: "gpc.recordType", line: 2 });
  });

  it("refuses a file over the size limit before parsing it", async () => {
    const huge = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x30);
    const result = await rejected({ name: "obri.gpc", bytes: huge });
    expect(result.fieldErrors).toEqual([{ path: ["file"], code: "FILE_TOO_LARGE", message: "Soubor je příliš velký (nejvýše 20 MB)." }]);
  });
});

describe("authorization", () => {
  it("a clerk without the FINANCE agenda may not import", async () => {
    const result = await importStatement(world.registersClerk, gpcFile(statement(1, [credit(1_000)])));
    expect(result.errors[0].extensions.code).toBe("FORBIDDEN");
  });
});
