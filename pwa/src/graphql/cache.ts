import type { Cache, CacheExchangeOpts, KeyingConfig, Resolver } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { schema } from "virtual:graphcache-schema";

/**
 * Types without an `id` (results, errors, edges, branding) have no identity of their own: graphcache embeds them
 * in their parent. Derived from the schema so a new result type needs no entry here.
 */
const keys: KeyingConfig = Object.fromEntries(
  schema.__schema.types
    .filter((type) => type.kind === "OBJECT" && !type.fields?.some((field) => field.name === "id"))
    .map((type) => [type.name, () => null]),
);

/**
 * Drops every cached entry of a root query field, whatever its arguments. `cache.invalidate("Query", "clerks")`
 * alone only reaches `clerks` without arguments, while pages query `clerks(first: 50)`, `clerks(first: 50,
 * after: "…")`, …: each argument set is its own field key. Queries that read an invalidated entry are refetched.
 */
export function invalidateQueryField(cache: Cache, fieldName: string): void {
  for (const field of cache.inspectFields("Query")) {
    if (field.fieldName === fieldName) cache.invalidate("Query", field.fieldKey);
  }
}

function invalidateNoticeLists(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of ["noticeBoard", "noticeArchive", "allNotices", "noticeHistory"]) invalidateQueryField(cache, field);
}

const REGISTER_LISTS = ["contracts", "invoices", "purchaseOrders", "registerContracts", "registerInvoices", "registerPurchaseOrders"];

/** Registers: creating, editing, publishing, withdrawing or importing entries changes which lists hold them and where. */
function invalidateRegisterLists(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of REGISTER_LISTS) invalidateQueryField(cache, field);
}

function invalidateBudgetDataSets(_result: unknown, _args: unknown, cache: Cache): void {
  invalidateQueryField(cache, "budgetDataSets");
}

const PUBLIC_BUDGET = ["budgetYears", "budgetSummary", "budgetDrillDown", "budgetComparison", "budgetDocuments", "budgetVersions"];

function invalidatePublicBudget(result: unknown, args: unknown, cache: Cache): void {
  invalidateBudgetDataSets(result, args, cache);
  for (const field of PUBLIC_BUDGET) invalidateQueryField(cache, field);
}

const PAYMENT_LISTS = ["bankStatements", "unpairedPayments", "assessmentsForPairing"];

function invalidatePaymentLists(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of PAYMENT_LISTS) invalidateQueryField(cache, field);
}

/** Alerts: a clerk's step changes the desk's list, the public list and maybe the crisis banner. */
function invalidateAlertLists(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of ["allAlerts", "alerts", "crisisAlert"]) invalidateQueryField(cache, field);
}

/**
 * The citizen's notification preferences have no id of their own (one per viewer): each change refetches them and
 * the consent history it added to. The preferences page shows the mutation's answer meanwhile.
 */
function invalidateNotificationPreferences(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of ["myNotificationPreferences", "myConsentHistory"]) invalidateQueryField(cache, field);
}

/**
 * The finance clerk's payer list (names, totals) is refetched after a change to a payer or its assessments. The
 * open payer page refetches itself (features/account-clerk/PayerPage.tsx): invalidating it here would blank it
 * while it reloads, losing the one-time access code shown after issuing an assessment.
 */
function invalidatePayers(_result: unknown, _args: unknown, cache: Cache): void {
  invalidateQueryField(cache, "financePayers");
}

function invalidateReviewedSubmissions(_result: unknown, _args: unknown, cache: Cache): void {
  for (const field of ["submissionQueue", "financePayers"]) invalidateQueryField(cache, field);
}

/**
 * relayPagination() merges the pages of a connection but answers only edges, nodes and pageInfo; a connection's
 * own fields (the registers' totalCount and totals, which cover the whole filter, not a page) are read from the
 * page of the current arguments.
 */
function paginationWithTotals(...fields: string[]): Resolver {
  const paginate = relayPagination();
  return (parent, args, cache, info) => {
    const merged = paginate(parent, args, cache, info) as Record<string, unknown> | undefined;
    const page = cache.resolve(info.parentKey, info.fieldName, args);
    if (!merged || typeof page !== "string") return merged as undefined;
    return { ...merged, ...Object.fromEntries(fields.map((field) => [field, cache.resolve(page, field)])) };
  };
}

/**
 * The one graphcache configuration. Feature modules extend it by adding their own `updates` and `resolvers`
 * entries here, next to the ones below, so every cache rule lives in one reviewed place.
 */
export const cacheConfig = {
  schema,
  keys,
  resolvers: {
    Query: {
      clerks: relayPagination(),
      outbox: relayPagination(),
      ...Object.fromEntries(REGISTER_LISTS.map((field) => [field, paginationWithTotals("totalCount", "totals")])),
    },
  },
  updates: {
    Mutation: {
      login(result, _args, cache) {
        const login = result.login as { __typename: string; user?: { __typename: string; id: string } };
        if (login.__typename === "LoginSuccess" && login.user) cache.link("Query", "viewer", login.user);
        // Whoever signs in never sees an account this device kept from an earlier session that ended without a
        // logout here (expired while the app was closed): the next read goes to the server.
        if (login.__typename === "LoginSuccess") invalidateQueryField(cache, "personalAccount");
      },
      // A claimed payer adds its assessments to the personal account.
      claimPayer(_result, _args, cache) {
        invalidateQueryField(cache, "personalAccount");
      },
      // A new clerk's place in the paginated list is the server's to decide: refetch every page of it.
      createClerk(_result, _args, cache) {
        invalidateQueryField(cache, "clerks");
      },
      createApiToken(_result, _args, cache) {
        invalidateQueryField(cache, "apiTokens");
      },
      // Notice board: a clerk's step changes which lists a notice belongs to (board, archive, the clerk's tabs) and
      // adds to its record, so those are refetched; the notice itself is updated from the mutation's answer.
      createNotice: invalidateNoticeLists,
      updateNotice: invalidateNoticeLists,
      proposeNotice: invalidateNoticeLists,
      approveNotice: invalidateNoticeLists,
      reviseNotice: invalidateNoticeLists,
      withdrawNotice: invalidateNoticeLists,
      createContract: invalidateRegisterLists,
      updateContract: invalidateRegisterLists,
      createInvoice: invalidateRegisterLists,
      updateInvoice: invalidateRegisterLists,
      createPurchaseOrder: invalidateRegisterLists,
      updatePurchaseOrder: invalidateRegisterLists,
      publishRegisterEntry: invalidateRegisterLists,
      unpublishRegisterEntry: invalidateRegisterLists,
      commitRegisterImport: invalidateRegisterLists,
      // Finance: a payer's list entry (name, total due) and detail change with its payers and assessments.
      createPayer: invalidatePayers,
      updatePayer: invalidatePayers,
      createAssessment: invalidatePayers,
      cancelAssessment: invalidatePayers,
      writeOffAssessment: invalidatePayers,
      recordCashPayment: invalidatePayers,
      // Payments (finance clerk): an import adds statements and payments, a pairing or reversal moves a payment
      // in or out of the unpaired list and changes the statements' counts.
      importBankStatement: invalidatePaymentLists,
      pairPayment: invalidatePaymentLists,
      reversePaymentAllocation: invalidatePaymentLists,
      // Budget: an upload adds to the office's and the uploader's lists; a publication changes what the public
      // budget shows (every view of it), a decision the lists filtered by status.
      importBudgetData: invalidateBudgetDataSets,
      approveBudgetDataSet: invalidateBudgetDataSets,
      rejectBudgetDataSet: invalidateBudgetDataSets,
      publishBudgetDataSet: invalidatePublicBudget,
      createAlert: invalidateAlertLists,
      updateAlert: invalidateAlertLists,
      cancelAlert: invalidateAlertLists,
      endAlert: invalidateAlertLists,
      setNotificationPreferences: invalidateNotificationPreferences,
      setOfficialDelivery: invalidateNotificationPreferences,
      registerPushSubscription: invalidateNotificationPreferences,
      removePushSubscription: invalidateNotificationPreferences,
      confirmPhoneVerification: invalidateNotificationPreferences,
      removeSmsPhone: invalidateNotificationPreferences,
      // Submissions (reviewers): a decision moves the submission out of the open queue; an approval adds a payer
      // and assessments to the finance pages. The open review page refetches itself.
      approveSubmission: invalidateReviewedSubmissions,
      rejectSubmission: invalidateReviewedSubmissions,
      requestSubmissionInformation: invalidateReviewedSubmissions,
      saveDogFeeTariff(_result, _args, cache) {
        invalidateQueryField(cache, "dogFeeTariffs");
      },
      retrySubmissionDeliveryStep(_result, _args, cache) {
        invalidateQueryField(cache, "submissionDeliveries");
      },
      saveBudgetOrganisation(_result, _args, cache) {
        invalidateQueryField(cache, "budgetOrganisations");
        invalidateQueryField(cache, "myBudgetOrganisations");
      },
    },
  },
} satisfies Omit<CacheExchangeOpts, "storage">;
