// Life situations (životní situace): the public catalogue with guides, citizens' drafts, uploads, submissions and
// their timeline ("Moje podání"), answering the office's questions; reviewers' queue per agenda, the review with the
// proposed (editable) effect, requests for information, approval and rejection with optimistic concurrency; the
// fee tariffs; admins' deliveries to the records system. Form definitions are data in @portal/forms.
// Submission ids are global ids of type "Submission". Resolvers check scope and call one service each.
import { dataloaderGetter } from "@pothos/plugin-dataloader";
import { decodeGlobalID, encodeGlobalID, resolveOffsetConnection } from "@pothos/plugin-relay";
import { lifeSituations, LIFE_SITUATION_CATEGORIES, type FormDefinition, type LifeSituation } from "@portal/forms";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { ConflictError, ForbiddenError, NotFoundError, TooManyAttemptsError, ValidationError } from "../errors.ts";
import type {
  DogFeeTariff,
  FormDraft,
  Submission,
  SubmissionDelivery,
  SubmissionEvent,
  WasteFeeTariff,
} from "../generated/prisma/client.ts";
import { AttachmentScanStatus, SubmissionDeliveryStatus, SubmissionEventType, SubmissionStatus } from "../generated/prisma/enums.ts";
import { translate, type MessageKey } from "../i18n/messages.ts";
import { fileUrl } from "../services/files/file-url.ts";
import { deleteFormDraft } from "../services/forms/delete-form-draft.ts";
import { compatibilityOf, findFormDefinition } from "../services/forms/form-registry.ts";
import { listFormDrafts } from "../services/forms/list-form-drafts.ts";
import { saveFormDraft } from "../services/forms/save-form-draft.ts";
import { uploadFormAttachment, type FormAttachment } from "../services/forms/upload-form-attachment.ts";
import { answerInformationRequest } from "../services/submissions/answer-information-request.ts";
import { approveSubmission } from "../services/submissions/approve-submission.ts";
import { findReviewable } from "../services/submissions/decide-submission.ts";
import { findSubmission } from "../services/submissions/find-submission.ts";
import { listMySubmissions } from "../services/submissions/list-my-submissions.ts";
import { listSubmissionQueue } from "../services/submissions/list-submission-queue.ts";
import { listSubmissionDeliveries, retrySubmissionDeliveryStep, saveSubmissionWebhook } from "../services/submissions/manage-deliveries.ts";
import { proposeSubmissionEffect } from "../services/submissions/propose-submission-effect.ts";
import { rejectSubmission } from "../services/submissions/reject-submission.ts";
import { requestSubmissionInformation } from "../services/submissions/request-submission-information.ts";
import { saveDogFeeTariff, saveWasteFeeTariff } from "../services/submissions/save-fee-tariff.ts";
import type {
  AssessmentAdjustment,
  EffectAssessment,
  EffectDog,
  EndingDog,
  SubmissionEffect,
} from "../services/submissions/submission-effect.ts";
import { FormVersionError, IdentityNotVerifiedError } from "../services/submissions/submission-errors.ts";
import { summaryPdfPath } from "../services/submissions/submission-links.ts";
import { reviewableAgendas, SUBMISSION_LIMITS } from "../services/submissions/submission-rules.ts";
import { submitForm } from "../services/submissions/submit-form.ts";
import { AgendaEnum } from "./accounts.ts";
import { AssessmentKindEnum } from "./account.ts";
import { ErrorInterface } from "./errors.ts";

const REVIEWERS = { agenda: "SUBMISSIONS", $any: { agenda: "FINANCE" } } as const;
const FINANCE = { agenda: "FINANCE" } as const;

/** The local id of a global id of the given type; "-" (found by nothing) for anything else. */
function localId(value: string | number, typename: string): string {
  try {
    const decoded = decodeGlobalID(String(value));
    return decoded.typename === typename ? decoded.id : "-";
  } catch {
    return "-";
  }
}
const money = (value: number) => BigInt(value);
const isoDate = (value: Date) => value.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Errors

builder.objectType(FormVersionError, {
  name: "FormVersionError",
  interfaces: [ErrorInterface],
  description:
    "The form changed since the draft was started: MINOR (check the values and send again with currentVersion) or MAJOR/NEWER/INVALID (start again).",
  fields: (t) => ({
    currentVersion: t.exposeString("currentVersion"),
    compatibility: t.exposeString("compatibility"),
  }),
});
builder.objectType(IdentityNotVerifiedError, { name: "IdentityNotVerifiedError", interfaces: [ErrorInterface] });

// ---------------------------------------------------------------------------------------------
// Enums

const SubmissionStatusEnum = builder.enumType(SubmissionStatus, {
  name: "SubmissionStatus",
  description: "SUBMITTED (waiting for the office), INFORMATION_REQUESTED (waiting for the citizen's answer), APPROVED, REJECTED.",
});
const SubmissionEventTypeEnum = builder.enumType(SubmissionEventType, { name: "SubmissionEventType" });
const AttachmentScanStatusEnum = builder.enumType(AttachmentScanStatus, {
  name: "AttachmentScanStatus",
  description: "PENDING: in quarantine until the antivirus checked it; CLEAN; INFECTED; FAILED (could not be checked).",
});
const DeliveryStatusEnum = builder.enumType(SubmissionDeliveryStatus, { name: "SubmissionDeliveryStatus" });
const DraftCompatibilityEnum = builder.enumType("DraftCompatibility", {
  description:
    "A draft's version against the current form: SAME or PATCH (continue), MINOR (values re-checked, the citizen confirms), " +
    "MAJOR or NEWER or INVALID (cannot be sent; start again).",
  values: ["SAME", "PATCH", "MINOR", "MAJOR", "NEWER", "INVALID"] as const,
});
const FormEffectEnum = builder.enumType("FormEffect", {
  values: ["DOG_REGISTRATION", "DOG_DEREGISTRATION", "WASTE_FEE_REGISTRATION", "WASTE_FEE_EXEMPTION", "NONE"] as const,
});

// ---------------------------------------------------------------------------------------------
// Catalogue (public)

const LifeSituationRef = builder.objectRef<LifeSituation>("LifeSituation").implement({
  description: "A life situation with its guide and the form that settles it. Public; sending needs an account.",
  fields: (t) => ({
    slug: t.exposeString("slug"),
    category: t.string({ resolve: (s) => s.category }),
    categoryTitle: t.string({ resolve: (s, _a, ctx) => LIFE_SITUATION_CATEGORIES[s.category][ctx.locale] }),
    title: t.string({ resolve: (s, _a, ctx) => s.title[ctx.locale] }),
    summary: t.string({ resolve: (s, _a, ctx) => s.summary[ctx.locale] }),
    guide: t.field({
      type: "JSON",
      description: "The guide (who for, what you need, fees, deadlines, legal basis) in cs and en.",
      resolve: (s) => s.guide,
    }),
    form: t.field({ type: FormDefinitionRef, resolve: (s) => findFormDefinition(s.formId)! }),
  }),
});

const FormDefinitionRef = builder.objectRef<FormDefinition>("FormDefinition").implement({
  description: "A form definition as data (@portal/forms): the app renders it, the server validates against it.",
  fields: (t) => ({
    id: t.exposeString("id"),
    version: t.exposeString("version", { description: "Semver." }),
    title: t.string({ resolve: (d, _a, ctx) => d.title[ctx.locale] }),
    agenda: t.field({ type: AgendaEnum, resolve: (d) => d.agenda }),
    effect: t.field({ type: FormEffectEnum, resolve: (d) => d.effect }),
    loginRequired: t.boolean({ resolve: (d) => d.sendPolicy.login }),
    verifiedIdentityRequired: t.boolean({ resolve: (d) => d.sendPolicy.verifiedIdentity }),
    definition: t.field({ type: "JSON", description: "The whole definition (steps, fields, conditions, limits).", resolve: (d) => d }),
  }),
});

builder.queryFields((t) => ({
  lifeSituations: t.field({
    type: [LifeSituationRef],
    description: "The catalogue of life situations with guides. Public.",
    resolve: () => [...lifeSituations],
  }),
  lifeSituation: t.field({
    type: LifeSituationRef,
    nullable: true,
    description: "One life situation by its slug; null when unknown. Public.",
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, args) => lifeSituations.find((s) => s.slug === args.slug) ?? null,
  }),
}));

// ---------------------------------------------------------------------------------------------
// Tariffs

const DogFeeTariffRef = builder.objectRef<DogFeeTariff>("DogFeeTariff").implement({
  description: "The town's dog fee rates for a year (per year, CZK). Public: the form's fee preview uses them.",
  fields: (t) => ({
    year: t.exposeInt("year"),
    firstDog: t.field({ type: "Money", resolve: (r) => r.firstDog }),
    furtherDog: t.field({ type: "Money", description: "The second and each further dog.", resolve: (r) => r.furtherDog }),
    pensionerFirstDog: t.field({ type: "Money", resolve: (r) => r.pensionerFirstDog }),
    pensionerFurtherDog: t.field({ type: "Money", resolve: (r) => r.pensionerFurtherDog }),
    proRata: t.exposeString("proRata", { description: "STARTED_MONTHS (the law) or FROM_NEXT_MONTH." }),
    dueDate: t.field({ type: "Date", description: "The first installment's due date.", resolve: (r) => isoDate(r.dueDate) }),
    installmentCount: t.exposeInt("installmentCount"),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const WasteFeeTariffRef = builder.objectRef<WasteFeeTariff>("WasteFeeTariff").implement({
  description: "The town's waste fee per person for a year. Public.",
  fields: (t) => ({
    year: t.exposeInt("year"),
    perPerson: t.field({ type: "Money", resolve: (r) => r.perPerson }),
    dueDate: t.field({ type: "Date", resolve: (r) => isoDate(r.dueDate) }),
    installmentCount: t.exposeInt("installmentCount"),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.queryFields((t) => ({
  dogFeeTariffs: t.field({
    type: [DogFeeTariffRef],
    description: "The town's dog fee tariffs, newest year first (at most 20). Public.",
    resolve: (_root, _args, ctx) => ctx.db.dogFeeTariff.findMany({ orderBy: { year: "desc" }, take: 20 }),
  }),
  wasteFeeTariffs: t.field({
    type: [WasteFeeTariffRef],
    description: "The town's waste fee tariffs, newest year first (at most 20). Public.",
    resolve: (_root, _args, ctx) => ctx.db.wasteFeeTariff.findMany({ orderBy: { year: "desc" }, take: 20 }),
  }),
}));

const DogFeeTariffInput = builder.inputType("DogFeeTariffInput", {
  fields: (t) => ({
    year: t.int(),
    firstDog: t.field({ type: "Money" }),
    furtherDog: t.field({ type: "Money" }),
    pensionerFirstDog: t.field({ type: "Money" }),
    pensionerFurtherDog: t.field({ type: "Money" }),
    proRata: t.string({ description: "STARTED_MONTHS or FROM_NEXT_MONTH." }),
    dueDate: t.field({ type: "Date", description: "The first installment's due date, within the year." }),
    installmentCount: t.int({ description: "1 to 12 equal monthly installments." }),
  }),
});

const WasteFeeTariffInput = builder.inputType("WasteFeeTariffInput", {
  fields: (t) => ({
    year: t.int(),
    perPerson: t.field({ type: "Money" }),
    dueDate: t.field({ type: "Date" }),
    installmentCount: t.int(),
  }),
});

const moneyNumber = (value: bigint) => (value > BigInt(Number.MAX_SAFE_INTEGER) || value < 0n ? -1 : Number(value));

builder.mutationFields((t) => ({
  saveDogFeeTariff: t.field({
    type: DogFeeTariffRef,
    description: "Finance clerks: sets (or replaces) the year's dog fee rates; within the law's maximum.",
    authScopes: FINANCE,
    args: { input: t.arg({ type: DogFeeTariffInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "tariff" } },
    resolve: (_root, { input }, ctx) =>
      saveDogFeeTariff(ctx, {
        ...input,
        firstDog: moneyNumber(input.firstDog),
        furtherDog: moneyNumber(input.furtherDog),
        pensionerFirstDog: moneyNumber(input.pensionerFirstDog),
        pensionerFurtherDog: moneyNumber(input.pensionerFurtherDog),
      }),
  }),
  saveWasteFeeTariff: t.field({
    type: WasteFeeTariffRef,
    description: "Finance clerks: sets (or replaces) the year's waste fee per person.",
    authScopes: FINANCE,
    args: { input: t.arg({ type: WasteFeeTariffInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "tariff" } },
    resolve: (_root, { input }, ctx) => saveWasteFeeTariff(ctx, { ...input, perPerson: moneyNumber(input.perPerson) }),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Drafts and attachments (citizens)

const FormDraftRef = builder.objectRef<FormDraft>("FormDraft").implement({
  description: "A form being filled in, saved on the server (autosave), resumable on any device.",
  fields: (t) => ({
    clientId: t.exposeID("clientId", { description: "The app's own id of the draft (also its offline id)." }),
    formId: t.exposeString("formId"),
    formVersion: t.exposeString("formVersion"),
    values: t.field({ type: "JSON", resolve: (d) => d.values }),
    currentStep: t.exposeString("currentStep", { nullable: true }),
    revision: t.exposeInt("revision", { description: "Send it back as expectedRevision: a save over a newer copy is a ConflictError." }),
    compatibility: t.field({
      type: DraftCompatibilityEnum,
      resolve: (d) => {
        const definition = findFormDefinition(d.formId);
        return definition ? compatibilityOf(definition, d.formVersion) : "INVALID";
      },
    }),
    currentFormVersion: t.string({ nullable: true, resolve: (d) => findFormDefinition(d.formId)?.version ?? null }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const FormAttachmentRef = builder.objectRef<FormAttachment>("FormAttachment").implement({
  description: "A citizen's upload for a form, under the id the app generated.",
  fields: (t) => ({
    id: t.exposeID("id"),
    fileName: t.string({ resolve: (a) => a.file.fileName }),
    mimeType: t.string({ description: "Detected from the content.", resolve: (a) => a.file.mimeType }),
    size: t.int({ resolve: (a) => a.file.size }),
    scanStatus: t.field({ type: AttachmentScanStatusEnum, resolve: (a) => a.scanStatus }),
    url: t.string({
      nullable: true,
      description: "Download URL once the file is checked and attached to a submission (for its citizen and reviewers).",
      resolve: (a) => (a.scanStatus === "CLEAN" && a.submissionId ? fileUrl(a.file) : null),
    }),
  }),
});

const SaveFormDraftInput = builder.inputType("SaveFormDraftInput", {
  fields: (t) => ({
    clientId: t.id({ description: "A UUID the app generated for the draft." }),
    formId: t.string(),
    formVersion: t.string(),
    values: t.field({ type: "JSON" }),
    currentStep: t.string({ required: false }),
    expectedRevision: t.int({ required: false, description: "The revision the app's copy started from; omitted: overwrite." }),
  }),
});

builder.queryFields((t) => ({
  formDrafts: t.field({
    type: [FormDraftRef],
    authScopes: { authenticated: true },
    description: `The viewer's drafts, most recently saved first (at most ${SUBMISSION_LIMITS.draftsPerUser}).`,
    args: { formId: t.arg.string({ required: false }) },
    resolve: (_root, args, ctx) => listFormDrafts(ctx, args.formId),
  }),
}));

builder.mutationFields((t) => ({
  saveFormDraft: t.field({
    type: FormDraftRef,
    authScopes: { authenticated: true },
    description: "Autosave: creates or updates the viewer's draft with this clientId.",
    args: { input: t.arg({ type: SaveFormDraftInput, required: true }) },
    errors: { types: [ValidationError, ConflictError], dataField: { name: "draft" } },
    resolve: (_root, { input }, ctx) => saveFormDraft(ctx, input),
  }),
  deleteFormDraft: t.boolean({
    authScopes: { authenticated: true },
    description: "Deletes the viewer's draft; false when there was none (already deleted).",
    args: { clientId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => deleteFormDraft(ctx, String(args.clientId)),
  }),
  uploadFormAttachment: t.field({
    type: FormAttachmentRef,
    authScopes: { authenticated: true },
    description:
      "Uploads one file for a form (GraphQL multipart request) under a UUID the app generated: the same id again returns " +
      "the same attachment. PDF, JPEG, PNG and the other document types recognised from the content, at most " +
      "FORM_ATTACHMENT_MAX_BYTES; in quarantine until the antivirus (if configured) checked it.",
    args: { id: t.arg.id({ required: true }), file: t.arg({ type: "File", required: true }) },
    errors: { types: [ValidationError], dataField: { name: "attachment" } },
    resolve: (_root, args, ctx) => uploadFormAttachment(ctx, String(args.id), args.file),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Submissions

const SubmissionEventRef = builder.objectRef<SubmissionEvent>("SubmissionEvent").implement({
  description: "A step of a submission's life, for its timeline.",
  fields: (t) => ({
    id: t.id({ resolve: (e) => encodeGlobalID("SubmissionEvent", String(e.id)) }),
    type: t.field({ type: SubmissionEventTypeEnum, resolve: (e) => e.type }),
    message: t.exposeString("message", { nullable: true, description: "The office's question, the citizen's answer, the reason." }),
    byCitizen: t.boolean({
      description: "The citizen acted (sent, answered); otherwise the office.",
      resolve: (e) => e.actorUserId === e.userId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** Each submission's events and attachments asked for in one request come from one statement each. */
const submissionEvents = dataloaderGetter<string, SubmissionEvent[], string>(
  {},
  async (ids, context) => {
    const ctx = context as Context;
    const rows = await ctx.db.submissionEvent.findMany({
      where: { submissionId: { in: [...ids] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return ids.map((id) => rows.filter((row) => row.submissionId === id));
  },
  undefined,
  false,
);
const submissionAttachments = dataloaderGetter<string, FormAttachment[], string>(
  {},
  async (ids, context) => {
    const ctx = context as Context;
    const rows = await ctx.db.submissionFile.findMany({
      where: { submissionId: { in: [...ids] } },
      include: { file: true },
      orderBy: { createdAt: "asc" },
    });
    return ids.map((id) => rows.filter((row) => row.submissionId === id));
  },
  undefined,
  false,
);

const canSeeCitizen = (submission: Submission, ctx: Context) => reviewableAgendas(ctx).includes(submission.agenda);

type CitizenContact = { fullName: string; email: string; phone: string | null };
/** The senders of every submission on a queue page in one statement. */
const citizens = dataloaderGetter<string, CitizenContact | null, string>(
  {},
  async (ids, context) => {
    const ctx = context as Context;
    const rows = await ctx.db.user.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, fullName: true, email: true, phone: true },
    });
    return ids.map((id) => rows.find((row) => row.id === id) ?? null);
  },
  undefined,
  false,
);

const SubmissionCitizenRef = builder.objectRef<CitizenContact>("SubmissionCitizen").implement({
  description: "The account that sent the submission (reviewers only).",
  fields: (t) => ({
    fullName: t.exposeString("fullName"),
    email: t.exposeString("email"),
    phone: t.exposeString("phone", { nullable: true }),
  }),
});

const SubmissionRef = builder.objectRef<Submission>("Submission").implement({
  description: "A sent form (podání) with its frozen summary and timeline. Seen by its citizen and the reviewers of its agenda.",
  fields: (t) => ({
    id: t.id({ resolve: (s) => encodeGlobalID("Submission", s.id) }),
    number: t.exposeString("number", { description: "The receipt number, e.g. P-2026-00042." }),
    formId: t.exposeString("formId"),
    formVersion: t.exposeString("formVersion"),
    title: t.string({ resolve: (s, _a, ctx) => findFormDefinition(s.formId)?.title[ctx.locale] ?? s.formId }),
    agenda: t.field({ type: AgendaEnum, resolve: (s) => s.agenda }),
    status: t.field({ type: SubmissionStatusEnum, resolve: (s) => s.status }),
    revision: t.exposeInt("revision", { description: "Send it back as expectedRevision with a clerk's decision." }),
    submittedAt: t.expose("submittedAt", { type: "DateTime" }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
    decisionNote: t.exposeString("decisionNote", { nullable: true, description: "The rejection reason or the approval's note." }),
    values: t.field({ type: "JSON", description: "The values as the server validated them at submit.", resolve: (s) => s.values }),
    summary: t.field({
      type: "JSON",
      description: "The immutable summary frozen at submit (sections of labelled values, cs and en).",
      resolve: (s) => s.summary,
    }),
    summaryPdfUrl: t.string({ description: "The summary as PDF (relative to the portal).", resolve: (s) => summaryPdfPath(s.id) }),
    effect: t.field({
      type: "JSON",
      nullable: true,
      description: "What the approval did (payer, dogs, assessment, recalculations).",
      resolve: (s) => s.effect,
    }),
    openQuestion: t.string({
      nullable: true,
      description: "The office's question awaiting the citizen's answer (INFORMATION_REQUESTED).",
      resolve: async (s, _a, ctx) =>
        s.status === "INFORMATION_REQUESTED"
          ? ((await submissionEvents(ctx).load(s.id)).filter((e) => e.type === "INFORMATION_REQUESTED").at(-1)?.message ?? null)
          : null,
    }),
    events: t.field({ type: [SubmissionEventRef], resolve: (s, _a, ctx) => submissionEvents(ctx).load(s.id) }),
    attachments: t.field({ type: [FormAttachmentRef], resolve: (s, _a, ctx) => submissionAttachments(ctx).load(s.id) }),
    ageDays: t.int({
      description: "Whole days since it was sent (the queue's age).",
      resolve: (s, _a, ctx) => Math.floor((ctx.clock.now().getTime() - s.submittedAt.getTime()) / 86_400_000),
    }),
    citizen: t.field({
      type: SubmissionCitizenRef,
      nullable: true,
      description: "Reviewers only; null for the citizen.",
      resolve: (s, _a, ctx) => (canSeeCitizen(s, ctx) ? citizens(ctx).load(s.userId) : null),
    }),
  }),
});

const SubmissionConnection = builder.connectionObject({ type: SubmissionRef, name: "SubmissionConnection" });

const SubmitFormInput = builder.inputType("SubmitFormInput", {
  fields: (t) => ({
    formId: t.string(),
    formVersion: t.string({ description: "The version the values were filled in." }),
    values: t.field({ type: "JSON" }),
    draftClientId: t.id({ required: false, description: "The draft to delete once sent." }),
    idempotencyKey: t.string({
      description: "Generated once per sending (8-100 characters): the same key again returns the first submission.",
    }),
  }),
});

const SubmitFormSuccess = builder.objectRef<{ submission: Submission; replayed: boolean }>("SubmitFormSuccess").implement({
  fields: (t) => ({
    submission: t.field({ type: SubmissionRef, resolve: (r) => r.submission }),
    replayed: t.exposeBoolean("replayed", { description: "True when this key was used before: nothing new was created." }),
  }),
});

const AnswerInformationRequestInput = builder.inputType("AnswerInformationRequestInput", {
  fields: (t) => ({
    submissionId: t.id(),
    message: t.string(),
    attachmentIds: t.idList({
      required: false,
      description: `Uploads (uploadFormAttachment) to add, at most ${SUBMISSION_LIMITS.answerAttachments}.`,
      extensions: { maxItems: SUBMISSION_LIMITS.answerAttachments },
    }),
  }),
});

builder.queryFields((t) => ({
  mySubmissions: t.connection(
    {
      type: SubmissionRef,
      authScopes: { authenticated: true },
      description: "The viewer's submissions, newest first (Moje podání).",
      args: { status: t.arg({ type: SubmissionStatusEnum, required: false }) },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, ({ offset, limit }) =>
          listMySubmissions(ctx, { status: args.status, offset, limit }),
        ),
    },
    SubmissionConnection,
  ),
  submission: t.field({
    type: SubmissionRef,
    nullable: true,
    authScopes: { authenticated: true },
    description: "A submission of the viewer, or one of an agenda the viewer reviews; null otherwise.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      try {
        return await findSubmission(ctx, localId(args.id, "Submission"));
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
}));

builder.mutationFields((t) => ({
  submitForm: t.field({
    type: SubmitFormSuccess,
    authScopes: { authenticated: true },
    description: "Sends a form. The server validates the whole payload again; the same idempotencyKey returns the first submission.",
    args: { input: t.arg({ type: SubmitFormInput, required: true }) },
    errors: { types: [ValidationError, FormVersionError, IdentityNotVerifiedError, TooManyAttemptsError], directResult: true },
    resolve: (_root, { input }, ctx) => submitForm(ctx, input) as never,
  }),
  answerInformationRequest: t.field({
    type: SubmissionRef,
    authScopes: { authenticated: true },
    description: "The citizen answers the office's request for more information; the submission returns to the office.",
    args: { input: t.arg({ type: AnswerInformationRequestInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ConflictError], dataField: { name: "submission" } },
    resolve: (_root, { input }, ctx) =>
      answerInformationRequest(ctx, localId(input.submissionId, "Submission"), {
        message: input.message,
        attachmentIds: (input.attachmentIds ?? []).map(String),
      }),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Review (clerks of the form's agenda)

const EffectDogRef = builder.objectRef<EffectDog>("EffectDog").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    breed: t.exposeString("breed", { nullable: true }),
    chipNumber: t.exposeString("chipNumber", { nullable: true }),
    birthDate: t.field({ type: "Date", nullable: true, resolve: (d) => d.birthDate }),
    keptFrom: t.field({ type: "Date", resolve: (d) => d.keptFrom }),
    exempt: t.exposeBoolean("exempt"),
    exemptionReason: t.exposeString("exemptionReason", { nullable: true }),
    fee: t.field({ type: "Money", description: "This dog's part of the proposed assessment.", resolve: (d) => money(d.fee) }),
  }),
});
const EndingDogRef = builder.objectRef<EndingDog>("EndingDog").implement({
  fields: (t) => ({
    dogId: t.exposeID("dogId"),
    name: t.exposeString("name"),
    chipNumber: t.exposeString("chipNumber", { nullable: true }),
    endedOn: t.field({ type: "Date", resolve: (d) => d.endedOn }),
  }),
});
const EffectAssessmentRef = builder.objectRef<EffectAssessment>("EffectAssessment").implement({
  fields: (t) => ({
    kind: t.field({ type: AssessmentKindEnum, resolve: (a) => a.kind }),
    subject: t.exposeString("subject"),
    year: t.exposeInt("year"),
    periodFrom: t.field({ type: "Date", nullable: true, resolve: (a) => a.periodFrom }),
    periodTo: t.field({ type: "Date", nullable: true, resolve: (a) => a.periodTo }),
    amount: t.field({ type: "Money", resolve: (a) => money(a.amount) }),
    dueDate: t.field({ type: "Date", description: "The first installment's due date.", resolve: (a) => a.dueDate }),
    installmentCount: t.exposeInt("installmentCount"),
  }),
});
const AssessmentAdjustmentRef = builder.objectRef<AssessmentAdjustment>("AssessmentAdjustment").implement({
  fields: (t) => ({
    assessmentId: t.exposeID("assessmentId", { description: "The assessment's local id (as in the effect input)." }),
    subject: t.exposeString("subject"),
    variableSymbol: t.exposeString("variableSymbol"),
    currentAmount: t.field({ type: "Money", resolve: (a) => money(a.currentAmount) }),
    newAmount: t.field({ type: "Money", description: "0 cancels the assessment.", resolve: (a) => money(a.newAmount) }),
  }),
});
const SubmissionEffectRef = builder.objectRef<SubmissionEffect>("SubmissionEffect").implement({
  description: "What approving would do, as proposed from the submission, the town's tariff and records; editable before confirming.",
  fields: (t) => ({
    kind: t.field({ type: FormEffectEnum, resolve: (e) => e.kind }),
    payerExists: t.boolean({
      description: "The citizen's account has a payer; otherwise one is created and linked.",
      resolve: (e) => e.payerId !== null,
    }),
    payerName: t.exposeString("payerName", { nullable: true }),
    payerAddress: t.exposeString("payerAddress", { nullable: true }),
    pensioner: t.exposeBoolean("pensioner", { description: "The reduced (pensioner) rate is claimed." }),
    dogs: t.field({ type: [EffectDogRef], resolve: (e) => e.dogs }),
    endingDogs: t.field({ type: [EndingDogRef], resolve: (e) => e.endingDogs }),
    assessment: t.field({ type: EffectAssessmentRef, nullable: true, resolve: (e) => e.assessment }),
    adjustments: t.field({ type: [AssessmentAdjustmentRef], resolve: (e) => e.adjustments }),
    warnings: t.stringList({ resolve: (e, _a, ctx) => e.warnings.map((w) => translate(ctx.locale, w.key as MessageKey, w.params)) }),
  }),
});

const SubmissionReviewRef = builder.objectRef<{ submission: Submission; definition: FormDefinition }>("SubmissionReview").implement({
  description: "A reviewer's view: the submission (no retyping: its values and summary) and the proposed effect.",
  fields: (t) => ({
    submission: t.field({ type: SubmissionRef, resolve: (r) => r.submission }),
    proposedEffect: t.field({
      type: SubmissionEffectRef,
      resolve: (r, _a, ctx) => proposeSubmissionEffect(ctx, ctx.db, r.submission, r.definition),
    }),
  }),
});

const SubmissionQueueFilter = builder.inputType("SubmissionQueueFilter", {
  fields: (t) => ({
    agenda: t.field({ type: AgendaEnum, required: false }),
    status: t.field({
      type: SubmissionStatusEnum,
      required: false,
      description: "Default: the open ones (SUBMITTED, INFORMATION_REQUESTED).",
    }),
    formId: t.string({ required: false }),
    olderThanDays: t.int({ required: false, description: "Only those sent more than this many days ago." }),
  }),
});

const EffectDogInput = builder.inputType("EffectDogInput", {
  fields: (t) => ({
    name: t.string(),
    breed: t.string({ required: false }),
    chipNumber: t.string({ required: false }),
    birthDate: t.field({ type: "Date", required: false }),
    keptFrom: t.field({ type: "Date" }),
    exempt: t.boolean({ required: false }),
    exemptionReason: t.string({ required: false }),
  }),
});
const EndingDogInput = builder.inputType("EndingDogInput", {
  fields: (t) => ({ dogId: t.id(), endedOn: t.field({ type: "Date" }) }),
});
const EffectAssessmentInput = builder.inputType("EffectAssessmentInput", {
  fields: (t) => ({
    subject: t.string(),
    year: t.int(),
    periodFrom: t.field({ type: "Date", required: false }),
    periodTo: t.field({ type: "Date", required: false }),
    amount: t.field({ type: "Money" }),
    dueDate: t.field({ type: "Date", description: "The first installment's due date." }),
    installmentCount: t.int(),
  }),
});
const AssessmentAdjustmentInput = builder.inputType("AssessmentAdjustmentInput", {
  fields: (t) => ({ assessmentId: t.id(), newAmount: t.field({ type: "Money", description: "0 cancels it." }) }),
});
const MAX_EFFECT_ITEMS = SUBMISSION_LIMITS.dogsPerApproval;
const SubmissionEffectInput = builder.inputType("SubmissionEffectInput", {
  description: "The clerk's edit of the proposed effect; omitted fields keep the proposal (assessment: null drops it).",
  fields: (t) => ({
    payerName: t.string({ required: false }),
    payerAddress: t.string({ required: false }),
    pensioner: t.boolean({ required: false }),
    dogs: t.field({ type: [EffectDogInput], required: false, extensions: { maxItems: MAX_EFFECT_ITEMS } }),
    endingDogs: t.field({ type: [EndingDogInput], required: false, extensions: { maxItems: MAX_EFFECT_ITEMS } }),
    assessment: t.field({ type: EffectAssessmentInput, required: false }),
    adjustments: t.field({ type: [AssessmentAdjustmentInput], required: false, extensions: { maxItems: MAX_EFFECT_ITEMS } }),
  }),
});
const ApproveSubmissionInput = builder.inputType("ApproveSubmissionInput", {
  fields: (t) => ({
    id: t.id(),
    expectedRevision: t.int({ description: "The submission's revision the clerk saw: another clerk's decision first is a ConflictError." }),
    note: t.string({ required: false, description: "Shown to the citizen." }),
    effect: t.field({ type: SubmissionEffectInput, required: false, description: "Omitted: the proposed effect as it is." }),
  }),
});
const RejectSubmissionInput = builder.inputType("RejectSubmissionInput", {
  fields: (t) => ({ id: t.id(), expectedRevision: t.int(), reason: t.string() }),
});
const RequestSubmissionInformationInput = builder.inputType("RequestSubmissionInformationInput", {
  fields: (t) => ({ id: t.id(), expectedRevision: t.int(), message: t.string() }),
});

builder.queryFields((t) => ({
  submissionQueue: t.connection(
    {
      type: SubmissionRef,
      // Filtered by an agenda: a reviewer of that agenda; otherwise a reviewer of any.
      authScopes: (_root, args) => (args.filter?.agenda ? { agenda: args.filter.agenda } : REVIEWERS),
      description: "Reviewers: submissions of the agendas they review, oldest first; by default the open ones.",
      args: { filter: t.arg({ type: SubmissionQueueFilter, required: false }) },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: SUBMISSION_LIMITS.queuePage }, ({ offset, limit }) =>
          listSubmissionQueue(ctx, args.filter ?? {}, { offset, limit }),
        ),
    },
    SubmissionConnection,
  ),
  submissionReview: t.field({
    type: SubmissionReviewRef,
    nullable: true,
    authScopes: REVIEWERS,
    description: "Reviewers: one submission with the proposed effect; null for unknown ids, other towns' and other agendas'.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      try {
        const submission = await findReviewable(ctx, localId(args.id, "Submission"));
        const definition = findFormDefinition(submission.formId);
        return definition ? { submission, definition } : null;
      } catch (error) {
        if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
        throw error;
      }
    },
  }),
}));

const moneyToNumber = (value: bigint | null | undefined) => (value === null || value === undefined ? value : moneyNumber(value));

builder.mutationFields((t) => ({
  requestSubmissionInformation: t.field({
    type: SubmissionRef,
    authScopes: REVIEWERS,
    description: "Reviewers: asks the citizen for more information (e-mail; the citizen answers in the portal).",
    args: { input: t.arg({ type: RequestSubmissionInformationInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError], dataField: { name: "submission" } },
    resolve: (_root, { input }, ctx) =>
      requestSubmissionInformation(ctx, localId(input.id, "Submission"), {
        expectedRevision: input.expectedRevision,
        message: input.message,
      }),
  }),
  approveSubmission: t.field({
    type: SubmissionRef,
    authScopes: REVIEWERS,
    description: "Reviewers: approves with the (edited) effect; a decision made meanwhile by another clerk is a ConflictError.",
    args: { input: t.arg({ type: ApproveSubmissionInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError], dataField: { name: "submission" } },
    resolve: (_root, { input }, ctx) => {
      const effect = input.effect;
      return approveSubmission(ctx, localId(input.id, "Submission"), {
        expectedRevision: input.expectedRevision,
        note: input.note,
        effect: effect
          ? {
              ...effect,
              assessment: effect.assessment ? { ...effect.assessment, amount: moneyToNumber(effect.assessment.amount) } : effect.assessment,
              adjustments: effect.adjustments?.map((a) => ({
                assessmentId: String(a.assessmentId),
                newAmount: moneyToNumber(a.newAmount),
              })),
              endingDogs: effect.endingDogs?.map((d) => ({ dogId: String(d.dogId), endedOn: d.endedOn })),
            }
          : effect,
      });
    },
  }),
  rejectSubmission: t.field({
    type: SubmissionRef,
    authScopes: REVIEWERS,
    description: "Reviewers: rejects with a reason the citizen reads.",
    args: { input: t.arg({ type: RejectSubmissionInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError], dataField: { name: "submission" } },
    resolve: (_root, { input }, ctx) =>
      rejectSubmission(ctx, localId(input.id, "Submission"), { expectedRevision: input.expectedRevision, reason: input.reason }),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Deliveries to the records system (admins)

type DeliveryRow = SubmissionDelivery & { submission: { number: string } };

const SubmissionDeliveryRef = builder.objectRef<DeliveryRow>("SubmissionDelivery").implement({
  description: "A submission's delivery to the town's records system, step by step.",
  fields: (t) => ({
    id: t.exposeID("id"),
    submissionNumber: t.string({ resolve: (d) => d.submission.number }),
    trigger: t.exposeString("trigger", { description: "submitted or decided." }),
    status: t.field({ type: DeliveryStatusEnum, resolve: (d) => d.status }),
    step: t.exposeString("step", { description: "The next (or failed) step: register, attachments, decision." }),
    completedSteps: t.stringList({
      resolve: (d) =>
        (d.completedSteps as { step: string; attachmentId?: string }[]).map((s) =>
          s.attachmentId ? `${s.step}:${s.attachmentId}` : s.step,
        ),
    }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true }),
    externalReference: t.exposeString("externalReference", { nullable: true }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
const SubmissionDeliveryConnection = builder.connectionObject({ type: SubmissionDeliveryRef, name: "SubmissionDeliveryConnection" });

const SubmissionWebhookInput = builder.inputType("SubmissionWebhookInput", {
  fields: (t) => ({
    url: t.string(),
    enabled: t.boolean(),
    rotateSecret: t.boolean({ required: false, description: "Generate a new signing key (shown once)." }),
  }),
});
const SaveSubmissionWebhookSuccess = builder
  .objectRef<{ url: string; enabled: boolean; secret: string | null }>("SaveSubmissionWebhookSuccess")
  .implement({
    fields: (t) => ({
      url: t.exposeString("url"),
      enabled: t.exposeBoolean("enabled"),
      secret: t.exposeString("secret", { nullable: true, description: "The signing key, only when created or rotated." }),
    }),
  });

builder.queryFields((t) => ({
  submissionDeliveries: t.connection(
    {
      type: SubmissionDeliveryRef,
      authScopes: { admin: true },
      description: "Admins: deliveries to the records system, failed first.",
      args: { status: t.arg({ type: DeliveryStatusEnum, required: false }) },
      resolve: (_root, args, ctx) =>
        resolveOffsetConnection({ args, defaultSize: 20, maxSize: 100 }, ({ offset, limit }) =>
          listSubmissionDeliveries(ctx, { status: args.status, offset, limit }),
        ),
    },
    SubmissionDeliveryConnection,
  ),
}));

builder.mutationFields((t) => ({
  retrySubmissionDeliveryStep: t.field({
    type: SubmissionDeliveryRef,
    authScopes: { admin: true },
    description: "Admins: runs a FAILED delivery again from the step where it stopped.",
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError, ConflictError], dataField: { name: "delivery" } },
    resolve: async (_root, args, ctx) => {
      const delivery = await retrySubmissionDeliveryStep(ctx, String(args.id));
      const submission = await ctx.db.submission.findUniqueOrThrow({ where: { id: delivery.submissionId }, select: { number: true } });
      return { ...delivery, submission };
    },
  }),
  saveSubmissionWebhook: t.field({
    type: SaveSubmissionWebhookSuccess,
    authScopes: { admin: true },
    description: "Admins: where submissions are delivered (a signed webhook of the records system).",
    args: { input: t.arg({ type: SubmissionWebhookInput, required: true }) },
    errors: { types: [ValidationError], directResult: true },
    resolve: async (_root, { input }, ctx) => {
      const { webhook, secret } = await saveSubmissionWebhook(ctx, input);
      return { url: webhook.url, enabled: webhook.enabled, secret };
    },
  }),
}));
