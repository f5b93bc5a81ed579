import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";

/** Gives a dead letter of this municipality one more attempt (admins only). */
export async function retryDeadLetter(ctx: Context, input: { id: string }): Promise<string> {
  requireViewer(ctx, ["ADMIN"]);
  if (!(await ctx.services.jobs.retryDeadLetter(ctx.municipality.id, input.id))) throw new NotFoundError();
  await recordAudit(ctx, { action: "job.retried", subjectType: "Job", subjectId: input.id });
  return input.id;
}
