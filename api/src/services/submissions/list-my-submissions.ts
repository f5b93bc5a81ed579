import type { Context } from "../../context.ts";
import type { Submission, SubmissionStatus } from "../../generated/prisma/client.ts";
import { requireViewer } from "../accounts/require-viewer.ts";

/** The viewer's own submissions, newest first ("Moje podání"). */
export async function listMySubmissions(
  ctx: Context,
  options: { status?: SubmissionStatus | null; offset: number; limit: number },
): Promise<Submission[]> {
  const viewer = requireViewer(ctx);
  return ctx.db.submission.findMany({
    where: { userId: viewer.userId, ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    skip: options.offset,
    take: options.limit,
  });
}
