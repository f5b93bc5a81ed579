// The card gateway the configuration chooses (CARD_PAYMENTS, see config.ts), one per process.
import type { AppServices } from "../../context.ts";
import { createDemoProvider } from "./demo.ts";
import type { PaymentProvider } from "./provider.ts";
import { createStripeProvider } from "./stripe.ts";

export type { PaymentProvider } from "./provider.ts";

const providers = new WeakMap<AppServices, PaymentProvider | null>();

/** The configured card gateway, or null when card payments are off. */
export function paymentProviderFor(services: Pick<AppServices, "config" | "database">): PaymentProvider | null {
  const key = services as AppServices;
  if (providers.has(key)) return providers.get(key)!;
  const { config } = services;
  const provider =
    config.cardPayments === "stripe"
      ? createStripeProvider({
          secretKey: config.STRIPE_SECRET_KEY!,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
          ...(config.STRIPE_API_BASE ? { apiBase: config.STRIPE_API_BASE } : {}),
        })
      : config.cardPayments === "demo"
        ? createDemoProvider(services.database.prisma)
        : null;
  providers.set(key, provider);
  return provider;
}
