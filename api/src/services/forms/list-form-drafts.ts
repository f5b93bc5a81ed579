import type { Context } from "../../context.ts";
import type { FormDraft } from "../../generated/prisma/client.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { SUBMISSION_LIMITS } from "../submissions/submission-rules.ts";

/** The viewer's drafts, most recently saved first (at most the per-user cap). */
export async function listFormDrafts(ctx: Context, formId?: string | null): Promise<FormDraft[]> {
  const viewer = requireViewer(ctx);
  return ctx.db.formDraft.findMany({
    where: { userId: viewer.userId, ...(formId ? { formId } : {}) },
    orderBy: { updatedAt: "desc" },
    take: SUBMISSION_LIMITS.draftsPerUser,
  });
}
