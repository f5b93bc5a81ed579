import type { Context } from "../../context.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";

/**
 * Two-person rule, first step: a clerk proposes a draft for approval; another clerk approves it.
 * (Municipalities without the rule may use it too, to ask a colleague to check.)
 */
export async function proposeNotice(ctx: Context, input: { id: string }): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.id);
  if (current.status !== "DRAFT") throw new NoticeStateError("NOTICE_NOT_APPROVABLE");
  const now = ctx.clock.now();
  const notice = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: "DRAFT", updatedAt: current.updatedAt },
      data: { status: "PENDING_APPROVAL", proposedById: actor.userId },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "PROPOSED",
      actor,
      at: now,
      postedAt: current.postedAt,
      takeDownAt: current.takeDownAt,
    });
    return tx.notice.findUniqueOrThrow({ where: { id: current.id } });
  });
  await recordAudit(ctx, { action: "notice.proposed", subjectType: "Notice", subjectId: notice.id });
  return notice;
}
