import { DEFAULT_MAX_ISSUES, StatementParseError, type BankStatement, type StatementIssue, type StatementIssueCode } from "./types.ts";

/** Collects issues up to a limit; `fail()` throws them all at once. */
export class IssueCollector {
  readonly issues: StatementIssue[] = [];
  private readonly limit: number;
  constructor(limit = DEFAULT_MAX_ISSUES) {
    this.limit = limit;
  }
  add(code: StatementIssueCode, line: number | null, params?: Record<string, string | number>): void {
    if (this.issues.length >= this.limit) throw new StatementParseError(this.issues);
    this.issues.push(params ? { code, line, params } : { code, line });
  }
  get count(): number {
    return this.issues.length;
  }
  throwIfAny(): void {
    if (this.issues.length > 0) throw new StatementParseError(this.issues);
  }
}

/** "0000001234" → "1234"; zeros, blanks and non-digits → null. */
export function normaliseSymbol(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.trim();
  if (!/^\d{1,10}$/.test(digits)) return null;
  const stripped = digits.replace(/^0+/, "");
  return stripped === "" ? null : stripped;
}

export interface Symbols {
  variableSymbol: string | null;
  constantSymbol: string | null;
  specificSymbol: string | null;
}

// Czech banks write symbols into free text as "/VS/123/SS/456/KS/0308", "VS:123", "VS 123" or "VS123".
const SYMBOL_IN_TEXT = /(?:^|[^A-Z0-9])(VS|SS|KS)(?:[:/ =]\s*|)(\d{1,10})(?!\d)/gi;

/** Symbols found in free text (remittance information, end-to-end id). */
export function symbolsInText(text: string | null | undefined): Symbols {
  const found: Symbols = { variableSymbol: null, constantSymbol: null, specificSymbol: null };
  if (!text) return found;
  for (const match of text.matchAll(SYMBOL_IN_TEXT)) {
    const kind = match[1]!.toUpperCase();
    const value = normaliseSymbol(match[2]);
    if (kind === "VS") found.variableSymbol ??= value;
    else if (kind === "KS") found.constantSymbol ??= value;
    else found.specificSymbol ??= value;
  }
  return found;
}

/** "1234.5" / "-0.01" → minor units; null when malformed or more than 2 decimals. No floating point. */
export function decimalToMinor(text: string): number | null {
  const match = /^\s*(-?)(\d{1,15})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const minor = Number(match[2]) * 100 + Number((match[3] ?? "0").padEnd(2, "0"));
  if (!Number.isSafeInteger(minor)) return null;
  return match[1] === "-" ? -minor : minor;
}

/** Opening balance + credits - debits must equal the closing balance; the stated turnovers must match the lines. */
export function checkBalances(statement: BankStatement, issues: IssueCollector): void {
  let credits = 0;
  let debits = 0;
  for (const line of statement.lines) {
    const signed = line.reversal ? -line.amount : line.amount;
    if (line.direction === "CREDIT") credits += signed;
    else debits += signed;
  }
  const expected = statement.openingBalance + credits - debits;
  if (expected !== statement.closingBalance) {
    issues.add("statement.balanceMismatch", statement.sourceLine, {
      opening: statement.openingBalance,
      credits,
      debits,
      expected,
      closing: statement.closingBalance,
    });
  }
  if (statement.creditTurnover !== null && statement.creditTurnover !== credits) {
    issues.add("statement.turnoverMismatch", statement.sourceLine, {
      direction: "CREDIT",
      stated: statement.creditTurnover,
      lines: credits,
    });
  }
  if (statement.debitTurnover !== null && statement.debitTurnover !== debits) {
    issues.add("statement.turnoverMismatch", statement.sourceLine, { direction: "DEBIT", stated: statement.debitTurnover, lines: debits });
  }
}

/** 1-based line number of every offset in `offsets` (ascending), in one pass over the text. */
export function lineNumbersOf(text: string, offsets: number[]): number[] {
  const result: number[] = [];
  let line = 1;
  let position = 0;
  for (const offset of offsets) {
    while (position < offset) {
      const next = text.indexOf("\n", position);
      if (next === -1 || next >= offset) {
        position = offset;
        break;
      }
      line++;
      position = next + 1;
    }
    result.push(line);
  }
  return result;
}

/**
 * Whether statement `next` directly follows `previous` of the same account. GPC numbers have three digits
 * and start again at 001 after 999 (some banks also every year); camt.053 sequence numbers just grow.
 */
export function followsStatement(previous: BankStatement, next: BankStatement): boolean {
  if (previous.sequenceNumber === null || next.sequenceNumber === null) return true;
  if (next.sequenceNumber === previous.sequenceNumber + 1) return true;
  const newYear = (next.periodTo ?? "").slice(0, 4) > (previous.periodTo ?? "").slice(0, 4);
  return next.format === "GPC" && next.sequenceNumber === 1 && (previous.sequenceNumber === 999 || newYear);
}

/** Several statements of one account in one file must follow each other, balances included. */
export function checkStatementChain(statements: BankStatement[], issues: IssueCollector): void {
  const last = new Map<string, BankStatement>();
  for (const statement of statements) {
    const key = statement.account.iban ?? statement.account.number ?? "";
    const previous = last.get(key);
    if (previous) {
      if (!followsStatement(previous, statement)) {
        issues.add("statement.sequence", statement.sourceLine, { number: statement.statementNumber, previous: previous.statementNumber });
      }
      if (statement.openingBalance !== previous.closingBalance) {
        issues.add("statement.openingBalance", statement.sourceLine, {
          opening: statement.openingBalance,
          previous: previous.closingBalance,
        });
      }
    }
    last.set(key, statement);
  }
}
