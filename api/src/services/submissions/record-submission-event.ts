import type { Context } from "../../context.ts";
import type { TenantTx } from "../../db/tenant.ts";
import type { Prisma, SubmissionEvent, SubmissionEventType } from "../../generated/prisma/client.ts";
import { submissionEmailJob, type SubmissionEmailTemplate } from "../../jobs/submission-email.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type Tx = TenantTx;

const EMAIL_OF: Partial<Record<SubmissionEventType, SubmissionEmailTemplate>> = {
  SUBMITTED: "submissionReceived",
  INFORMATION_REQUESTED: "submissionInformationRequested",
  APPROVED: "submissionApproved",
  REJECTED: "submissionRejected",
};

/**
 * One step of a submission's life, inside the transaction that made it: the timeline event (which the citizen's
 * "Moje podání" and the history of their account list), the audit entry, and the citizen's e-mail enqueued with the
 * event as its key (exactly once, and only if the step commits).
 */
export async function recordSubmissionEvent(
  ctx: Context,
  tx: Tx,
  event: {
    submissionId: string;
    citizenId: string;
    type: SubmissionEventType;
    message?: string | null;
    details?: Prisma.InputJsonValue;
  },
): Promise<SubmissionEvent> {
  const created = await tx.submissionEvent.create({
    data: {
      municipalityId: ctx.municipality.id,
      submissionId: event.submissionId,
      userId: event.citizenId,
      type: event.type,
      actorUserId: ctx.viewer?.userId ?? null,
      message: event.message ?? null,
      ...(event.details !== undefined ? { details: event.details } : {}),
      createdAt: ctx.clock.now(),
    },
  });
  await recordAudit(
    { ...ctx, db: tx as never },
    {
      action: `submission.${event.type.toLowerCase().replace(/_/g, "-")}`,
      subjectType: "Submission",
      subjectId: event.submissionId,
      details: { eventId: String(created.id), ...(event.message ? { message: event.message } : {}) },
    },
  );
  const template = EMAIL_OF[event.type];
  if (template) {
    await ctx.services.jobs.enqueue(
      submissionEmailJob,
      { municipalityId: ctx.municipality.id, submissionId: event.submissionId, eventId: String(created.id), template },
      { tx, key: `submission-event:${created.id}` },
    );
  }
  return created;
}
