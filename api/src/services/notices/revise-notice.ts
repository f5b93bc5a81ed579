import type { Context } from "../../context.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { noticeContentSchema, reasonSchema, type NoticeContentInput } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { prepareNoticeContent } from "./prepare-notice-content.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";
import { replaceNoticeAttachments } from "./replace-notice-attachments.ts";

const reviseSchema = noticeContentSchema.extend({ reason: reasonSchema });

export type ReviseNoticeInput = Omit<NoticeContentInput, "postedAt"> & { id: string; reason: string };

/**
 * Corrects an approved notice that is still on the board (or scheduled): never a silent change.
 * The correction is a new revision with its reason; earlier revisions stay as they were (the table
 * refuses updates) and the public sees the history. The posting time stays; "relevant until" may
 * change but must keep the legal minimum (or carry a reason) and may not end in the past -
 * taking a notice down early is a withdrawal.
 */
export async function reviseNotice(ctx: Context, input: ReviseNoticeInput): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.id);
  const data = parseInput(reviseSchema, { ...input, postedAt: null });
  const now = ctx.clock.now();
  if (current.status !== "APPROVED" || current.takeDownAt <= now) throw new NoticeStateError("NOTICE_NOT_ACTIVE");
  // The window is checked only when it (or the category, which sets the minimum) changes: an
  // unchanged window was accepted at approval, possibly with a recorded reason.
  const windowChanges =
    (data.relevantUntil !== null && data.relevantUntil !== undefined && data.relevantUntil !== fromDateColumn(current.relevantUntil)) ||
    data.category !== current.category;
  const prepared = await prepareNoticeContent(ctx, data, current, { windowAccepted: !windowChanges });
  if (prepared.fields.takeDownAt <= now) {
    throw ValidationError.field("relevantUntil", "field.noticeEndsInPast", "ENDS_IN_PAST");
  }
  const attachmentIds = prepared.attachmentIds ?? current.attachmentIds;
  const unchanged =
    prepared.fields.title === current.title &&
    prepared.fields.description === current.description &&
    prepared.fields.category === current.category &&
    prepared.fields.originator === current.originator &&
    prepared.fields.originatorIco === current.originatorIco &&
    prepared.fields.referenceNumber === current.referenceNumber &&
    prepared.fields.fileMark === current.fileMark &&
    prepared.fields.takeDownAt.getTime() === current.takeDownAt.getTime() &&
    attachmentIds.join() === current.attachmentIds.join();
  if (unchanged) throw new ValidationError([{ path: [], code: "UNCHANGED", messageKey: "field.noticeUnchanged" }]);
  const revision = current.revision + 1;
  const shortWindowReason = windowChanges && prepared.window.belowMinimum ? data.shortWindowReason : null;

  const notice = await ctx.db.$transaction(async (tx) => {
    // Optimistic lock on the revision number: two concurrent corrections cannot both become revision n+1.
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: "APPROVED", revision: current.revision, takeDownAt: current.takeDownAt },
      data: { ...prepared.fields, postedAt: current.postedAt, revision },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    if (prepared.attachmentIds) await replaceNoticeAttachments(tx, current.id, prepared.attachmentIds);
    await tx.noticeRevision.create({
      data: {
        noticeId: current.id,
        revision,
        title: prepared.fields.title,
        description: prepared.fields.description,
        category: prepared.fields.category,
        originator: prepared.fields.originator,
        referenceNumber: prepared.fields.referenceNumber,
        fileMark: prepared.fields.fileMark,
        attachmentIds,
        reason: data.reason,
        createdById: actor.userId,
        createdAt: now,
      },
    });
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "REVISED",
      actor,
      at: now,
      postedAt: current.postedAt,
      takeDownAt: prepared.fields.takeDownAt,
      revision,
      reason: shortWindowReason ? `${data.reason}\n${shortWindowReason}` : data.reason,
    });
    return tx.notice.findUniqueOrThrow({ where: { id: current.id } });
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  await recordAudit(ctx, {
    action: "notice.revised",
    subjectType: "Notice",
    subjectId: notice.id,
    details: { revision, reason: data.reason, shortWindowReason },
  });
  return notice;
}
