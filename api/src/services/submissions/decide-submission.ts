import type { Context } from "../../context.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Prisma, Submission, SubmissionStatus } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import type { Tx } from "./record-submission-event.ts";
import { requireReviewer } from "./submission-rules.ts";

/** Statuses a clerk may act from (approve, reject, ask for more information). */
export const OPEN_STATUSES: readonly SubmissionStatus[] = ["SUBMITTED", "INFORMATION_REQUESTED"];

/**
 * Moves a submission to a new status if, and only if, it still has the revision the clerk saw and an open status:
 * one conditional UPDATE, so of two clerks deciding at once exactly one wins and the other gets a ConflictError.
 * Runs inside the caller's transaction, so the decision's effects commit with it or not at all.
 */
export async function transitionSubmission(
  ctx: Context,
  tx: Tx,
  submission: Submission,
  expectedRevision: number,
  data: Prisma.SubmissionUpdateManyMutationInput & { status: SubmissionStatus },
  from: readonly SubmissionStatus[] = OPEN_STATUSES,
): Promise<void> {
  const { count } = await tx.submission.updateMany({
    where: { id: submission.id, revision: expectedRevision, status: { in: [...from] } },
    data: { ...data, revision: { increment: 1 } },
  });
  if (count === 0) throw new ConflictError();
}

/** The submission a reviewer acts on: NotFound for other towns' and unknown ids, Forbidden for another agenda's. */
export async function findReviewable(ctx: Context, id: string): Promise<Submission> {
  requireReviewer(ctx);
  const submission = isUuid(id) ? await ctx.db.submission.findFirst({ where: { id } }) : null;
  if (!submission) throw new NotFoundError();
  requireReviewer(ctx, submission.agenda);
  return submission;
}
