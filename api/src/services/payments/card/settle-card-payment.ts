import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../../clock.ts";
import type { AppServices } from "../../../context.ts";
import type { CardPayment, CardPaymentStatus } from "../../../generated/prisma/client.ts";
import { paymentProviderFor } from "../../../integrations/payment-providers/index.ts";
import type { ProviderPaymentState } from "../../../integrations/payment-providers/provider.ts";
import { cardPaymentReceiptJob } from "../../../jobs/card-payment-receipt.ts";

/** A webhook event to record with the transition, so that its replay changes nothing. */
export interface SettleEvent {
  provider: string;
  eventId: string;
  type: string;
}

export type SettleOutcome = { cardPayment: CardPayment; changed: boolean; replayedEvent: boolean };

/** Where the provider's word may take a payment from its current status (never away from SUCCEEDED or MISMATCH). */
function nextStatus(current: CardPaymentStatus, reported: CardPaymentStatus): CardPaymentStatus {
  if (current === "SUCCEEDED" || current === "MISMATCH") return current;
  if (reported === "SUCCEEDED" || reported === "MISMATCH") return reported; // money taken counts, even after a failure
  if (current !== "PENDING") return current;
  return reported;
}

function judge(payment: CardPayment, state: ProviderPaymentState): CardPaymentStatus {
  if (state.status !== "SUCCEEDED") return state.status;
  const matches = state.amount === payment.amount && state.currency.toUpperCase() === payment.currency && state.orderId === payment.orderId;
  return matches ? "SUCCEEDED" : "MISMATCH";
}

/**
 * THE transition of a card payment, used by the webhook, the browser's return and the reconciliation
 * job alike. It re-reads the payment from the provider (never trusting a webhook's body or the order
 * of events), then in one transaction, with the CardPayment row locked:
 * - records the webhook event, if any (an event already recorded: a replay, nothing happens);
 * - provider says succeeded and amount, currency and order id match: SUCCEEDED, a Payment (source
 *   CARD) with one AUTO pairing per item, and the receipt e-mail queued; on a mismatch MISMATCH
 *   (flagged for the finance clerk, nothing paired); failed or cancelled: FAILED or CANCELLED;
 * - SUCCEEDED and MISMATCH are final: nothing moves them, so the side effects run once, on the
 *   first transition to SUCCEEDED, however many deliveries, returns and job runs arrive, in any order.
 */
export async function settleCardPayment(
  services: Pick<AppServices, "config" | "database" | "clock" | "jobs" | "logger">,
  cardPaymentId: string,
  event?: SettleEvent,
): Promise<SettleOutcome> {
  const prisma = services.database.prisma;
  const before = await prisma.cardPayment.findUniqueOrThrow({ where: { id: cardPaymentId } });
  const provider = paymentProviderFor(services);
  const canAsk = provider !== null && provider.name === before.provider && before.providerPaymentId !== null;
  // The network call happens before the transaction: no lock is held while the provider answers.
  const state =
    canAsk && (before.status === "PENDING" || before.status === "FAILED" || before.status === "CANCELLED")
      ? await provider.fetchPayment(before.providerPaymentId!)
      : null;

  return prisma.$transaction(async (tx) => {
    if (event) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "PaymentProviderEvent" ("provider", "eventId", "type", "receivedAt")
        VALUES (${event.provider}, ${event.eventId}, ${event.type}, ${services.clock.now()})
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) {
        return {
          cardPayment: await tx.cardPayment.findUniqueOrThrow({ where: { id: cardPaymentId } }),
          changed: false,
          replayedEvent: true,
        };
      }
    }
    await tx.$queryRaw`SELECT 1 FROM "CardPayment" WHERE "id" = ${cardPaymentId}::uuid FOR UPDATE`;
    const current = await tx.cardPayment.findUniqueOrThrow({ where: { id: cardPaymentId } });
    if (!state) return { cardPayment: current, changed: false, replayedEvent: false };
    const target = nextStatus(current.status, judge(current, state));
    if (target === current.status) return { cardPayment: current, changed: false, replayedEvent: false };

    const now = services.clock.now();
    const updated = await tx.cardPayment.update({
      where: { id: cardPaymentId },
      data: {
        status: target,
        failureReason:
          target === "MISMATCH"
            ? `provider reported ${state.amount} ${state.currency} for order ${state.orderId ?? "?"}`.slice(0, 300)
            : target === "SUCCEEDED"
              ? null
              : (state.failureReason ?? current.failureReason),
        ...(target === "SUCCEEDED" || target === "MISMATCH" ? { paidAt: now } : {}),
      },
    });
    if (target === "SUCCEEDED") {
      const items = await tx.cardPaymentItem.findMany({
        where: { cardPaymentId },
        select: {
          assessmentId: true,
          amount: true,
          assessment: { select: { variableSymbol: true, constantSymbol: true, specificSymbol: true } },
        },
      });
      const single = items.length === 1 ? items[0]!.assessment : null;
      await tx.payment.create({
        data: {
          municipalityId: current.municipalityId,
          source: "CARD",
          amount: current.amount,
          currency: current.currency,
          receivedOn: new Date(`${DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).toISODate()}T00:00:00Z`),
          variableSymbol: single?.variableSymbol ?? null,
          constantSymbol: single?.constantSymbol ?? null,
          specificSymbol: single?.specificSymbol ?? null,
          message: `Platba kartou ${current.orderId}`,
          reference: current.providerPaymentId,
          cardPaymentId,
          createdAt: now,
          allocations: {
            create: items.map((item) => ({
              assessmentId: item.assessmentId,
              amount: item.amount,
              method: "AUTO" as const,
              createdAt: now,
            })),
          },
        },
      });
      await services.jobs.enqueue(
        cardPaymentReceiptJob,
        { municipalityId: current.municipalityId, cardPaymentId },
        { tx, key: `card-payment-receipt:${cardPaymentId}` },
      );
    }
    if (target === "MISMATCH") {
      services.logger.warn(
        { cardPaymentId, orderId: current.orderId, reported: { ...state, amount: String(state.amount) } },
        "card payment mismatch",
      );
    }
    return { cardPayment: updated, changed: true, replayedEvent: false };
  });
}
