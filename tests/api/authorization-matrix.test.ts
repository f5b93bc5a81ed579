// THE AUTHORIZATION MATRIX. Every Query and Mutation field of the schema is tried as each kind of
// actor, and the outcome must match the table below. A field missing from the table fails the
// suite, so a new field cannot ship without someone deciding who may use it.
//
// To add a domain module's fields: add one entry per field to FIELD_ACCESS (use the shorthands
// below or spell out all seven actors), with an `operation` that is harmless to repeat (e.g. input
// that fails validation after the authorization check, or an idempotent change), and add any
// records it needs to `seed()`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountEmailJob } from "../../api/src/jobs/account-email.ts";
import { schema } from "../../api/src/schema/index.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

const ACTORS = ["anonymous", "citizen", "otherCitizen", "clerkWithoutAgenda", "clerk", "admin", "otherTownAdmin"] as const;
type Actor = (typeof ACTORS)[number];

/**
 * allowed: the field resolved (a business answer such as ValidationError counts: authorization passed)
 * null: the field answered null (nothing visible)
 * NOT_FOUND: a NotFoundError result, or null where another municipality's record was asked for
 * UNAUTHENTICATED / FORBIDDEN: a top-level GraphQL error with that code
 */
type Outcome = "allowed" | "null" | "NOT_FOUND" | "UNAUTHENTICATED" | "FORBIDDEN";
type Access = Record<Actor, Outcome>;

interface Fixture {
  citizenId: string;
  clerkId: string;
  revokedTokenId: string;
  /** A notice on our board (public), and a draft (clerks only). */
  postedNoticeId: string;
  draftNoticeId: string;
  /** Register entries: drafts (registers clerks only) and a published contract. */
  draftContractId: string;
  publishedContractId: string;
  draftInvoiceId: string;
  draftOrderId: string;
  /** A previewed import with problems (commit refused) and an imported one (discard refused). */
  previewImportId: string;
  importedImportId: string;
  /** An e-mail job of our town that used up its retries. */
  deadJobId: string;
  /** A payer of our town and an active assessment of it (finance clerks only). */
  payerId: string;
  assessmentId: string;
  /** The citizen's paid card payment (its id and its order id). */
  cardPaymentId: string;
  cardPaymentOrderId: string;
  /** Budget: an organisation of our town, a published and a draft data set, a published measure. */
  budgetOrganisationId: string;
  publishedBudgetDataSetId: string;
  draftBudgetDataSetId: string;
  budgetMeasureId: string;
  /** The citizen's submission (agenda SUBMISSIONS) and its delivery to the records system. */
  submissionId: string;
  deliveryId: string;
}
interface FieldCase {
  access: Access;
  operation: (f: Fixture) => { query: string; variables?: Record<string, unknown> };
  /** Send the operation as a GraphQL multipart request with an empty file as `$file`. */
  upload?: boolean;
}

// ----- shorthands --------------------------------------------------------------------------------
const everyone: Access = {
  anonymous: "allowed",
  citizen: "allowed",
  otherCitizen: "allowed",
  clerkWithoutAgenda: "allowed",
  clerk: "allowed",
  admin: "allowed",
  otherTownAdmin: "allowed",
};
const signedIn: Access = { ...everyone, anonymous: "UNAUTHENTICATED" };
/** Admins only; an admin of another town gets its own town's data (checked: nothing of ours leaks). */
const adminOnly: Access = {
  anonymous: "UNAUTHENTICATED",
  citizen: "FORBIDDEN",
  otherCitizen: "FORBIDDEN",
  clerkWithoutAgenda: "FORBIDDEN",
  clerk: "FORBIDDEN",
  admin: "allowed",
  otherTownAdmin: "allowed",
};
/** Admins only, aimed at one of our records: another town's admin must not find it. */
const adminOnlyById: Access = { ...adminOnly, otherTownAdmin: "NOT_FOUND" };

/** Clerks of the agenda (the matrix clerk has them all) and admins; aimed at one of our records. */
const agendaOnly: Access = { ...adminOnly, clerk: "allowed", otherTownAdmin: "NOT_FOUND" };
/** API tokens only: no signed-in person, whatever their role. */
const integratorOnly: Access = {
  anonymous: "UNAUTHENTICATED",
  citizen: "FORBIDDEN",
  otherCitizen: "FORBIDDEN",
  clerkWithoutAgenda: "FORBIDDEN",
  clerk: "FORBIDDEN",
  admin: "FORBIDDEN",
  otherTownAdmin: "FORBIDDEN",
};

/** A register entry that is not published: registers clerks and admins see it, for anyone else it does not exist. */
const registerDraft: Access = {
  anonymous: "null",
  citizen: "null",
  otherCitizen: "null",
  clerkWithoutAgenda: "null",
  clerk: "allowed",
  admin: "allowed",
  otherTownAdmin: "null",
};
/** Register entry input that passes GraphQL's types but not the rules (an empty number). */
const INVALID_CONTRACT = `number: "", subject: "x", counterpartyName: "x", amountWithoutVat: "1.00", amountWithVat: "1.00", signedOn: "2026-01-01"`;
const INVALID_INVOICE = `number: "", subject: "x", supplierName: "x", amountWithoutVat: "1.00", amountWithVat: "1.00", issuedOn: "2026-01-01", dueOn: "2026-01-01"`;
const INVALID_ORDER = `number: "", subject: "x", supplierName: "x", amountWithoutVat: "1.00", amountWithVat: "1.00", orderedOn: "2026-01-01"`;

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

// ===== FIELD_ACCESS: one entry per Query/Mutation field =========================================
const FIELD_ACCESS: Record<string, FieldCase> = {
  // --- municipality ---
  "Query.municipality": { access: everyone, operation: () => ({ query: `{ municipality { id name } }` }) },
  "Mutation.updateMunicipality": {
    // Invalid input: authorization is checked first, then the input is refused, nothing changes.
    access: adminOnly,
    operation: () => ({
      query: `mutation { updateMunicipality(input: { name: "", ico: "1", street: "", city: "", postalCode: "", email: "", primaryColor: "", accentColor: "", bankAccounts: [] }) { __typename } }`,
    }),
  },
  "Query.node": {
    // A person's account: visible to that person and to admins of the same municipality.
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "FORBIDDEN",
      clerkWithoutAgenda: "FORBIDDEN",
      clerk: "FORBIDDEN",
      admin: "allowed",
      otherTownAdmin: "null",
    },
    operation: (f) => ({
      query: `query($id: ID!) { node(id: $id) { id ... on User { email } } }`,
      variables: { id: gid("User", f.citizenId) },
    }),
  },
  "Query.nodes": {
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "FORBIDDEN",
      clerkWithoutAgenda: "FORBIDDEN",
      clerk: "FORBIDDEN",
      admin: "allowed",
      otherTownAdmin: "null",
    },
    operation: (f) => ({
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { email } } }`,
      variables: { ids: [gid("User", f.citizenId)] },
    }),
  },

  // --- accounts ---
  "Query.viewer": { access: { ...everyone, anonymous: "null" }, operation: () => ({ query: `{ viewer { id email role } }` }) },
  "Query.clerks": { access: adminOnly, operation: () => ({ query: `{ clerks(first: 50) { edges { node { id email } } } }` }) },
  "Query.apiTokens": { access: adminOnly, operation: () => ({ query: `{ apiTokens { id name } }` }) },
  "Query.apiTokenScopes": { access: adminOnly, operation: () => ({ query: `{ apiTokenScopes }` }) },
  "Query.outbox": { access: adminOnly, operation: () => ({ query: `{ outbox(first: 50) { edges { node { id toAddress textBody } } } }` }) },
  // --- jobs ---
  // --- card payments ---
  "Query.cardPaymentsAvailable": { access: everyone, operation: () => ({ query: `{ cardPaymentsAvailable }` }) },
  "Query.cardPayments": {
    // Finance clerks; another town's admin gets their own town's (empty) list.
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({ query: `{ cardPayments(first: 10) { nodes { id orderId payerEmail } } }` }),
  },
  "Mutation.startCardPayment": {
    // Citizens only; an empty list is refused after authorization (card payments are off here: a typed answer too).
    access: { ...adminOnly, citizen: "allowed", otherCitizen: "allowed", admin: "FORBIDDEN", otherTownAdmin: "FORBIDDEN" },
    operation: () => ({ query: `mutation { startCardPayment(input: { items: [], idempotencyKey: "x" }) { __typename } }` }),
  },
  "Mutation.settleCardPayment": {
    // Only the payment's own user finds it.
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "NOT_FOUND",
      clerkWithoutAgenda: "NOT_FOUND",
      clerk: "NOT_FOUND",
      admin: "NOT_FOUND",
      otherTownAdmin: "NOT_FOUND",
    },
    operation: (f) => ({
      query: `mutation($orderId: String!) { settleCardPayment(input: { orderId: $orderId }) { __typename } }`,
      variables: { orderId: f.cardPaymentOrderId },
    }),
  },
  "Mutation.refundCardPayment": {
    // Finance clerks of the town; the refund is then refused (no gateway configured here), nothing changes.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { refundCardPayment(input: { id: $id, amount: "1.00", reason: "x" }) { __typename } }`,
      variables: { id: gid("CardPayment", f.cardPaymentId) },
    }),
  },
  "Query.deadLetterJobs": { access: adminOnly, operation: () => ({ query: `{ deadLetterJobs { id kind attempts lastError } }` }) },
  // The VAPID public key is public by nature (every browser that subscribes gets it).
  "Query.webPushPublicKey": { access: everyone, operation: () => ({ query: `{ webPushPublicKey }` }) },
  // Retrying is tried on a dead letter that does not exist, discarding on our town's real one (once per run);
  // tests/api/jobs.test.ts retries and discards with another town's admin trying first.
  "Mutation.retryDeadLetterJob": {
    access: { ...adminOnly, admin: "NOT_FOUND", otherTownAdmin: "NOT_FOUND" },
    operation: () => ({ query: `mutation { retryDeadLetterJob(input: { id: "00000000-0000-4000-8000-000000000000" }) { __typename } }` }),
  },
  "Mutation.discardDeadLetterJob": {
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { discardDeadLetterJob(input: { id: $id }) { __typename } }`,
      variables: { id: f.deadJobId },
    }),
  },
  // Notifications: public alerts; the alerts desk (clerks of the agenda, admins); a citizen's own preferences
  // and history; the town's reminder settings (finance clerks, admins). Aimed at no real alert: an unknown id
  // is "not found" for those allowed; inputs that fail validation change nothing.
  "Query.alerts": { access: everyone, operation: () => ({ query: `{ alerts(first: 5) { nodes { id title } } }` }) },
  "Query.alert": {
    access: {
      ...everyone,
      anonymous: "null",
      citizen: "null",
      otherCitizen: "null",
      clerkWithoutAgenda: "null",
      clerk: "null",
      admin: "null",
      otherTownAdmin: "null",
    },
    operation: () => ({ query: `{ alert(id: "${gid("Alert", "00000000-0000-4000-8000-000000000000")}") { id } }` }),
  },
  "Query.crisisAlert": {
    access: {
      ...everyone,
      anonymous: "null",
      citizen: "null",
      otherCitizen: "null",
      clerkWithoutAgenda: "null",
      clerk: "null",
      admin: "null",
      otherTownAdmin: "null",
    },
    operation: () => ({ query: `{ crisisAlert { id } }` }),
  },
  "Query.notificationTopics": { access: everyone, operation: () => ({ query: `{ notificationTopics { id name } }` }) },
  "Query.notificationAreas": { access: everyone, operation: () => ({ query: `{ notificationAreas { id name } }` }) },
  "Query.allAlerts": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({ query: `{ allAlerts(first: 5) { nodes { id status } } }` }),
  },
  "Query.alertRecipientCounts": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({
      query: `{ alertRecipientCounts(audience: { severity: INFO, topicIds: [], channels: [EMAIL] }) { email citizens } }`,
    }),
  },
  "Mutation.createAlert": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({
      query: `mutation { createAlert(input: { severity: INFO, titleCs: "x", bodyCs: "x", topicIds: [], channels: [] }) { __typename } }`,
    }),
  },
  "Mutation.updateAlert": {
    access: { ...adminOnly, clerk: "NOT_FOUND", admin: "NOT_FOUND", otherTownAdmin: "NOT_FOUND" },
    operation: () => ({
      query: `mutation($id: ID!) { updateAlert(id: $id, input: { severity: INFO, titleCs: "x", bodyCs: "x", topicIds: [], channels: [] }) { __typename } }`,
      variables: { id: gid("Alert", "00000000-0000-4000-8000-000000000000") },
    }),
  },
  "Mutation.cancelAlert": {
    access: { ...adminOnly, clerk: "NOT_FOUND", admin: "NOT_FOUND", otherTownAdmin: "NOT_FOUND" },
    operation: () => ({
      query: `mutation($id: ID!) { cancelAlert(id: $id) { __typename } }`,
      variables: { id: gid("Alert", "00000000-0000-4000-8000-000000000000") },
    }),
  },
  "Mutation.endAlert": {
    access: { ...adminOnly, clerk: "NOT_FOUND", admin: "NOT_FOUND", otherTownAdmin: "NOT_FOUND" },
    operation: () => ({
      query: `mutation($id: ID!) { endAlert(id: $id) { __typename } }`,
      variables: { id: gid("Alert", "00000000-0000-4000-8000-000000000000") },
    }),
  },
  "Query.myNotificationPreferences": {
    access: signedIn,
    operation: () => ({ query: `{ myNotificationPreferences { email subscriptions { channel } } }` }),
  },
  "Query.myConsentHistory": { access: signedIn, operation: () => ({ query: `{ myConsentHistory { granted channel } }` }) },
  "Query.communicationHistory": {
    access: signedIn,
    operation: () => ({ query: `{ communicationHistory(first: 5) { nodes { id kind title } } }` }),
  },
  "Mutation.setNotificationPreferences": {
    access: signedIn,
    operation: () => ({
      query: `mutation { setNotificationPreferences(input: { subscriptions: [], reminderChannels: [EMAIL], paymentChannels: [EMAIL], submissionChannels: [EMAIL] }) { __typename } }`,
    }),
  },
  "Mutation.setOfficialDelivery": {
    access: signedIn,
    operation: () => ({ query: `mutation { setOfficialDelivery(method: DATA_BOX, address: "0") { __typename } }` }),
  },
  "Mutation.registerPushSubscription": {
    access: signedIn,
    operation: () => ({
      query: `mutation { registerPushSubscription(input: { endpoint: "http://localhost/x", p256dh: "x", auth: "x" }) { __typename } }`,
    }),
  },
  "Mutation.removePushSubscription": {
    access: signedIn,
    operation: () => ({ query: `mutation { removePushSubscription(endpoint: "https://fcm.googleapis.com/none") { __typename } }` }),
  },
  "Mutation.startPhoneVerification": {
    access: signedIn,
    operation: () => ({ query: `mutation { startPhoneVerification(phone: "x") { __typename } }` }),
  },
  "Mutation.confirmPhoneVerification": {
    access: signedIn,
    operation: () => ({ query: `mutation { confirmPhoneVerification(code: "123456") { __typename } }` }),
  },
  "Mutation.removeSmsPhone": { access: signedIn, operation: () => ({ query: `mutation { removeSmsPhone { __typename } }` }) },
  "Query.notificationSettings": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({ query: `{ notificationSettings { reminderOffsetsDays } }` }),
  },
  "Mutation.updateNotificationSettings": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({
      query: `mutation { updateNotificationSettings(input: { remindersEnabled: true, reminderOffsetsDays: [], reminderSendHour: 8, reminderLateWindowDays: 3, reminderMaxOverdueDays: 60, paymentConfirmationsEnabled: true, quietHoursStart: "21:00", quietHoursEnd: "07:00" }) { __typename } }`,
    }),
  },
  "Query.auditLog": { access: adminOnly, operation: () => ({ query: `{ auditLog(first: 50) { edges { node { id action actor } } } }` }) },
  "Mutation.register": {
    access: everyone,
    operation: () => ({ query: `mutation { register(input: { email: "not-an-email", password: "x", fullName: "x" }) { __typename } }` }),
  },
  "Mutation.verifyEmail": {
    access: everyone,
    operation: () => ({ query: `mutation { verifyEmail(input: { token: "bogus" }) { __typename } }` }),
  },
  "Mutation.login": {
    access: everyone,
    operation: () => ({
      query: `mutation { login(input: { email: "matrix-nobody@example.cz", password: "Wrong-password-1" }) { __typename } }`,
    }),
  },
  "Mutation.logout": { access: everyone, operation: () => ({ query: `mutation { logout { __typename } }` }) },
  "Mutation.requestPasswordReset": {
    access: everyone,
    operation: () => ({ query: `mutation { requestPasswordReset(input: { email: "matrix-nobody@example.cz" }) { __typename } }` }),
  },
  "Mutation.resetPassword": {
    access: everyone,
    operation: () => ({
      query: `mutation { resetPassword(input: { token: "bogus", newPassword: "Zeleny-kopec-u-reky-42" }) { __typename } }`,
    }),
  },
  "Mutation.changePassword": {
    access: signedIn,
    operation: () => ({
      query: `mutation { changePassword(input: { currentPassword: "Not-my-password-1", newPassword: "Zeleny-kopec-u-reky-42" }) { __typename } }`,
    }),
  },
  "Query.personalAccount": {
    access: signedIn,
    operation: () => ({ query: `{ personalAccount { totalDue payers { id } } }` }),
  },
  "Mutation.claimPayer": {
    access: signedIn,
    // A pair that matches nothing: a field error for everyone signed in, nothing linked.
    operation: () => ({
      query: `mutation { claimPayer(input: { variableSymbol: "9999999999", accessCode: "NOPE-NOPE" }) { __typename } }`,
    }),
  },
  "Mutation.updateProfile": {
    access: signedIn,
    operation: () => ({ query: `mutation { updateProfile(input: { fullName: "", locale: "cs" }) { __typename } }` }),
  },
  "Mutation.createClerk": {
    access: adminOnly,
    operation: () => ({
      query: `mutation { createClerk(input: { email: "bad", fullName: "x", role: CLERK, agendas: [] }) { __typename } }`,
    }),
  },
  "Mutation.updateClerk": {
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateClerk(input: { id: $id, role: CLERK }) { __typename } }`,
      variables: { id: gid("User", f.clerkId) },
    }),
  },
  "Mutation.createApiToken": {
    access: adminOnly,
    operation: () => ({ query: `mutation { createApiToken(input: { name: "", scopes: [] }) { __typename } }` }),
  },
  "Mutation.revokeApiToken": {
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { revokeApiToken(input: { id: $id }) { __typename } }`,
      variables: { id: gid("ApiToken", f.revokedTokenId) },
    }),
  },

  // --- files and notice board ---
  "Mutation.uploadFile": {
    // An empty file: authorization first, then FILE_EMPTY; nothing is stored.
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    upload: true,
    operation: () => ({ query: `mutation($file: File!) { uploadFile(file: $file) { __typename } }` }),
  },
  "Query.noticeBoard": { access: everyone, operation: () => ({ query: `{ noticeBoard(first: 50) { edges { node { id title } } } }` }) },
  "Query.noticeArchive": { access: everyone, operation: () => ({ query: `{ noticeArchive(first: 50) { edges { node { id title } } } }` }) },
  "Query.notice": {
    // Public once posted; another town's host does not know it.
    access: { ...everyone, otherTownAdmin: "null" },
    operation: (f) => ({ query: `query($id: ID!) { notice(id: $id) { id title } }`, variables: { id: gid("Notice", f.postedNoticeId) } }),
  },
  "Query.allNotices": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ allNotices(first: 50) { edges { node { id title status } } } }` }),
  },
  "Query.noticeHistory": {
    access: { ...agendaOnly, otherTownAdmin: "null" },
    operation: (f) => ({
      query: `query($id: ID!) { noticeHistory(id: $id) { notice { title } events { type } } }`,
      variables: { id: gid("Notice", f.draftNoticeId) },
    }),
  },
  "Query.noticeWindow": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ noticeWindow { minimumRelevantUntil } }` }),
  },
  "Mutation.createNotice": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { createNotice(input: { title: "", category: DECREES }) { __typename } }` }),
  },
  "Mutation.updateNotice": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateNotice(input: { id: $id, notice: { title: "", category: DECREES } }) { __typename } }`,
      variables: { id: gid("Notice", f.draftNoticeId) },
    }),
  },
  "Mutation.attachNoticeFile": {
    // An unknown file: refused after the notice was found.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!, $file: ID!) { attachNoticeFile(input: { noticeId: $id, fileId: $file }) { __typename } }`,
      variables: { id: gid("Notice", f.draftNoticeId), file: gid("StoredFile", "00000000-0000-0000-0000-000000000000") },
    }),
  },
  "Mutation.detachNoticeFile": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!, $file: ID!) { detachNoticeFile(input: { noticeId: $id, fileId: $file }) { __typename } }`,
      variables: { id: gid("Notice", f.draftNoticeId), file: gid("StoredFile", "00000000-0000-0000-0000-000000000000") },
    }),
  },
  "Mutation.proposeNotice": {
    // The posted notice cannot be proposed: a state error after authorization.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { proposeNotice(input: { id: $id }) { __typename } }`,
      variables: { id: gid("Notice", f.postedNoticeId) },
    }),
  },
  "Mutation.approveNotice": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { approveNotice(input: { id: $id }) { __typename } }`,
      variables: { id: gid("Notice", f.postedNoticeId) },
    }),
  },
  "Mutation.reviseNotice": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { reviseNotice(input: { id: $id, reason: "", notice: { title: "x", category: DECREES } }) { __typename } }`,
      variables: { id: gid("Notice", f.postedNoticeId) },
    }),
  },
  "Mutation.withdrawNotice": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { withdrawNotice(input: { id: $id, reason: "" }) { __typename } }`,
      variables: { id: gid("Notice", f.postedNoticeId) },
    }),
  },
  // Integrators only (API token with notices:write): every session is refused.
  "Mutation.upsertNoticeByExternalId": {
    access: integratorOnly,
    operation: () => ({
      query: `mutation { upsertNoticeByExternalId(externalId: "matrix", input: { title: "", category: DECREES }) { __typename } }`,
    }),
  },
  "Mutation.approveNoticeByExternalId": {
    access: integratorOnly,
    operation: () => ({ query: `mutation { approveNoticeByExternalId(externalId: "matrix") { __typename } }` }),
  },
  "Mutation.withdrawNoticeByExternalId": {
    access: integratorOnly,
    operation: () => ({ query: `mutation { withdrawNoticeByExternalId(externalId: "matrix", reason: "") { __typename } }` }),
  },

  // --- registers of contracts, invoices and orders ---
  "Query.contracts": {
    access: everyone,
    operation: () => ({ query: `{ contracts(first: 50) { totalCount totals { amountWithVat } edges { node { id number subject } } } }` }),
  },
  "Query.invoices": {
    access: everyone,
    operation: () => ({ query: `{ invoices(first: 50) { totalCount edges { node { id number subject } } } }` }),
  },
  "Query.purchaseOrders": {
    access: everyone,
    operation: () => ({ query: `{ purchaseOrders(first: 50) { totalCount edges { node { id number subject } } } }` }),
  },
  "Query.registerContracts": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ registerContracts(first: 50, registry: PENDING) { edges { node { id subject status } } } }` }),
  },
  "Query.registerInvoices": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ registerInvoices(first: 50) { edges { node { id subject status } } } }` }),
  },
  "Query.registerPurchaseOrders": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ registerPurchaseOrders(first: 50) { edges { node { id subject status } } } }` }),
  },
  "Query.contract": {
    // A draft: registers clerks and admins only; for everyone else it does not exist.
    access: registerDraft,
    operation: (f) => ({
      query: `query($id: ID!) { contract(id: $id) { id subject } }`,
      variables: { id: gid("Contract", f.draftContractId) },
    }),
  },
  "Query.invoice": {
    access: registerDraft,
    operation: (f) => ({
      query: `query($id: ID!) { invoice(id: $id) { id subject } }`,
      variables: { id: gid("Invoice", f.draftInvoiceId) },
    }),
  },
  "Query.purchaseOrder": {
    access: registerDraft,
    operation: (f) => ({
      query: `query($id: ID!) { purchaseOrder(id: $id) { id subject } }`,
      variables: { id: gid("PurchaseOrder", f.draftOrderId) },
    }),
  },
  "Query.registerImport": {
    access: { ...agendaOnly, otherTownAdmin: "null" },
    operation: (f) => ({
      query: `query($id: ID!) { registerImport(id: $id) { id fileName problems { message } } }`,
      variables: { id: gid("RegisterImport", f.previewImportId) },
    }),
  },
  "Mutation.createContract": {
    // Invalid input: refused after authorization, nothing is saved.
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { createContract(input: { ${INVALID_CONTRACT} }) { __typename } }` }),
  },
  "Mutation.updateContract": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateContract(id: $id, input: { ${INVALID_CONTRACT} }) { __typename } }`,
      variables: { id: gid("Contract", f.draftContractId) },
    }),
  },
  "Mutation.createInvoice": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { createInvoice(input: { ${INVALID_INVOICE} }) { __typename } }` }),
  },
  "Mutation.updateInvoice": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateInvoice(id: $id, input: { ${INVALID_INVOICE} }) { __typename } }`,
      variables: { id: gid("Invoice", f.draftInvoiceId) },
    }),
  },
  "Mutation.createPurchaseOrder": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { createPurchaseOrder(input: { ${INVALID_ORDER} }) { __typename } }` }),
  },
  "Mutation.updatePurchaseOrder": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updatePurchaseOrder(id: $id, input: { ${INVALID_ORDER} }) { __typename } }`,
      variables: { id: gid("PurchaseOrder", f.draftOrderId) },
    }),
  },
  "Mutation.publishRegisterEntry": {
    // Already published: publishing again changes nothing.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { publishRegisterEntry(id: $id) { __typename } }`,
      variables: { id: gid("Contract", f.publishedContractId) },
    }),
  },
  "Mutation.unpublishRegisterEntry": {
    // A draft cannot be withdrawn: refused after it was found.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { unpublishRegisterEntry(id: $id, reason: "matrix") { __typename } }`,
      variables: { id: gid("Contract", f.draftContractId) },
    }),
  },
  "Mutation.previewRegisterImport": {
    // An empty file: authorization first, then EMPTY; nothing is kept.
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    upload: true,
    operation: () => ({ query: `mutation($file: File!) { previewRegisterImport(input: { kind: CONTRACT, file: $file }) { __typename } }` }),
  },
  "Mutation.commitRegisterImport": {
    // The preview has problems and skipInvalidRows is not set: refused, nothing imported.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { commitRegisterImport(input: { id: $id }) { __typename } }`,
      variables: { id: gid("RegisterImport", f.previewImportId) },
    }),
  },
  "Mutation.discardRegisterImport": {
    // Already imported: cannot be discarded.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { discardRegisterImport(id: $id) { __typename } }`,
      variables: { id: gid("RegisterImport", f.importedImportId) },
    }),
  },
  // Integrators only (API token with registers:write): every session is refused.
  "Mutation.upsertContractByExternalId": {
    access: integratorOnly,
    operation: () => ({
      query: `mutation { upsertContractByExternalId(externalId: "matrix", input: { ${INVALID_CONTRACT} }) { __typename } }`,
    }),
  },
  "Mutation.upsertInvoiceByExternalId": {
    access: integratorOnly,
    operation: () => ({
      query: `mutation { upsertInvoiceByExternalId(externalId: "matrix", input: { ${INVALID_INVOICE} }) { __typename } }`,
    }),
  },
  "Mutation.upsertPurchaseOrderByExternalId": {
    access: integratorOnly,
    operation: () => ({
      query: `mutation { upsertPurchaseOrderByExternalId(externalId: "matrix", input: { ${INVALID_ORDER} }) { __typename } }`,
    }),
  },
  "Mutation.publishRegisterEntryByExternalId": {
    access: integratorOnly,
    operation: () => ({ query: `mutation { publishRegisterEntryByExternalId(kind: CONTRACT, externalId: "matrix") { __typename } }` }),
  },
  "Mutation.unpublishRegisterEntryByExternalId": {
    access: integratorOnly,
    operation: () => ({
      query: `mutation { unpublishRegisterEntryByExternalId(kind: CONTRACT, externalId: "matrix", reason: "") { __typename } }`,
    }),
  },

  // --- bank statements and payment pairing (finance agenda) ---
  "Query.bankStatements": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ bankStatements(first: 10) { nodes { id statementNumber pairing { unpairedCount } } } }` }),
  },
  "Query.unpairedPayments": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ unpairedPayments(first: 10) { totalCount nodes { id amount } } }` }),
  },
  "Query.payments": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ payments(first: 10) { nodes { id amount allocations { id } } } }` }),
  },
  "Query.assessmentsForPairing": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ assessmentsForPairing(query: "1104201") { assessmentId } }` }),
  },
  "Mutation.importBankStatement": {
    // An empty file: authorization first, then the file's problem; nothing is written.
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    upload: true,
    operation: () => ({
      query: `mutation($file: File!) { importBankStatement(input: { file: $file }) { __typename } }`,
    }),
  },
  "Mutation.pairPayment": {
    access: { ...agendaOnly, clerk: "NOT_FOUND", admin: "NOT_FOUND" },
    operation: () => ({
      query: `mutation { pairPayment(input: { paymentId: "UGF5bWVudDowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA=", allocations: [{ assessmentId: "x", amount: "1.00" }] }) { __typename } }`,
    }),
  },
  "Mutation.reversePaymentAllocation": {
    access: { ...agendaOnly, clerk: "NOT_FOUND", admin: "NOT_FOUND" },
    operation: () => ({
      query: `mutation { reversePaymentAllocation(input: { allocationId: "x", reason: "matrix" }) { __typename } }`,
    }),
  },
  // --- finance clerk: payers, assessments, cash desk (schema/account-admin.ts) ---
  "Query.financePayers": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ financePayers(first: 50) { nodes { id name address } } }` }),
  },
  "Query.financePayer": {
    access: { ...agendaOnly, otherTownAdmin: "null" },
    operation: (f) => ({
      query: `query($id: ID!) { financePayer(id: $id) { id name linkedAccounts { email } assessments { subject } } }`,
      variables: { id: gid("Payer", f.payerId) },
    }),
  },
  "Query.assessments": {
    // Integrators with assessments:read, finance clerks and admins (another town's admin reads its own town).
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `{ assessments(first: 50) { edges { node { id subject } } } }` }),
  },
  "Mutation.createPayer": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { createPayer(input: { name: "", kind: PERSON }) { __typename } }` }),
  },
  "Mutation.updatePayer": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updatePayer(id: $id, input: { name: "", kind: PERSON }) { __typename ... on Error { code } } }`,
      variables: { id: gid("Payer", f.payerId) },
    }),
  },
  "Mutation.linkPayerAccount": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { linkPayerAccount(payerId: $id, email: "bad") { __typename ... on Error { code } } }`,
      variables: { id: gid("Payer", f.payerId) },
    }),
  },
  "Mutation.unlinkPayerAccount": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { unlinkPayerAccount(payerId: $id, email: "nobody@example.cz") { __typename ... on Error { code } } }`,
      variables: { id: gid("Payer", f.payerId) },
    }),
  },
  "Mutation.createAssessment": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { createAssessment(payerId: $id, input: { kind: OTHER, subject: "", year: 2026, amount: "1.00", firstDueDate: "2026-12-31" }) { __typename ... on Error { code } } }`,
      variables: { id: gid("Payer", f.payerId) },
    }),
  },
  "Mutation.updateAssessment": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateAssessment(id: $id, input: { subject: "", amount: "1.00", firstDueDate: "2026-12-31" }) { __typename ... on Error { code } } }`,
      variables: { id: gid("Assessment", f.assessmentId) },
    }),
  },
  "Mutation.cancelAssessment": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { cancelAssessment(id: $id, reason: "") { __typename ... on Error { code } } }`,
      variables: { id: gid("Assessment", f.assessmentId) },
    }),
  },
  "Mutation.writeOffAssessment": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { writeOffAssessment(id: $id, reason: "") { __typename ... on Error { code } } }`,
      variables: { id: gid("Assessment", f.assessmentId) },
    }),
  },
  "Mutation.recordCashPayment": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { recordCashPayment(input: { assessmentId: $id, amount: "0.00", receivedOn: "2026-01-01", receiptNumber: "x" }) { __typename ... on Error { code } } }`,
      variables: { id: gid("Assessment", f.assessmentId) },
    }),
  },
  "Mutation.upsertAssessments": {
    // Integrators only (API token with assessments:write); an empty batch changes nothing.
    access: integratorOnly,
    operation: () => ({ query: `mutation { upsertAssessments(input: []) { status } }` }),
  },

  // --- budget (Klikací rozpočet) ---
  "Query.budgetYears": { access: everyone, operation: () => ({ query: `{ budgetYears { year months } }` }) },
  "Query.budgetOrganisations": { access: everyone, operation: () => ({ query: `{ budgetOrganisations { id code name } }` }) },
  "Query.budgetSummary": {
    access: everyone,
    operation: () => ({ query: `{ budgetSummary(view: { year: 2026 }) { asOfMonth revenue { actual } } }` }),
  },
  "Query.budgetDrillDown": {
    access: everyone,
    operation: () => ({
      query: `{ budgetDrillDown(view: { year: 2026 }, path: { side: EXPENDITURE }) { level rows { code name actual } } }`,
    }),
  },
  "Query.budgetDocuments": {
    access: everyone,
    operation: () => ({
      query: `{ budgetDocuments(view: { year: 2026 }, path: { side: EXPENDITURE, polozka: "5169" }) { totalCount nodes { documentNumber } } }`,
    }),
  },
  "Query.budgetComparison": {
    access: everyone,
    operation: () => ({ query: `{ budgetComparison(view: {}, years: [2025, 2026], path: { side: REVENUE }) { level rows { code } } }` }),
  },
  "Query.budgetMeasures": { access: everyone, operation: () => ({ query: `{ budgetMeasures(year: 2026) { number title } }` }) },
  "Query.budgetVersions": { access: everyone, operation: () => ({ query: `{ budgetVersions(year: 2026) { id fileName } }` }) },
  "Query.myBudgetOrganisations": { access: signedIn, operation: () => ({ query: `{ myBudgetOrganisations { id name } }` }) },
  "Query.budgetDataSets": { access: signedIn, operation: () => ({ query: `{ budgetDataSets { id fileName } }` }) },
  "Query.budgetDataSet": {
    // A draft: the budget office (and the organisation's uploaders); for anyone else it does not exist.
    access: registerDraft,
    operation: (f) => ({ query: `query($id: ID!) { budgetDataSet(id: $id) { id fileName } }`, variables: { id: f.draftBudgetDataSetId } }),
  },
  "Mutation.importBudgetData": {
    // An empty file: authorization first (the budget office or the organisation's uploaders), then EMPTY;
    // anyone else is told the organisation does not exist (nothing learnt about it).
    access: { ...agendaOnly, citizen: "NOT_FOUND", otherCitizen: "NOT_FOUND", clerkWithoutAgenda: "NOT_FOUND" },
    upload: true,
    operation: (f) => ({
      query: `mutation($file: File!) { importBudgetData(input: { organisationId: "${f.budgetOrganisationId}", year: 2026, month: 1, file: $file }) { __typename } }`,
    }),
  },
  "Mutation.approveBudgetDataSet": {
    // A published data set cannot be approved again: WRONG_STATUS, nothing changes.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { approveBudgetDataSet(id: $id) { __typename } }`,
      variables: { id: f.publishedBudgetDataSetId },
    }),
  },
  "Mutation.publishBudgetDataSet": {
    // Publishing a published data set changes nothing.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { publishBudgetDataSet(id: $id) { __typename } }`,
      variables: { id: f.publishedBudgetDataSetId },
    }),
  },
  "Mutation.rejectBudgetDataSet": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { rejectBudgetDataSet(id: $id, reason: "") { __typename } }`,
      variables: { id: f.publishedBudgetDataSetId },
    }),
  },
  "Mutation.saveBudgetOrganisation": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({ query: `mutation { saveBudgetOrganisation(input: { kind: TOWN, code: "", name: "" }) { __typename } }` }),
  },
  "Mutation.setBudgetOrganisationMember": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { setBudgetOrganisationMember(organisationId: $id, email: "nobody@example.cz", member: true) { __typename } }`,
      variables: { id: f.budgetOrganisationId },
    }),
  },
  "Mutation.createBudgetMeasure": {
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: (f) => ({
      query: `mutation($id: ID!) { createBudgetMeasure(input: { organisationId: $id, year: 2026, number: "", title: "", approvedBy: "", approvedOn: "2026-01-01", items: [] }) { __typename } }`,
      variables: { id: f.budgetOrganisationId },
    }),
  },
  "Query.budgetCodelistEntries": { access: everyone, operation: () => ({ query: `{ budgetCodelistEntries { code nameCs } }` }) },
  "Mutation.saveBudgetCodelistEntry": {
    // Invalid input after the authorization check: nothing is added.
    access: { ...agendaOnly, otherTownAdmin: "allowed" },
    operation: () => ({
      query: `mutation { saveBudgetCodelistEntry(input: { kind: POLOZKA, code: "x", nameCs: "", nameEn: "", validFrom: "2026-01-01" }) { __typename } }`,
    }),
  },
  "Mutation.publishBudgetMeasure": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { publishBudgetMeasure(id: $id) { __typename } }`,
      variables: { id: f.budgetMeasureId },
    }),
  },
  // --- life situations (submissions) ---
  "Query.lifeSituations": { access: everyone, operation: () => ({ query: `{ lifeSituations { slug } }` }) },
  "Query.lifeSituation": { access: everyone, operation: () => ({ query: `{ lifeSituation(slug: "prihlaseni-psa") { slug } }` }) },
  "Query.dogFeeTariffs": { access: everyone, operation: () => ({ query: `{ dogFeeTariffs { year } }` }) },
  "Query.wasteFeeTariffs": { access: everyone, operation: () => ({ query: `{ wasteFeeTariffs { year } }` }) },
  "Query.formDrafts": { access: signedIn, operation: () => ({ query: `{ formDrafts { clientId } }` }) },
  "Mutation.saveFormDraft": {
    access: signedIn,
    operation: () => ({
      query: `mutation { saveFormDraft(input: { clientId: "not-a-uuid", formId: "dog-registration", formVersion: "1.0.0", values: {} }) { __typename } }`,
    }),
  },
  "Mutation.deleteFormDraft": {
    access: signedIn,
    operation: () => ({ query: `mutation { deleteFormDraft(clientId: "00000000-0000-4000-8000-000000000000") }` }),
  },
  "Mutation.uploadFormAttachment": {
    // An empty file is refused after authorization.
    access: signedIn,
    upload: true,
    operation: () => ({
      query: `mutation($file: File!) { uploadFormAttachment(id: "00000000-0000-4000-8000-00000000000f", file: $file) { __typename } }`,
    }),
  },
  "Mutation.submitForm": {
    access: signedIn,
    operation: () => ({
      query: `mutation { submitForm(input: { formId: "no-such-form", formVersion: "1.0.0", values: {}, idempotencyKey: "matrix-key-1" }) { __typename } }`,
    }),
  },
  "Query.mySubmissions": { access: signedIn, operation: () => ({ query: `{ mySubmissions { nodes { number } } }` }) },
  "Query.submission": {
    // The citizen's own, and reviewers of its agenda; nobody else learns it exists.
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "null",
      clerkWithoutAgenda: "null",
      clerk: "allowed",
      admin: "allowed",
      otherTownAdmin: "null",
    },
    operation: (f) => ({
      query: `query($id: ID!) { submission(id: $id) { number } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Mutation.answerInformationRequest": {
    // Only the citizen's own; the submission awaits no answer, so nothing changes.
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "NOT_FOUND",
      clerkWithoutAgenda: "NOT_FOUND",
      clerk: "NOT_FOUND",
      admin: "NOT_FOUND",
      otherTownAdmin: "NOT_FOUND",
    },
    operation: (f) => ({
      query: `mutation($id: ID!) { answerInformationRequest(input: { submissionId: $id, message: "x" }) { __typename } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Query.submissionQueue": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({ query: `{ submissionQueue { nodes { number } } }` }),
  },
  "Query.submissionReview": {
    access: { ...adminOnly, clerk: "allowed", otherTownAdmin: "null" },
    operation: (f) => ({
      query: `query($id: ID!) { submissionReview(id: $id) { submission { number } } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Mutation.requestSubmissionInformation": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { requestSubmissionInformation(input: { id: $id, expectedRevision: 1, message: "" }) { __typename } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Mutation.approveSubmission": {
    // A revision nobody saw: a ConflictError, nothing changes.
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { approveSubmission(input: { id: $id, expectedRevision: 999 }) { __typename } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Mutation.rejectSubmission": {
    access: agendaOnly,
    operation: (f) => ({
      query: `mutation($id: ID!) { rejectSubmission(input: { id: $id, expectedRevision: 1, reason: "" }) { __typename } }`,
      variables: { id: gid("Submission", f.submissionId) },
    }),
  },
  "Mutation.saveDogFeeTariff": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({
      query: `mutation { saveDogFeeTariff(input: { year: 1, firstDog: "0.00", furtherDog: "0.00", pensionerFirstDog: "0.00", pensionerFurtherDog: "0.00", proRata: "STARTED_MONTHS", dueDate: "2026-03-31", installmentCount: 1 }) { __typename } }`,
    }),
  },
  "Mutation.saveWasteFeeTariff": {
    access: { ...adminOnly, clerk: "allowed" },
    operation: () => ({
      query: `mutation { saveWasteFeeTariff(input: { year: 1, perPerson: "0.00", dueDate: "2026-03-31", installmentCount: 1 }) { __typename } }`,
    }),
  },
  "Query.submissionDeliveries": { access: adminOnly, operation: () => ({ query: `{ submissionDeliveries { nodes { step } } }` }) },
  "Mutation.retrySubmissionDeliveryStep": {
    // The delivery has not failed: a ConflictError, nothing runs.
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { retrySubmissionDeliveryStep(id: $id) { __typename } }`,
      variables: { id: f.deliveryId },
    }),
  },
  "Mutation.saveSubmissionWebhook": {
    access: adminOnly,
    operation: () => ({ query: `mutation { saveSubmissionWebhook(input: { url: "ftp://x", enabled: false }) { __typename } }` }),
  },
};
// ================================================================================================

let app: TestApp;
const host = "matice.test";
const otherHost = "jina-matice.test";
let users: Record<Exclude<Actor, "anonymous">, { id: string; municipalityId: string; email: string }>;
let fixture: Fixture;
/** Strings of our municipality that must never appear in an answer to another town's user. */
let ourSecrets: string[];

beforeAll(async () => {
  app = await createTestApp({ MAIL_RETRY_LIMIT: "0" });
  const town = await createMunicipality(app, { hostname: host, name: "Obec Maticová" });
  const otherTown = await createMunicipality(app, { hostname: otherHost, name: "Obec Sousední" });
  users = {
    citizen: await createUser(app, town.id, { email: "matrix-citizen@example.cz" }),
    otherCitizen: await createUser(app, town.id, { email: "matrix-other-citizen@example.cz" }),
    clerkWithoutAgenda: await createUser(app, town.id, { role: "CLERK", agendas: [], email: "matrix-clerk-none@example.cz" }),
    clerk: await createUser(app, town.id, {
      role: "CLERK",
      agendas: ["NOTICES", "REGISTERS", "FINANCE", "SUBMISSIONS", "ALERTS", "BUDGET", "GRANTS"],
      email: "matrix-clerk@example.cz",
    }),
    admin: await createUser(app, town.id, { role: "ADMIN", email: "matrix-admin@example.cz" }),
    otherTownAdmin: await createUser(app, otherTown.id, { role: "ADMIN", email: "matrix-foreign-admin@example.cz" }),
  };
  const revoked = await app.database.prisma.apiToken.create({
    data: {
      municipalityId: town.id,
      name: "matrix-secret-token",
      prefix: "po_matrix",
      tokenHash: "a".repeat(64),
      scopes: ["notices:write"],
      revokedAt: app.clock.now(),
    },
  });
  await app.database.prisma.outboxMessage.create({
    data: {
      municipalityId: town.id,
      toAddress: "matrix-citizen@example.cz",
      subject: "matrix",
      textBody: "matrix-secret-mail",
      transport: "outbox",
    },
  });
  // A dead letter of our town: an invitation whose link cannot be built fails on its only attempt (MAIL_RETRY_LIMIT=0).
  const deadJobId = await app.jobs.enqueue(accountEmailJob, {
    municipalityId: town.id,
    template: "clerkInvite",
    userId: users.clerk.id,
    link: "no link",
  });
  await app.jobs.drain();
  await app.database.prisma.auditLogEntry.create({
    data: { municipalityId: town.id, action: "matrix.secret", actorUserId: users.admin.id },
  });
  const noticeBase = {
    municipalityId: town.id,
    category: "ANNOUNCEMENTS" as const,
    originator: "Obec Maticová",
    postedAt: new Date("2026-11-20T09:00:00Z"),
    relevantUntil: new Date("2026-12-31T00:00:00Z"),
    takeDownAt: new Date("2026-12-31T23:00:00Z"),
  };
  const postedNotice = await app.database.prisma.notice.create({
    data: { ...noticeBase, status: "APPROVED", title: "matrix-secret-notice (posted)", approvedAt: noticeBase.postedAt },
  });
  const draftNotice = await app.database.prisma.notice.create({ data: { ...noticeBase, title: "matrix-secret-notice (draft)" } });
  const entry = { municipalityId: town.id, amountWithoutVat: 9_000_000n, amountWithVat: 10_890_000n };
  const draftContract = await app.database.prisma.contract.create({
    data: {
      ...entry,
      number: "M-1",
      subject: "matrix-secret-contract (draft)",
      counterpartyName: "Firma",
      signedOn: new Date("2026-01-05"),
    },
  });
  const publishedContract = await app.database.prisma.contract.create({
    data: {
      ...entry,
      number: "M-2",
      subject: "matrix-secret-contract (published)",
      counterpartyName: "Firma",
      signedOn: new Date("2026-01-05"),
      status: "PUBLISHED",
      publishedAt: new Date("2026-01-06T10:00:00Z"),
    },
  });
  const draftInvoice = await app.database.prisma.invoice.create({
    data: {
      ...entry,
      number: "M-3",
      subject: "matrix-secret-invoice",
      supplierName: "Firma",
      issuedOn: new Date("2026-01-05"),
      dueOn: new Date("2026-01-19"),
    },
  });
  const draftOrder = await app.database.prisma.purchaseOrder.create({
    data: { ...entry, number: "M-4", subject: "matrix-secret-order", supplierName: "Firma", orderedOn: new Date("2026-01-05") },
  });
  const registerImport = (status: "PREVIEW" | "IMPORTED") =>
    app.database.prisma.registerImport.create({
      data: {
        municipalityId: town.id,
        kind: "CONTRACT",
        fileName: `matrix-secret-import-${status}.csv`,
        status,
        rows: [],
        problems: [{ line: 2, column: "IČO", field: "counterpartyIco", code: "CUSTOM", messageKey: "field.ico", params: {} }],
        rowCount: 1,
      },
    });
  const payer = await createPayer(app, town.id, { name: "matrix-secret-payer" });
  const assessment = await createAssessment(app, payer, { subject: "matrix-secret-assessment" });
  const cardPayer = await createPayer(app, town.id, { userIds: [users.citizen.id] });
  const cardAssessment = await createAssessment(app, cardPayer, { amount: 10_000 });
  const cardPayment = await app.database.prisma.cardPayment.create({
    data: {
      municipalityId: town.id,
      orderId: "matrixCardPaymentOrder01",
      provider: "stripe",
      providerPaymentId: "cs_matrix",
      userId: users.citizen.id,
      amount: 10_000n,
      status: "SUCCEEDED",
      items: { create: [{ assessmentId: cardAssessment.id, amount: 10_000n }] },
    },
  });
  const submission = await app.database.prisma.submission.create({
    data: {
      municipalityId: town.id,
      number: "P-2026-00001",
      userId: users.citizen.id,
      formId: "general-submission",
      formVersion: "1.0.0",
      agenda: "SUBMISSIONS",
      values: { subject: "matrix-secret-submission" },
      summary: { sections: [] },
      idempotencyKey: "matrix-submission",
      submittedAt: app.clock.now(),
    },
  });
  const delivery = await app.database.prisma.submissionDelivery.create({
    data: {
      municipalityId: town.id,
      submissionId: submission.id,
      trigger: "submitted",
      step: "register",
      status: "DELIVERED",
      createdAt: app.clock.now(),
    },
  });
  const previewImport = await registerImport("PREVIEW");
  const budgetOrganisation = await app.database.prisma.budgetOrganisation.create({
    data: { municipalityId: town.id, kind: "TOWN", code: "matice", name: "matrix-secret-budget-org" },
  });
  const budgetDataSet = (status: "PUBLISHED" | "DRAFT", version: number) =>
    app.database.prisma.budgetDataSet.create({
      data: {
        municipalityId: town.id,
        organisationId: budgetOrganisation.id,
        year: 2026,
        month: 1,
        version,
        status,
        format: "CSV",
        fileName: `matrix-secret-budget-${status}.csv`,
        fileSha256: `matrix-${status}`,
        amountTypes: ["APPROVED"],
        lineCount: 0,
        publishedAt: status === "PUBLISHED" ? new Date("2026-02-10T09:00:00Z") : null,
      },
    });
  const publishedBudgetDataSet = await budgetDataSet("PUBLISHED", 1);
  const draftBudgetDataSet = await budgetDataSet("DRAFT", 2);
  const budgetMeasure = await app.database.prisma.budgetMeasure.create({
    data: {
      municipalityId: town.id,
      organisationId: budgetOrganisation.id,
      year: 2026,
      number: "RO 1/2026",
      title: "matrix-secret-budget-measure",
      approvedBy: "Rada",
      approvedOn: new Date("2026-01-20"),
      publishedAt: new Date("2026-01-22T09:00:00Z"),
      items: { create: [{ paragraf: "6171", polozka: "5169", amount: 100_00n }] },
    },
  });
  const importedImport = await registerImport("IMPORTED");
  fixture = {
    citizenId: users.citizen.id,
    clerkId: users.clerk.id,
    revokedTokenId: revoked.id,
    postedNoticeId: postedNotice.id,
    draftNoticeId: draftNotice.id,
    draftContractId: draftContract.id,
    publishedContractId: publishedContract.id,
    draftInvoiceId: draftInvoice.id,
    draftOrderId: draftOrder.id,
    previewImportId: previewImport.id,
    importedImportId: importedImport.id,
    deadJobId: deadJobId!,
    payerId: payer.id,
    assessmentId: assessment.id,
    cardPaymentId: cardPayment.id,
    cardPaymentOrderId: cardPayment.orderId,
    budgetOrganisationId: budgetOrganisation.id,
    publishedBudgetDataSetId: publishedBudgetDataSet.id,
    draftBudgetDataSetId: draftBudgetDataSet.id,
    budgetMeasureId: budgetMeasure.id,
    submissionId: submission.id,
    deliveryId: delivery.id,
  };
  ourSecrets = [
    "matrix-citizen@",
    "matrix-other-citizen@",
    "matrix-clerk",
    "matrix-admin@",
    "matrix-secret-token",
    "matrix-secret-mail",
    "matrix.secret",
    "matrix-secret-notice",
    "matrix-secret-contract",
    "matrix-secret-invoice",
    "matrix-secret-order",
    "matrix-secret-import",
    "matrix-secret-payer",
    "matrix-secret-assessment",
    "matrix-secret-budget",
    "matrix-secret-submission",
    deadJobId!,
  ];
});
afterAll(async () => {
  await app.close();
});

async function clientFor(actor: Actor): Promise<Client> {
  if (actor === "anonymous") return new Client(app, { host });
  const user = users[actor];
  return signedInClient(app, user, actor === "otherTownAdmin" ? otherHost : host);
}

/** A GraphQL multipart request (file upload) with an empty file as `$file`, sent as `client` would. */
function uploadRequest(client: Client, query: string) {
  return client.upload(query, { file: null }, { file: new File([], "matrix.pdf") });
}

function outcomeOf(
  field: string,
  answer: { data: Record<string, unknown> | null | undefined; errors: { extensions?: Record<string, unknown> }[] | undefined },
): Outcome | string {
  const code = answer.errors?.[0]?.extensions?.code;
  if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") return code;
  if (answer.errors) return `unexpected error ${JSON.stringify(answer.errors)}`;
  const value = answer.data?.[field];
  if (value === null || (Array.isArray(value) && value.length > 0 && value.every((v) => v === null))) return "null";
  if (typeof value === "object" && value !== null && (value as { __typename?: string }).__typename === "NotFoundError") return "NOT_FOUND";
  return "allowed";
}

describe("authorization matrix", () => {
  const rootFields = [
    ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
  ];

  it("has an entry for every Query and Mutation field, and none for fields that are gone", () => {
    expect(
      rootFields.filter((field) => !(field in FIELD_ACCESS)),
      "fields missing from FIELD_ACCESS",
    ).toEqual([]);
    expect(
      Object.keys(FIELD_ACCESS).filter((field) => !rootFields.includes(field)),
      "stale FIELD_ACCESS entries",
    ).toEqual([]);
  });

  it.each(Object.keys(FIELD_ACCESS))("%s", async (key) => {
    const [, field] = key.split(".") as [string, string];
    const { query, variables } = FIELD_ACCESS[key]!.operation(fixture);
    const actual: Record<string, string> = {};
    for (const actor of ACTORS) {
      const client = await clientFor(actor);
      const answer = FIELD_ACCESS[key]!.upload ? await uploadRequest(client, query) : await client.request(query, variables ?? {});
      actual[actor] = outcomeOf(field, answer);
      if (actor === "otherTownAdmin") {
        const text = JSON.stringify(answer);
        for (const secret of ourSecrets) expect(text, `${key} shows another town ${secret}`).not.toContain(secret);
      }
      // A refused or not-found request never carries a stack trace or internal message.
      expect(JSON.stringify(answer.errors ?? [])).not.toMatch(/stack|\.ts:\d+/);
    }
    expect(actual).toEqual(FIELD_ACCESS[key]!.access);
  });

  it("unknown and malformed ids are null, not errors", async () => {
    const admin = await clientFor("admin");
    for (const id of [
      gid("User", "00000000-0000-0000-0000-000000000000"),
      gid("User", "not-a-uuid"),
      gid("ApiToken", 'x\'; DROP TABLE "User";--'),
    ]) {
      const answer = await admin.request(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.node).toBeNull();
    }
  });

  it("mutations in the matrix changed nothing they should not have", async () => {
    const clerk = await app.database.prisma.user.findUniqueOrThrow({ where: { id: users.clerk.id } });
    expect(clerk).toMatchObject({ role: "CLERK", disabledAt: null });
    const citizen = await app.database.prisma.user.findUniqueOrThrow({ where: { id: users.citizen.id } });
    expect(citizen.fullName).not.toBe("");
    const contracts = await app.database.prisma.contract.findMany({
      where: { number: { in: ["M-1", "M-2"] } },
      orderBy: { number: "asc" },
    });
    expect(contracts.map((c) => [c.number, c.status, c.subject])).toEqual([
      ["M-1", "DRAFT", "matrix-secret-contract (draft)"],
      ["M-2", "PUBLISHED", "matrix-secret-contract (published)"],
    ]);
    expect(await app.database.prisma.contract.count({ where: { externalId: "matrix" } })).toBe(0);
    const imports = await app.database.prisma.registerImport.findMany({ orderBy: { fileName: "asc" }, select: { status: true } });
    expect(imports.map((i) => i.status)).toEqual(["IMPORTED", "PREVIEW"]);
  });
});
