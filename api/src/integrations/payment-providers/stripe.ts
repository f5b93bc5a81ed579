import Stripe from "stripe";
import {
  WebhookSignatureError,
  type HostedPayment,
  type HostedPaymentRequest,
  type PaymentProvider,
  type ProviderPaymentState,
  type ProviderWebhookEvent,
} from "./provider.ts";

/** Stripe's webhook tolerance: a signature older than this (seconds) is refused, so a captured delivery cannot be replayed later. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** Another API address (the tests' fake Stripe), e.g. http://127.0.0.1:12111. */
  apiBase?: string;
}

/**
 * Stripe Checkout: a hosted page in CZK with one line item per assessment. Stripe runs 3-D Secure
 * (SCA) on its page; our order id travels in the PaymentIntent's and the Session's metadata. The
 * provider payment id is the Checkout Session id (the PaymentIntent exists only once the card
 * holder confirms), and its real state is read from the Session with its PaymentIntent.
 */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const base = options.apiBase ? new URL(options.apiBase) : null;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });

  return {
    name: "stripe",

    async createPayment(request: HostedPaymentRequest): Promise<HostedPayment> {
      const metadata = { orderId: request.orderId };
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          currency: "czk",
          locale: request.locale,
          client_reference_id: request.orderId,
          success_url: request.returnUrl,
          cancel_url: request.cancelUrl,
          metadata,
          payment_intent_data: { metadata, description: request.description },
          line_items: request.items.map((item) => ({
            quantity: 1,
            price_data: { currency: "czk", unit_amount: Number(item.amount), product_data: { name: item.name } },
          })),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { providerPaymentId: session.id, redirectUrl: session.url };
    },

    async fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
      const session = await stripe.checkout.sessions.retrieve(providerPaymentId, { expand: ["payment_intent"] });
      const intent = typeof session.payment_intent === "object" ? session.payment_intent : null;
      const orderId = intent?.metadata?.orderId ?? session.metadata?.orderId ?? null;
      const currency = (intent?.currency ?? session.currency ?? "").toUpperCase();
      if (session.status === "complete" && session.payment_status === "paid" && (!intent || intent.status === "succeeded")) {
        const amount = intent ? intent.amount_received : (session.amount_total ?? 0);
        return { status: "SUCCEEDED", amount: BigInt(amount), currency, orderId, failureReason: null };
      }
      const amount = BigInt(intent?.amount ?? session.amount_total ?? 0);
      const lastError = intent?.last_payment_error?.message ?? intent?.last_payment_error?.code ?? null;
      if (session.status === "expired" || intent?.status === "canceled") {
        return { status: lastError ? "FAILED" : "CANCELLED", amount, currency, orderId, failureReason: lastError };
      }
      // Open, or complete but not yet paid (an asynchronous method): Stripe may still succeed.
      return { status: "PENDING", amount, currency, orderId, failureReason: lastError };
    },

    parseWebhook(rawBody, headers, receivedAt): ProviderWebhookEvent {
      const signature = headers["stripe-signature"];
      if (typeof signature !== "string") throw new WebhookSignatureError("missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          options.webhookSecret,
          SIGNATURE_TOLERANCE_SECONDS,
          undefined,
          receivedAt.getTime(), // milliseconds: stripe-node divides by 1000 itself
        );
      } catch (error) {
        throw new WebhookSignatureError(error instanceof Error ? error.message : String(error));
      }
      return providerEvent(event);
    },

    async listRecentEvents(since, limit) {
      const events: ProviderWebhookEvent[] = [];
      const list = stripe.events.list({ created: { gte: Math.floor(since.getTime() / 1000) }, types: [...RECONCILED_EVENTS], limit: 100 });
      for await (const event of list) {
        events.push(providerEvent(event));
        if (events.length >= limit) break;
      }
      return events;
    },

    async refund({ providerPaymentId, amount, idempotencyKey }) {
      const session = await stripe.checkout.sessions.retrieve(providerPaymentId);
      const intent = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
      if (!intent) throw new Error(`Stripe checkout session ${providerPaymentId} has no payment to refund`);
      const refund = await stripe.refunds.create({ payment_intent: intent, amount: Number(amount) }, { idempotencyKey });
      return { refundId: refund.id };
    },
  };
}

/** For the tests' fake and scripts: a header Stripe would send with `payload`, signed with `secret`. */
export function stripeTestSignature(payload: string, secret: string, timestamp: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** The events the reconciliation reads back from Stripe: those the webhook acts on. */
const RECONCILED_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
] as const;

/** Which payment an event is about: a Checkout Session by its id, a PaymentIntent by the order id we gave it. */
function providerEvent(event: Stripe.Event): ProviderWebhookEvent {
  const object = event.data.object as { object?: string; id?: string; metadata?: Record<string, string> | null };
  if (object.object === "checkout.session") {
    return { eventId: event.id, type: event.type, providerPaymentId: object.id ?? null, orderId: object.metadata?.orderId ?? null };
  }
  // payment_intent.*, charge.*: the order id from the metadata we gave the PaymentIntent.
  return { eventId: event.id, type: event.type, providerPaymentId: null, orderId: object.metadata?.orderId ?? null };
}
