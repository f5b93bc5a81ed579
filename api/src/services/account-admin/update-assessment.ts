import { Prisma } from "../../generated/prisma/client.ts";
import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { z } from "zod";
import { dateColumn, installmentPlanSchema, LIMITS, planInstallments, requireFinanceAccess } from "./account-admin-rules.ts";
import { notActive } from "./close-assessment.ts";
import { installmentRows } from "./create-assessment.ts";

const input = installmentPlanSchema.extend({ subject: z.string().trim().min(1).max(LIMITS.subject) });

/**
 * A finance clerk corrects an assessment's subject, amount and installments - only while it is ACTIVE and
 * nothing is paired with it (once money is paired, a correction is a cancellation and a new assessment).
 * The assessment row is locked for the check and the rewrite, so a pairing committed meanwhile by the
 * statement import (which locks the same row, see services/payments) waits or is seen.
 */
export async function updateAssessment(ctx: Context, assessmentId: string, raw: unknown): Promise<string> {
  requireFinanceAccess(ctx);
  const exists = isUuid(assessmentId) && (await ctx.db.assessment.findFirst({ where: { id: assessmentId }, select: { id: true } }));
  if (!exists) throw new NotFoundError();
  const data = parseInput(input, raw);
  const installments = planInstallments(data);
  const changed = await ctx.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ lifecycle: string; paired: boolean }[]>(Prisma.sql`
      SELECT a."lifecycle", EXISTS (SELECT 1 FROM "PaymentAllocation" al WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL) AS "paired"
        FROM "Assessment" a WHERE a."id" = ${assessmentId}::uuid AND a."municipalityId" = ${ctx.municipality.id}::uuid FOR UPDATE`);
    if (!row) throw new NotFoundError();
    if (row.lifecycle !== "ACTIVE") throw notActive();
    if (row.paired) throw ValidationError.field("amount", "field.assessmentPaired", "PAIRED");
    await tx.installment.deleteMany({ where: { assessmentId } });
    await tx.assessment.update({
      where: { id: assessmentId },
      data: {
        subject: data.subject,
        amount: BigInt(data.amount),
        dueDate: dateColumn(installments.at(-1)!.dueDate),
        installments: { create: installmentRows(installments) },
      },
    });
    return true;
  });
  if (changed) {
    await recordAudit(ctx, {
      action: "assessment.updated",
      subjectType: "Assessment",
      subjectId: assessmentId,
      details: { subject: data.subject, amount: String(data.amount), installments: installments.map((i) => ({ ...i })) },
    });
  }
  return assessmentId;
}
