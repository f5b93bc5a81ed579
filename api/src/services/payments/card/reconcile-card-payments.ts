import type { AppServices } from "../../../context.ts";
import { cardPaymentReconciliationJob } from "../../../jobs/card-payment-reconciliation.ts";
import { scheduleHourly } from "../../../lib/schedule-hourly.ts";
import { paymentProviderFor } from "../../../integrations/payment-providers/index.ts";
import { processProviderEvent } from "./handle-provider-webhook.ts";
import { settleCardPayment } from "./settle-card-payment.ts";

/** At most this many payments per run; the next hour takes the rest. */
const BATCH = 200;

/**
 * Runs the settle transition for the municipality's card payments still PENDING after
 * CARD_RECONCILE_AFTER_MINUTES: the provider's word decides, as it would have on the webhook.
 * A payment that never reached the gateway (the process died between recording it and the
 * gateway's answer) could not have been paid and is cancelled. Then the gateway's recent events are
 * compared with the events the portal recorded, and any it missed is processed.
 */
export async function reconcileCardPayments(
  services: Pick<AppServices, "config" | "database" | "clock" | "jobs" | "logger">,
  municipalityId: string,
): Promise<{ checked: number; missedEvents: number; changed: number; failed: number }> {
  const prisma = services.database.prisma;
  const cutoff = new Date(services.clock.now().getTime() - services.config.CARD_RECONCILE_AFTER_MINUTES * 60_000);
  await prisma.cardPayment.updateMany({
    where: { municipalityId, status: "PENDING", providerPaymentId: null, createdAt: { lt: cutoff } },
    data: { status: "CANCELLED", failureReason: "gateway_not_reached" },
  });
  const pending = await prisma.cardPayment.findMany({
    where: { municipalityId, status: "PENDING", providerPaymentId: { not: null }, createdAt: { lt: cutoff } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let changed = 0;
  let failed = 0;
  for (const { id } of pending) {
    try {
      if ((await settleCardPayment(services, id)).changed) changed++;
    } catch (error) {
      failed++;
      services.logger.warn({ err: error, cardPaymentId: id }, "reconciling a card payment failed; the next run tries again");
    }
  }
  // The gateway's own log: any recent event the portal never recorded (a webhook lost, or refused while the
  // portal was down) is processed now, exactly as its delivery would have been. Events are global to the
  // gateway account; an event about another town's payment settles that payment, once (its id is recorded).
  const provider = paymentProviderFor(services);
  let missedEvents = 0;
  if (provider?.listRecentEvents) {
    try {
      const since = new Date(services.clock.now().getTime() - EVENT_WINDOW_MS);
      const events = await provider.listRecentEvents(since, EVENT_LIMIT);
      const recorded = new Set(
        (
          await prisma.paymentProviderEvent.findMany({
            where: { provider: provider.name, eventId: { in: events.map((e) => e.eventId) } },
            select: { eventId: true },
          })
        ).map((e) => e.eventId),
      );
      for (const event of events.reverse()) {
        if (recorded.has(event.eventId)) continue;
        try {
          if ((await processProviderEvent(services, provider.name, event)) === "settled") changed++;
          missedEvents++;
        } catch (error) {
          failed++;
          services.logger.warn({ err: error, eventId: event.eventId }, "reconciling a gateway event failed; the next run tries again");
        }
      }
    } catch (error) {
      failed++;
      services.logger.warn({ err: error }, "reading the gateway's recent events failed; the next run tries again");
    }
  }
  if (pending.length > 0 || missedEvents > 0) {
    services.logger.info({ municipalityId, checked: pending.length, missedEvents, changed, failed }, "card payments reconciled");
  }
  return { checked: pending.length, missedEvents, changed, failed };
}

/** How far back the gateway's events are compared (the job runs hourly; the overlap covers a missed run). */
const EVENT_WINDOW_MS = 3 * 3_600_000;
const EVENT_LIMIT = 1000;

/** The hourly timer (main.ts): one reconciliation job per municipality and hour (the key makes a second instance's enqueue a no-op). */
export function scheduleCardReconciliation(services: AppServices): () => void {
  if (services.config.cardPayments === "off") return () => {};
  return scheduleHourly(services.logger, "queueing card payment reconciliation", async () => {
    const hour = services.clock.now().toISOString().slice(0, 13);
    const municipalities = await services.database.prisma.municipality.findMany({ select: { id: true } });
    for (const { id } of municipalities) {
      await services.jobs.enqueue(cardPaymentReconciliationJob, { municipalityId: id }, { key: `card-reconciliation:${id}:${hour}` });
    }
  });
}
