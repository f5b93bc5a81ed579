import iconv from "iconv-lite";
import { DateTime } from "luxon";
import { SaxesParser } from "saxes";
import { BUSINESS_ZONE } from "../../clock.ts";
import { checkBalances, checkStatementChain, decimalToMinor, IssueCollector, normaliseSymbol, symbolsInText } from "./common.ts";
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_LINES,
  StatementParseError,
  type BankStatement,
  type Direction,
  type ParsedStatements,
  type ParseOptions,
  type StatementAccount,
  type StatementLine,
} from "./types.ts";

/**
 * camt.053 (ISO 20022 BankToCustomerStatement), versions .001.02 to .001.08: one `Stmt` per statement with
 * `Bal` (OPBD opening, CLBD closing) and `Ntry` per booked entry, whose `NtryDtls/TxDtls` carry references,
 * related parties and remittance information. Namespace prefixes are ignored, so every version and
 * prefixing style reads the same; the differences between versions (e.g. `Dbtr/Nm` vs `Dbtr/Pty/Nm`,
 * `TxDtls/AmtDtls/TxAmt/Amt` vs `TxDtls/Amt`) are looked up in both places.
 *
 * The XML is read as a stream (saxes, which keeps line numbers): each `Ntry` becomes a small tree that is
 * turned into lines and dropped, so 100 000 entries never sit in memory as one document tree.
 * Hostile input: a DOCTYPE is refused outright (no DTD, no entities beyond XML's five, so neither XXE nor
 * entity expansion can happen; ISO 20022 messages never carry one), nesting is capped, and the size is
 * checked before the bytes are decoded.
 */
export const CAMT_MAX_NESTING = 64;

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
}

function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) {
    if (!current) return undefined;
    current = current.children.find((candidate) => candidate.name === name);
  }
  return current;
}

function list(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((candidate) => candidate.name === name) : [];
}

function text(node: XmlNode | undefined, ...path: string[]): string | null {
  return child(node, ...path)?.text.trim() || null;
}

function firstText(node: XmlNode | undefined, paths: string[][]): string | null {
  for (const path of paths) {
    const value = text(node, ...path);
    if (value) return value;
  }
  return null;
}

// Statements repeat a handful of dates thousands of times: each distinct text is checked once.
const dateCache = new Map<string, string | undefined>();
function cachedDate(value: string, compute: (value: string) => string | undefined): string | undefined {
  if (dateCache.has(value)) return dateCache.get(value);
  const result = compute(value);
  if (dateCache.size < 10_000) dateCache.set(value, result);
  return result;
}

/** `Dt` or `DtTm` as a Prague calendar date; undefined when malformed, null when absent. */
function dateOf(node: XmlNode | undefined): string | null | undefined {
  const date = text(node, "Dt");
  if (date) return cachedDate(date, (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid ? value : undefined));
  const dateTime = text(node, "DtTm");
  if (dateTime) return isoDateTime(dateTime);
  return null;
}

function isoDateTime(value: string): string | undefined {
  return cachedDate(`T${value}`, () => {
    const parsed = DateTime.fromISO(value, { zone: BUSINESS_ZONE });
    return parsed.isValid ? parsed.setZone(BUSINESS_ZONE).toISODate()! : undefined;
  });
}

function accountOf(account: XmlNode | undefined, agent: XmlNode | undefined): StatementAccount | null {
  const iban = text(account, "Id", "IBAN")?.replace(/\s+/g, "").toUpperCase() ?? null;
  const other = text(account, "Id", "Othr", "Id");
  if (iban) {
    if (iban.startsWith("CZ") && iban.length === 24) {
      const prefix = iban.slice(8, 14).replace(/^0+/, "");
      const number = iban.slice(14).replace(/^0+/, "");
      return { number: prefix ? `${prefix}-${number}` : number, bankCode: iban.slice(4, 8), iban };
    }
    return { number: null, bankCode: null, iban };
  }
  if (!other) return null;
  const withBank = /^([\d-]+)\/(\d{4})$/.exec(other.replace(/\s+/g, ""));
  if (withBank) return { number: withBank[1]!, bankCode: withBank[2]!, iban: null };
  const bankCode = firstText(agent, [
    ["FinInstnId", "ClrSysMmbId", "MmbId"],
    ["FinInstnId", "Othr", "Id"],
  ]);
  return { number: other, bankCode: bankCode && /^\d{4}$/.test(bankCode) ? bankCode : null, iban: null };
}

function partyName(party: XmlNode | undefined): string | null {
  return firstText(party, [["Nm"], ["Pty", "Nm"]]);
}

function decode(bytes: Uint8Array, issues: IssueCollector): string | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = /encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== "utf-8" && declared !== "utf8") {
    if (!iconv.encodingExists(declared)) {
      issues.add("statement.encoding", null, { expected: "UTF-8", found: declared });
      return null;
    }
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    issues.add("statement.encoding", null, { expected: "UTF-8", found: "?" });
    return null;
  }
}

export function parseCamt053(bytes: Uint8Array, options: ParseOptions = {}): ParsedStatements {
  const issues = new IssueCollector(options.maxIssues);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.byteLength > maxBytes) {
    issues.add("statement.tooLarge", null, { bytes: bytes.byteLength, max: maxBytes });
    issues.throwIfAny();
  }
  if (bytes.includes(0)) issues.add("statement.binary", null);
  issues.throwIfAny();
  const xml = decode(bytes, issues);
  issues.throwIfAny();

  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const statements: BankStatement[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let sawStatementMessage = false;
  let statementNode: XmlNode | null = null;
  let statementLines: StatementLine[] = [];
  let statementCurrency: string | null = null;
  let entryNode: XmlNode | null = null;
  // Stops the stream at the first structural problem: the rest of the document cannot be trusted.
  const abort = (): never => {
    throw new StatementParseError(issues.issues);
  };

  parser.on("doctype", () => {
    issues.add("camt.doctype", parser.line);
    abort();
  });
  parser.on("error", (error) => {
    issues.add("camt.xml", parser.line, { detail: error.message.replace(/^[^:]*:\d+:\d+: /, "").slice(0, 200) });
    abort();
  });
  parser.on("opentag", (tag) => {
    const name = tag.name.slice(tag.name.indexOf(":") + 1);
    if (stack.length >= CAMT_MAX_NESTING) {
      issues.add("camt.xml", parser.line, { detail: `nesting deeper than ${CAMT_MAX_NESTING}` });
      abort();
    }
    const parent = stack[stack.length - 1];
    const node: XmlNode = { name, attributes: tag.attributes as Record<string, string>, text: "", children: [], line: parser.line };
    if (name === "BkToCstmrStmt" && parent?.name === "Document" && stack.length === 1) sawStatementMessage = true;
    if (name === "Stmt" && parent?.name === "BkToCstmrStmt" && stack.length === 2) {
      statementNode = node;
      statementLines = [];
      statementCurrency = null;
    } else if (name === "Ntry" && parent === statementNode) {
      entryNode = node; // kept out of the statement's tree, turned into lines when it closes
    } else if (parent && (parent !== statementNode || name !== "Ntry")) {
      parent.children.push(node);
    }
    stack.push(node);
  });
  parser.on("text", (value) => {
    const top = stack[stack.length - 1];
    // Indentation between elements is most of the text events; only leaf values matter.
    if (top && (top.text !== "" || value.trim() !== "")) top.text += value;
  });
  parser.on("cdata", (value) => {
    const top = stack[stack.length - 1];
    if (top) top.text += value;
  });
  parser.on("closetag", () => {
    const node = stack.pop()!;
    if (node === entryNode && statementNode) {
      entryNode = null;
      statementCurrency ??= text(statementNode, "Acct", "Ccy");
      const status = firstText(node, [["Sts", "Cd"], ["Sts"]]);
      if (status && status !== "BOOK") return; // pending or informational entries do not move the balance
      if (statementLines.length >= maxLines) {
        issues.add("statement.tooManyLines", node.line, { max: maxLines });
        abort();
      }
      statementLines.push(...entryLines(node, node.line, statementCurrency, issues));
    } else if (node === statementNode) {
      statements.push(finishStatement(node, statementLines, issues));
      statementNode = null;
    }
  });

  try {
    parser.write(xml!).close();
  } catch (error) {
    if (error instanceof StatementParseError) throw error;
    issues.add("camt.xml", parser.line, { detail: error instanceof Error ? error.message.slice(0, 200) : "?" });
    abort();
  }
  if (!sawStatementMessage) issues.add("camt.notCamt053", null);
  else if (statements.length === 0) issues.add("statement.empty", null);
  if (issues.count === 0) {
    for (const statement of statements) checkBalances(statement, issues);
    checkStatementChain(statements, issues);
  }
  issues.throwIfAny();
  return { statements, warnings: [] };
}

function finishStatement(stmt: XmlNode, lines: StatementLine[], issues: IssueCollector): BankStatement {
  const sourceLine = stmt.line;
  const account = accountOf(child(stmt, "Acct"), child(stmt, "Acct", "Svcr")) ?? { number: null, bankCode: null, iban: null };
  const currency = text(stmt, "Acct", "Ccy");
  const statementNumber = firstText(stmt, [["ElctrncSeqNb"], ["LglSeqNb"], ["Id"]]);
  if (!statementNumber) issues.add("camt.missing", sourceLine, { element: "ElctrncSeqNb/LglSeqNb/Id" });
  const balances = new Map<string, number>();
  let balanceDate: string | null = null;
  for (const balance of list(stmt, "Bal")) {
    const code = firstText(balance, [
      ["Tp", "CdOrPrtry", "Cd"],
      ["Tp", "CdOrPrtry", "Prtry"],
    ]);
    const amount = decimalToMinor(text(balance, "Amt") ?? "");
    const indicator = text(balance, "CdtDbtInd");
    if (amount === null || amount < 0 || (indicator !== "CRDT" && indicator !== "DBIT")) {
      issues.add("camt.balance", balance.line, { type: code ?? "?" });
      continue;
    }
    if (code) balances.set(code, indicator === "DBIT" ? -amount : amount);
    if (code === "OPBD" || code === "PRCD") balanceDate = dateOf(child(balance, "Dt")) ?? balanceDate;
  }
  const opening = balances.get("OPBD") ?? balances.get("PRCD");
  const closing = balances.get("CLBD");
  if (opening === undefined) issues.add("camt.missing", sourceLine, { element: "Bal OPBD" });
  if (closing === undefined) issues.add("camt.missing", sourceLine, { element: "Bal CLBD" });
  const from = text(stmt, "FrToDt", "FrDtTm");
  const to = text(stmt, "FrToDt", "ToDtTm");
  const periodFrom = from ? isoDateTime(from) : balanceDate;
  const periodTo = to ? isoDateTime(to) : null;
  if (periodFrom === undefined || periodTo === undefined) issues.add("camt.date", sourceLine, { element: "FrToDt" });
  return {
    format: "CAMT053",
    account,
    currency,
    statementNumber: statementNumber ?? "",
    sequenceNumber: statementNumber && /^\d{1,15}$/.test(statementNumber) ? Number(statementNumber) : null,
    periodFrom: periodFrom ?? null,
    periodTo: periodTo ?? null,
    openingBalance: opening ?? 0,
    closingBalance: closing ?? 0,
    creditTurnover: null,
    debitTurnover: null,
    sourceLine,
    lines,
  };
}

function entryLines(entry: XmlNode, line: number, statementCurrency: string | null, issues: IssueCollector): StatementLine[] {
  const amount = decimalToMinor(text(entry, "Amt") ?? "");
  const currency = child(entry, "Amt")?.attributes.Ccy ?? null;
  const indicator = text(entry, "CdtDbtInd");
  const reversal = text(entry, "RvslInd") === "true";
  if (amount === null || amount <= 0) issues.add("camt.amount", line, { value: text(entry, "Amt") ?? "" });
  if (indicator !== "CRDT" && indicator !== "DBIT") issues.add("camt.direction", line, { value: indicator ?? "" });
  if (currency && statementCurrency && currency !== statementCurrency)
    issues.add("camt.currency", line, { value: currency, expected: statementCurrency });
  const bookingDate = dateOf(child(entry, "BookgDt"));
  const valueDate = dateOf(child(entry, "ValDt"));
  if (bookingDate === undefined || valueDate === undefined) issues.add("camt.date", line, { element: "BookgDt/ValDt" });
  // A booked entry with a reversal indicator undoes an earlier entry of the opposite direction.
  const booked: Direction = indicator === "DBIT" ? "DEBIT" : "CREDIT";
  const direction: Direction = reversal ? (booked === "CREDIT" ? "DEBIT" : "CREDIT") : booked;
  const entryRef = text(entry, "AcctSvcrRef");
  const details = list(entry, "NtryDtls").flatMap((group) => list(group, "TxDtls"));
  const detailAmounts = details.map((tx) => decimalToMinor(firstText(tx, [["AmtDtls", "TxAmt", "Amt"], ["Amt"]]) ?? ""));
  // A batch entry (several transactions booked as one) becomes one line per transaction when they add up.
  const split =
    details.length > 1 &&
    detailAmounts.every((value) => value !== null && value > 0) &&
    detailAmounts.reduce((a, b) => a! + b!, 0) === amount;
  const parts = split ? details.map((tx, i) => ({ tx, amount: detailAmounts[i]! })) : [{ tx: details[0], amount: amount ?? 0 }];
  return parts.map(({ tx, amount: partAmount }, i): StatementLine => {
    // The counterparty of a credit (or of its reversal) is the debtor; of a debit, the creditor.
    const counterpartyIsDebtor = direction === "CREDIT";
    const related = child(tx, "RltdPties");
    const agents = child(tx, "RltdAgts");
    const [party, partyAccount, agent] = counterpartyIsDebtor ? ["Dbtr", "DbtrAcct", "DbtrAgt"] : ["Cdtr", "CdtrAcct", "CdtrAgt"];
    const unstructured = list(child(tx, "RmtInf"), "Ustrd")
      .map((value) => value.text.trim())
      .filter(Boolean)
      .join(" ");
    const reference = text(tx, "RmtInf", "Strd", "CdtrRefInf", "Ref");
    const endToEndId = text(tx, "Refs", "EndToEndId");
    const fromReference =
      reference && /^\d{1,10}$/.test(reference) ? { variableSymbol: normaliseSymbol(reference) } : symbolsInText(reference);
    const fromEndToEnd = endToEndId && endToEndId !== "NOTPROVIDED" ? symbolsInText(endToEndId) : symbolsInText(null);
    const fromText = symbolsInText(unstructured);
    const message = unstructured || text(tx, "AddtlTxInf") || text(entry, "AddtlNtryInf");
    return {
      sourceLine: line,
      amount: partAmount,
      direction,
      reversal,
      balanceEffect: booked === "CREDIT" ? partAmount : -partAmount,
      currency: currency ?? statementCurrency,
      counterAccount: accountOf(child(related, partyAccount), child(agents, agent)),
      counterpartyName: partyName(child(related, party)) ?? partyName(child(related, counterpartyIsDebtor ? "UltmtDbtr" : "UltmtCdtr")),
      variableSymbol: fromReference.variableSymbol ?? fromEndToEnd.variableSymbol ?? fromText.variableSymbol ?? null,
      constantSymbol: fromEndToEnd.constantSymbol ?? fromText.constantSymbol ?? null,
      specificSymbol: fromEndToEnd.specificSymbol ?? fromText.specificSymbol ?? null,
      valueDate: valueDate ?? null,
      bookingDate: bookingDate ?? null,
      bankReference: text(tx, "Refs", "AcctSvcrRef") ?? (entryRef && split ? `${entryRef}/${i + 1}` : entryRef),
      endToEndId: endToEndId && endToEndId !== "NOTPROVIDED" ? endToEndId : null,
      message: message || null,
    };
  });
}
