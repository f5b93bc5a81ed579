import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkNoticeFiles } from "./check-notice-files.ts";
import { findNotice } from "./find-notice.ts";
import { requireNoticeActor } from "./notice-actor.ts";
import { ATTACHMENTS_MAX } from "./notice-rules.ts";
import { NoticeStateError } from "./notice-state-error.ts";
import { recordNoticeEvent } from "./record-notice-event.ts";
import { replaceNoticeAttachments } from "./replace-notice-attachments.ts";

/**
 * Adds an uploaded file (or, with `attach: false`, removes it) to a notice that is not public yet.
 * The file must belong to the municipality. An approved notice changes its attachments only through
 * a revision. Attaching a file twice or removing one that is not attached changes nothing.
 */
export async function setNoticeFile(ctx: Context, input: { noticeId: string; fileId: string; attach: boolean }): Promise<Notice> {
  const actor = requireNoticeActor(ctx);
  const current = await findNotice(ctx.db, input.noticeId);
  const problems = await checkNoticeFiles(ctx.db, [input.fileId], "fileId");
  if (problems.length > 0) throw new ValidationError(problems.map((problem) => ({ ...problem, path: ["fileId"] })));
  if (current.status !== "DRAFT" && current.status !== "PENDING_APPROVAL") throw new NoticeStateError("NOTICE_NOT_EDITABLE");
  const attached = current.attachmentIds.includes(input.fileId);
  if (attached === input.attach) return current;
  const fileIds = input.attach ? [...current.attachmentIds, input.fileId] : current.attachmentIds.filter((id) => id !== input.fileId);
  if (fileIds.length > ATTACHMENTS_MAX) throw ValidationError.field("fileId", "field.tooManyFiles", "TOO_MANY_FILES");
  const now = ctx.clock.now();
  const notice = await ctx.db.$transaction(async (tx) => {
    // Touching the row (Prisma renews updatedAt) takes the optimistic lock and marks the change.
    const { count } = await tx.notice.updateMany({
      where: { id: current.id, status: current.status, updatedAt: current.updatedAt },
      data: { status: current.status },
    });
    if (count !== 1) throw new NoticeStateError("NOTICE_CHANGED");
    await replaceNoticeAttachments(tx, current.id, fileIds);
    await recordNoticeEvent(tx, {
      noticeId: current.id,
      type: "EDITED",
      actor,
      at: now,
      postedAt: current.postedAt,
      takeDownAt: current.takeDownAt,
    });
    return tx.notice.findUniqueOrThrow({ where: { id: current.id } });
  });
  await recordAudit(ctx, {
    action: input.attach ? "notice.fileAttached" : "notice.fileDetached",
    subjectType: "Notice",
    subjectId: notice.id,
    details: { fileId: input.fileId },
  });
  return notice;
}
