import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { reasonSchema } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";

const withdrawSchema = z.object({ reason: reasonSchema });

/**
 * Takes an approved notice down before its time, with a reason: it leaves the board at once and
 * the archive shows it as withdrawn, with the reason. A notice withdrawn before its posting time
 * was never public: its WITHDRAWN event records no posting moment, which keeps it out of the
 * archive too (services/notices/visibility.ts).
 */
export async function withdrawNotice(ctx: Context, input: { id: string; reason: string }): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.id);
  const { reason } = parseInput(withdrawSchema, input);
  const now = ctx.clock.now();
  if (current.status !== "APPROVED" || current.takeDownAt <= now) throw new NoticeStateError("NOTICE_NOT_ACTIVE");
  const wasPosted = current.postedAt <= now;
  const notice = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: "APPROVED", revision: current.revision, takeDownAt: current.takeDownAt },
      data: { status: "WITHDRAWN", takeDownAt: now, withdrawnAt: now, withdrawnById: actor.userId, withdrawalReason: reason },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "WITHDRAWN",
      actor,
      at: now,
      postedAt: wasPosted ? current.postedAt : null,
      takeDownAt: now,
      revision: current.revision,
      reason,
    });
    return tx.notice.findUniqueOrThrow({ where: { id: current.id } });
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  await recordAudit(ctx, { action: "notice.withdrawn", subjectType: "Notice", subjectId: notice.id, details: { reason, wasPosted } });
  return notice;
}
