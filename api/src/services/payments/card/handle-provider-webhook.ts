import type { AppServices } from "../../../context.ts";
import { paymentProviderFor } from "../../../integrations/payment-providers/index.ts";
import { WebhookSignatureError, type ProviderWebhookEvent } from "../../../integrations/payment-providers/provider.ts";
import { settleCardPayment } from "./settle-card-payment.ts";

export type WebhookAnswer =
  | { status: 200; outcome: "settled" | "replayed" | "unrelated" }
  | { status: 400; outcome: "bad-signature" }
  | { status: 404; outcome: "not-configured" };

/**
 * A provider's webhook delivery, on the exact bytes it sent. The signature is verified first (400
 * otherwise); the event only says *which* payment to look at: the settle transition re-reads it from
 * the provider and records the event id in the same transaction as its effect, so a redelivery is a
 * no-op answered 200. An event about no payment of ours (another integration on the same account) is
 * recorded and acknowledged.
 */
export async function handleProviderWebhook(
  services: Pick<AppServices, "config" | "database" | "clock" | "jobs" | "logger">,
  providerName: string,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
): Promise<WebhookAnswer> {
  const provider = paymentProviderFor(services);
  if (!provider || provider.name !== providerName) return { status: 404, outcome: "not-configured" };
  let event;
  try {
    event = provider.parseWebhook(rawBody, headers, services.clock.now());
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      services.logger.warn({ provider: providerName, reason: error.message }, "card payment webhook refused: bad signature");
      return { status: 400, outcome: "bad-signature" };
    }
    throw error;
  }
  const outcome = await processProviderEvent(services, provider.name, event);
  return { status: 200, outcome };
}

/**
 * What an event (delivered by webhook or read back by the reconciliation) does: it only says *which* payment
 * to look at; the settle transition re-reads it from the provider and records the event id in the same
 * transaction as its effect. An event about no payment of ours is recorded and acknowledged.
 */
export async function processProviderEvent(
  services: Pick<AppServices, "config" | "database" | "clock" | "jobs" | "logger">,
  providerName: string,
  event: ProviderWebhookEvent,
): Promise<"settled" | "replayed" | "unrelated"> {
  const prisma = services.database.prisma;
  const byProviderId = event.providerPaymentId
    ? await prisma.cardPayment.findUnique({
        where: { provider_providerPaymentId: { provider: providerName, providerPaymentId: event.providerPaymentId } },
        select: { id: true },
      })
    : null;
  // payment_intent.* events name only our order id (from the metadata we gave the gateway).
  const cardPayment =
    byProviderId ??
    (event.orderId
      ? await prisma.cardPayment.findFirst({ where: { orderId: event.orderId, provider: providerName }, select: { id: true } })
      : null);
  const record = { provider: providerName, eventId: event.eventId, type: event.type };
  if (!cardPayment) {
    await prisma.paymentProviderEvent.createMany({ data: [{ ...record, receivedAt: services.clock.now() }], skipDuplicates: true });
    return "unrelated";
  }
  const outcome = await settleCardPayment(services, cardPayment.id, record);
  return outcome.replayedEvent ? "replayed" : "settled";
}
