import type { Context } from "../../context.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { BudgetDataSet, BudgetDataSetStatus } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireBudgetManager } from "./budget-access.ts";

export type BudgetDecision = "APPROVE" | "PUBLISH" | "REJECT";

const FROM: Record<BudgetDecision, BudgetDataSetStatus[]> = {
  APPROVE: ["DRAFT"],
  PUBLISH: ["APPROVED"],
  REJECT: ["DRAFT", "APPROVED"],
};
const TO: Record<BudgetDecision, BudgetDataSetStatus> = { APPROVE: "APPROVED", PUBLISH: "PUBLISHED", REJECT: "REJECTED" };

/**
 * The budget office's decisions on an uploaded data set: approve (checked, not public yet), publish (public
 * from now; the period's earlier published version stays available as a version), or reject with a reason.
 * Each is a conditional update of the status read, so of two concurrent decisions one wins, and a replayed
 * decision (the same one again) changes nothing.
 */
export async function decideBudgetDataSet(
  ctx: Context,
  input: { id: string; decision: BudgetDecision; reason?: string | null },
): Promise<BudgetDataSet> {
  requireBudgetManager(ctx);
  const dataSet = isUuid(input.id) ? await ctx.db.budgetDataSet.findUnique({ where: { id: input.id } }) : null;
  if (!dataSet) throw new NotFoundError();
  const target = TO[input.decision];
  if (dataSet.status === target) return dataSet;
  if (!FROM[input.decision].includes(dataSet.status)) {
    throw ValidationError.field(
      "id",
      `budget.cannot${input.decision === "APPROVE" ? "Approve" : input.decision === "PUBLISH" ? "Publish" : "Reject"}`,
      "WRONG_STATUS",
    );
  }
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "REJECT" && (reason.length < 3 || reason.length > 500)) {
    throw ValidationError.field("reason", "budget.rejectReason", "INVALID", { max: 500 });
  }
  const now = ctx.clock.now();
  const viewerId = ctx.viewer?.userId ?? null;
  const data =
    input.decision === "APPROVE"
      ? { status: target, approvedAt: now, approvedById: viewerId }
      : input.decision === "PUBLISH"
        ? { status: target, publishedAt: now, publishedById: viewerId }
        : { status: target, rejectedAt: now, rejectReason: reason };
  const { count } = await ctx.db.budgetDataSet.updateMany({ where: { id: dataSet.id, status: dataSet.status }, data });
  const updated = (await ctx.db.budgetDataSet.findUnique({ where: { id: dataSet.id } }))!;
  if (count === 0) {
    if (updated.status === target) return updated;
    throw ValidationError.field("id", "budget.changedMeanwhile", "CONFLICT");
  }
  await recordAudit(ctx, {
    action: `budget.dataSet.${target.toLowerCase()}`,
    subjectType: "BudgetDataSet",
    subjectId: dataSet.id,
    details: { year: dataSet.year, month: dataSet.month, version: dataSet.version, ...(reason ? { reason } : {}) },
  });
  if (input.decision === "PUBLISH") await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return updated;
}
