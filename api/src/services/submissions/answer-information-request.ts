import { z } from "zod";
import type { Context } from "../../context.ts";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { scanFormAttachment } from "../forms/scan-form-attachment.ts";
import { recordSubmissionEvent } from "./record-submission-event.ts";
import { SUBMISSION_LIMITS } from "./submission-rules.ts";

const input = z.object({
  message: z.string().trim().min(1).max(SUBMISSION_LIMITS.message),
  attachmentIds: z
    .array(z.uuid({ message: "field.invalid" }))
    .max(SUBMISSION_LIMITS.answerAttachments)
    .default([]),
});

/**
 * The citizen answers the office's request for more information, in text and with attachments (their own clean
 * uploads, as at submit). The submission returns to the clerk's queue. Only while an answer is awaited: a second
 * answer (double click, replay) is a ConflictError.
 */
export async function answerInformationRequest(ctx: Context, id: string, raw: unknown): Promise<Submission> {
  const viewer = requireViewer(ctx);
  const submission = isUuid(id) ? await ctx.db.submission.findFirst({ where: { id, userId: viewer.userId } }) : null;
  if (!submission) throw new NotFoundError();
  const data = parseInput(input, raw);
  if (submission.status !== "INFORMATION_REQUESTED") throw ValidationError.field("message", "field.notAwaitingAnswer", "NOT_AWAITING");
  const ids = [...new Set(data.attachmentIds)];
  const files = await ctx.db.submissionFile.findMany({
    where: { id: { in: ids }, userId: viewer.userId, submissionId: null },
    include: { file: true },
  });
  for (const [index, id] of ids.entries()) {
    let file = files.find((f) => f.id === id);
    if (!file) throw ValidationError.field("attachmentIds", "field.attachmentUnknown", "ATTACHMENT_UNKNOWN", { file: String(index + 1) });
    if (file.scanStatus === "PENDING") {
      const scanned = await scanFormAttachment(ctx.services, id).catch(() => null);
      if (scanned) file = { ...file, scanStatus: scanned.scanStatus };
    }
    if (file.scanStatus === "INFECTED")
      throw ValidationError.field("attachmentIds", "field.attachmentInfected", "ATTACHMENT_INFECTED", { file: file.file.fileName });
    if (file.scanStatus !== "CLEAN")
      throw ValidationError.field("attachmentIds", "field.attachmentUnchecked", "ATTACHMENT_UNCHECKED", { file: file.file.fileName });
  }
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id: submission.id, status: "INFORMATION_REQUESTED" },
      data: { status: "SUBMITTED", revision: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError();
    if (ids.length > 0) {
      const attached = await tx.submissionFile.updateMany({
        where: { id: { in: ids }, userId: viewer.userId, submissionId: null },
        data: { submissionId: submission.id },
      });
      if (attached.count !== ids.length) throw new ConflictError();
    }
    await recordSubmissionEvent(ctx, tx, {
      submissionId: submission.id,
      citizenId: viewer.userId,
      type: "INFORMATION_PROVIDED",
      message: data.message,
      details: { attachmentIds: ids },
    });
  });
  return ctx.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
}
