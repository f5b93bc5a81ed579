import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { reasonSchema, requireFinanceAccess } from "./account-admin-rules.ts";

export const notActive = (path = "id") => ValidationError.field(path, "field.assessmentNotActive", "NOT_ACTIVE");

/**
 * A finance clerk cancels an assessment (issued by mistake: nothing is owed and anything paid becomes a
 * credit, derived in domain/installments.ts) or writes it off (uncollectable: nothing is owed any more,
 * what was paid stays paid). Only an ACTIVE assessment; the conditional update makes two clerks acting at
 * once change it once, and the loser gets the same field error as a late click.
 */
export async function closeAssessment(
  ctx: Context,
  assessmentId: string,
  lifecycle: "CANCELLED" | "WRITTEN_OFF",
  reasonInput: string,
): Promise<string> {
  requireFinanceAccess(ctx);
  const existing = isUuid(assessmentId) ? await ctx.db.assessment.findFirst({ where: { id: assessmentId }, select: { id: true } }) : null;
  if (!existing) throw new NotFoundError();
  const { reason } = parseInput(reasonSchema, { reason: reasonInput });
  const now = ctx.clock.now();
  const { count } = await ctx.db.assessment.updateMany({
    where: { id: existing.id, lifecycle: "ACTIVE" },
    data: { lifecycle, lifecycleReason: reason, lifecycleChangedAt: now, updatedAt: now },
  });
  if (count === 0) throw notActive();
  await recordAudit(ctx, {
    action: lifecycle === "CANCELLED" ? "assessment.cancelled" : "assessment.written-off",
    subjectType: "Assessment",
    subjectId: existing.id,
    details: { reason },
  });
  return existing.id;
}
