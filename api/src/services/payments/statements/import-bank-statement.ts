import { enqueuePaymentConfirmations } from "../../../jobs/payment-confirmations.ts";
import { createHash } from "node:crypto";
import type { Context } from "../../../context.ts";
import type { TenantDb } from "../../../db/tenant.ts";
import { ValidationError } from "../../../errors.ts";
import { Prisma, type BankAccount } from "../../../generated/prisma/client.ts";
import {
  followsStatement,
  parseBankStatement,
  StatementParseError,
  type BankStatement as ParsedStatement,
  type StatementIssue,
  type StatementLine,
} from "../../../integrations/bank-statements/index.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { automaticPairingCtes, PAIRING_FIGURES, pairingResult, type AutomaticPairingResult } from "../pairing/pair-payments-by-symbol.ts";
import type { PaymentTx } from "../pairing/payment-tx.ts";
import { StatementFileError } from "../payment-errors.ts";
import { requireFinanceAccess } from "../require-finance-access.ts";
import { findStatementAccount } from "./find-statement-account.ts";

/** 100 000 GPC lines are about 13 MB; the HTTP layer's FILE_MAX_BYTES cuts uploads off before this. */
export const STATEMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Lines of each statement the report lists one by one (the counts cover all of them). */
export const REPORT_LINES = 100;

export type LineOutcome = "PAIRED" | "AMBIGUOUS" | "UNMATCHED" | "NO_SYMBOL" | "NOT_A_PAYMENT" | "ALREADY_IMPORTED";

export interface ImportedLine {
  line: number;
  amount: number;
  direction: "CREDIT" | "DEBIT";
  reversal: boolean;
  valueDate: string | null;
  variableSymbol: string | null;
  constantSymbol: string | null;
  specificSymbol: string | null;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  message: string | null;
  outcome: LineOutcome;
  assessmentId: string | null;
  assessmentSubject: string | null;
  assessmentVariableSymbol: string | null;
  payerName: string | null;
}

export interface StatementImportResult {
  /** The stored statement; null in a dry run. */
  statementId: string | null;
  bankAccountLabel: string;
  accountIban: string;
  format: "GPC" | "CAMT053";
  statementNumber: number;
  periodFrom: string;
  periodTo: string;
  openingBalance: number;
  closingBalance: number;
  creditTotal: number;
  debitTotal: number;
  lineCount: number;
  /** Credits (non-reversal): the lines that are payments. */
  paymentLineCount: number;
  /** Debits and reversals: counted on the statement, not payments. */
  otherLineCount: number;
  newPaymentCount: number;
  alreadyImportedCount: number;
  /** The same statement was imported before and nothing was new. */
  alreadyImported: boolean;
  pairing: AutomaticPairingResult;
  lines: ImportedLine[];
}

export interface StatementImportReport {
  dryRun: boolean;
  fileName: string;
  warnings: StatementIssue[];
  statements: StatementImportResult[];
}

class DryRunRollback extends Error {
  readonly report: StatementImportReport;
  constructor(report: StatementImportReport) {
    super("dry run");
    this.report = report;
  }
}

const isoDate = (value: Date) => value.toISOString().slice(0, 10);

/** Credits are payments; debits and reversals only count on the statement (see docs/ARCHITECTURE.md). */
const isPayment = (line: StatementLine) => line.direction === "CREDIT" && !line.reversal;

/**
 * Imports a GPC/ABO or camt.053 statement file and pairs its payments, in one transaction: all of it
 * or nothing. Checks, in order: the file parses and every statement adds up (opening + credits −
 * debits = closing, stated turnovers), the account is one of the town's, the currency is CZK, the
 * statement follows the last one imported for that account (a gap or going back needs `allowGap`).
 * A statement imported before is a re-import: only lines whose `bankLineKey` is not there yet are
 * inserted (usually none: "already imported"). The bank account row is locked (`FOR UPDATE`) for the
 * transaction, so two imports of one file at once yield one set of payments. `dryRun` does all of it
 * and rolls back: the report is exactly what the import would do.
 */
export async function importBankStatement(
  ctx: Context,
  input: { file: File; dryRun?: boolean | null; allowGap?: boolean | null },
): Promise<StatementImportReport> {
  requireFinanceAccess(ctx);
  const { file } = input;
  if (file.size > STATEMENT_MAX_BYTES) {
    throw ValidationError.field("file", "statements.fileTooLarge", "FILE_TOO_LARGE", { max: STATEMENT_MAX_BYTES / 1024 / 1024 });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let parsed;
  try {
    parsed = parseBankStatement(bytes, { maxBytes: STATEMENT_MAX_BYTES });
  } catch (error) {
    if (error instanceof StatementParseError) throw new StatementFileError(error.issues);
    throw error;
  }
  if (parsed.statements.length === 0) throw new StatementFileError([{ code: "statement.empty", line: null }]);
  for (const statement of parsed.statements) {
    if (statement.sequenceNumber === null || statement.sequenceNumber > 2_147_483_647) {
      throw new StatementFileError([
        { code: "statement.statementNumber", line: statement.sourceLine, params: { value: statement.statementNumber } },
      ]);
    }
    if (statement.currency !== null && statement.currency !== "CZK") {
      throw ValidationError.field("file", "statements.currency", "CURRENCY", { currency: statement.currency });
    }
  }
  const fileName = (file.name || "vypis").slice(0, 200);
  const fileSha256 = createHash("sha256").update(bytes).digest("hex");
  const dryRun = Boolean(input.dryRun);
  const at = ctx.clock.now();

  const run = async (tx: PaymentTx): Promise<StatementImportReport> => {
    const accounts = await tx.bankAccount.findMany({ where: { municipalityId: ctx.municipality.id } });
    const targets = parsed.statements.map((statement) => ({ statement, account: findStatementAccount(accounts, statement.account) }));
    // Lock every account the file touches, in a fixed order (no deadlock between two multi-account files).
    const lockIds = [...new Set(targets.map((target) => target.account.id))].sort();
    for (const id of lockIds) await tx.$queryRaw(Prisma.sql`SELECT "id" FROM "BankAccount" WHERE "id" = ${id}::uuid FOR UPDATE`);
    const results: StatementImportResult[] = [];
    for (const { statement, account } of targets) {
      results.push(await importOne(ctx, tx, { statement, account, fileName, fileSha256, at, allowGap: Boolean(input.allowGap) }));
    }
    const report: StatementImportReport = { dryRun, fileName, warnings: parsed.warnings, statements: results };
    if (dryRun) throw new DryRunRollback(report);
    // Citizens whose assessments the new payments paid get a confirmation (notifications).
    const statementIds = results.flatMap((result) => (result.statementId ? [result.statementId] : []));
    if (statementIds.length) {
      await enqueuePaymentConfirmations(
        ctx.services,
        { municipalityId: ctx.municipality.id, statementIds },
        { tx: tx as never, key: `statements:${statementIds.join(",")}:${at.toISOString()}` },
      );
    }
    await recordAudit(
      { ...ctx, db: tx as unknown as TenantDb },
      {
        action: "bankStatement.imported",
        subjectType: "BankStatement",
        subjectId: results[0]?.statementId ?? undefined,
        details: {
          fileName,
          fileSha256,
          statements: results.map((result) => ({
            id: result.statementId,
            account: result.accountIban,
            number: result.statementNumber,
            newPayments: result.newPaymentCount,
            alreadyImported: result.alreadyImportedCount,
            autoPaired: result.pairing.paired,
          })),
        },
      },
    );
    return report;
  };

  try {
    return await ctx.db.$transaction(run, { timeout: 600_000, maxWait: 60_000 });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

async function importOne(
  ctx: Context,
  tx: PaymentTx,
  input: { statement: ParsedStatement; account: BankAccount; fileName: string; fileSha256: string; at: Date; allowGap: boolean },
): Promise<StatementImportResult> {
  const { statement, account, at } = input;
  const municipalityId = ctx.municipality.id;
  const number = statement.sequenceNumber!;
  const periodTo = statement.periodTo ?? statement.lines.at(-1)?.bookingDate ?? isoDate(at);
  const periodFrom = statement.periodFrom ?? periodTo;
  let credits = 0;
  let debits = 0;
  for (const line of statement.lines) {
    const signed = line.reversal ? -line.amount : line.amount;
    if (line.direction === "CREDIT") credits += signed;
    else debits += signed;
  }

  // Banks number statements per year (GPC restarts at 001): the same number in another year is another statement.
  const statementYear = Number(periodTo.slice(0, 4));
  const existing = await tx.bankStatement.findFirst({
    where: { municipalityId, accountIban: account.iban, statementYear, statementNumber: number },
  });
  let statementId: string;
  if (existing) {
    if (Number(existing.openingBalance) !== statement.openingBalance || Number(existing.closingBalance) !== statement.closingBalance) {
      throw ValidationError.field("file", "statements.conflictingStatement", "CONFLICTING_STATEMENT", { number, account: account.iban });
    }
    statementId = existing.id;
  } else {
    const previous = await tx.bankStatement.findFirst({
      where: { municipalityId, accountIban: account.iban },
      orderBy: [{ periodTo: "desc" }, { importedAt: "desc" }, { statementNumber: "desc" }],
    });
    if (previous && !input.allowGap) {
      const previousShape = { format: previous.format, sequenceNumber: previous.statementNumber, periodTo: isoDate(previous.periodTo) };
      if (!followsStatement(previousShape as ParsedStatement, statement)) {
        throw ValidationError.field("allowGap", "statements.sequenceGap", "SEQUENCE_GAP", {
          number,
          previous: previous.statementNumber,
          account: account.iban,
        });
      }
      if (Number(previous.closingBalance) !== statement.openingBalance) {
        throw ValidationError.field("allowGap", "statements.openingMismatch", "OPENING_MISMATCH", {
          number,
          previous: previous.statementNumber,
          opening: formatKc(statement.openingBalance),
          closing: formatKc(Number(previous.closingBalance)),
        });
      }
    }
    const created = await tx.bankStatement.create({
      data: {
        municipalityId,
        bankAccountId: account.id,
        accountIban: account.iban,
        statementYear,
        statementNumber: number,
        format: statement.format,
        periodFrom: new Date(`${periodFrom}T00:00:00Z`),
        periodTo: new Date(`${periodTo}T00:00:00Z`),
        openingBalance: BigInt(statement.openingBalance),
        closingBalance: BigInt(statement.closingBalance),
        creditTotal: BigInt(credits),
        debitTotal: BigInt(debits),
        lineCount: statement.lines.length,
        fileName: input.fileName,
        fileSha256: input.fileSha256,
        importedById: ctx.viewer?.userId ?? null,
        importedAt: at,
      },
    });
    statementId = created.id;
  }

  // Every line gets its key; the bank's reference when there is one (a reference repeated within the
  // file is told apart by its occurrence), else the statement number and the line's position.
  const seen = new Map<string, number>();
  const keys = statement.lines.map((line, index) => {
    const base = line.bankReference ? `${account.iban}:${line.bankReference}` : `${account.iban}:${number}/${periodTo}/${index + 1}`;
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    return occurrence === 1 ? base : `${base}#${occurrence}`;
  });
  const rows = [];
  for (const [index, line] of statement.lines.entries()) {
    if (!isPayment(line)) continue;
    rows.push({
      key: keys[index]!,
      amount: line.amount,
      currency: line.currency ?? statement.currency ?? "CZK",
      date: line.valueDate ?? line.bookingDate ?? periodTo,
      vs: line.variableSymbol,
      ks: line.constantSymbol,
      ss: line.specificSymbol,
      account: counterAccountText(line),
      name: line.counterpartyName,
      message: line.message?.slice(0, 500) ?? null,
    });
  }
  // Insert the lines not there yet and pair them, in one statement; the report's first lines come back with it.
  const shownKeys = keys.slice(0, REPORT_LINES).filter((_, index) => isPayment(statement.lines[index]!));
  const scope = { municipalityId, bankAccountId: account.id, actorId: ctx.viewer?.userId ?? null, at };
  const [figures] = rows.length
    ? await tx.$queryRaw<
        { total: number; paired: number; matched: number; withoutSymbol: number; shownInserted: string[] | null }[]
      >(Prisma.sql`
        WITH inserted AS (
          INSERT INTO "Payment" ("id", "municipalityId", "source", "amount", "currency", "receivedOn", "variableSymbol", "constantSymbol",
            "specificSymbol", "counterpartyAccount", "counterpartyName", "message", "statementId", "bankLineKey", "createdById", "createdAt")
          SELECT gen_random_uuid(), ${municipalityId}::uuid, 'BANK_STATEMENT'::"PaymentSource", x.amount, x.currency, x.date, x.vs, x.ks,
            x.ss, x.account, x.name, x.message, ${statementId}::uuid, x.key, ${scope.actorId}::uuid, ${at}::timestamptz
          FROM unnest(${textArray(rows.map((row) => row.key))}::text[], ${textArray(rows.map((row) => String(row.amount)))}::bigint[],
            ${textArray(rows.map((row) => row.currency))}::text[], ${textArray(rows.map((row) => row.date))}::date[],
            ${textArray(rows.map((row) => row.vs))}::text[], ${textArray(rows.map((row) => row.ks))}::text[],
            ${textArray(rows.map((row) => row.ss))}::text[], ${textArray(rows.map((row) => row.account))}::text[],
            ${textArray(rows.map((row) => row.name))}::text[], ${textArray(rows.map((row) => row.message))}::text[])
            AS x(key, amount, currency, date, vs, ks, ss, account, name, message)
          ON CONFLICT ("municipalityId", "bankLineKey") DO NOTHING
          RETURNING "id", "amount", "variableSymbol", "constantSymbol", "specificSymbol", "bankLineKey"
        ),
        pay AS (SELECT "id", "amount", "variableSymbol" AS vs, "constantSymbol" AS ks, "specificSymbol" AS ss FROM inserted),
        ${automaticPairingCtes(scope)}
        SELECT ${PAIRING_FIGURES},
          (SELECT array_agg("bankLineKey") FROM inserted
            WHERE "bankLineKey" IN (SELECT value FROM json_array_elements_text(${JSON.stringify(shownKeys)}::json))) AS "shownInserted"`)
    : [{ total: 0, paired: 0, matched: 0, withoutSymbol: 0, shownInserted: [] }];
  const pairing = pairingResult(figures!);
  const lines = await describeLines(tx, municipalityId, statement, keys, new Set(figures!.shownInserted ?? []));
  return {
    statementId,
    bankAccountLabel: account.label,
    accountIban: account.iban,
    format: statement.format,
    statementNumber: number,
    periodFrom,
    periodTo,
    openingBalance: statement.openingBalance,
    closingBalance: statement.closingBalance,
    creditTotal: credits,
    debitTotal: debits,
    lineCount: statement.lines.length,
    paymentLineCount: rows.length,
    otherLineCount: statement.lines.length - rows.length,
    newPaymentCount: pairing.total,
    alreadyImportedCount: rows.length - pairing.total,
    alreadyImported: existing !== null && pairing.total === 0,
    pairing,
    lines,
  };
}

/**
 * A PostgreSQL array literal of texts (NULLs kept), passed as one text parameter and cast in SQL: ten
 * such columns unnest about three times faster than the same rows as JSON, and every driver adapter
 * passes a string the same way.
 */
function textArray(values: (string | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
}

function counterAccountText(line: StatementLine): string | null {
  const account = line.counterAccount;
  if (!account) return null;
  if (account.number) return account.bankCode ? `${account.number}/${account.bankCode}` : account.number;
  return account.iban;
}

function formatKc(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")} Kč`;
}

/** The first lines of the statement with what happened to each (one query for all of them). */
async function describeLines(
  tx: PaymentTx,
  municipalityId: string,
  statement: ParsedStatement,
  keys: string[],
  insertedKeys: Set<string>,
): Promise<ImportedLine[]> {
  const shown = statement.lines.slice(0, REPORT_LINES);
  const paymentKeys = shown.flatMap((line, index) => (isPayment(line) ? [keys[index]!] : []));
  const found = paymentKeys.length
    ? await tx.$queryRaw<
        {
          key: string;
          assessmentId: string | null;
          subject: string | null;
          variableSymbol: string | null;
          payerName: string | null;
          candidates: number;
        }[]
      >(Prisma.sql`
        WITH shown AS (
          SELECT p."id", p."bankLineKey", p."variableSymbol" FROM "Payment" p
          WHERE p."municipalityId" = ${municipalityId}::uuid
            AND p."bankLineKey" IN (SELECT value FROM json_array_elements_text(${JSON.stringify(paymentKeys)}::json))
        ),
        sharing AS (
          SELECT ltrim(c."variableSymbol", '0') AS vs, count(*)::int AS n FROM "Assessment" c
          WHERE c."municipalityId" = ${municipalityId}::uuid AND ltrim(c."variableSymbol", '0') IN (SELECT "variableSymbol" FROM shown)
          GROUP BY 1
        )
        SELECT s."bankLineKey" AS key, a."id" AS "assessmentId", a."subject", a."variableSymbol", pr."name" AS "payerName",
          COALESCE(sharing.n, 0) AS candidates
        FROM shown s
        LEFT JOIN sharing ON sharing.vs = s."variableSymbol"
        LEFT JOIN LATERAL (
          SELECT "assessmentId" FROM "PaymentAllocation" WHERE "paymentId" = s."id" AND "reversedAt" IS NULL ORDER BY "createdAt" LIMIT 1
        ) pa ON true
        LEFT JOIN "Assessment" a ON a."id" = pa."assessmentId"
        LEFT JOIN "Payer" pr ON pr."id" = a."payerId"`)
    : [];
  const byKey = new Map(found.map((row) => [row.key, row]));
  return shown.map((line, index) => {
    const row = isPayment(line) ? byKey.get(keys[index]!) : undefined;
    let outcome: LineOutcome = "NOT_A_PAYMENT";
    if (row) {
      if (!insertedKeys.has(row.key)) outcome = "ALREADY_IMPORTED";
      else if (row.assessmentId) outcome = "PAIRED";
      else if (!line.variableSymbol) outcome = "NO_SYMBOL";
      else outcome = row.candidates > 1 ? "AMBIGUOUS" : "UNMATCHED";
    }
    return {
      line: line.sourceLine,
      amount: line.amount,
      direction: line.direction,
      reversal: line.reversal,
      valueDate: line.valueDate ?? line.bookingDate,
      variableSymbol: line.variableSymbol,
      constantSymbol: line.constantSymbol,
      specificSymbol: line.specificSymbol,
      counterpartyName: line.counterpartyName,
      counterpartyAccount: counterAccountText(line),
      message: line.message,
      outcome,
      assessmentId: row?.assessmentId ?? null,
      assessmentSubject: row?.subject ?? null,
      assessmentVariableSymbol: row?.variableSymbol ?? null,
      payerName: row?.payerName ?? null,
    };
  });
}
