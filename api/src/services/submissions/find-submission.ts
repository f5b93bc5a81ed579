import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { canReview } from "./submission-rules.ts";

/**
 * A submission its citizen or a reviewer of its agenda may see; anyone else (another citizen, a clerk of another
 * agenda, another town) gets NotFound, exactly as for an id that does not exist.
 */
export async function findSubmission(ctx: Context, id: string): Promise<Submission> {
  const viewer = requireViewer(ctx);
  const submission = isUuid(id) ? await ctx.db.submission.findFirst({ where: { id } }) : null;
  if (!submission || (submission.userId !== viewer.userId && !canReview(ctx, submission.agenda))) throw new NotFoundError();
  return submission;
}
