import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseCamt053 } from "./camt053.ts";
import { detectStatementFormat, parseBankStatement, statementIssueMessage } from "./index.ts";
import { parseGpc } from "./gpc.ts";
import { camt053Text, syntheticStatement, turnovers } from "./synthetic.ts";
import { StatementParseError, type StatementIssue, type StatementLine } from "./types.ts";

const FIXTURE = readFileSync(new URL("./fixtures/town-2027-03-26.camt053.xml", import.meta.url));
const GPC_FIXTURE = readFileSync(new URL("./fixtures/town-2027-03-26.gpc", import.meta.url));
const utf8 = (text: string) => Buffer.from(text, "utf8");

function issuesOf(bytes: Uint8Array): StatementIssue[] {
  try {
    parseCamt053(bytes);
  } catch (error) {
    if (error instanceof StatementParseError) return error.issues;
    throw error;
  }
  throw new Error("expected a StatementParseError");
}

// A hand-written camt.053.001.02 in the style of a Czech bank: VS in the end-to-end id and in the free text,
// the counter-account as "number/bank" in Othr, a batch entry of two transactions, a pending entry.
const HAND_WRITTEN = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>X</MsgId><CreDtTm>2027-01-04T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2027/1</Id>
      <LglSeqNb>1</LglSeqNb>
      <CreDtTm>2027-01-04T06:00:00</CreDtTm>
      <Acct><Id><Othr><Id>2000145399</Id></Othr></Id><Ccy>CZK</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="CZK">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><Dt>2026-12-31</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CZK">1150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2027-01-04</Dt></Dt></Bal>
      <Ntry>
        <Amt Ccy="CZK">250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><DtTm>2027-01-03T23:30:00Z</DtTm></BookgDt><ValDt><Dt>2027-01-04</Dt></ValDt>
        <AcctSvcrRef>R-1</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>VS:20270001 KS:0308</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>Jiří Nový &amp; spol.</Nm></Dbtr><DbtrAcct><Id><Othr><Id>19-123457/0100</Id></Othr></Id></DbtrAcct></RltdPties>
          <RmtInf><Ustrd>Poplatek ze psů</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="CZK">1000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2027-01-04</Dt></BookgDt><ValDt><Dt>2027-01-04</Dt></ValDt>
        <AcctSvcrRef>R-2</AcctSvcrRef>
        <NtryDtls>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="CZK">600.00</Amt></TxAmt></AmtDtls>
            <RltdPties><Dbtr><Nm>Eva Malá</Nm></Dbtr><DbtrAcct><Id><Othr><Id>7654321</Id></Othr></Id></DbtrAcct></RltdPties>
            <RltdAgts><DbtrAgt><FinInstnId><ClrSysMmbId><MmbId>0300</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt></RltdAgts>
            <RmtInf><Ustrd>/VS/20270002/SS/12/KS/558</Ustrd></RmtInf></TxDtls>
          <TxDtls><AmtDtls><TxAmt><Amt Ccy="CZK">400.00</Amt></TxAmt></AmtDtls>
            <RmtInf><Strd><CdtrRefInf><Ref>20270003</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
        </NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="CZK">999.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts>
        <BookgDt><Dt>2027-01-04</Dt></BookgDt><ValDt><Dt>2027-01-05</Dt></ValDt>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;

describe("camt.053", () => {
  it("reads the fixture (version .08) into the same lines as the GPC fixture of the same day", () => {
    expect(detectStatementFormat(FIXTURE)).toBe("CAMT053");
    const [camt] = parseBankStatement(FIXTURE).statements;
    const [gpc] = parseGpc(GPC_FIXTURE).statements;
    expect(camt).toMatchObject({
      format: "CAMT053",
      account: { number: "19-2000145399", bankCode: "0800", iban: "CZ6508000000192000145399" },
      currency: "CZK",
      statementNumber: "7",
      sequenceNumber: 7,
      periodFrom: "2027-03-26",
      periodTo: "2027-03-26",
      openingBalance: gpc!.openingBalance,
      closingBalance: gpc!.closingBalance,
      sourceLine: 5,
    });
    const comparable = (line: StatementLine) => ({
      amount: line.amount,
      direction: line.direction,
      reversal: line.reversal,
      balanceEffect: line.balanceEffect,
      variableSymbol: line.variableSymbol,
      constantSymbol: line.constantSymbol,
      specificSymbol: line.specificSymbol,
      valueDate: line.valueDate,
      bankReference: line.bankReference,
      counterpartyName: line.counterpartyName,
      counterAccount: line.counterAccount && { number: line.counterAccount.number, bankCode: line.counterAccount.bankCode },
    });
    expect(camt!.lines.map(comparable)).toEqual(gpc!.lines.map(comparable));
    expect(camt!.lines.map((line) => line.sourceLine)).toEqual([12, 15, 18, 21, 24]);
    expect(camt!.lines[0]!.message).toBe("Poplatek za psa – Žeryk");
  });

  it("reads version .02 with namespace prefixes the same as .08 without", () => {
    const statement = syntheticStatement(30, 3);
    const v8 = parseCamt053(utf8(camt053Text(statement, { version: 8 }))).statements[0]!;
    const v2 = parseCamt053(utf8(camt053Text(statement, { version: 2, prefix: "ns2" }))).statements[0]!;
    expect(v2.lines).toEqual(v8.lines);
    expect(v2.closingBalance).toBe(turnovers(statement).closing);
  });

  it("reads a hand-written Czech-style .02 statement: symbols in texts, Othr accounts, batch split, pending skipped", () => {
    const [statement] = parseCamt053(utf8(HAND_WRITTEN)).statements;
    expect(statement).toMatchObject({
      account: { number: "2000145399", bankCode: null, iban: null },
      statementNumber: "1",
      periodFrom: "2026-12-31",
      openingBalance: -10_000,
      closingBalance: 115_000,
    });
    expect(statement!.lines).toHaveLength(3);
    expect(statement!.lines[0]).toMatchObject({
      sourceLine: 12,
      amount: 25_000,
      direction: "CREDIT",
      variableSymbol: "20270001",
      constantSymbol: "308",
      counterpartyName: "Jiří Nový & spol.",
      counterAccount: { number: "19-123457", bankCode: "0100", iban: null },
      bookingDate: "2027-01-04", // 23:30 UTC is already 4 January in Prague
      endToEndId: "VS:20270001 KS:0308",
      message: "Poplatek ze psů",
    });
    expect(statement!.lines[1]).toMatchObject({
      sourceLine: 22,
      amount: 60_000,
      variableSymbol: "20270002",
      specificSymbol: "12",
      constantSymbol: "558",
      counterAccount: { number: "7654321", bankCode: "0300" },
      bankReference: "R-2/1",
    });
    expect(statement!.lines[2]).toMatchObject({ sourceLine: 22, amount: 40_000, variableSymbol: "20270003", bankReference: "R-2/2" });
  });

  it("reads a statement declared as windows-1250", () => {
    const xml = HAND_WRITTEN.replace('encoding="UTF-8"', 'encoding="windows-1250"');
    const [statement] = parseCamt053(iconv.encode(xml, "win1250")).statements;
    expect(statement!.lines[0]!.message).toBe("Poplatek ze psů");
  });

  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Document><BkToCstmrStmt><Stmt><Id>&c;</Id></Stmt></BkToCstmrStmt></Document>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>`;
  const deep = `<Document><BkToCstmrStmt>${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</BkToCstmrStmt></Document>`;

  it.each([
    ["entity expansion", billionLaughs, { code: "camt.doctype", line: 2 }],
    ["an external entity (XXE)", xxe, { code: "camt.doctype", line: 1 }],
    ["deep nesting", deep, { code: "camt.xml", line: 1, params: { detail: "nesting deeper than 64" } }],
    ["another camt message", HAND_WRITTEN.replaceAll("BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn"), { code: "camt.notCamt053", line: null }],
    ["an amount with three decimals", HAND_WRITTEN.replace(">250.00<", ">250.001<"), { code: "camt.amount", line: 12 }],
    [
      "an unknown direction",
      HAND_WRITTEN.replace("<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>", "<CdtDbtInd>CREDIT</CdtDbtInd><Sts>BOOK</Sts>"),
      { code: "camt.direction", line: 12 },
    ],
    ["another currency", HAND_WRITTEN.replace('"CZK">250.00', '"EUR">250.00'), { code: "camt.currency", line: 12 }],
    [
      "a bad date",
      HAND_WRITTEN.replace("<ValDt><Dt>2027-01-04</Dt></ValDt>", "<ValDt><Dt>2027-02-30</Dt></ValDt>"),
      { code: "camt.date", line: 12 },
    ],
    [
      "no closing balance",
      HAND_WRITTEN.replace("<Cd>CLBD</Cd>", "<Cd>XXXX</Cd>"),
      { code: "camt.missing", line: 5, params: { element: "Bal CLBD" } },
    ],
    [
      "no statement number",
      HAND_WRITTEN.replace("<Id>2027/1</Id>", "").replace("<LglSeqNb>1</LglSeqNb>", ""),
      { code: "camt.missing", line: 5 },
    ],
    ["balances that do not add up", HAND_WRITTEN.replace(">1150.00<", ">1150.01<"), { code: "statement.balanceMismatch", line: 5 }],
  ])("refuses %s", (_, xml, expected) => {
    expect(issuesOf(utf8(xml))).toContainEqual(expect.objectContaining(expected));
  });

  it("refuses bytes that are not UTF-8 when nothing else is declared, and unknown encodings", () => {
    expect(issuesOf(iconv.encode(HAND_WRITTEN, "win1250"))).toEqual([
      { code: "statement.encoding", line: null, params: { expected: "UTF-8", found: "?" } },
    ]);
    expect(issuesOf(utf8(HAND_WRITTEN.replace('encoding="UTF-8"', 'encoding="klingon"')))[0]!.code).toBe("statement.encoding");
  });

  it("refuses files over the size limit before decoding them, and files of no known format", () => {
    expect(() => parseCamt053(FIXTURE, { maxBytes: 1000 })).toThrow(
      expect.objectContaining({ issues: [{ code: "statement.tooLarge", line: null, params: { bytes: FIXTURE.length, max: 1000 } }] }),
    );
    for (const [bytes, code] of [
      [utf8("%PDF-1.7 not a statement"), "statement.unknownFormat"],
      [new Uint8Array(), "statement.empty"],
    ] as const) {
      expect(detectStatementFormat(bytes)).toBeNull();
      expect(() => parseBankStatement(bytes)).toThrow(expect.objectContaining({ issues: [{ code, line: null }] }));
    }
  });

  it("words issues in Czech and English", () => {
    const issue = issuesOf(utf8(HAND_WRITTEN.replace(">1150.00<", ">1150.01<")))[0]!;
    expect(statementIssueMessage("cs", issue)).toBe(
      "Řádek 5: Zůstatky nesouhlasí: počáteční -10000 + příjmy 125000 − výdaje 0 = 115000, výpis uvádí konečný zůstatek 115001 (v haléřích).",
    );
    expect(statementIssueMessage("en", issuesOf(utf8(billionLaughs))[0]!)).toBe(
      "Line 2: XML with a DOCTYPE declaration or entities cannot be read.",
    );
  });

  // 50 000 entries are 33 MB of XML; bench/statements/parse.ts measures 100 000.
  it("parses 50 000 generated entries", { timeout: 120_000 }, () => {
    const statement = syntheticStatement(50_000, 11);
    const [parsed] = parseCamt053(utf8(camt053Text(statement))).statements;
    expect(parsed!.lines).toHaveLength(50_000);
    expect(parsed!.closingBalance).toBe(turnovers(statement).closing);
    expect(parsed!.lines[12_345]!.variableSymbol).toBe(String(2026000000 + 12_345));
  });
});
