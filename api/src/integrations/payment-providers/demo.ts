import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import {
  WebhookSignatureError,
  type HostedPaymentRequest,
  type PaymentProvider,
  type ProviderPaymentState,
  type ProviderPaymentStatus,
} from "./provider.ts";

/** Where the demo gateway's page lives (served by the API itself, api/src/http/card-payments.ts). */
export const DEMO_GATEWAY_PATH = "/api/payments/demo-gateway";

const STATUSES: Record<string, ProviderPaymentStatus> = {
  open: "PENDING",
  succeeded: "SUCCEEDED",
  failed: "FAILED",
  cancelled: "CANCELLED",
};

/**
 * The demo town's card gateway: a page of the portal itself, clearly labelled as a test where nothing
 * is paid, offering "pay", "pay after a 3-D Secure challenge" and "decline". It keeps its own record
 * (`DemoGatewayPayment`) and the portal reads it back through this boundary like Stripe's API, so
 * `npm start` shows the whole cycle (start, gateway, return page, receipt) without any account.
 * Configured only with CARD_PAYMENTS=demo or on the embedded database in development; config.ts
 * refuses it in production.
 */
export function createDemoProvider(prisma: PrismaClient): PaymentProvider {
  return {
    name: "demo",

    async createPayment(request: HostedPaymentRequest) {
      // The same idempotency key answers the same gateway payment (a double click, a retried request).
      const existing = await prisma.demoGatewayPayment.findUnique({ where: { idempotencyKey: request.idempotencyKey } });
      const payment =
        existing ??
        (await prisma.demoGatewayPayment.create({
          data: {
            id: `demo_${randomBytes(16).toString("base64url")}`,
            orderId: request.orderId,
            amount: request.amount,
            currency: request.currency,
            description: request.description,
            returnUrl: request.returnUrl,
            cancelUrl: request.cancelUrl,
            idempotencyKey: request.idempotencyKey,
          },
        }));
      const redirectUrl = new URL(`${DEMO_GATEWAY_PATH}/${payment.id}`, request.returnUrl);
      redirectUrl.searchParams.set("lang", request.locale);
      return { providerPaymentId: payment.id, redirectUrl: redirectUrl.toString() };
    },

    async fetchPayment(providerPaymentId: string): Promise<ProviderPaymentState> {
      const payment = await prisma.demoGatewayPayment.findUnique({ where: { id: providerPaymentId } });
      if (!payment) throw new Error(`Unknown demo gateway payment ${providerPaymentId}`);
      const status = STATUSES[payment.status] ?? "PENDING";
      return {
        status,
        amount: payment.amount,
        currency: payment.currency,
        orderId: payment.orderId,
        failureReason: status === "FAILED" ? "card_declined" : null,
      };
    },

    parseWebhook() {
      // The demo gateway settles in-process when the card holder chooses; it sends no webhooks.
      throw new WebhookSignatureError("the demo gateway sends no webhooks");
    },

    // No database access here: the refund runs inside the caller's transaction, which holds the embedded
    // database's only connection, and the caller has already checked (under its row lock) that the payment succeeded.
    async refund({ providerPaymentId }) {
      if (!providerPaymentId.startsWith("demo_")) throw new Error(`Not a demo gateway payment: ${providerPaymentId}`);
      return { refundId: `demo_re_${randomBytes(12).toString("base64url")}` };
    },
  };
}

/** What the card holder chose on the demo gateway's page. */
export async function recordDemoGatewayChoice(
  prisma: PrismaClient,
  id: string,
  choice: "succeeded" | "failed" | "cancelled",
): Promise<{ returnUrl: string; cancelUrl: string } | null> {
  // Only an open payment changes: a second click (or a replayed form) leaves the first outcome.
  await prisma.demoGatewayPayment.updateMany({ where: { id, status: "open" }, data: { status: choice } });
  return prisma.demoGatewayPayment.findUnique({ where: { id }, select: { returnUrl: true, cancelUrl: true } });
}
