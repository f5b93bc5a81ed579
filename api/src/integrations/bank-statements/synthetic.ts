// Writers of GPC and camt.053 statements from a plain description: the tests' fixtures, generated large
// statements and the benchmark use them. Not used by the application itself.
import iconv from "iconv-lite";

export interface SyntheticLine {
  amount: number;
  direction: "CREDIT" | "DEBIT";
  reversal?: boolean;
  /** Czech counter-account as prefix-number and bank code, or null (fees, interest). */
  counterAccount?: { number: string; bankCode: string } | null;
  counterpartyName?: string;
  variableSymbol?: string;
  constantSymbol?: string;
  specificSymbol?: string;
  message?: string;
  /** "YYYY-MM-DD". */
  valueDate: string;
  reference: string;
}

export interface SyntheticStatement {
  /** Own account as prefix-number. */
  account: string;
  bankCode: string;
  ownerName: string;
  number: number;
  /** "YYYY-MM-DD": opening balance date and statement date. */
  openingDate: string;
  date: string;
  openingBalance: number;
  lines: SyntheticLine[];
}

function field(value: string | number, width: number, align: "left" | "right" = "right", pad = "0"): string {
  const text = String(value);
  if (text.length > width) throw new RangeError(`"${text}" does not fit in ${width} characters`);
  return align === "right" ? text.padStart(width, pad) : text.padEnd(width, pad);
}

function ddmmyy(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
}

function accountDigits(account: string): string {
  const [prefix, number] = account.includes("-") ? account.split("-") : ["", account];
  return field(prefix!, 6) + field(number!, 10);
}

export function turnovers(statement: SyntheticStatement): { credits: number; debits: number; closing: number } {
  let credits = 0;
  let debits = 0;
  for (const line of statement.lines) {
    const signed = line.reversal ? -line.amount : line.amount;
    if (line.direction === "CREDIT") credits += signed;
    else debits += signed;
  }
  return { credits, debits, closing: statement.openingBalance + credits - debits };
}

function signed(amount: number, width: number, positiveSign: string): string {
  return field(Math.abs(amount), width) + (amount < 0 ? "-" : positiveSign);
}

/** GPC text (before windows-1250 encoding), records of 128 characters joined by CRLF. */
export function gpcText(statement: SyntheticStatement): string {
  const { credits, debits, closing } = turnovers(statement);
  const header =
    "074" +
    accountDigits(statement.account) +
    field(statement.ownerName, 20, "left", " ") +
    ddmmyy(statement.openingDate) +
    signed(statement.openingBalance, 14, "+") +
    signed(closing, 14, "+") +
    signed(debits, 14, "0") +
    signed(credits, 14, "0") +
    field(statement.number, 3) +
    ddmmyy(statement.date) +
    " ".repeat(14);
  const records = [header];
  for (const line of statement.lines) {
    const code = line.direction === "DEBIT" ? (line.reversal ? "4" : "1") : line.reversal ? "5" : "2";
    records.push(
      "075" +
        accountDigits(statement.account) +
        (line.counterAccount ? accountDigits(line.counterAccount.number) : "0".repeat(16)) +
        field(line.reference, 13) +
        field(line.amount, 12) +
        code +
        field(line.variableSymbol ?? "", 10) +
        "00" +
        field(line.counterAccount?.bankCode ?? "", 4) +
        field(line.constantSymbol ?? "", 4) +
        field(line.specificSymbol ?? "", 10) +
        ddmmyy(line.valueDate) +
        field(line.counterpartyName ?? "", 20, "left", " ") +
        "0" +
        "0203" +
        ddmmyy(statement.date),
    );
    if (line.message)
      records.push("078" + field(line.message.slice(0, 35), 35, "left", " ") + field(line.message.slice(35, 70), 35, "left", " "));
  }
  for (const record of records) if (record.length !== 128 && !record.startsWith("078")) throw new Error(`record of ${record.length}`);
  return records.join("\r\n") + "\r\n";
}

export function gpcBytes(statement: SyntheticStatement): Buffer {
  return iconv.encode(gpcText(statement), "win1250");
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function decimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

function ibanOf(account: string, bankCode: string): string {
  const [prefix, number] = account.includes("-") ? account.split("-") : ["", account];
  const bban = bankCode + prefix!.padStart(6, "0") + number!.padStart(10, "0");
  const numeric = `${bban}123500`;
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `CZ${String(98 - remainder).padStart(2, "0")}${bban}`;
}

/** camt.053 XML; `version` 2 writes `Dbtr/Nm` and `AmtDtls`, 8 writes `Dbtr/Pty/Nm`; `prefix` namespaces every element. */
export function camt053Text(statement: SyntheticStatement, options: { version?: 2 | 8; prefix?: string } = {}): string {
  const version = options.version ?? 8;
  const p = options.prefix ? `${options.prefix}:` : "";
  const ns = `urn:iso:std:iso:20022:tech:xsd:camt.053.001.0${version}`;
  const { closing } = turnovers(statement);
  const tag = (name: string, body: string, attrs = "") => `<${p}${name}${attrs}>${body}</${p}${name}>`;
  const amount = (minor: number) => tag("Amt", decimal(minor), ' Ccy="CZK"');
  const balance = (code: string, minor: number, date: string) =>
    tag(
      "Bal",
      tag("Tp", tag("CdOrPrtry", tag("Cd", code))) +
        amount(Math.abs(minor)) +
        tag("CdtDbtInd", minor < 0 ? "DBIT" : "CRDT") +
        tag("Dt", tag("Dt", date)),
    );
  const party = (name: string) => (version >= 5 ? tag("Pty", tag("Nm", xmlEscape(name))) : tag("Nm", xmlEscape(name)));
  const entries = statement.lines.map((line) => {
    const booked = line.reversal ? (line.direction === "CREDIT" ? "DBIT" : "CRDT") : line.direction === "CREDIT" ? "CRDT" : "DBIT";
    const side = line.direction === "CREDIT" ? "Dbtr" : "Cdtr";
    const related =
      (line.counterpartyName ? tag(side, party(line.counterpartyName)) : "") +
      (line.counterAccount
        ? tag(`${side}Acct`, tag("Id", tag("IBAN", ibanOf(line.counterAccount.number, line.counterAccount.bankCode))))
        : "");
    const symbols = [
      line.variableSymbol ? `/VS/${line.variableSymbol}` : "",
      line.specificSymbol ? `/SS/${line.specificSymbol}` : "",
      line.constantSymbol ? `/KS/${line.constantSymbol}` : "",
    ].join("");
    const remittance =
      (line.message ? tag("Ustrd", xmlEscape(line.message)) : "") +
      (line.variableSymbol ? tag("Strd", tag("CdtrRefInf", tag("Ref", line.variableSymbol))) : "");
    const tx = tag(
      "TxDtls",
      tag("Refs", tag("AcctSvcrRef", line.reference) + tag("EndToEndId", symbols || "NOTPROVIDED")) +
        (version >= 5 ? amount(line.amount) : tag("AmtDtls", tag("TxAmt", amount(line.amount)))) +
        (related ? tag("RltdPties", related) : "") +
        (remittance ? tag("RmtInf", remittance) : ""),
    );
    return tag(
      "Ntry",
      "\n        " +
        tag("NtryRef", line.reference) +
        amount(line.amount) +
        tag("CdtDbtInd", booked) +
        (line.reversal ? tag("RvslInd", "true") : "") +
        tag("Sts", version >= 5 ? tag("Cd", "BOOK") : "BOOK") +
        tag("BookgDt", tag("Dt", statement.date)) +
        tag("ValDt", tag("Dt", line.valueDate)) +
        tag("AcctSvcrRef", line.reference) +
        tag("BkTxCd", "") +
        tag("NtryDtls", tx) +
        "\n      ",
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${p}Document xmlns${options.prefix ? `:${options.prefix}` : ""}="${ns}">\n` +
    `  <${p}BkToCstmrStmt>\n` +
    `    ${tag("GrpHdr", tag("MsgId", `MSG-${statement.number}`) + tag("CreDtTm", `${statement.date}T20:00:00+01:00`))}\n` +
    `    <${p}Stmt>\n` +
    `      ${tag("Id", `STMT-${statement.date}-${statement.number}`)}\n` +
    `      ${tag("ElctrncSeqNb", String(statement.number))}\n` +
    `      ${tag("FrToDt", tag("FrDtTm", `${statement.date}T00:00:00+01:00`) + tag("ToDtTm", `${statement.date}T23:59:59+01:00`))}\n` +
    `      ${tag("Acct", tag("Id", tag("IBAN", ibanOf(statement.account, statement.bankCode))) + tag("Ccy", "CZK") + tag("Ownr", tag("Nm", xmlEscape(statement.ownerName))))}\n` +
    `      ${balance("OPBD", statement.openingBalance, statement.openingDate)}\n` +
    `      ${balance("CLBD", closing, statement.date)}\n` +
    entries.map((entry) => `      ${entry}\n`).join("") +
    `    </${p}Stmt>\n` +
    `  </${p}BkToCstmrStmt>\n` +
    `</${p}Document>\n`
  );
}

/** A deterministic statement of `count` lines: mostly citizens' payments with VS, some debits and a reversal. */
export function syntheticStatement(count: number, seed = 1): SyntheticStatement {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const names = ["Novák Jan", "Dvořáková Marie", "Černý Petr", "Šťastná Jiřina", "Žák Ondřej", "Řezníček Tomáš"];
  const lines: SyntheticLine[] = [];
  for (let i = 0; i < count; i++) {
    const debit = i % 50 === 49;
    lines.push({
      amount: 1 + Math.floor(random() * 500_000),
      direction: debit ? "DEBIT" : "CREDIT",
      reversal: i % 1000 === 999,
      counterAccount:
        i % 97 === 0 ? null : { number: `${100000 + (i % 800000)}`, bankCode: ["0100", "0300", "0800", "2010", "5500"][i % 5]! },
      counterpartyName: names[i % names.length]!,
      variableSymbol: String(2026000000 + i),
      constantSymbol: i % 3 === 0 ? "0308" : undefined,
      specificSymbol: i % 7 === 0 ? String(1000 + i) : undefined,
      message: i % 4 === 0 ? `Poplatek za odpad ${names[i % names.length]} ${i}` : undefined,
      valueDate: "2026-03-05",
      reference: String(900000000 + i),
    });
  }
  return {
    account: "19-2000145399",
    bankCode: "0800",
    ownerName: "Město Příkladov",
    number: 42,
    openingDate: "2026-03-04",
    date: "2026-03-05",
    openingBalance: 123_456_789,
    lines,
  };
}
