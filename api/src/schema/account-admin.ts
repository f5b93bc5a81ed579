// The finance clerk's side of the personal account: payers (list, detail, create, edit, linked citizen
// accounts), assessments (issue, correct, cancel, write off), cash desk payments, and the accounting
// system's upsert and incremental read. Assessments are the citizen's `Assessment` type (schema/account.ts),
// loaded with the same SQL and derived the same way. Resolvers check scope and call one service each.
import { dataloaderGetter } from "@pothos/plugin-dataloader";
import { decodeGlobalID, encodeGlobalID, resolveOffsetConnection } from "@pothos/plugin-relay";
import { builder } from "../builder.ts";
import { pragueNow } from "../clock.ts";
import type { Context } from "../context.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Payer } from "../generated/prisma/client.ts";
import { PayerLinkMethod } from "../generated/prisma/enums.ts";
import type { AccountAssessment } from "../services/account/load-personal-account.ts";
import { ASSESSMENTS_READ_SCOPE, ASSESSMENTS_WRITE_SCOPE, isFinanceClerk, LIMITS } from "../services/account-admin/account-admin-rules.ts";
import { closeAssessment } from "../services/account-admin/close-assessment.ts";
import { createAssessment } from "../services/account-admin/create-assessment.ts";
import { createPayer } from "../services/account-admin/create-payer.ts";
import { findManagedPayer } from "../services/account-admin/find-managed-payer.ts";
import { linkPayerAccount } from "../services/account-admin/link-payer-account.ts";
import {
  decodeAssessmentCursor,
  encodeAssessmentCursor,
  listAssessmentChanges,
} from "../services/account-admin/list-assessment-changes.ts";
import { listPayers } from "../services/account-admin/list-payers.ts";
import {
  loadManagedAssessments,
  loadManagedPayers,
  type ManagedPayerDetail,
  type PayerAccountLink,
} from "../services/account-admin/load-managed-payers.ts";
import { recordCashPayment } from "../services/account-admin/record-cash-payment.ts";
import { unlinkPayerAccount } from "../services/account-admin/unlink-payer-account.ts";
import { updateAssessment } from "../services/account-admin/update-assessment.ts";
import { updatePayer } from "../services/account-admin/update-payer.ts";
import { upsertAssessments, type UpsertItemResult } from "../services/account-admin/upsert-assessments.ts";
import { AssessmentKindEnum, AssessmentRef, PayerKindEnum, remainingOf } from "./account.ts";
import { FieldErrorRef } from "./errors.ts";
import { MAX_LIST_ITEMS } from "./request-limits.ts";

/** Finance clerks (agenda FINANCE; admins pass every agenda). */
const FINANCE = { agenda: "FINANCE" } as const;
const today = (ctx: Context) => pragueNow(ctx.clock).toISODate()!;

/** The local id of a global id of the given type; null for anything else (never an error). */
function localId(value: string | null | undefined, typename: string): string | null {
  if (!value) return null;
  try {
    const decoded = decodeGlobalID(value);
    return decoded.typename === typename ? decoded.id : null;
  } catch {
    return null;
  }
}
/** A global id for a mutation: an unknown one is a NotFoundError (the service finds nothing for "-"). */
const idOf = (value: string | number, typename: string) => localId(String(value), typename) ?? "-";

// ---------------------------------------------------------------------------------------------
// Object types

/** Every payer's links and assessments asked for in one request come from one SQL statement. */
const payerDetails = dataloaderGetter<string, ManagedPayerDetail, string>(
  {},
  async (ids, context) => {
    const ctx = context as Context;
    const byId = await loadManagedPayers(ctx.db, { municipalityId: ctx.municipality.id, payerIds: ids, today: today(ctx) });
    return ids.map((id) => byId.get(id) ?? { id, links: [], assessments: [] });
  },
  undefined,
  false,
);

const PayerLinkMethodEnum = builder.enumType(PayerLinkMethod, {
  name: "PayerLinkMethod",
  description: "CLERK: linked by a finance clerk; CLAIM: claimed by the citizen with a VS and an access code.",
});

const PayerAccountLinkRef = builder.objectRef<PayerAccountLink>("PayerAccountLink").implement({
  description: "A citizen account that sees the payer's assessments in its personal account.",
  fields: (t) => ({
    email: t.exposeString("email"),
    fullName: t.exposeString("fullName"),
    method: t.field({ type: PayerLinkMethodEnum, resolve: (link) => link.method }),
    linkedAt: t.field({ type: "DateTime", resolve: (link) => new Date(link.linkedAt) }),
  }),
});

const sum = (assessments: AccountAssessment[], pick: (a: AccountAssessment) => number) =>
  assessments.reduce((total, a) => total + pick(a), 0);

const FinancePayerRef = builder.objectRef<Payer>("FinancePayer").implement({
  description: "A payer as the finance clerk sees it: its details, linked citizen accounts and every assessment.",
  fields: (t) => ({
    id: t.id({ description: "The payer's global id (type Payer).", resolve: (payer) => encodeGlobalID("Payer", payer.id) }),
    name: t.exposeString("name"),
    kind: t.field({ type: PayerKindEnum, resolve: (payer) => payer.kind }),
    address: t.exposeString("address", { nullable: true }),
    externalId: t.exposeString("externalId", { nullable: true, description: "The accounting system's id." }),
    directDebit: t.exposeBoolean("directDebit", { description: "Pays by SIPO or direct debit (inkaso)." }),
    linkedAccounts: t.field({
      type: [PayerAccountLinkRef],
      resolve: async (payer, _args, ctx) => (await payerDetails(ctx).load(payer.id)).links,
    }),
    assessments: t.field({
      type: [AssessmentRef],
      description: "Newest year first, then by due date; statuses derived as in the citizen's account.",
      resolve: async (payer, _args, ctx) => (await payerDetails(ctx).load(payer.id)).assessments,
    }),
    totalDue: t.field({
      type: "Money",
      description: "What remains to pay over all assessments.",
      resolve: async (payer, _args, ctx) => sum((await payerDetails(ctx).load(payer.id)).assessments, remainingOf),
    }),
  }),
});

const FinancePayerConnection = builder.connectionObject({ type: FinancePayerRef, name: "FinancePayerConnection" });

// Fields only the finance side reads on the shared Assessment type; the citizen gets null.
const readsFinance = (ctx: Context) =>
  isFinanceClerk(ctx) || [ASSESSMENTS_READ_SCOPE, ASSESSMENTS_WRITE_SCOPE].some((scope) => ctx.apiToken?.scopes.includes(scope));
const financeOnly = {
  authScopes: (_parent: unknown, _args: unknown, ctx: Context) => readsFinance(ctx),
  nullable: true,
  unauthorizedResolver: () => null,
} as const;
builder.objectFields(AssessmentRef, (t) => ({
  externalId: t.string({
    ...financeOnly,
    description: "The accounting system's id (finance clerks and integrators).",
    resolve: (a) => a.externalId,
  }),
  updatedAt: t.field({
    type: "DateTime",
    ...financeOnly,
    description: "When the assessment itself last changed (finance clerks and integrators).",
    resolve: (a) => new Date(a.updatedAt),
  }),
  periodFrom: t.field({ type: "Date", nullable: true, resolve: (a) => a.periodFrom }),
  periodTo: t.field({ type: "Date", nullable: true, resolve: (a) => a.periodTo }),
}));

// ---------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => ({
  financePayers: t.connection(
    {
      type: FinancePayerRef,
      authScopes: FINANCE,
      description: "Finance clerks: payers by name; `search` matches part of the name, the external id or any assessment's VS.",
      args: { search: t.arg.string({ required: false }) },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: LIMITS.payersPage }, ({ offset, limit }) =>
          listPayers(ctx, { search: args.search, offset, limit }),
        ),
    },
    FinancePayerConnection,
  ),
  financePayer: t.field({
    type: FinancePayerRef,
    nullable: true,
    authScopes: FINANCE,
    description: "Finance clerks: one payer; null for unknown ids and other towns' payers.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = localId(String(args.id), "Payer");
      if (!id) return null;
      try {
        return await findManagedPayer(ctx, id);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
  assessments: t.connection({
    type: AssessmentRef,
    authScopes: { ...FINANCE, apiScope: ASSESSMENTS_READ_SCOPE },
    description:
      "Integrators (scope assessments:read) and finance clerks: assessments changed after `updatedSince`, oldest change first. " +
      "Keep the last `updatedAt` (or the end cursor) and ask again for the next changes.",
    args: { updatedSince: t.arg({ type: "DateTime", required: false }) },
    resolve: async (_root, args, ctx) => {
      const limit = Math.min(args.first ?? 100, MAX_LIST_ITEMS);
      const page = await listAssessmentChanges(ctx, {
        updatedSince: args.updatedSince ?? null,
        after: decodeAssessmentCursor(args.after),
        limit,
      });
      const assessments = await loadManagedAssessments(ctx.db, {
        municipalityId: ctx.municipality.id,
        assessmentIds: page.ids,
        today: today(ctx),
      });
      const edges = assessments.map((node, index) => ({ node, cursor: encodeAssessmentCursor(page.cursors[index]!) }));
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Inputs

const PayerInput = builder.inputType("PayerInput", {
  fields: (t) => ({
    name: t.string({ description: `Up to ${LIMITS.name} characters.` }),
    kind: t.field({ type: PayerKindEnum }),
    address: t.string({ required: false }),
    externalId: t.string({ required: false, description: "The accounting system's id; unique in the town." }),
    directDebit: t.boolean({ required: false }),
  }),
});

const InstallmentInput = builder.inputType("InstallmentInput", {
  fields: (t) => ({ amount: t.field({ type: "Money" }), dueDate: t.field({ type: "Date" }) }),
});

const installmentFields = (t: Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0]) => ({
  amount: t.field({ type: "Money", description: "Total; positive." }),
  firstDueDate: t.field({
    type: "Date",
    required: false,
    description: "With `installmentCount`: the first of equal monthly installments (default one installment).",
  }),
  installmentCount: t.int({ required: false, description: `1 to ${LIMITS.installments} equal monthly installments.` }),
  installments: t.field({
    type: [InstallmentInput],
    required: false,
    description: `Explicit installments instead (1 to ${LIMITS.installments}, due dates ascending), adding up to the amount.`,
    extensions: { maxItems: LIMITS.installments },
  }),
});

const AssessmentInput = builder.inputType("AssessmentInput", {
  fields: (t) => ({
    kind: t.field({ type: AssessmentKindEnum }),
    subject: t.string(),
    year: t.int(),
    periodFrom: t.field({ type: "Date", required: false }),
    periodTo: t.field({ type: "Date", required: false }),
    ...installmentFields(t),
    variableSymbol: t.string({
      required: false,
      description: "Up to 10 digits, unique per town and kind; generated when empty (kind digit, year, sequence).",
    }),
    constantSymbol: t.string({ required: false }),
    specificSymbol: t.string({ required: false }),
    bankAccountId: t.id({ required: false, description: "One of the town's accounts (Municipality.bankAccounts); default the primary." }),
    generateAccessCode: t.boolean({
      required: false,
      description: "Generate the access code printed on the paper assessment; it is returned once and stored only hashed.",
    }),
  }),
});

const AssessmentChangeInput = builder.inputType("AssessmentChangeInput", {
  fields: (t) => ({ subject: t.string(), ...installmentFields(t) }),
});

const CashPaymentInput = builder.inputType("CashPaymentInput", {
  fields: (t) => ({
    assessmentId: t.id(),
    amount: t.field({ type: "Money", description: "Positive." }),
    receivedOn: t.field({ type: "Date" }),
    receiptNumber: t.string({ description: "The cash desk receipt's number." }),
  }),
});

const UpsertPayerInput = builder.inputType("AssessmentPayerInput", {
  fields: (t) => ({
    externalId: t.string({ description: "The payer's id in the accounting system; the payer is created when missing." }),
    name: t.string(),
    kind: t.field({ type: PayerKindEnum }),
    address: t.string({ required: false }),
    directDebit: t.boolean({ required: false }),
  }),
});

const AssessmentUpsertInput = builder.inputType("AssessmentUpsertInput", {
  fields: (t) => ({
    externalId: t.string({ description: "The assessment's id in the accounting system." }),
    payer: t.field({ type: UpsertPayerInput }),
    kind: t.field({ type: AssessmentKindEnum }),
    subject: t.string(),
    year: t.int(),
    periodFrom: t.field({ type: "Date", required: false }),
    periodTo: t.field({ type: "Date", required: false }),
    ...installmentFields(t),
    variableSymbol: t.string({ required: false, description: "Generated on creation when empty; kept on update when empty." }),
    constantSymbol: t.string({ required: false }),
    specificSymbol: t.string({ required: false }),
    bankAccountIban: t.string({ required: false, description: "One of the town's accounts by IBAN; default the primary." }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Mutations

const AssessmentWithCodeRef = builder
  .objectRef<{ assessment: AccountAssessment; accessCode: string | null }>("CreatedAssessment")
  .implement({
    fields: (t) => ({
      assessment: t.field({ type: AssessmentRef, resolve: (result) => result.assessment }),
      accessCode: t.string({
        nullable: true,
        description: "The access code to print on the paper assessment; shown only in this answer.",
        resolve: (result) => result.accessCode,
      }),
    }),
  });

async function loadAssessment(ctx: Context, id: string): Promise<AccountAssessment> {
  const [assessment] = await loadManagedAssessments(ctx.db, {
    municipalityId: ctx.municipality.id,
    assessmentIds: [id],
    today: today(ctx),
  });
  if (!assessment) throw new NotFoundError();
  return assessment;
}

builder.mutationFields((t) => ({
  createPayer: t.field({
    type: FinancePayerRef,
    authScopes: FINANCE,
    args: { input: t.arg({ type: PayerInput }) },
    errors: { types: [ValidationError], dataField: { name: "payer" } },
    resolve: (_root, { input }, ctx) => createPayer(ctx, input),
  }),
  updatePayer: t.field({
    type: FinancePayerRef,
    authScopes: FINANCE,
    args: { id: t.arg.id(), input: t.arg({ type: PayerInput }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "payer" } },
    resolve: (_root, { id, input }, ctx) => updatePayer(ctx, idOf(id, "Payer"), input),
  }),
  linkPayerAccount: t.field({
    type: FinancePayerRef,
    authScopes: FINANCE,
    description: "Links the town's citizen account with this e-mail to the payer (method CLERK).",
    args: { payerId: t.arg.id(), email: t.arg.string() },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "payer" } },
    resolve: (_root, { payerId, email }, ctx) => linkPayerAccount(ctx, idOf(payerId, "Payer"), email),
  }),
  unlinkPayerAccount: t.field({
    type: FinancePayerRef,
    authScopes: FINANCE,
    args: { payerId: t.arg.id(), email: t.arg.string() },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "payer" } },
    resolve: (_root, { payerId, email }, ctx) => unlinkPayerAccount(ctx, idOf(payerId, "Payer"), email),
  }),
  createAssessment: t.field({
    type: AssessmentWithCodeRef,
    authScopes: FINANCE,
    args: { payerId: t.arg.id(), input: t.arg({ type: AssessmentInput }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true },
    resolve: async (_root, { payerId, input }, ctx) => {
      const created = await createAssessment(ctx, idOf(payerId, "Payer"), input);
      return { assessment: await loadAssessment(ctx, created.assessment.id), accessCode: created.accessCode };
    },
  }),
  updateAssessment: t.field({
    type: AssessmentRef,
    authScopes: FINANCE,
    description: "Corrects the subject, amount and installments while the assessment is active and nothing is paired with it.",
    args: { id: t.arg.id(), input: t.arg({ type: AssessmentChangeInput }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "assessment" } },
    resolve: async (_root, { id, input }, ctx) => loadAssessment(ctx, await updateAssessment(ctx, idOf(id, "Assessment"), input)),
  }),
  cancelAssessment: t.field({
    type: AssessmentRef,
    authScopes: FINANCE,
    description: "Issued by mistake: nothing is owed, anything paid becomes a credit. Active assessments only.",
    args: { id: t.arg.id(), reason: t.arg.string() },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "assessment" } },
    resolve: async (_root, { id, reason }, ctx) =>
      loadAssessment(ctx, await closeAssessment(ctx, idOf(id, "Assessment"), "CANCELLED", reason)),
  }),
  writeOffAssessment: t.field({
    type: AssessmentRef,
    authScopes: FINANCE,
    description: "Uncollectable: nothing is owed any more, what was paid stays paid. Active assessments only.",
    args: { id: t.arg.id(), reason: t.arg.string() },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "assessment" } },
    resolve: async (_root, { id, reason }, ctx) =>
      loadAssessment(ctx, await closeAssessment(ctx, idOf(id, "Assessment"), "WRITTEN_OFF", reason)),
  }),
  recordCashPayment: t.field({
    type: AssessmentRef,
    authScopes: FINANCE,
    description: "Money received at the town's cash desk, paired with the assessment; answers the assessment as it is now.",
    args: { input: t.arg({ type: CashPaymentInput }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "assessment" } },
    resolve: async (_root, { input }, ctx) => {
      const { assessmentId } = await recordCashPayment(ctx, idOf(input.assessmentId, "Assessment"), input);
      return loadAssessment(ctx, assessmentId);
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Integrators

const UpsertStatusEnum = builder.enumType("AssessmentUpsertStatus", {
  values: ["CREATED", "UPDATED", "UNCHANGED", "FAILED"] as const,
  description: "UNCHANGED: the item equals what is stored (a replay); FAILED: see `fieldErrors`, nothing of this item was written.",
});

const UpsertResultRef = builder.objectRef<UpsertItemResult & { assessment: AccountAssessment | null }>("AssessmentUpsertResult").implement({
  description: "The outcome of one item, in input order.",
  fields: (t) => ({
    externalId: t.exposeString("externalId"),
    status: t.field({ type: UpsertStatusEnum, resolve: (result) => result.status }),
    assessment: t.field({ type: AssessmentRef, nullable: true, resolve: (result) => result.assessment }),
    fieldErrors: t.field({
      type: [FieldErrorRef],
      description: "Why the item FAILED (paths relative to the item); empty otherwise.",
      resolve: (result) => result.error?.issues ?? [],
    }),
  }),
});

builder.mutationField("upsertAssessments", (t) =>
  t.field({
    type: [UpsertResultRef],
    authScopes: { apiScope: ASSESSMENTS_WRITE_SCOPE },
    description:
      "Integrators (scope assessments:write): creates or updates assessments by their external id, the payer by its own " +
      "(created when missing). Each item is written on its own: a failed item does not stop the others. A replay reports UNCHANGED.",
    args: { input: t.arg({ type: [AssessmentUpsertInput], extensions: { maxItems: MAX_LIST_ITEMS } }) },
    resolve: async (_root, { input }, ctx) => {
      const results = await upsertAssessments(ctx, input);
      const ids = results.flatMap((result) => (result.assessmentId ? [result.assessmentId] : []));
      const loaded = await loadManagedAssessments(ctx.db, { municipalityId: ctx.municipality.id, assessmentIds: ids, today: today(ctx) });
      const byId = new Map(loaded.map((a) => [a.id, a]));
      return results.map((result) => ({ ...result, assessment: result.assessmentId ? (byId.get(result.assessmentId) ?? null) : null }));
    },
  }),
);
