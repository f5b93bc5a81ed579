import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { noticeContentSchema, type NoticeContentInput } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { prepareNoticeContent } from "./prepare-notice-content.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";
import { replaceNoticeAttachments } from "./replace-notice-attachments.ts";

/**
 * Edits a notice that is not public yet (a draft, or one waiting for approval). Approved notices
 * are never edited in place: they get a revision with a reason (reviseNotice). Editing a notice
 * that waits for approval makes the editor its proposer, so under the two-person rule someone
 * else has to approve what they wrote.
 */
export async function updateNotice(ctx: Context, input: NoticeContentInput & { id: string }): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.id);
  const data = parseInput(noticeContentSchema, input);
  if (current.status !== "DRAFT" && current.status !== "PENDING_APPROVAL") throw new NoticeStateError("NOTICE_NOT_EDITABLE");
  const prepared = await prepareNoticeContent(ctx, data, current);
  const now = ctx.clock.now();
  const notice = await ctx.db.$transaction(async (tx) => {
    // Optimistic lock: a concurrent approval or edit makes this match nothing.
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: current.status, updatedAt: current.updatedAt },
      data: {
        ...prepared.fields,
        ...(current.status === "PENDING_APPROVAL" && actor.userId ? { proposedById: actor.userId } : {}),
      },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    if (prepared.attachmentIds) await replaceNoticeAttachments(tx, current.id, prepared.attachmentIds);
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "EDITED",
      actor,
      at: now,
      postedAt: prepared.fields.postedAt,
      takeDownAt: prepared.fields.takeDownAt,
      reason: prepared.window.belowMinimum ? data.shortWindowReason : null,
    });
    return tx.notice.findUniqueOrThrow({ where: { id: current.id } });
  });
  await recordAudit(ctx, { action: "notice.updated", subjectType: "Notice", subjectId: notice.id, details: { status: notice.status } });
  return notice;
}
