import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { StoredFile, SubmissionFile } from "../../generated/prisma/client.ts";
import { submissionFileScanJob } from "../../jobs/submission-file-scan.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { storeUploadedFile } from "../files/upload-file.ts";
import { virusScanner } from "./scan-form-attachment.ts";

/** Uploads one citizen may make in a day (a form has a few slots of a few files). */
export const FORM_UPLOADS_PER_DAY = 200;

export type FormAttachment = SubmissionFile & { file: StoredFile };

/**
 * A signed-in citizen uploads a file for a form under an id the app generated (so an upload retried after a lost
 * answer, or replayed by the offline queue, is the same attachment, not a second one). The type is sniffed from the
 * content and the size limited (FORM_ATTACHMENT_MAX_BYTES; each form slot may allow less, checked at submit); the
 * file is in quarantine (PENDING) until the antivirus checked it, when the town has one (CLAMAV_ADDRESS).
 */
export async function uploadFormAttachment(ctx: Context, id: string, file: File): Promise<FormAttachment> {
  const viewer = requireViewer(ctx);
  if (!isUuid(id)) throw ValidationError.field("id", "field.invalid");
  const existing = await ctx.db.submissionFile.findFirst({ where: { id }, include: { file: true } });
  if (existing) {
    if (existing.userId !== viewer.userId) throw ValidationError.field("id", "field.attachmentIdTaken", "TAKEN");
    return existing;
  }
  const since = new Date(ctx.clock.now().getTime() - 86_400_000);
  if ((await ctx.db.submissionFile.count({ where: { userId: viewer.userId, createdAt: { gte: since } } })) >= FORM_UPLOADS_PER_DAY) {
    throw ValidationError.field("file", "error.tooManyRequests", "TOO_MANY", { minutes: 60 });
  }
  const stored = await storeUploadedFile(ctx, file, ctx.services.config.FORM_ATTACHMENT_MAX_BYTES);
  const scanned = virusScanner(ctx.services) === null;
  try {
    return await ctx.db.$transaction(async (tx) => {
      const attachment = await tx.submissionFile.create({
        data: {
          id,
          municipalityId: ctx.municipality.id,
          userId: viewer.userId,
          fileId: stored.id,
          scanStatus: scanned ? "CLEAN" : "PENDING",
          scanDetail: scanned ? "no antivirus configured" : null,
          scannedAt: scanned ? ctx.clock.now() : null,
          createdAt: ctx.clock.now(),
        },
        include: { file: true },
      });
      if (!scanned) {
        await ctx.services.jobs.enqueue(submissionFileScanJob, { municipalityId: ctx.municipality.id, attachmentId: id }, { tx, key: id });
      }
      return attachment;
    });
  } catch (error) {
    // The same id uploaded twice at once: the first one wins, the second answers with it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await ctx.db.submissionFile.findFirst({ where: { id, userId: viewer.userId }, include: { file: true } });
    if (!winner) throw ValidationError.field("id", "field.attachmentIdTaken", "TAKEN");
    return winner;
  }
}
