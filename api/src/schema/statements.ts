// Bank statements and payment pairing for the finance office: import (GPC/ABO, camt.053) with a
// dry-run preview, the statements list, the unpaired payments with manual pairing and reversal, and
// the integrators' read of payments and pairings. The assessment a pairing points at is given as
// plain fields (global id, subject, VS, payer's name) rather than as a relation.
import { decodeGlobalID, encodeGlobalID, resolveOffsetConnection } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { fromDateColumn } from "../domain/notice-window.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { statementIssueMessage, type StatementIssue } from "../integrations/bank-statements/index.ts";
import { isUuid } from "../services/accounts/account-rules.ts";
import { findUnpairedPayments } from "../services/payments/pairing/find-unpaired-payments.ts";
import { MAX_MANUAL_SPLITS, pairPaymentManually } from "../services/payments/pairing/pair-payment-manually.ts";
import { reversePaymentAllocation } from "../services/payments/pairing/reverse-payment-allocation.ts";
import {
  PAIRING_SEARCH_MAX,
  searchAssessmentsForPairing,
  type PairingCandidate,
} from "../services/payments/pairing/search-assessments-for-pairing.ts";
import { PaymentConflictError, StatementFileError } from "../services/payments/payment-errors.ts";
import { canReadPayments, isFinanceClerk, PAYMENTS_READ_SCOPE } from "../services/payments/require-finance-access.ts";
import {
  importBankStatement,
  type ImportedLine,
  type StatementImportReport,
  type StatementImportResult,
} from "../services/payments/statements/import-bank-statement.ts";
import { summarizeStatements, type StatementSummary } from "../services/payments/statements/summarize-statements.ts";
import { ErrorInterface } from "./errors.ts";
import { nodeLookup } from "./node-lookup.ts";

const FINANCE = { agenda: "FINANCE" } as const;
const PAYMENT_READERS = { agenda: "FINANCE", apiScope: PAYMENTS_READ_SCOPE } as const;
const NO_ROW = "00000000-0000-0000-0000-000000000000";

/** The local id of a global id of the given type; a malformed or foreign-type id becomes one that cannot exist. */
function localId(value: string | null | undefined, typename: string): string {
  if (!value) return NO_ROW;
  try {
    const decoded = decodeGlobalID(String(value));
    return decoded.typename === typename && isUuid(decoded.id) ? decoded.id : NO_ROW;
  } catch {
    return NO_ROW;
  }
}

const assessmentGlobalId = (id: string) => encodeGlobalID("Assessment", id);
// Payment rows carry municipalityId; their pairings are reached through them.
const financeOnly = (ctx: Context) => (isFinanceClerk(ctx) ? { municipalityId: ctx.municipality.id } : { id: NO_ROW });
const readersOnly = (ctx: Context) => (canReadPayments(ctx) ? { municipalityId: ctx.municipality.id } : { id: NO_ROW });

// ---------------------------------------------------------------------------------------------
// Enums

const BankStatementFormatEnum = builder.enumType("BankStatementFormat", { values: ["GPC", "CAMT053"] as const });
const PaymentSourceEnum = builder.enumType("PaymentSource", { values: ["BANK_STATEMENT", "CARD", "CASH_DESK"] as const });
const AllocationMethodEnum = builder.enumType("AllocationMethod", {
  description: "AUTO: paired by the variable symbol at import (or a card payment's items); MANUAL: by a finance clerk.",
  values: ["AUTO", "MANUAL"] as const,
});
const StatementLineOutcomeEnum = builder.enumType("StatementLineOutcome", {
  description:
    "PAIRED: to exactly one assessment; AMBIGUOUS: several assessments share the VS; UNMATCHED: no assessment with this VS " +
    "(or its KS/SS differ); NO_SYMBOL: no VS; NOT_A_PAYMENT: a debit or a reversal (counted, not a payment); " +
    "ALREADY_IMPORTED: the line was imported before (nothing changed).",
  values: ["PAIRED", "AMBIGUOUS", "UNMATCHED", "NO_SYMBOL", "NOT_A_PAYMENT", "ALREADY_IMPORTED"] as const,
});

// ---------------------------------------------------------------------------------------------
// Object types

export const PaymentAllocationRef = builder.prismaNode("PaymentAllocation", {
  ...nodeLookup("PaymentAllocation", (ctx) => ({ payment: readersOnly(ctx) })),
  authScopes: PAYMENT_READERS,
  description: "A pairing of (part of) a payment with an assessment. Never deleted; a reversal keeps it with its reason.",
  fields: (t) => ({
    amount: t.expose("amount", { type: "Money" }),
    method: t.field({ type: AllocationMethodEnum, resolve: (row) => row.method }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    active: t.boolean({ description: "Not reversed: it counts.", resolve: (row) => row.reversedAt === null }),
    reversedAt: t.expose("reversedAt", { type: "DateTime", nullable: true }),
    reversalReason: t.exposeString("reversalReason", { nullable: true }),
    createdByName: t.loadable({
      type: "String",
      nullable: true,
      description: "The clerk who paired it or started the import that paired it; null when an integrator did.",
      resolve: (row) => row.createdById,
      load: (ids: string[], ctx: Context) => userNames(ctx, ids),
    }),
    reversedByName: t.loadable({
      type: "String",
      nullable: true,
      resolve: (row) => row.reversedById,
      load: (ids: string[], ctx: Context) => userNames(ctx, ids),
    }),
    assessmentId: t.id({
      description: "The assessment's global id (type Assessment).",
      resolve: (row) => assessmentGlobalId(row.assessmentId),
    }),
    assessmentSubject: t.string({ select: { assessment: { select: { subject: true } } }, resolve: (row) => row.assessment.subject }),
    variableSymbol: t.string({
      select: { assessment: { select: { variableSymbol: true } } },
      resolve: (row) => row.assessment.variableSymbol,
    }),
    payerName: t.string({
      select: { assessment: { select: { payer: { select: { name: true } } } } },
      resolve: (row) => row.assessment.payer.name,
    }),
    paymentId: t.id({ resolve: (row) => encodeGlobalID("Payment", row.paymentId) }),
  }),
});

/** Names of the clerks behind pairings, in one statement for all of a request's. */
async function userNames(ctx: Context, ids: string[]): Promise<(string | null)[]> {
  const users = await ctx.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
  const names = new Map(users.map((user) => [user.id, user.fullName]));
  return ids.map((id) => names.get(id) ?? null);
}

export const PaymentRef = builder.prismaNode("Payment", {
  ...nodeLookup("Payment", readersOnly),
  authScopes: PAYMENT_READERS,
  description: "Money the town received (a bank statement's credit, a card or cash-desk payment) and its pairings.",
  fields: (t) => ({
    source: t.field({ type: PaymentSourceEnum, resolve: (row) => row.source }),
    amount: t.expose("amount", { type: "Money" }),
    currency: t.exposeString("currency"),
    receivedOn: t.field({ type: "Date", description: "The value date.", resolve: (row) => fromDateColumn(row.receivedOn) }),
    variableSymbol: t.exposeString("variableSymbol", { nullable: true }),
    constantSymbol: t.exposeString("constantSymbol", { nullable: true }),
    specificSymbol: t.exposeString("specificSymbol", { nullable: true }),
    counterpartyAccount: t.exposeString("counterpartyAccount", { nullable: true }),
    counterpartyName: t.exposeString("counterpartyName", { nullable: true }),
    message: t.exposeString("message", { nullable: true }),
    bankLineKey: t.exposeString("bankLineKey", { nullable: true, description: "<account IBAN>:<the bank's reference of the line>." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    statement: t.relation("statement", { nullable: true }),
    allocatedAmount: t.field({
      type: "Money",
      description: "The sum of the active pairings.",
      select: { allocations: { where: { reversedAt: null }, select: { amount: true } } },
      resolve: (row) => row.allocations.reduce((sum, allocation) => sum + allocation.amount, 0n),
    }),
    unallocatedAmount: t.field({
      type: "Money",
      description: "What is left to pair.",
      select: { amount: true, allocations: { where: { reversedAt: null }, select: { amount: true } } },
      resolve: (row) => row.amount - row.allocations.reduce((sum, allocation) => sum + allocation.amount, 0n),
    }),
    allocations: t.relation("allocations", {
      description: "Every pairing, reversed ones included, oldest first.",
      query: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    }),
  }),
});

const StatementSummaryRef = builder.objectRef<StatementSummary>("BankStatementPairingSummary").implement({
  description: "How the statement's payments are paired now (derived from the pairings).",
  fields: (t) => ({
    paymentCount: t.exposeInt("paymentCount"),
    pairedCount: t.exposeInt("pairedCount", { description: "Payments paired in full." }),
    unpairedCount: t.exposeInt("unpairedCount", { description: "Payments with something left to pair." }),
    unpairedAmount: t.field({ type: "Money", resolve: (summary) => summary.unpairedAmount }),
  }),
});

export const BankStatementRef = builder.prismaNode("BankStatement", {
  ...nodeLookup("BankStatement", financeOnly),
  authScopes: PAYMENT_READERS,
  description: "An imported bank statement.",
  fields: (t) => ({
    statementNumber: t.exposeInt("statementNumber"),
    format: t.field({ type: BankStatementFormatEnum, resolve: (row) => row.format }),
    accountIban: t.exposeString("accountIban"),
    bankAccountLabel: t.string({
      nullable: true,
      select: { bankAccount: { select: { label: true } } },
      resolve: (row) => row.bankAccount?.label ?? null,
    }),
    periodFrom: t.field({ type: "Date", resolve: (row) => fromDateColumn(row.periodFrom) }),
    periodTo: t.field({ type: "Date", resolve: (row) => fromDateColumn(row.periodTo) }),
    openingBalance: t.expose("openingBalance", { type: "Money" }),
    closingBalance: t.expose("closingBalance", { type: "Money" }),
    creditTotal: t.expose("creditTotal", { type: "Money" }),
    debitTotal: t.expose("debitTotal", { type: "Money" }),
    lineCount: t.exposeInt("lineCount"),
    fileName: t.exposeString("fileName"),
    importedAt: t.expose("importedAt", { type: "DateTime" }),
    pairing: t.loadable({
      type: StatementSummaryRef,
      resolve: (row) => row.id,
      load: (ids: string[], ctx: Context) => summarizeStatements(ctx.db, ctx.municipality.id, ids),
    }),
  }),
});

const StatementProblemRef = builder.objectRef<StatementIssue>("StatementFileProblem").implement({
  description: "A problem found in an uploaded statement file.",
  fields: (t) => ({
    line: t.int({ nullable: true, description: "1-based line of the file; null for the file as a whole.", resolve: (issue) => issue.line }),
    code: t.exposeString("code"),
    message: t.string({ resolve: (issue, _args, ctx) => statementIssueMessage(ctx.locale, issue) }),
  }),
});

builder.objectType(StatementFileError, {
  name: "StatementFileError",
  description: "The file is not a statement that can be imported (format, encoding, balances that do not add up): nothing was written.",
  interfaces: [ErrorInterface],
  fields: (t) => ({ problems: t.field({ type: [StatementProblemRef], resolve: (error) => error.issues.slice(0, 100) }) }),
});

builder.objectType(PaymentConflictError, {
  name: "PaymentConflictError",
  description: "The payment changed meanwhile (another clerk paired it): nothing was written; reload and try again.",
  interfaces: [ErrorInterface],
});

const ImportedLineRef = builder.objectRef<ImportedLine>("StatementImportLine").implement({
  description: "One line of an imported (or previewed) statement and what the import does with it.",
  fields: (t) => ({
    line: t.exposeInt("line"),
    amount: t.field({ type: "Money", resolve: (line) => BigInt(line.amount) }),
    direction: t.exposeString("direction", { description: "CREDIT or DEBIT." }),
    reversal: t.exposeBoolean("reversal"),
    valueDate: t.field({ type: "Date", nullable: true, resolve: (line) => line.valueDate }),
    variableSymbol: t.exposeString("variableSymbol", { nullable: true }),
    constantSymbol: t.exposeString("constantSymbol", { nullable: true }),
    specificSymbol: t.exposeString("specificSymbol", { nullable: true }),
    counterpartyName: t.exposeString("counterpartyName", { nullable: true }),
    counterpartyAccount: t.exposeString("counterpartyAccount", { nullable: true }),
    message: t.exposeString("message", { nullable: true }),
    outcome: t.field({ type: StatementLineOutcomeEnum, resolve: (line) => line.outcome }),
    assessmentId: t.id({ nullable: true, resolve: (line) => (line.assessmentId ? assessmentGlobalId(line.assessmentId) : null) }),
    assessmentSubject: t.exposeString("assessmentSubject", { nullable: true }),
    assessmentVariableSymbol: t.exposeString("assessmentVariableSymbol", { nullable: true }),
    payerName: t.exposeString("payerName", { nullable: true }),
  }),
});

const StatementImportResultRef = builder.objectRef<StatementImportResult>("StatementImportResult").implement({
  description: "One statement of an imported file: its figures, what was new, and how its payments paired.",
  fields: (t) => ({
    statement: t.prismaField({
      type: "BankStatement",
      nullable: true,
      description: "The stored statement; null in a dry run.",
      resolve: (query, result, _args, ctx) =>
        result.statementId
          ? ctx.db.bankStatement.findFirst({ ...query, where: { id: result.statementId, municipalityId: ctx.municipality.id } })
          : null,
    }),
    bankAccountLabel: t.exposeString("bankAccountLabel"),
    accountIban: t.exposeString("accountIban"),
    format: t.field({ type: BankStatementFormatEnum, resolve: (result) => result.format }),
    statementNumber: t.exposeInt("statementNumber"),
    periodFrom: t.field({ type: "Date", resolve: (result) => result.periodFrom }),
    periodTo: t.field({ type: "Date", resolve: (result) => result.periodTo }),
    openingBalance: t.field({ type: "Money", resolve: (result) => BigInt(result.openingBalance) }),
    closingBalance: t.field({ type: "Money", resolve: (result) => BigInt(result.closingBalance) }),
    creditTotal: t.field({ type: "Money", resolve: (result) => BigInt(result.creditTotal) }),
    debitTotal: t.field({ type: "Money", resolve: (result) => BigInt(result.debitTotal) }),
    lineCount: t.exposeInt("lineCount"),
    paymentLineCount: t.exposeInt("paymentLineCount", { description: "Credits: the lines that are payments." }),
    otherLineCount: t.exposeInt("otherLineCount", { description: "Debits and reversals: counted, not payments." }),
    newPaymentCount: t.exposeInt("newPaymentCount"),
    alreadyImportedCount: t.exposeInt("alreadyImportedCount", { description: "Payment lines that were there from an earlier import." }),
    alreadyImported: t.exposeBoolean("alreadyImported", { description: "The statement was imported before; nothing changed." }),
    pairedCount: t.int({ resolve: (result) => result.pairing.paired }),
    ambiguousCount: t.int({ resolve: (result) => result.pairing.ambiguous }),
    unmatchedCount: t.int({ resolve: (result) => result.pairing.unmatched }),
    withoutSymbolCount: t.int({ resolve: (result) => result.pairing.withoutSymbol }),
    unpairedCount: t.int({
      description: "New payments left for a clerk (ambiguous, unmatched, without a symbol).",
      resolve: (result) => result.pairing.total - result.pairing.paired,
    }),
    lines: t.field({ type: [ImportedLineRef], description: "The first 100 lines.", resolve: (result) => result.lines }),
  }),
});

const StatementImportReportRef = builder.objectRef<StatementImportReport>("StatementImportReport").implement({
  fields: (t) => ({
    dryRun: t.exposeBoolean("dryRun", { description: "True: a preview, nothing was written." }),
    fileName: t.exposeString("fileName"),
    warnings: t.field({ type: [StatementProblemRef], resolve: (report) => report.warnings }),
    statements: t.field({ type: [StatementImportResultRef], resolve: (report) => report.statements }),
  }),
});

const PairingCandidateRef = builder.objectRef<PairingCandidate>("PairingCandidate").implement({
  description: "An assessment a payment may be paired with.",
  fields: (t) => ({
    assessmentId: t.id({ description: "The assessment's global id (type Assessment).", resolve: (row) => assessmentGlobalId(row.id) }),
    kind: t.exposeString("kind"),
    subject: t.exposeString("subject"),
    year: t.exposeInt("year"),
    variableSymbol: t.exposeString("variableSymbol"),
    constantSymbol: t.exposeString("constantSymbol", { nullable: true }),
    specificSymbol: t.exposeString("specificSymbol", { nullable: true }),
    lifecycle: t.exposeString("lifecycle"),
    payerName: t.exposeString("payerName"),
    amount: t.field({ type: "Money", resolve: (row) => BigInt(row.amount) }),
    paidAmount: t.field({ type: "Money", resolve: (row) => BigInt(row.paidAmount) }),
    dueDate: t.field({ type: "Date", resolve: (row) => fromDateColumn(row.dueDate) }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries

const UnpairedFilterInput = builder.inputType("UnpairedPaymentFilter", {
  fields: (t) => ({
    statementId: t.id({ required: false, description: "Only this statement's payments (global id)." }),
    receivedFrom: t.field({ type: "Date", required: false }),
    receivedTo: t.field({ type: "Date", required: false }),
    amountMin: t.field({ type: "Money", required: false }),
    amountMax: t.field({ type: "Money", required: false }),
    text: t.string({ required: false, description: "Part of the counterparty's name or account, the message, or a symbol." }),
  }),
});

const PaymentConnection = builder.connectionObject({
  type: PaymentRef,
  name: "PaymentConnection",
  fields: (t) => ({
    totalCount: t.int({
      nullable: true,
      description: "How many payments match (the unpaired list only).",
      resolve: (connection) => (connection as { totalCount?: number }).totalCount ?? null,
    }),
  }),
});

builder.queryFields((t) => ({
  bankStatements: t.prismaConnection(
    {
      type: BankStatementRef,
      cursor: "id",
      authScopes: FINANCE,
      description: "Imported statements, the latest first.",
      resolve: (query, _root, _args, ctx) =>
        ctx.db.bankStatement.findMany({
          ...query,
          where: { municipalityId: ctx.municipality.id },
          orderBy: [{ periodTo: "desc" }, { importedAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "BankStatementConnection" },
    { name: "BankStatementEdge" },
  ),
  unpairedPayments: t.connection(
    {
      type: PaymentRef,
      authScopes: FINANCE,
      description: "Payments with something left to pair (the exceptions list), the latest first.",
      args: { filter: t.arg({ type: UnpairedFilterInput, required: false }) },
      resolve: async (_root, args, ctx) => {
        const filter = args.filter ?? {};
        let total = 0;
        const connection = await resolveOffsetConnection({ args }, async ({ limit, offset }) => {
          const found = await findUnpairedPayments(
            ctx,
            {
              statementId: filter.statementId ? localId(String(filter.statementId), "BankStatement") : null,
              receivedFrom: filter.receivedFrom,
              receivedTo: filter.receivedTo,
              amountMin: filter.amountMin,
              amountMax: filter.amountMax,
              text: filter.text,
            },
            { limit, offset },
          );
          total = found.total;
          const rows = await ctx.db.payment.findMany({ where: { id: { in: found.ids }, municipalityId: ctx.municipality.id } });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return found.ids.flatMap((id) => byId.get(id) ?? []);
        });
        return { ...connection, totalCount: total };
      },
    },
    PaymentConnection,
  ),
  payments: t.prismaConnection(
    {
      type: PaymentRef,
      cursor: "id",
      authScopes: PAYMENT_READERS,
      description:
        "Payments with their pairings for integrators (API token scope payments:read) and finance clerks, in the order they were " +
        "recorded (oldest first), so a client can page through with `after` and remember the last cursor.",
      args: { since: t.arg({ type: "DateTime", required: false, description: "Only payments recorded at or after this moment." }) },
      resolve: (query, _root, args, ctx) =>
        ctx.db.payment.findMany({
          ...query,
          where: { municipalityId: ctx.municipality.id, ...(args.since ? { createdAt: { gte: args.since } } : {}) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
    },
    PaymentConnection,
  ),
  assessmentsForPairing: t.field({
    type: [PairingCandidateRef],
    authScopes: FINANCE,
    description: "Assessments to pair a payment with: by variable symbol (digits), payer's name or subject. At most 20.",
    args: {
      query: t.arg.string({ required: true }),
      limit: t.arg.int({ required: false, defaultValue: PAIRING_SEARCH_MAX }),
    },
    resolve: (_root, args, ctx) => searchAssessmentsForPairing(ctx, args.query, args.limit ?? PAIRING_SEARCH_MAX),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Mutations

const ImportBankStatementInput = builder.inputType("ImportBankStatementInput", {
  fields: (t) => ({
    file: t.field({ type: "File", description: "A GPC/ABO (windows-1250) or camt.053 XML statement, at most 20 MB." }),
    dryRun: t.boolean({
      required: false,
      defaultValue: false,
      description: "Do everything, report it, and write nothing: the preview of what the import would do and how it would pair.",
    }),
    allowGap: t.boolean({
      required: false,
      defaultValue: false,
      description: "Confirms importing a statement that does not follow the last imported one of its account (a gap or going back).",
    }),
  }),
});

builder.mutationField("importBankStatement", (t) =>
  t.field({
    type: StatementImportReportRef,
    authScopes: FINANCE,
    description:
      "Imports a bank statement file and pairs its payments, in one transaction (all or nothing). Re-importing a statement adds only " +
      "lines not imported yet (usually none).",
    args: { input: t.arg({ type: ImportBankStatementInput, required: true }) },
    errors: { types: [ValidationError, StatementFileError], dataField: { name: "report" } },
    resolve: (_root, { input }, ctx) => importBankStatement(ctx, input),
  }),
);

const AllocationInput = builder.inputType("PaymentAllocationInput", {
  fields: (t) => ({
    assessmentId: t.id({ description: "The assessment's global id." }),
    amount: t.field({ type: "Money", description: "The part of the payment to pair with it (positive)." }),
  }),
});

const PairPaymentInput = builder.inputType("PairPaymentInput", {
  fields: (t) => ({
    paymentId: t.id(),
    allocations: t.field({
      type: [AllocationInput],
      description: `One or several assessments (at most ${MAX_MANUAL_SPLITS}) and the amount for each; together at most what is left to pair.`,
      extensions: { maxItems: MAX_MANUAL_SPLITS },
    }),
  }),
});

builder.mutationField("pairPayment", (t) =>
  t.prismaField({
    type: "Payment",
    authScopes: FINANCE,
    description: "Pairs (part of) a payment with one or several assessments by hand.",
    args: { input: t.arg({ type: PairPaymentInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, PaymentConflictError], dataField: { name: "payment" } },
    resolve: async (query, _root, { input }, ctx) => {
      const paired = await pairPaymentManually(ctx, {
        paymentId: localId(String(input.paymentId), "Payment"),
        allocations: input.allocations.map((allocation) => ({
          assessmentId: localId(String(allocation.assessmentId), "Assessment"),
          amount: allocation.amount,
        })),
      });
      return ctx.db.payment.findFirstOrThrow({ ...query, where: { id: paired.paymentId, municipalityId: ctx.municipality.id } });
    },
  }),
);

const ReverseAllocationInput = builder.inputType("ReversePaymentAllocationInput", {
  fields: (t) => ({
    allocationId: t.id(),
    reason: t.string({ description: "Why (kept with the pairing and in the audit log), at most 500 characters." }),
  }),
});

builder.mutationField("reversePaymentAllocation", (t) =>
  t.prismaField({
    type: "Payment",
    authScopes: FINANCE,
    description: "Reverses a pairing (automatic or manual) with a reason; the payment's amount is free to pair again.",
    args: { input: t.arg({ type: ReverseAllocationInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "payment" } },
    resolve: async (query, _root, { input }, ctx) => {
      const reversed = await reversePaymentAllocation(ctx, {
        allocationId: localId(String(input.allocationId), "PaymentAllocation"),
        reason: input.reason,
      });
      return ctx.db.payment.findFirstOrThrow({ ...query, where: { id: reversed.paymentId, municipalityId: ctx.municipality.id } });
    },
  }),
);
