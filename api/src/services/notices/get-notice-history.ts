import type { Context } from "../../context.ts";
import type { Notice, NoticeEventType } from "../../generated/prisma/client.ts";
import { findNotice } from "./find-notice.ts";
import type { PublicRevision } from "./load-notice-extras.ts";
import { isNoticeAuthor } from "./is-notice-author.ts";
import { requireNoticeActor } from "./notice-actor.ts";

/** An approved revision as the public sees it, with who approved it and the files it had. */
export interface HistoryRevision extends PublicRevision {
  createdBy: string | null;
  attachments: { fileId: string; fileName: string }[];
}

export interface HistoryEvent {
  id: string;
  type: NoticeEventType;
  actorName: string | null;
  createdAt: Date;
  postedAt: Date | null;
  takeDownAt: Date | null;
  revision: number | null;
  reason: string | null;
}

export interface NoticeHistory {
  notice: Notice;
  revisions: HistoryRevision[];
  events: HistoryEvent[];
  /** The viewer wrote, changed or proposed the content waiting for approval: the two-person rule bars them from approving it. */
  writtenByViewer: boolean;
}

/**
 * A notice's complete record for clerks: every approved revision and every event (who, when, the
 * window in force, the reason), with the names of the people and integrator tokens who acted.
 */
export async function getNoticeHistory(ctx: Context, id: string): Promise<NoticeHistory> {
  const actor = requireNoticeActor(ctx);
  const { attachmentIds: _current, ...notice } = await findNotice(ctx.db, id);
  const [revisions, events] = await Promise.all([
    ctx.db.noticeRevision.findMany({ where: { noticeId: notice.id }, orderBy: { revision: "asc" } }),
    ctx.db.noticeEvent.findMany({ where: { noticeId: notice.id }, orderBy: { id: "asc" } }),
  ]);
  const userIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const revision of revisions) if (revision.createdById) userIds.add(revision.createdById);
  for (const event of events) {
    if (event.actorUserId) userIds.add(event.actorUserId);
    if (event.actorTokenId) tokenIds.add(event.actorTokenId);
  }
  const fileIds = [...new Set(revisions.flatMap((revision) => revision.attachmentIds))];
  const [users, tokens, files] = await Promise.all([
    userIds.size ? ctx.db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, fullName: true } }) : [],
    tokenIds.size ? ctx.db.apiToken.findMany({ where: { id: { in: [...tokenIds] } }, select: { id: true, name: true } }) : [],
    fileIds.length ? ctx.db.storedFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, fileName: true } }) : [],
  ]);
  const userName = new Map(users.map((user) => [user.id, user.fullName]));
  const tokenName = new Map(tokens.map((token) => [token.id, `API: ${token.name}`]));
  const fileName = new Map(files.map((file) => [file.id, file.fileName]));
  return {
    notice,
    // The same check approveNotice makes.
    writtenByViewer: isNoticeAuthor(actor, events),
    revisions: revisions.map((revision) => ({
      revision: revision.revision,
      title: revision.title,
      description: revision.description,
      category: revision.category,
      originator: revision.originator,
      referenceNumber: revision.referenceNumber,
      fileMark: revision.fileMark,
      reason: revision.reason,
      createdAt: revision.createdAt,
      createdBy: revision.createdById ? (userName.get(revision.createdById) ?? null) : null,
      attachments: revision.attachmentIds.map((fileId) => ({ fileId, fileName: fileName.get(fileId) ?? "?" })),
    })),
    events: events.map((event) => ({
      id: event.id.toString(),
      type: event.type,
      actorName: event.actorUserId
        ? (userName.get(event.actorUserId) ?? null)
        : event.actorTokenId
          ? (tokenName.get(event.actorTokenId) ?? null)
          : null,
      createdAt: event.createdAt,
      postedAt: event.postedAt,
      takeDownAt: event.takeDownAt,
      revision: event.revision,
      reason: event.reason,
    })),
  };
}
