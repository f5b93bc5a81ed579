// One shape for every bank-statement format the finance office imports (GPC/ABO, camt.053).
// Amounts are integer minor units (haléře for CZK), never floating point.

export type StatementFormat = "GPC" | "CAMT053";
export type Direction = "CREDIT" | "DEBIT";

export interface StatementAccount {
  /** As the bank wrote it: Czech `prefix-number` (GPC, camt `Othr/Id`) or null when only an IBAN is given. */
  number: string | null;
  /** Bank code (4 digits) when known. */
  bankCode: string | null;
  iban: string | null;
}

export interface StatementLine {
  /** Line of the source file the line starts on (GPC record, camt `<Ntry>`), for error messages and audit. */
  sourceLine: number;
  /** Always positive; `direction` says which way the money went. */
  amount: number;
  direction: Direction;
  /** A reversal (storno) of an earlier line: it counts against its direction's turnover. */
  reversal: boolean;
  /** The effect on the balance: + for a credit or a reversed debit, - for a debit or a reversed credit. */
  balanceEffect: number;
  currency: string | null;
  counterAccount: StatementAccount | null;
  counterpartyName: string | null;
  /** Payment symbols without leading zeros; null when absent or zero. */
  variableSymbol: string | null;
  constantSymbol: string | null;
  specificSymbol: string | null;
  /** "YYYY-MM-DD". */
  valueDate: string | null;
  bookingDate: string | null;
  /** The bank's own reference of the line (GPC document number, camt `AcctSvcrRef`); the import's dedup key. */
  bankReference: string | null;
  endToEndId: string | null;
  message: string | null;
}

export interface BankStatement {
  format: StatementFormat;
  account: StatementAccount;
  currency: string | null;
  /** The statement's number as the bank counts them (GPC: 3 digits; camt: `ElctrncSeqNb`, `LglSeqNb` or `Id`). */
  statementNumber: string;
  /** The same as a number when it is one (for "in sequence" checks). */
  sequenceNumber: number | null;
  /** "YYYY-MM-DD": the opening balance's date (day before the first posting) and the statement's last day. */
  periodFrom: string | null;
  periodTo: string | null;
  openingBalance: number;
  closingBalance: number;
  /** Turnovers as the bank states them (net of reversals); null when the format has none. */
  creditTurnover: number | null;
  debitTurnover: number | null;
  sourceLine: number;
  lines: StatementLine[];
}

/** Stable, translatable codes; `params` fill the message (see messages.ts). */
export type StatementIssueCode =
  | "statement.tooLarge"
  | "statement.empty"
  | "statement.encoding"
  | "statement.binary"
  | "statement.unknownFormat"
  | "statement.balanceMismatch"
  | "statement.turnoverMismatch"
  | "statement.statementNumber"
  | "statement.sequence"
  | "statement.openingBalance"
  | "statement.tooManyLines"
  | "gpc.recordLength"
  | "gpc.recordType"
  | "gpc.itemBeforeHeader"
  | "gpc.textBeforeItem"
  | "gpc.date"
  | "gpc.amount"
  | "gpc.sign"
  | "gpc.postingCode"
  | "gpc.account"
  | "camt.xml"
  | "camt.doctype"
  | "camt.notCamt053"
  | "camt.missing"
  | "camt.amount"
  | "camt.currency"
  | "camt.date"
  | "camt.direction"
  | "camt.balance";

export interface StatementIssue {
  code: StatementIssueCode;
  /** 1-based line of the source file, or null when the problem is the file as a whole. */
  line: number | null;
  params?: Record<string, string | number>;
}

export interface ParsedStatements {
  statements: BankStatement[];
  /** Problems the parser worked around (e.g. a UTF-8 file where windows-1250 was expected). */
  warnings: StatementIssue[];
}

/** The file cannot be imported; every issue found (up to a limit) is listed with its line. */
export class StatementParseError extends Error {
  readonly issues: StatementIssue[];
  constructor(issues: StatementIssue[]) {
    super(issues.map((issue) => `${issue.line ? `line ${issue.line}: ` : ""}${issue.code}`).join("; "));
    this.name = "StatementParseError";
    this.issues = issues;
  }
}

export interface ParseOptions {
  /** Refuse larger files before decoding them. Default 64 MiB (100 000 GPC lines are about 13 MB). */
  maxBytes?: number;
  /** Refuse statements with more lines. Default 500 000. */
  maxLines?: number;
  /** Stop collecting after this many issues. Default 100. */
  maxIssues?: number;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_LINES = 500_000;
export const DEFAULT_MAX_ISSUES = 100;
