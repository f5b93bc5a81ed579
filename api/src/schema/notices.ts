// Notice board (úřední deska): the public board and archive, the clerks' workflow (draft, propose,
// approve, revise, withdraw) and the integrators' idempotent mutations by their own ids.
// Resolvers check scope and call one service each; the rules live in services/notices.
import { dataloaderGetter } from "@pothos/plugin-dataloader";
import { decodeGlobalID, encodeGlobalID, resolveCursorConnection, type DefaultConnectionArguments } from "@pothos/plugin-relay";
import type { GraphQLResolveInfo } from "graphql";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { fromDateColumn } from "../domain/notice-window.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Notice } from "../generated/prisma/client.ts";
import { NoticeCategory, NoticeEventType, NoticeStatus } from "../generated/prisma/enums.ts";
import { isUuid } from "../services/accounts/account-rules.ts";
import { fileUrl } from "../services/files/file-url.ts";
import { approveNotice } from "../services/notices/approve-notice.ts";
import { approveNoticeByExternalId } from "../services/notices/approve-notice-by-external-id.ts";
import { createNotice } from "../services/notices/create-notice.ts";
import { getNoticeHistory, type HistoryEvent, type HistoryRevision, type NoticeHistory } from "../services/notices/get-notice-history.ts";
import {
  loadNoticeExtras,
  type NoticeExtraKey,
  type PublicAttachment,
  type PublicRevision,
} from "../services/notices/load-notice-extras.ts";
import { countNotices, listNotices, noticeCursor, type NoticeListScope } from "../services/notices/list-notices.ts";
import type { NoticeFilter } from "../services/notices/notice-filter.ts";
import { NoticeStateError } from "../services/notices/notice-state-error.ts";
import { proposeNotice } from "../services/notices/propose-notice.ts";
import { proposeNoticeWindow, type ProposedNoticeWindow } from "../services/notices/propose-notice-window.ts";
import { reviseNotice } from "../services/notices/revise-notice.ts";
import { setNoticeFile } from "../services/notices/set-notice-file.ts";
import { updateNotice } from "../services/notices/update-notice.ts";
import { upsertNoticeByExternalId } from "../services/notices/upsert-notice-by-external-id.ts";
import { publicAt } from "../services/notices/visibility.ts";
import { withdrawNotice } from "../services/notices/withdraw-notice.ts";
import { withdrawNoticeByExternalId } from "../services/notices/withdraw-notice-by-external-id.ts";
import { ErrorInterface } from "./errors.ts";
import { nodeLookup } from "./node-lookup.ts";
import { selects } from "./selection.ts";
import { StoredFileRef } from "./files.ts";

/** Clerks of the notices agenda (admins have every agenda) and integrators whose token writes notices. */
const NOTICE_STAFF = { agenda: "NOTICES", apiScope: "notices:write" } as const;
const INTEGRATORS = { apiScope: "notices:write" } as const;
const CLERKS = { agenda: "NOTICES" } as const;

/** The notice's UUID from its global id, or null for anything malformed or of another type. */
function noticeUuid(globalId: string): string | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return typename === "Notice" && isUuid(id) ? id : null;
  } catch {
    return null;
  }
}

function seesAllNotices(ctx: Context): boolean {
  const { viewer, apiToken } = ctx;
  if (viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes("NOTICES"))) return true;
  return apiToken?.scopes.includes("notices:write") ?? false;
}

// ---------------------------------------------------------------------------------------------
// Enums

export const NoticeCategoryEnum = builder.enumType(NoticeCategory, {
  name: "NoticeCategory",
  description:
    "Vyhlášky a nařízení, oznámení, stavební řízení, záměry obce, výběrová řízení, rozpočet, zasedání zastupitelstva, " +
    "dokumenty jiných úřadů, ostatní. The app shows them in the reader's language.",
});
export const NoticeStatusEnum = builder.enumType(NoticeStatus, { name: "NoticeStatus" });
const NoticeEventTypeEnum = builder.enumType(NoticeEventType, { name: "NoticeEventType" });

// ---------------------------------------------------------------------------------------------
// Object types

const NoticeAttachmentRef = builder.objectRef<PublicAttachment>("NoticeAttachment").implement({
  description: "A file attached to a notice.",
  fields: (t) => ({
    fileId: t.id({ description: "The StoredFile's global id.", resolve: (file) => encodeGlobalID("StoredFile", file.fileId) }),
    fileName: t.exposeString("fileName"),
    mimeType: t.exposeString("mimeType"),
    size: t.exposeInt("size", { description: "In bytes." }),
    url: t.string({
      description: "Download URL (relative to the portal). Answers 404 once the notice is no longer public.",
      resolve: (file) => fileUrl({ id: file.fileId, fileName: file.fileName }),
    }),
  }),
});

const NoticeRevisionRef = builder.objectRef<PublicRevision>("NoticeRevision").implement({
  description: "One approved content of a notice: the first approval is revision 1, each correction adds one with its reason.",
  fields: (t) => ({
    revision: t.exposeInt("revision"),
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    category: t.expose("category", { type: NoticeCategoryEnum }),
    originator: t.exposeString("originator"),
    referenceNumber: t.exposeString("referenceNumber", { nullable: true, description: "Číslo jednací." }),
    fileMark: t.exposeString("fileMark", { nullable: true, description: "Spisová značka." }),
    reason: t.exposeString("reason", { nullable: true, description: "Why the correction was made (null for the first revision)." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/**
 * Attachments and revisions of all notices in one response come from one batched statement
 * (services/notices/load-notice-extras.ts): the board list and the detail stay at two statements.
 * Each key names the part its field needs; the statement aggregates only the parts asked for.
 */
const noticeExtras = dataloaderGetter<NoticeExtraKey, PublicAttachment[] | PublicRevision[], string>(
  { cacheKeyFn: (key) => `${key.part}:${key.noticeId}` },
  (keys, context) => {
    const ctx = context as Context;
    return loadNoticeExtras(ctx.services.database.sql, ctx.municipality.id, keys);
  },
  undefined,
  false,
);

export const NoticeRef = builder.prismaNode("Notice", {
  // node(id:)/nodes(ids:) show the public only what is on the board or in the archive; drafts,
  // scheduled and other towns' notices are simply not found. Clerks of the agenda see all of their
  // municipality's.
  ...nodeLookup("Notice", (ctx) => ({ AND: [seesAllNotices(ctx) ? {} : publicAt(ctx.clock.now())] })),
  description: "A notice on the official notice board (úřední deska).",
  fields: (t) => ({
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    category: t.expose("category", { type: NoticeCategoryEnum }),
    originator: t.exposeString("originator", { description: "Who asked for the posting: the municipality or another authority." }),
    originatorIco: t.exposeString("originatorIco", { nullable: true }),
    referenceNumber: t.exposeString("referenceNumber", { nullable: true, description: "Číslo jednací." }),
    fileMark: t.exposeString("fileMark", { nullable: true, description: "Spisová značka." }),
    postedAt: t.expose("postedAt", {
      type: "DateTime",
      description: "Vyvěšeno: the moment the notice appears (or appeared) on the board.",
    }),
    relevantUntil: t.field({
      type: "Date",
      description: "Relevantní do: the notice stays posted through this whole day (Prague time).",
      resolve: (notice) => fromDateColumn(notice.relevantUntil),
    }),
    takeDownAt: t.expose("takeDownAt", {
      type: "DateTime",
      description: "Sejmuto: the moment the notice leaves (or left) the board - the midnight after relevantUntil, or the withdrawal.",
    }),
    revision: t.exposeInt("revision", { description: "The number of the revision in force." }),
    status: t.expose("status", { type: NoticeStatusEnum }),
    withdrawn: t.boolean({ resolve: (notice) => notice.status === "WITHDRAWN" }),
    withdrawnAt: t.expose("withdrawnAt", { type: "DateTime", nullable: true }),
    withdrawalReason: t.exposeString("withdrawalReason", { nullable: true }),
    attachments: t.field({
      type: [NoticeAttachmentRef],
      resolve: (notice, _args, ctx) => noticeExtras(ctx).load({ noticeId: notice.id, part: "attachments" }) as Promise<PublicAttachment[]>,
    }),
    revisions: t.field({
      type: [NoticeRevisionRef],
      description: "The public history: every approved content, oldest first, each correction with its reason.",
      resolve: (notice, _args, ctx) => noticeExtras(ctx).load({ noticeId: notice.id, part: "revisions" }) as Promise<PublicRevision[]>,
    }),
    externalId: t.exposeString("externalId", { nullable: true, authScopes: NOTICE_STAFF, description: "The integrator's own id." }),
    createdAt: t.expose("createdAt", { type: "DateTime", authScopes: NOTICE_STAFF }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", authScopes: NOTICE_STAFF }),
    approvedAt: t.expose("approvedAt", { type: "DateTime", nullable: true, authScopes: NOTICE_STAFF }),
  }),
});

const NoticeConnection = builder.connectionObject({
  type: NoticeRef,
  name: "NoticeConnection",
  fields: (t) => ({
    totalCount: t.int({
      description: "How many notices match (one more SQL statement; ask only when needed).",
      resolve: (connection) => {
        const { totalCount } = connection as { totalCount?: number | (() => number | Promise<number>) };
        return typeof totalCount === "function" ? totalCount() : (totalCount ?? 0);
      },
    }),
  }),
});

const NoticeWindowRef = builder.objectRef<ProposedNoticeWindow>("NoticeWindow").implement({
  description: "The legal minimum posting window for a posting time.",
  fields: (t) => ({
    postedAt: t.expose("postedAt", { type: "DateTime" }),
    minimumDays: t.exposeInt("minimumDays", { description: "15 days (správní řád § 25), 7 for council meetings (zákon o obcích § 93)." }),
    minimumRelevantUntil: t.expose("minimumRelevantUntil", { type: "Date" }),
    takeDownAt: t.expose("takeDownAt", {
      type: "DateTime",
      description: "When a notice relevant until the minimum date leaves the board.",
    }),
  }),
});

const NoticeHistoryRevisionRef = builder.objectRef<HistoryRevision>("NoticeHistoryRevision").implement({
  fields: (t) => ({
    revision: t.exposeInt("revision"),
    title: t.exposeString("title"),
    description: t.exposeString("description"),
    category: t.expose("category", { type: NoticeCategoryEnum }),
    originator: t.exposeString("originator"),
    referenceNumber: t.exposeString("referenceNumber", { nullable: true }),
    fileMark: t.exposeString("fileMark", { nullable: true }),
    reason: t.exposeString("reason", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.exposeString("createdBy", { nullable: true, description: "The clerk who approved this content." }),
    attachmentNames: t.stringList({ resolve: (revision) => revision.attachments.map((file) => file.fileName) }),
  }),
});

const NoticeEventRef = builder.objectRef<HistoryEvent>("NoticeEvent").implement({
  description: "One entry of a notice's legal record (append-only).",
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: NoticeEventTypeEnum }),
    actorName: t.exposeString("actorName", { nullable: true, description: "The clerk's name, or 'API: <token name>' for an integrator." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    postedAt: t.expose("postedAt", {
      type: "DateTime",
      nullable: true,
      description: "The posting moment in force after the event (null for a withdrawal before posting).",
    }),
    takeDownAt: t.expose("takeDownAt", { type: "DateTime", nullable: true }),
    revision: t.exposeInt("revision", { nullable: true }),
    reason: t.exposeString("reason", { nullable: true }),
  }),
});

const NoticeHistoryRef = builder.objectRef<NoticeHistory>("NoticeHistory").implement({
  description: "A notice with its complete record: revisions and events, with who acted.",
  fields: (t) => ({
    notice: t.field({ type: NoticeRef, nullable: false, resolve: (history) => history.notice }),
    revisions: t.field({ type: [NoticeHistoryRevisionRef], resolve: (history) => history.revisions }),
    events: t.field({ type: [NoticeEventRef], resolve: (history) => history.events }),
    writtenByViewer: t.exposeBoolean("writtenByViewer", {
      description:
        "The viewer wrote, changed or proposed the content waiting for approval: with the two-person rule, someone else must approve it.",
    }),
    proposedByViewer: t.exposeBoolean("writtenByViewer", {
      deprecationReason: "Use writtenByViewer (the same answer: the rule bars every author of the text, not only the proposer).",
    }),
  }),
});

builder.objectType(NoticeStateError, {
  name: "NoticeStateError",
  description: "The notice's state does not allow this step (e.g. editing an approved notice, approving a text you wrote or proposed).",
  interfaces: [ErrorInterface],
});

// ---------------------------------------------------------------------------------------------
// Queries

const NoticeFilterInput = builder.inputType("NoticeFilter", {
  fields: (t) => ({
    category: t.field({ type: NoticeCategoryEnum, required: false }),
    originator: t.string({ required: false, description: "Part of the originator's name, ignoring case." }),
    postedFrom: t.field({ type: "Date", required: false, description: "Posted on or after this day (Prague time)." }),
    postedTo: t.field({ type: "Date", required: false, description: "Posted on or before this day (Prague time)." }),
    search: t.string({
      required: false,
      description: "Words to find in the title, description, originator, číslo jednací and spisová značka, ignoring case and diacritics.",
    }),
  }),
});

/** A page of one of the notice lists (services/notices/list-notices.ts), with totalCount on demand. */
async function noticeConnection(
  ctx: Context,
  info: GraphQLResolveInfo,
  scope: NoticeListScope,
  args: DefaultConnectionArguments & { filter?: NoticeFilter | null },
) {
  // Attachments asked for come with the page (one statement) and are handed to the loader.
  const attachments = selects(info, ["edges", "node", "attachments"]) || selects(info, ["nodes", "attachments"]);
  const connection = await resolveCursorConnection<Promise<Notice[]>>(
    { args, toCursor: (notice) => noticeCursor(notice, scope) },
    async (page) => {
      const listed = await listNotices(ctx, scope, args.filter, page, { attachments });
      const loader = noticeExtras(ctx);
      for (const [noticeId, files] of listed.attachments) loader.prime({ noticeId, part: "attachments" }, files);
      return listed.notices;
    },
  );
  return { ...connection, totalCount: () => countNotices(ctx, scope, args.filter) };
}

builder.queryFields((t) => ({
  noticeBoard: t.connection(
    {
      type: NoticeRef,
      description: "The notices on the board now, newest first. Public.",
      args: { filter: t.arg({ type: NoticeFilterInput, required: false }) },
      resolve: (_root, args, ctx, info) => noticeConnection(ctx, info, { kind: "board" }, args),
    },
    NoticeConnection,
  ),
  noticeArchive: t.connection(
    {
      type: NoticeRef,
      description: "Notices taken down (at the end of their window or withdrawn), newest posting first. Public.",
      args: { filter: t.arg({ type: NoticeFilterInput, required: false }) },
      resolve: (_root, args, ctx, info) => noticeConnection(ctx, info, { kind: "archive" }, args),
    },
    NoticeConnection,
  ),
  notice: t.prismaField({
    type: "Notice",
    nullable: true,
    description: "A notice on the board or in the archive; null for anything else (drafts, scheduled, other towns'). Public.",
    // A plain ID, decoded here: a mistyped or hand-edited link answers null, like an unknown notice.
    args: { id: t.arg.id({ required: true, description: "The notice's global id." }) },
    resolve: (query, _root, args, ctx) => {
      const id = noticeUuid(String(args.id));
      return id ? ctx.db.notice.findFirst({ ...query, where: { AND: [{ id }, publicAt(ctx.clock.now())] } }) : null;
    },
  }),
  allNotices: t.connection(
    {
      type: NoticeRef,
      authScopes: NOTICE_STAFF,
      description: "Every notice of the municipality (drafts included) for clerks, newest first.",
      args: {
        status: t.arg({ type: [NoticeStatusEnum], required: false, description: "Only these statuses." }),
        filter: t.arg({ type: NoticeFilterInput, required: false }),
      },
      resolve: (_root, args, ctx, info) => noticeConnection(ctx, info, { kind: "all", statuses: args.status }, args),
    },
    NoticeConnection,
  ),
  noticeHistory: t.field({
    type: NoticeHistoryRef,
    nullable: true,
    authScopes: NOTICE_STAFF,
    description: "A notice's complete record for clerks: revisions and events with who acted. Null for unknown ids.",
    args: { id: t.arg.id({ required: true, description: "The notice's global id." }) },
    resolve: async (_root, args, ctx) => {
      const id = noticeUuid(String(args.id));
      if (!id) return null;
      try {
        return await getNoticeHistory(ctx, id);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
  }),
  noticeWindow: t.field({
    type: NoticeWindowRef,
    authScopes: NOTICE_STAFF,
    description: "The legal minimum window for a notice posted at `postedAt` (default now): what the form proposes.",
    args: {
      postedAt: t.arg({ type: "DateTime", required: false }),
      category: t.arg({ type: NoticeCategoryEnum, required: false }),
    },
    resolve: (_root, args, ctx) => proposeNoticeWindow(ctx, args),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Mutations: clerks

const NoticeInput = builder.inputType("NoticeInput", {
  description: "A notice's content and planned window. Omitted optional values keep what the notice has (or get defaults).",
  fields: (t) => ({
    title: t.string({ description: "1–300 characters." }),
    description: t.string({ required: false, description: "Up to 10 000 characters." }),
    category: t.field({ type: NoticeCategoryEnum }),
    originator: t.string({ required: false, description: "Defaults to the municipality." }),
    originatorIco: t.string({ required: false, description: "The originator's IČO (checked)." }),
    referenceNumber: t.string({ required: false, description: "Číslo jednací, up to 100 characters." }),
    fileMark: t.string({ required: false, description: "Spisová značka, up to 100 characters." }),
    postedAt: t.field({ type: "DateTime", required: false, description: "Planned posting moment; default now." }),
    relevantUntil: t.field({
      type: "Date",
      required: false,
      description: "Default: the legal minimum (15 days after the posting day, 7 for council meetings).",
    }),
    attachmentIds: t.globalIDList({ for: StoredFileRef, required: false, description: "Uploaded files, in order; replaces the list." }),
    shortWindowReason: t.string({ required: false, description: "Required when relevantUntil is before the legal minimum: why." }),
  }),
});

type NoticeInputShape = typeof NoticeInput.$inferInput;

function contentOf(input: NoticeInputShape) {
  return { ...input, attachmentIds: input.attachmentIds?.map((id) => id.id) ?? null };
}

const noticeErrors = { types: [ValidationError, NotFoundError, NoticeStateError], dataField: { name: "notice" } };

builder.mutationField("createNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Creates a draft notice (never public until approved).",
    authScopes: CLERKS,
    args: { input: t.arg({ type: NoticeInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => createNotice(ctx, contentOf(input)),
  }),
);

const UpdateNoticeInput = builder.inputType("UpdateNoticeInput", {
  fields: (t) => ({
    id: t.globalID({ for: NoticeRef }),
    notice: t.field({ type: NoticeInput }),
  }),
});

builder.mutationField("updateNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Edits a draft or a notice waiting for approval. Approved notices are corrected with reviseNotice.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: UpdateNoticeInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => updateNotice(ctx, { ...contentOf(input.notice), id: input.id.id }),
  }),
);

const NoticeFileInput = builder.inputType("NoticeFileInput", {
  fields: (t) => ({ noticeId: t.globalID({ for: NoticeRef }), fileId: t.globalID({ for: StoredFileRef }) }),
});

builder.mutationField("attachNoticeFile", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Adds an uploaded file to a draft (or pending) notice.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: NoticeFileInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => setNoticeFile(ctx, { noticeId: input.noticeId.id, fileId: input.fileId.id, attach: true }),
  }),
);

builder.mutationField("detachNoticeFile", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Removes a file from a draft (or pending) notice.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: NoticeFileInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => setNoticeFile(ctx, { noticeId: input.noticeId.id, fileId: input.fileId.id, attach: false }),
  }),
);

const NoticeIdInput = builder.inputType("NoticeIdInput", { fields: (t) => ({ id: t.globalID({ for: NoticeRef }) }) });

builder.mutationField("proposeNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Proposes a draft for approval by another clerk (the municipality's two-person rule).",
    authScopes: CLERKS,
    args: { input: t.arg({ type: NoticeIdInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => proposeNotice(ctx, { id: input.id.id }),
  }),
);

const ApproveNoticeInput = builder.inputType("ApproveNoticeInput", {
  fields: (t) => ({
    id: t.globalID({ for: NoticeRef }),
    postedAt: t.field({
      type: "DateTime",
      required: false,
      description: "Schedule the posting; default the planned time, and a time already past means now.",
    }),
    shortWindowReason: t.string({ required: false, description: "Required when the window is shorter than the legal minimum." }),
  }),
});

builder.mutationField("approveNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Approves a notice: it appears on the board at its posting time and leaves it at the take-down moment.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: ApproveNoticeInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => approveNotice(ctx, { ...input, id: input.id.id }),
  }),
);

const ReviseNoticeInput = builder.inputType("ReviseNoticeInput", {
  fields: (t) => ({
    id: t.globalID({ for: NoticeRef }),
    reason: t.string({ description: "Why the notice is corrected (shown in its public history)." }),
    notice: t.field({ type: NoticeInput, description: "The corrected content; postedAt is ignored (fixed at approval)." }),
  }),
});

builder.mutationField("reviseNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Corrects an approved notice that is still on the board (or scheduled): a new revision with a reason, history kept.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: ReviseNoticeInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => {
      const { postedAt: _fixed, ...content } = contentOf(input.notice);
      return reviseNotice(ctx, { ...content, id: input.id.id, reason: input.reason });
    },
  }),
);

const WithdrawNoticeInput = builder.inputType("WithdrawNoticeInput", {
  fields: (t) => ({ id: t.globalID({ for: NoticeRef }), reason: t.string({ description: "Why the notice is taken down early." }) }),
});

builder.mutationField("withdrawNotice", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Takes an approved notice down now, with a reason; the archive shows it as withdrawn.",
    authScopes: CLERKS,
    args: { input: t.arg({ type: WithdrawNoticeInput, required: true }) },
    errors: noticeErrors,
    resolve: (_root, { input }, ctx) => withdrawNotice(ctx, { id: input.id.id, reason: input.reason }),
  }),
);

// ---------------------------------------------------------------------------------------------
// Mutations: integrators (API token with notices:write), by their own ids, idempotent

builder.mutationField("upsertNoticeByExternalId", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description:
      "Creates (as a draft) or updates the notice with your externalId. Replaying the same call changes nothing. " +
      "A change to an approved notice becomes a revision and needs revisionReason.",
    authScopes: INTEGRATORS,
    args: {
      externalId: t.arg.string({ required: true, description: "Your system's id, unique within the municipality (up to 200 characters)." }),
      input: t.arg({ type: NoticeInput, required: true }),
      revisionReason: t.arg.string({ required: false }),
    },
    errors: noticeErrors,
    resolve: (_root, args, ctx) =>
      upsertNoticeByExternalId(ctx, {
        externalId: args.externalId,
        input: contentOf(args.input),
        revisionReason: args.revisionReason ?? null,
      }),
  }),
);

builder.mutationField("approveNoticeByExternalId", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description:
      "Approves your notice (idempotent). Under the municipality's two-person rule this proposes it instead and a clerk approves it " +
      "(status PENDING_APPROVAL).",
    authScopes: INTEGRATORS,
    args: {
      externalId: t.arg.string({ required: true }),
      postedAt: t.arg({ type: "DateTime", required: false }),
      shortWindowReason: t.arg.string({ required: false }),
    },
    errors: noticeErrors,
    resolve: (_root, args, ctx) => approveNoticeByExternalId(ctx, args),
  }),
);

builder.mutationField("withdrawNoticeByExternalId", (t) =>
  t.field({
    type: NoticeRef,
    nullable: false,
    description: "Withdraws your notice with a reason (idempotent).",
    authScopes: INTEGRATORS,
    args: { externalId: t.arg.string({ required: true }), reason: t.arg.string({ required: true }) },
    errors: noticeErrors,
    resolve: (_root, args, ctx) => withdrawNoticeByExternalId(ctx, args),
  }),
);
