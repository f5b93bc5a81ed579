import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import { findReviewable, transitionSubmission } from "./decide-submission.ts";
import { recordSubmissionEvent } from "./record-submission-event.ts";
import { scheduleDelivery } from "./schedule-delivery.ts";
import { SUBMISSION_LIMITS } from "./submission-rules.ts";

const input = z.object({
  expectedRevision: z.number().int().min(1),
  reason: z.string().trim().min(1).max(SUBMISSION_LIMITS.reason),
});

/** A reviewer rejects a submission with a reason the citizen reads (e-mail, timeline). */
export async function rejectSubmission(ctx: Context, id: string, raw: unknown): Promise<Submission> {
  const submission = await findReviewable(ctx, id);
  const data = parseInput(input, raw);
  await ctx.db.$transaction(async (tx) => {
    await transitionSubmission(ctx, tx, submission, data.expectedRevision, {
      status: "REJECTED",
      decidedAt: ctx.clock.now(),
      decidedById: ctx.viewer!.userId,
      decisionNote: data.reason,
    });
    await recordSubmissionEvent(ctx, tx, {
      submissionId: submission.id,
      citizenId: submission.userId,
      type: "REJECTED",
      message: data.reason,
    });
    await scheduleDelivery(ctx, tx, submission.id, "decided");
  });
  return ctx.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
}
