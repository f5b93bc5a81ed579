import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { recordAudit } from "../audit/record-audit.ts";

/** Deletes a dead letter of this municipality, for work that should no longer happen (admins only). */
export async function discardDeadLetter(ctx: Context, input: { id: string }): Promise<string> {
  requireViewer(ctx, ["ADMIN"]);
  if (!(await ctx.services.jobs.discardDeadLetter(ctx.municipality.id, input.id))) throw new NotFoundError();
  await recordAudit(ctx, { action: "job.discarded", subjectType: "Job", subjectId: input.id });
  return input.id;
}
