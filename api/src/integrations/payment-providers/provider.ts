/**
 * The boundary between the portal and a card payment gateway (Stripe today; GP webpay or ComGate
 * later). A gateway hosts the card form (and 3-D Secure), so the portal never sees card data; it only
 * creates a hosted payment, reads its real state back, verifies webhooks and asks for refunds.
 *
 * Amounts are integer haléře; `currency` is ISO 4217 in upper case ("CZK").
 */

export type ProviderName = "stripe" | "demo";

export interface HostedPaymentRequest {
  /** Our random order id; the gateway keeps it with the payment (Stripe: PaymentIntent metadata). */
  orderId: string;
  amount: bigint;
  currency: "CZK";
  /** Shown to the card holder on the gateway's page. */
  description: string;
  /** Where the browser returns after paying (and after giving up: `cancelUrl`). */
  returnUrl: string;
  cancelUrl: string;
  /** One line per assessment paid. */
  items: { name: string; amount: bigint }[];
  /** One key per payment attempt: the gateway answers a repeated request with the same payment. */
  idempotencyKey: string;
  locale: "cs" | "en";
}

export interface HostedPayment {
  /** The gateway's id of the payment (Stripe: the Checkout Session id). */
  providerPaymentId: string;
  /** The gateway's page to send the browser to. */
  redirectUrl: string;
}

export type ProviderPaymentStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

/** What the gateway says about a payment, read from the gateway itself (never from a webhook's body). */
export interface ProviderPaymentState {
  status: ProviderPaymentStatus;
  /** What the card holder paid (SUCCEEDED) or is asked to pay. */
  amount: bigint;
  currency: string;
  /** The order id the gateway holds for the payment; null when it holds none. */
  orderId: string | null;
  failureReason: string | null;
}

/** A verified webhook: which event, and which payment it is about (by either id the gateway knows). */
export interface ProviderWebhookEvent {
  eventId: string;
  type: string;
  providerPaymentId: string | null;
  orderId: string | null;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createPayment(request: HostedPaymentRequest): Promise<HostedPayment>;
  fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState>;
  /**
   * Verifies the signature over the exact raw bytes and parses the event; throws
   * `WebhookSignatureError` when it does not verify (or is older than the gateway's tolerance).
   */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, receivedAt: Date): ProviderWebhookEvent;
  /**
   * The gateway's events since `since` about card payments (newest first, at most `limit`), for the
   * reconciliation that compares them with the portal's state; absent when the gateway has no event log.
   */
  listRecentEvents?(since: Date, limit: number): Promise<ProviderWebhookEvent[]>;
  /** Refunds part or all of a succeeded payment; the same key returns the same refund. */
  refund(request: { providerPaymentId: string; amount: bigint; idempotencyKey: string }): Promise<{ refundId: string }>;
}

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}
