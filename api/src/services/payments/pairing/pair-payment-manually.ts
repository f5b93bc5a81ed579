import { enqueuePaymentConfirmations } from "../../../jobs/payment-confirmations.ts";
import type { Context } from "../../../context.ts";
import type { TenantDb } from "../../../db/tenant.ts";
import { NotFoundError, ValidationError } from "../../../errors.ts";
import { Prisma, type PaymentAllocation } from "../../../generated/prisma/client.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { PaymentConflictError } from "../payment-errors.ts";
import { requireFinanceAccess } from "../require-finance-access.ts";
import { isCheckViolation } from "./database-errors.ts";

export const MAX_MANUAL_SPLITS = 20;

const formatKc = (minor: bigint) => `${minor / 100n},${String((minor < 0n ? -minor : minor) % 100n).padStart(2, "0")} Kč`;

/**
 * A finance clerk pairs (part of) a payment with one or several assessments. The payment row is
 * locked for the transaction and its unpaired remainder read under the lock, so two clerks pairing
 * the same payment at once are serialised: the second sees what the first left and gets a conflict
 * error instead of over-allocating. The database trigger (active pairings never exceed the payment)
 * is the backstop; its violation is answered with the same conflict error, never a 500.
 */
export async function pairPaymentManually(
  ctx: Context,
  input: { paymentId: string; allocations: { assessmentId: string; amount: bigint }[] },
): Promise<{ paymentId: string; allocations: PaymentAllocation[] }> {
  requireFinanceAccess(ctx);
  const municipalityId = ctx.municipality.id;
  if (input.allocations.length === 0 || input.allocations.length > MAX_MANUAL_SPLITS) {
    throw ValidationError.field("allocations", "field.tooManyItems", "INVALID", { max: MAX_MANUAL_SPLITS });
  }
  const issues = input.allocations.flatMap((allocation, index) =>
    allocation.amount <= 0n
      ? [{ path: ["allocations", String(index), "amount"], code: "NOT_POSITIVE", messageKey: "pairing.amountPositive" as const }]
      : [],
  );
  if (issues.length > 0) throw new ValidationError(issues);
  const at = ctx.clock.now();
  try {
    return await ctx.db.$transaction(async (tx) => {
      const [payment] = await tx.$queryRaw<{ id: string; amount: bigint }[]>(Prisma.sql`
        SELECT "id", "amount" FROM "Payment" WHERE "id" = ${input.paymentId}::uuid AND "municipalityId" = ${municipalityId}::uuid FOR UPDATE`);
      if (!payment) throw new NotFoundError();
      if (payment.amount <= 0n) throw ValidationError.field("paymentId", "pairing.notAPayment", "NOT_A_PAYMENT");
      const wantedIds = [...new Set(input.allocations.map((allocation) => allocation.assessmentId))];
      const assessments = await tx.assessment.findMany({
        where: { municipalityId, id: { in: wantedIds } },
        select: { id: true, subject: true, variableSymbol: true },
      });
      const known = new Map(assessments.map((assessment) => [assessment.id, assessment]));
      const unknown = input.allocations.flatMap((allocation, index) =>
        known.has(allocation.assessmentId)
          ? []
          : [
              {
                path: ["allocations", String(index), "assessmentId"],
                code: "NOT_FOUND",
                messageKey: "pairing.assessmentNotFound" as const,
              },
            ],
      );
      if (unknown.length > 0) throw new ValidationError(unknown);
      const active = await tx.paymentAllocation.aggregate({
        where: { paymentId: payment.id, reversedAt: null },
        _sum: { amount: true },
      });
      const remaining = payment.amount - (active._sum.amount ?? 0n);
      const requested = input.allocations.reduce((sum, allocation) => sum + allocation.amount, 0n);
      if (requested > remaining) {
        throw new PaymentConflictError("pairing.overAllocation", { remaining: formatKc(remaining), requested: formatKc(requested) });
      }
      const created: PaymentAllocation[] = [];
      for (const allocation of input.allocations) {
        const row = await tx.paymentAllocation.create({
          data: {
            paymentId: payment.id,
            assessmentId: allocation.assessmentId,
            amount: allocation.amount,
            method: "MANUAL",
            createdById: ctx.viewer?.userId ?? null,
            createdAt: at,
          },
        });
        created.push(row);
        const assessment = known.get(allocation.assessmentId)!;
        await recordAudit(
          { ...ctx, db: tx as unknown as TenantDb },
          {
            action: "payment.paired",
            subjectType: "PaymentAllocation",
            subjectId: row.id,
            details: {
              paymentId: payment.id,
              assessmentId: assessment.id,
              variableSymbol: assessment.variableSymbol,
              amount: allocation.amount.toString(),
              method: "MANUAL",
            },
          },
        );
      }
      // The citizens whose assessments it paid get a confirmation (notifications).
      await enqueuePaymentConfirmations(
        ctx.services,
        { municipalityId: ctx.municipality.id, paymentIds: [payment.id] },
        { tx: tx as never, key: `payment:${payment.id}:${created.map((allocation) => allocation.id).join(",")}` },
      );
      return { paymentId: payment.id, allocations: created };
    });
  } catch (error) {
    if (isCheckViolation(error, "PaymentAllocation_within_payment")) throw new PaymentConflictError();
    throw error;
  }
}
