import { announceNotice } from "../notifications/announce-notice.ts";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { Notice, Prisma } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findNotice } from "./find-notice.ts";
import { isNoticeAuthor } from "./is-notice-author.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { checkPostingWindow, REASON_MAX } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";

const approveSchema = z.object({
  postedAt: z.date().nullish(),
  shortWindowReason: z
    .string()
    .trim()
    .max(REASON_MAX, { message: "field.tooLong" })
    .nullish()
    .transform((value) => value || null),
});

/**
 * Approves a notice for the board: at once, or scheduled. The posting time is the one asked for,
 * else the one planned in the draft; a time already past means "now" (a notice cannot have been
 * posted before it was approved). The window is checked again against that moment. Approval
 * records the first revision (the approved content) and the APPROVED event with the window, and
 * the board shows the notice exactly from its posting time.
 *
 * With the municipality's two-person rule the notice must have been proposed, and the approver
 * must not be anyone who wrote, changed or proposed it (is-notice-author.ts). The check and the
 * approval see the same content: an edit in between changes `updatedAt`, and the approval's
 * conditional update then fails with NOTICE_CHANGED.
 */
export async function approveNotice(
  ctx: Context,
  input: { id: string; postedAt?: Date | null; shortWindowReason?: string | null },
): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.id);
  const data = parseInput(approveSchema, input);
  if (current.status !== "DRAFT" && current.status !== "PENDING_APPROVAL") throw new NoticeStateError("NOTICE_NOT_APPROVABLE");
  const rules = await ctx.db.municipality.findUniqueOrThrow({ where: { id: ctx.municipality.id }, select: { noticeTwoPersonRule: true } });
  if (rules.noticeTwoPersonRule) {
    if (current.status !== "PENDING_APPROVAL") throw new NoticeStateError("NOTICE_NOT_PROPOSED");
    const events = await ctx.db.noticeEvent.findMany({
      where: { noticeId: current.id },
      orderBy: { id: "asc" },
      select: { type: true, actorUserId: true, actorTokenId: true },
    });
    if (isNoticeAuthor(actor, events)) throw new NoticeStateError("NOTICE_SAME_PERSON");
  }
  const now = ctx.clock.now();
  const requested = data.postedAt ?? current.postedAt;
  const postedAt = requested < now ? now : requested;
  const checked = checkPostingWindow({
    category: current.category,
    postedAt,
    relevantUntil: fromDateColumn(current.relevantUntil),
    allowShort: data.shortWindowReason !== null,
  });
  if (!checked.window) throw new ValidationError(checked.issues);
  const window = checked.window;
  const shortWindowReason = window.belowMinimum ? data.shortWindowReason : null;

  const notice = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: current.status, updatedAt: current.updatedAt },
      data: { status: "APPROVED", postedAt, takeDownAt: window.takeDownAt, approvedAt: now, approvedById: actor.userId, revision: 1 },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    await tx.noticeRevision.create({
      data: {
        noticeId: current.id,
        revision: 1,
        title: current.title,
        description: current.description,
        category: current.category,
        originator: current.originator,
        referenceNumber: current.referenceNumber,
        fileMark: current.fileMark,
        attachmentIds: current.attachmentIds,
        reason: null,
        createdById: actor.userId,
        createdAt: now,
      },
    });
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "APPROVED",
      actor,
      at: now,
      postedAt,
      takeDownAt: window.takeDownAt,
      revision: 1,
      reason: shortWindowReason,
    });
    const approved = await tx.notice.findUniqueOrThrow({ where: { id: current.id } });
    // Citizens subscribed to new notices of this category get an alert when it is posted.
    await announceNotice(tx as unknown as Prisma.TransactionClient, ctx.services, approved, now);
    return approved;
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  await recordAudit(ctx, {
    action: "notice.approved",
    subjectType: "Notice",
    subjectId: notice.id,
    details: { postedAt: notice.postedAt.toISOString(), takeDownAt: notice.takeDownAt.toISOString(), shortWindowReason },
  });
  return notice;
}
