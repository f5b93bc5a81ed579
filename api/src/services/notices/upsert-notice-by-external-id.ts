import { z } from "zod";
import type { Context } from "../../context.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { createNotice } from "./create-notice.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { noticeContentSchema, type NoticeContent, type NoticeContentInput } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { reviseNotice } from "./revise-notice.ts";
import { updateNotice } from "./update-notice.ts";

export const externalIdSchema = z
  .string()
  .trim()
  .min(1, { message: "field.required", abort: true })
  .max(200, { message: "field.tooLong" })
  .regex(/^[\p{L}\p{N}\p{P}\p{S} ]+$/u, { message: "field.invalid" });

const upsertSchema = z.object({
  externalId: externalIdSchema,
  revisionReason: z
    .string()
    .trim()
    .max(2_000, { message: "field.tooLong" })
    .nullish()
    .transform((value) => value || null),
});

/**
 * An integrator's back-office system sends its notice under its own id, as often as it likes.
 * The first call creates a draft; a replay of the same content changes nothing and answers the same
 * notice; changed content edits a draft, or becomes a revision (with `revisionReason`) of an
 * approved notice that is still on the board. The posting time of an approved notice is fixed at
 * approval, so it is ignored when comparing. Two concurrent first calls cannot create two
 * notices: the unique (municipality, externalId) index refuses the second, which then continues
 * as a replay.
 */
export async function upsertNoticeByExternalId(
  ctx: Context,
  args: { externalId: string; input: NoticeContentInput; revisionReason?: string | null },
): Promise<Notice> {
  requireNoticeActor(ctx);
  const { externalId, revisionReason } = parseInput(upsertSchema, { externalId: args.externalId, revisionReason: args.revisionReason });
  const data = parseInput(noticeContentSchema, args.input);

  for (let attempt = 0; ; attempt++) {
    try {
      const existing = await ctx.db.notice.findFirst({ where: { externalId }, select: { id: true } });
      if (!existing) return await createNotice(ctx, args.input, { externalId });
      const current = await findNotice(ctx.db, existing.id);
      if (sameContent(current, data)) return current;
      if (current.status === "DRAFT" || current.status === "PENDING_APPROVAL") {
        return await updateNotice(ctx, { ...args.input, id: current.id });
      }
      if (current.status === "APPROVED" && current.takeDownAt > ctx.clock.now()) {
        if (!revisionReason) throw ValidationError.field("revisionReason", "field.reasonRequired", "REASON_REQUIRED");
        const { postedAt: _fixedAtApproval, ...content } = args.input;
        return await reviseNotice(ctx, { ...content, id: current.id, reason: revisionReason });
      }
      throw new NoticeStateError("NOTICE_NOT_ACTIVE");
    } catch (error) {
      // A concurrent call with the same externalId won the race (unique index), changed the notice
      // meanwhile, or already made the same correction (the revision then finds nothing to change):
      // look again; a replay of the same content then finds nothing to do and answers the notice.
      const raced =
        isUniqueViolation(error) ||
        (error instanceof NoticeStateError && error.code === "NOTICE_CHANGED") ||
        (error instanceof ValidationError && error.issues.some((issue) => issue.code === "UNCHANGED"));
      if (!raced || attempt >= 2) throw error;
    }
  }
}

/** True when the input would change nothing (omitted optional values mean "as it is"). */
function sameContent(current: Notice & { attachmentIds: string[] }, data: NoticeContent): boolean {
  const editable = current.status === "DRAFT" || current.status === "PENDING_APPROVAL";
  return (
    current.title === data.title &&
    current.description === data.description &&
    current.category === data.category &&
    current.originator === (data.originator ?? current.originator) &&
    current.originatorIco === data.originatorIco &&
    current.referenceNumber === data.referenceNumber &&
    current.fileMark === data.fileMark &&
    (!data.relevantUntil || fromDateColumn(current.relevantUntil) === data.relevantUntil) &&
    (!editable || !data.postedAt || current.postedAt.getTime() === data.postedAt.getTime()) &&
    (!data.attachmentIds || data.attachmentIds.join() === current.attachmentIds.join())
  );
}
