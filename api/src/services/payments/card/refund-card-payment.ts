import { DateTime } from "luxon";
import { z } from "zod";
import { BUSINESS_ZONE } from "../../../clock.ts";
import type { Context } from "../../../context.ts";
import { ForbiddenError, NotFoundError, parseInput, ValidationError } from "../../../errors.ts";
import type { CardPayment } from "../../../generated/prisma/client.ts";
import { paymentProviderFor } from "../../../integrations/payment-providers/index.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { formatCzk } from "./format-czk.ts";

export interface RefundCardPaymentInput {
  cardPaymentId: string | null;
  amount: bigint;
  reason: string;
}

const inputSchema = z.object({
  cardPaymentId: z.string().uuid().nullable(),
  amount: z.bigint(),
  reason: z.string().trim().min(1).max(500),
});

/**
 * A finance clerk's full or partial refund of a SUCCEEDED card payment.
 *
 * Under a row lock on the CardPayment (two clerks at once cannot refund more than was paid): the
 * provider refunds (its idempotency key is derived from the amount refunded so far, so a retry after a
 * failed commit gets the same refund), then a negative Payment (source CARD, the same cardPaymentId)
 * takes the money back from the items with negative pairings, newest item first, never more from an
 * item than it received; `refundedAmount` grows and the audit log says who, how much and why. The
 * original pairings stay as they were (they can only be reversed once and are evidence); the negative
 * payment's pairings are what makes the assessments owe again.
 */
export async function refundCardPayment(ctx: Context, rawInput: RefundCardPaymentInput): Promise<CardPayment> {
  const viewer = ctx.viewer;
  if (!viewer || !(viewer.role === "ADMIN" || (viewer.role === "CLERK" && viewer.agendas.includes("FINANCE")))) {
    throw new ForbiddenError();
  }
  const input = parseInput(inputSchema, rawInput);
  if (input.cardPaymentId === null) throw new NotFoundError();
  const prisma = ctx.services.database.prisma;
  const exists = await prisma.cardPayment.findFirst({
    where: { id: input.cardPaymentId, municipalityId: ctx.municipality.id },
    select: { id: true },
  });
  if (!exists) throw new NotFoundError();
  const provider = paymentProviderFor(ctx.services);

  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "CardPayment" WHERE "id" = ${exists.id}::uuid FOR UPDATE`;
      const payment = await tx.cardPayment.findUniqueOrThrow({ where: { id: exists.id } });
      if (payment.status !== "SUCCEEDED") throw ValidationError.field("id", "field.refundNotPaid", "NOT_REFUNDABLE");
      if (!provider || provider.name !== payment.provider || !payment.providerPaymentId) {
        throw ValidationError.field("id", "field.refundProviderOff", "PROVIDER_UNAVAILABLE");
      }
      const refundable = payment.amount - payment.refundedAmount;
      if (input.amount <= 0n) throw ValidationError.field("amount", "field.cardAmountPositive", "TOO_SMALL");
      if (input.amount > refundable) {
        throw ValidationError.field("amount", "field.refundTooHigh", "TOO_BIG", { max: formatCzk(refundable) });
      }

      // What each item still holds: its amount minus what earlier refunds took back from it.
      const items = await tx.cardPaymentItem.findMany({ where: { cardPaymentId: payment.id }, orderBy: { assessmentId: "asc" } });
      const earlier = await tx.paymentAllocation.groupBy({
        by: ["assessmentId"],
        where: { reversedAt: null, amount: { lt: 0 }, payment: { cardPaymentId: payment.id } },
        _sum: { amount: true },
      });
      const takenBack = new Map(earlier.map((row) => [row.assessmentId, -(row._sum.amount ?? 0n)]));
      let left = input.amount;
      const allocations: { assessmentId: string; amount: bigint }[] = [];
      for (const item of [...items].reverse()) {
        if (left === 0n) break;
        const holds = item.amount - (takenBack.get(item.assessmentId) ?? 0n);
        const take = holds < left ? holds : left;
        if (take > 0n) allocations.push({ assessmentId: item.assessmentId, amount: -take });
        left -= take;
      }

      const { refundId } = await provider.refund({
        providerPaymentId: payment.providerPaymentId,
        amount: input.amount,
        idempotencyKey: `refund:${payment.id}:${payment.refundedAmount}:${input.amount}`,
      });
      const now = ctx.clock.now();
      await tx.payment.create({
        data: {
          municipalityId: payment.municipalityId,
          source: "CARD",
          amount: -input.amount,
          currency: payment.currency,
          receivedOn: new Date(`${DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).toISODate()}T00:00:00Z`),
          message: input.reason,
          reference: refundId,
          cardPaymentId: payment.id,
          createdById: viewer.userId,
          createdAt: now,
          allocations: {
            create: allocations.map((allocation) => ({
              ...allocation,
              method: "MANUAL" as const,
              createdById: viewer.userId,
              createdAt: now,
            })),
          },
        },
      });
      const updated = await tx.cardPayment.update({
        where: { id: payment.id },
        data: { refundedAmount: payment.refundedAmount + input.amount },
      });
      await recordAudit(
        { ...ctx, db: tx as never },
        {
          action: "cardPayment.refunded",
          subjectType: "CardPayment",
          subjectId: payment.id,
          details: { amount: formatCzk(input.amount), refundId, reason: input.reason, orderId: payment.orderId },
        },
      );
      return updated;
    },
    { timeout: 30_000 },
  );
}
