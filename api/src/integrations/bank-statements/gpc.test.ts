import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectStatementFormat, followsStatement, parseBankStatement, statementIssueMessage } from "./index.ts";
import { parseGpc, type GpcOptions } from "./gpc.ts";
import { gpcBytes, gpcText, syntheticStatement, turnovers, type SyntheticStatement } from "./synthetic.ts";
import { StatementParseError, type StatementIssue } from "./types.ts";

const FIXTURE = readFileSync(new URL("./fixtures/town-2027-03-26.gpc", import.meta.url));

function issuesOf(bytes: Uint8Array, options?: GpcOptions): StatementIssue[] {
  try {
    parseGpc(bytes, options);
  } catch (error) {
    if (error instanceof StatementParseError) return error.issues;
    throw error;
  }
  throw new Error("expected a StatementParseError");
}

const cp1250 = (text: string) => iconv.encode(text, "win1250");
const fixtureRecords = () => iconv.decode(FIXTURE, "win1250").split("\r\n");
const withRecord = (index: number, replace: (record: string) => string) => {
  const records = fixtureRecords();
  records[index] = replace(records[index]!);
  return cp1250(records.join("\r\n"));
};

// One 075 record written field by field from the layout in DOMAIN.md, independently of synthetic.ts.
const HAND_WRITTEN_ITEM =
  "075" +
  "0000192000145399" + // account (16)
  "0000350000123457" + // counter-account (16): 35-123457
  "0000000012345" + // document number (13)
  "000000098765" + // amount (12): 987.65 Kč
  "2" + // posting code: credit
  "0000000777" + // VS (10)
  "00" +
  "0300" +
  "0558" + // bank code 0300 at positions 5-8 from the right, KS 0558 in the last 4
  "0000000042" + // SS (10)
  "150327" + // value date 15.03.2027
  "Kovářová Zdeňka     " + // counterparty name (20)
  "0" + // change code
  "0203" + // data type (CZK)
  "160327"; // due date 16.03.2027

describe("GPC/ABO", () => {
  it("reads the windows-1250 fixture: header, diacritics, symbols, bank codes, reversal, fee without counter-account", () => {
    expect(detectStatementFormat(FIXTURE)).toBe("GPC");
    const { statements, warnings } = parseBankStatement(FIXTURE);
    expect(warnings).toEqual([]);
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({
      format: "GPC",
      account: { number: "19-2000145399", bankCode: null, iban: null },
      currency: "CZK",
      statementNumber: "007",
      sequenceNumber: 7,
      periodFrom: "2027-03-25",
      periodTo: "2027-03-26",
      openingBalance: 150_000_000,
      closingBalance: 150_000_000 + 120_000 + 50_000 - 50_000 - 435_050 - 250,
      creditTurnover: 120_000,
      debitTurnover: 435_300,
      sourceLine: 1,
    });
    expect(statement!.lines.map((line) => [line.sourceLine, line.direction, line.reversal, line.amount, line.balanceEffect])).toEqual([
      [2, "CREDIT", false, 120_000, 120_000],
      [4, "CREDIT", false, 50_000, 50_000],
      [5, "DEBIT", false, 435_050, -435_050],
      [7, "CREDIT", true, 50_000, -50_000],
      [8, "DEBIT", false, 250, -250],
    ]);
    expect(statement!.lines[0]).toMatchObject({
      counterAccount: { number: "2000145399", bankCode: "0800", iban: expect.stringMatching(/^CZ\d{2}08000000002000145399$/) },
      counterpartyName: "Dvořáková Růžena",
      variableSymbol: "2027000101",
      constantSymbol: "308",
      specificSymbol: null,
      valueDate: "2027-03-26",
      bookingDate: "2027-03-26",
      bankReference: "4711001",
      message: "Poplatek za psa – Žeryk",
    });
    expect(statement!.lines[1]).toMatchObject({ counterpartyName: "Šťastný Čeněk", specificSymbol: "2027", valueDate: "2027-03-25" });
    expect(statement!.lines[1]!.counterAccount).toMatchObject({ number: "19-123457", bankCode: "0100" });
    expect(statement!.lines[4]).toMatchObject({ counterAccount: null, variableSymbol: null, counterpartyName: "Poplatek za výpis" });
  });

  it("reads a record written by hand from the documented layout", () => {
    const records = fixtureRecords();
    const header = records[0]!.slice(0, 60) + "00000150098765+" + "00000000000000" + "0" + "00000000098765" + "0" + records[0]!.slice(105);
    const [statement] = parseGpc(cp1250(`${header}\r\n${HAND_WRITTEN_ITEM}\r\n`)).statements;
    expect(statement!.lines[0]).toMatchObject({
      amount: 98_765,
      direction: "CREDIT",
      counterAccount: { number: "35-123457", bankCode: "0300" },
      variableSymbol: "777",
      constantSymbol: "558",
      specificSymbol: "42",
      valueDate: "2027-03-15",
      bookingDate: "2027-03-16",
      bankReference: "12345",
      counterpartyName: "Kovářová Zdeňka",
    });
  });

  it("posting codes: the reversals34 dialect reads 3 and 4 as reversals", () => {
    const records = fixtureRecords();
    // Reversal of the credit: code 5 in the standard layout, 4 in the other dialect.
    records[6] = records[6]!.slice(0, 60) + "4" + records[6]!.slice(61);
    const [statement] = parseGpc(cp1250(records.join("\r\n")), { postingCodes: "reversals34" }).statements;
    expect(statement!.lines[3]).toMatchObject({ direction: "CREDIT", reversal: true });
    expect(issuesOf(withRecord(1, (r) => r.slice(0, 60) + "3" + r.slice(61)))[0]).toMatchObject({ code: "gpc.postingCode", line: 2 });
  });

  it("reads account numbers in a bank's internal order when told", () => {
    // 19-2000145399 in the internal order: standard digit i sits at internal position ORDER[i].
    const standard = "0000192000145399";
    const order = [10, 11, 12, 13, 14, 15, 4, 5, 6, 7, 8, 3, 9, 1, 2, 0];
    const internal = Array.from({ length: 16 }, () => "0");
    order.forEach((position, i) => (internal[position] = standard[i]!));
    const records = fixtureRecords().map((r) =>
      r.startsWith("074") || r.startsWith("075") ? r.slice(0, 3) + internal.join("") + r.slice(19) : r,
    );
    const bytes = cp1250(records.join("\r\n"));
    expect(parseGpc(bytes, { accountOrder: "internal" }).statements[0]!.account.number).toBe("19-2000145399");
  });

  it.each([
    [
      "a short record",
      () => withRecord(1, (r) => r.slice(0, 120)),
      { code: "gpc.recordLength", line: 2, params: { length: 120, expected: 128 } },
    ],
    ["an impossible date", () => withRecord(1, (r) => r.slice(0, 91) + "310227" + r.slice(97)), { code: "gpc.date", line: 2 }],
    ["letters in an amount", () => withRecord(3, (r) => r.slice(0, 48) + "00000005000O" + r.slice(60)), { code: "gpc.amount", line: 4 }],
    ["an unknown posting code", () => withRecord(4, (r) => r.slice(0, 60) + "9" + r.slice(61)), { code: "gpc.postingCode", line: 5 }],
    ["a bad balance sign", () => withRecord(0, (r) => r.slice(0, 59) + "x" + r.slice(60)), { code: "gpc.sign", line: 1 }],
    [
      "a statement number that is not one",
      () => withRecord(0, (r) => r.slice(0, 105) + "0A7" + r.slice(108)),
      { code: "statement.statementNumber", line: 1 },
    ],
    ["an unknown record type", () => withRecord(2, (r) => "099" + r.slice(3)), { code: "gpc.recordType", line: 3 }],
    [
      "a closing balance that does not add up",
      () => withRecord(0, (r) => r.slice(0, 73) + "8" + r.slice(74)),
      { code: "statement.balanceMismatch", line: 1 },
    ],
    [
      "an item of another account",
      () => withRecord(3, (r) => r.slice(0, 3) + "0000190000123457" + r.slice(19)),
      { code: "gpc.account", line: 4 },
    ],
    ["an item before any header", () => cp1250(fixtureRecords().slice(1).join("\r\n")), { code: "gpc.itemBeforeHeader", line: 1 }],
    ["a binary file", () => new Uint8Array([0x30, 0x37, 0x34, 0, 1, 2]), { code: "statement.binary", line: null }],
  ])("refuses %s with a line-numbered issue", (_, bytes, expected) => {
    expect(issuesOf(bytes())).toContainEqual(expect.objectContaining(expected));
  });

  it("reports a stated turnover that differs from the lines", () => {
    const bytes = withRecord(0, (r) => r.slice(0, 88) + "1" + r.slice(89));
    const issues = issuesOf(bytes);
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "statement.turnoverMismatch",
        line: 1,
        params: { direction: "DEBIT", stated: 435_301, lines: 435_300 },
      }),
    );
    expect(
      statementIssueMessage(
        "cs",
        issues.find((issue) => issue.code === "statement.turnoverMismatch")!,
      ),
    ).toBe("Řádek 1: Obrat (DEBIT) uvedený ve výpisu 435301 nesouhlasí se součtem položek 435300 (v haléřích).");
  });

  it("collects every bad line, not just the first", () => {
    const records = fixtureRecords();
    records[1] = records[1]!.slice(0, 100);
    records[3] = records[3]!.slice(0, 60) + "7" + records[3]!.slice(61);
    const issues = issuesOf(cp1250(records.join("\r\n")));
    expect(issues.map((issue) => [issue.code, issue.line])).toEqual([
      ["gpc.recordLength", 2],
      ["gpc.textBeforeItem", 3],
      ["gpc.postingCode", 4],
    ]);
    expect(statementIssueMessage("en", issues[0]!)).toBe("Line 2: The record has 100 characters; GPC requires 128.");
  });

  it("reads a UTF-8 file (a converter's mistake) with a warning, and refuses files over the size limit", () => {
    const utf8 = Buffer.from(iconv.decode(FIXTURE, "win1250"), "utf8");
    const { statements, warnings } = parseGpc(utf8);
    expect(statements[0]!.lines[0]!.counterpartyName).toBe("Dvořáková Růžena");
    expect(warnings).toEqual([{ code: "statement.encoding", line: null, params: { expected: "windows-1250", found: "UTF-8" } }]);
    expect(issuesOf(FIXTURE, { maxBytes: 100 })).toEqual([
      { code: "statement.tooLarge", line: null, params: { bytes: FIXTURE.length, max: 100 } },
    ]);
    expect(issuesOf(FIXTURE, { maxLines: 2 })[0]).toMatchObject({ code: "statement.tooManyLines", line: 5 });
  });

  describe("several statements in one file", () => {
    const first = { ...syntheticStatement(3, 5), number: 998, openingDate: "2026-12-29", date: "2026-12-30" };
    const next = (changes: Partial<SyntheticStatement>): SyntheticStatement => ({
      ...syntheticStatement(2, 6),
      number: 999,
      openingDate: "2026-12-30",
      date: "2026-12-31",
      openingBalance: turnovers(first).closing,
      ...changes,
    });
    const file = (...statements: SyntheticStatement[]) => cp1250(statements.map(gpcText).join(""));

    it("reads consecutive statements, and 001 may follow 999", () => {
      const third = { ...next({}), number: 1, openingDate: "2026-12-31", date: "2027-01-04", openingBalance: turnovers(next({})).closing };
      const { statements } = parseGpc(file(first, next({}), third));
      expect(statements.map((statement) => [statement.statementNumber, statement.sourceLine, statement.lines.length])).toEqual([
        ["998", 1, 3],
        ["999", 5 + first.lines.filter((line) => line.message).length, 2],
        ["001", expect.any(Number), 2],
      ]);
      expect(followsStatement(statements[1]!, statements[2]!)).toBe(true);
      expect(followsStatement(statements[2]!, statements[0]!)).toBe(false);
    });

    it("refuses a gap in the numbers and an opening balance that does not continue the previous closing", () => {
      const issues = issuesOf(file(first, next({ number: 3, openingBalance: 1 })));
      expect(issues.map((issue) => issue.code)).toEqual(["statement.sequence", "statement.openingBalance"]);
      expect(statementIssueMessage("cs", issues[0]!)).toMatch(/^Řádek \d+: Výpis číslo 003 nenavazuje na předchozí výpis číslo 998\.$/);
    });
  });

  it("parses 100 000 generated lines with balances that add up", { timeout: 120_000 }, () => {
    const statement = syntheticStatement(100_000, 7);
    const bytes = gpcBytes(statement);
    const [parsed] = parseGpc(bytes).statements;
    expect(parsed!.lines).toHaveLength(100_000);
    expect(parsed!.closingBalance).toBe(turnovers(statement).closing);
    expect(parsed!.lines[99_999]!.variableSymbol).toBe(String(2026000000 + 99_999));
    expect(gpcText(statement).split("\r\n")[1]).toHaveLength(128);
  });
});
