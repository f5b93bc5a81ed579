import { enqueuePaymentConfirmations } from "../../jobs/payment-confirmations.ts";
import { DateTime } from "luxon";
import { z } from "zod";
import { pragueNow } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { dateColumn, LIMITS, requireFinanceAccess } from "./account-admin-rules.ts";
import { notActive } from "./close-assessment.ts";

const input = z.object({
  amount: z
    .bigint()
    .refine((value) => value > 0n, { message: "field.amountPositive" })
    .refine((value) => value <= BigInt(LIMITS.amount), { message: "field.amountTooLarge" }),
  receivedOn: z.string().refine((value) => DateTime.fromISO(value).isValid, { message: "field.date" }),
  receiptNumber: z.string().trim().min(1).max(LIMITS.receiptNumber),
});

/**
 * Money received at the town's cash desk, paired by hand (MANUAL) with one active assessment, in one
 * statement (payment and pairing together). More than what remains is accepted and kept as a credit, as
 * for a bank payment. The assessment's `updatedAt` moves so that integrators reading changes see it.
 */
export async function recordCashPayment(
  ctx: Context,
  assessmentId: string,
  raw: { amount: bigint; receivedOn: string; receiptNumber: string },
): Promise<{ paymentId: string; assessmentId: string }> {
  requireFinanceAccess(ctx);
  const assessment = isUuid(assessmentId) ? await ctx.db.assessment.findFirst({ where: { id: assessmentId } }) : null;
  if (!assessment) throw new NotFoundError();
  const data = parseInput(input, raw);
  if (data.receivedOn > pragueNow(ctx.clock).toISODate()!) throw ValidationError.field("receivedOn", "field.dateInFuture", "FUTURE");
  if (assessment.lifecycle !== "ACTIVE") throw notActive("assessmentId");
  const userId = ctx.viewer?.userId ?? null;
  const [payment] = await ctx.db.$transaction([
    ctx.db.payment.create({
      data: {
        municipalityId: ctx.municipality.id,
        source: "CASH_DESK",
        amount: data.amount,
        receivedOn: dateColumn(data.receivedOn),
        variableSymbol: assessment.variableSymbol,
        constantSymbol: assessment.constantSymbol,
        specificSymbol: assessment.specificSymbol,
        reference: data.receiptNumber,
        createdById: userId,
        allocations: { create: { assessmentId: assessment.id, amount: data.amount, method: "MANUAL", createdById: userId } },
      },
    }),
    ctx.db.assessment.update({ where: { id: assessment.id }, data: { updatedAt: ctx.clock.now() } }),
  ]);
  await recordAudit(ctx, {
    action: "payment.cash-desk-recorded",
    subjectType: "Payment",
    subjectId: payment.id,
    details: { assessmentId: assessment.id, amount: String(data.amount), receivedOn: data.receivedOn, receiptNumber: data.receiptNumber },
  });
  // The citizens linked to the payer get a confirmation (notifications); the key makes a retry a no-op.
  await enqueuePaymentConfirmations(
    ctx.services,
    { municipalityId: ctx.municipality.id, paymentIds: [payment.id] },
    { key: `payment:${payment.id}` },
  );
  return { paymentId: payment.id, assessmentId: assessment.id };
}
