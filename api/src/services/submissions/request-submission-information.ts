import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import { findReviewable, transitionSubmission } from "./decide-submission.ts";
import { recordSubmissionEvent } from "./record-submission-event.ts";
import { SUBMISSION_LIMITS } from "./submission-rules.ts";

const input = z.object({
  expectedRevision: z.number().int().min(1),
  message: z.string().trim().min(1).max(SUBMISSION_LIMITS.message),
});

/** A reviewer asks the citizen for more information; the citizen gets an e-mail and answers in the portal. */
export async function requestSubmissionInformation(ctx: Context, id: string, raw: unknown): Promise<Submission> {
  const submission = await findReviewable(ctx, id);
  const data = parseInput(input, raw);
  await ctx.db.$transaction(async (tx) => {
    await transitionSubmission(ctx, tx, submission, data.expectedRevision, { status: "INFORMATION_REQUESTED" }, ["SUBMITTED"]);
    await recordSubmissionEvent(ctx, tx, {
      submissionId: submission.id,
      citizenId: submission.userId,
      type: "INFORMATION_REQUESTED",
      message: data.message,
    });
  });
  return ctx.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
}
