import iconv from "iconv-lite";
import { czechAccountToIban, parseCzechAccount } from "@portal/forms";
import { checkBalances, checkStatementChain, IssueCollector, normaliseSymbol } from "./common.ts";
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_LINES,
  type BankStatement,
  type Direction,
  type ParsedStatements,
  type ParseOptions,
  type StatementAccount,
  type StatementLine,
} from "./types.ts";

/**
 * GPC/ABO: the Czech banks' fixed-width statement format. windows-1250 text, records of 128 characters
 * ended by CRLF: `074` statement header with balances and turnovers, `075` one transaction, `076`-`079`
 * extra text for the transaction before them. Amounts are haléře without a decimal point. The layout is
 * in /work/shared/DOMAIN.md (Money and payments); the positions below are 0-based slices of a record.
 */
export const GPC_RECORD_LENGTH = 128;

export interface GpcOptions extends ParseOptions {
  /**
   * Posting codes of `075` records. `standard` (KB, Fio, ČSOB and most documentation): 1 debit, 2 credit,
   * 4 reversal of a debit, 5 reversal of a credit. `reversals34`: 1 debit, 2 credit, 3 reversal of a debit,
   * 4 reversal of a credit, which some banks use. Banks differ; their documentation says which.
   */
  postingCodes?: "standard" | "reversals34";
  /** Some banks (KB) write account numbers in an internal permuted order. */
  accountOrder?: "standard" | "internal";
}

type Posting = { direction: Direction; reversal: boolean };
const POSTING_CODES: Record<NonNullable<GpcOptions["postingCodes"]>, Record<string, Posting>> = {
  standard: {
    "1": { direction: "DEBIT", reversal: false },
    "2": { direction: "CREDIT", reversal: false },
    "4": { direction: "DEBIT", reversal: true },
    "5": { direction: "CREDIT", reversal: true },
  },
  reversals34: {
    "1": { direction: "DEBIT", reversal: false },
    "2": { direction: "CREDIT", reversal: false },
    "3": { direction: "DEBIT", reversal: true },
    "4": { direction: "CREDIT", reversal: true },
  },
};

// Standard order digit i (prefix 6 + number 10) is internal digit INTERNAL_ORDER[i] (0-based).
const INTERNAL_ORDER = [10, 11, 12, 13, 14, 15, 4, 5, 6, 7, 8, 3, 9, 1, 2, 0];

const CURRENCIES: Record<string, string> = { "0203": "CZK", "0978": "EUR", "0840": "USD", "0826": "GBP", "0348": "HUF", "0985": "PLN" };

/** Bytes → text: windows-1250 as the format says; a UTF-8 file (a common mistake of converters) is read as UTF-8 with a warning. */
export function decodeStatementText(bytes: Uint8Array, issues: IssueCollector, warnings: IssueCollector): string | null {
  if (bytes.includes(0)) {
    issues.add("statement.binary", null);
    return null;
  }
  let hasHighBytes = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      hasHighBytes = true;
      break;
    }
  }
  if (hasHighBytes) {
    try {
      const utf8 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      warnings.add("statement.encoding", null, { expected: "windows-1250", found: "UTF-8" });
      return utf8.replace(/^\uFEFF/, "");
    } catch {
      // Not UTF-8: windows-1250 as expected.
    }
  }
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1250");
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** DDMMYY → "20YY-MM-DD"; null for an empty optional date, undefined when invalid. */
function parseDate(text: string, optional: boolean): string | null | undefined {
  if (optional && (text === "000000" || text === "      ")) return null;
  if (!/^\d{6}$/.test(text)) return undefined;
  const day = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const year = 2000 + Number(text.slice(4, 6));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return `${year}-${text.slice(2, 4)}-${text.slice(0, 2)}`;
}

function accountDigits(raw: string, order: GpcOptions["accountOrder"]): string | null {
  if (!/^\d{16}$/.test(raw)) return null;
  return order === "internal" ? INTERNAL_ORDER.map((i) => raw[i]).join("") : raw;
}

function toAccount(digits: string, bankCode: string | null): StatementAccount | null {
  const prefix = digits.slice(0, 6).replace(/^0+/, "");
  const number = digits.slice(6).replace(/^0+/, "");
  if (number === "" && prefix === "") return null;
  const formatted = prefix ? `${prefix}-${number}` : number;
  const parsed = bankCode ? parseCzechAccount(`${formatted}/${bankCode}`) : null;
  return { number: formatted, bankCode, iban: parsed ? czechAccountToIban(parsed) : null };
}

export function parseGpc(bytes: Uint8Array, options: GpcOptions = {}): ParsedStatements {
  const issues = new IssueCollector(options.maxIssues);
  const warnings = new IssueCollector(options.maxIssues);
  if (bytes.byteLength > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    issues.add("statement.tooLarge", null, { bytes: bytes.byteLength, max: options.maxBytes ?? DEFAULT_MAX_BYTES });
    issues.throwIfAny();
  }
  const text = decodeStatementText(bytes, issues, warnings);
  issues.throwIfAny();
  const records = text!.split("\n");
  if (records.length > 0 && records[records.length - 1] === "") records.pop();
  if (records.length === 0) issues.add("statement.empty", null);
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const postingCodes = POSTING_CODES[options.postingCodes ?? "standard"];
  const statements: BankStatement[] = [];
  let current: BankStatement | null = null;
  let currentAccountField = "";
  let lastLine: StatementLine | null = null;

  const amountOf = (field: string, line: number): number => {
    if (!/^\d+$/.test(field)) {
      issues.add("gpc.amount", line, { value: field });
      return 0;
    }
    return Number(field);
  };
  const signOf = (sign: string, line: number, allowed: string): number => {
    if (!allowed.includes(sign)) {
      issues.add("gpc.sign", line, { value: sign });
      return 1;
    }
    return sign === "-" ? -1 : 1;
  };
  // Statements repeat a handful of dates thousands of times: parse each distinct one once.
  const dates = new Map<string, string | null | undefined>();
  const dateOf = (field: string, line: number, optional: boolean, name: string): string | null => {
    const key = optional ? `?${field}` : field;
    let date = dates.get(key);
    if (date === undefined && !dates.has(key)) dates.set(key, (date = parseDate(field, optional)));
    if (date === undefined) {
      issues.add("gpc.date", line, { field: name, value: field });
      return null;
    }
    return date;
  };

  for (let index = 0; index < records.length; index++) {
    const lineNumber = index + 1;
    const record = records[index]!.endsWith("\r") ? records[index]!.slice(0, -1) : records[index]!;
    const type = record.slice(0, 3);
    if (type === "074" || type === "075") {
      if (record.length !== GPC_RECORD_LENGTH) {
        issues.add("gpc.recordLength", lineNumber, { length: record.length, expected: GPC_RECORD_LENGTH });
        continue;
      }
    }
    if (type === "074") {
      const digits = accountDigits(record.slice(3, 19), options.accountOrder);
      if (!digits) issues.add("gpc.account", lineNumber, { value: record.slice(3, 19) });
      const statementNumber = record.slice(105, 108);
      if (!/^\d{3}$/.test(statementNumber)) issues.add("statement.statementNumber", lineNumber, { value: statementNumber });
      current = {
        format: "GPC",
        account: (digits && toAccount(digits, null)) || { number: null, bankCode: null, iban: null },
        currency: null,
        statementNumber,
        sequenceNumber: /^\d{3}$/.test(statementNumber) ? Number(statementNumber) : null,
        periodFrom: dateOf(record.slice(39, 45), lineNumber, false, "openingBalanceDate"),
        periodTo: dateOf(record.slice(108, 114), lineNumber, false, "statementDate"),
        openingBalance: amountOf(record.slice(45, 59), lineNumber) * signOf(record[59]!, lineNumber, "+-0"),
        closingBalance: amountOf(record.slice(60, 74), lineNumber) * signOf(record[74]!, lineNumber, "+-0"),
        debitTurnover: amountOf(record.slice(75, 89), lineNumber) * signOf(record[89]!, lineNumber, "+-0"),
        creditTurnover: amountOf(record.slice(90, 104), lineNumber) * signOf(record[104]!, lineNumber, "+-0"),
        sourceLine: lineNumber,
        lines: [],
      };
      statements.push(current);
      currentAccountField = record.slice(3, 19);
      lastLine = null;
    } else if (type === "075") {
      if (!current) {
        issues.add("gpc.itemBeforeHeader", lineNumber);
        continue;
      }
      if (current.lines.length >= maxLines) {
        issues.add("statement.tooManyLines", lineNumber, { max: maxLines });
        issues.throwIfAny();
      }
      // Every item of a statement belongs to the header's account; another account means a spliced file.
      if (record.slice(3, 19) !== currentAccountField) issues.add("gpc.account", lineNumber, { value: record.slice(3, 19) });
      const posting = postingCodes[record[60]!];
      if (!posting) issues.add("gpc.postingCode", lineNumber, { value: record[60]! });
      const counterDigits = accountDigits(record.slice(19, 35), options.accountOrder);
      if (!counterDigits) issues.add("gpc.account", lineNumber, { value: record.slice(19, 35) });
      const symbolField = record.slice(71, 81);
      const bankCode = /^\d{4}$/.test(symbolField.slice(2, 6)) && symbolField.slice(2, 6) !== "0000" ? symbolField.slice(2, 6) : null;
      const amount = amountOf(record.slice(48, 60), lineNumber);
      const direction = posting?.direction ?? "CREDIT";
      const reversal = posting?.reversal ?? false;
      const statementDate = current.periodTo;
      const line: StatementLine = {
        sourceLine: lineNumber,
        amount,
        direction,
        reversal,
        balanceEffect: (direction === "CREDIT") !== reversal ? amount : -amount,
        currency: CURRENCIES[record.slice(118, 122)] ?? null,
        counterAccount: counterDigits ? toAccount(counterDigits, bankCode) : null,
        counterpartyName: record.slice(97, 117).trim() || null,
        variableSymbol: normaliseSymbol(record.slice(61, 71)),
        constantSymbol: normaliseSymbol(symbolField.slice(6, 10)),
        specificSymbol: normaliseSymbol(record.slice(81, 91)),
        valueDate: dateOf(record.slice(91, 97), lineNumber, false, "valueDate"),
        bookingDate: dateOf(record.slice(122, 128), lineNumber, true, "dueDate") ?? statementDate,
        bankReference:
          record
            .slice(35, 48)
            .trim()
            .replace(/^0+(?=.)/, "") || null,
        endToEndId: null,
        message: null,
      };
      current.currency ??= line.currency;
      current.lines.push(line);
      lastLine = line;
    } else if (type === "076" || type === "077" || type === "078" || type === "079") {
      if (!lastLine) {
        issues.add("gpc.textBeforeItem", lineNumber);
        continue;
      }
      const rest = record.slice(3);
      const parts: string[] = [];
      for (let i = 0; i < rest.length; i += 35) {
        const part = rest.slice(i, i + 35).trim();
        if (part) parts.push(part);
      }
      if (parts.length > 0) lastLine.message = [lastLine.message, ...parts].filter(Boolean).join(" ");
    } else if (record.trim() !== "" && record !== "\x1a") {
      // Blank lines and a DOS end-of-file mark are harmless; anything else is not GPC.
      issues.add("gpc.recordType", lineNumber, { value: type });
    }
  }
  if (issues.count === 0) {
    for (const statement of statements) checkBalances(statement, issues);
    checkStatementChain(statements, issues);
  }
  issues.throwIfAny();
  return { statements, warnings: warnings.issues };
}
