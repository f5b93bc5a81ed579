import { reconcileCardPayments } from "../services/payments/card/reconcile-card-payments.ts";
import { defineJob, type JobData } from "./job-queue.ts";

/**
 * Hourly, per municipality: re-checks with the provider every card payment still PENDING after
 * CARD_RECONCILE_AFTER_MINUTES and runs the one settle transition for it, so a webhook that never
 * arrived (or a browser that never came back) still ends with the payment paid, failed or cancelled.
 * Idempotent like the transition itself.
 */
export type CardPaymentReconciliationData = JobData;

export const cardPaymentReconciliationJob = defineJob<CardPaymentReconciliationData>({
  name: "card-payment-reconciliation",
  retry: () => ({ limit: 3, delaySeconds: 60, maxDelaySeconds: 900 }),
  timeoutSeconds: 600,
  async handle(data, _job, services) {
    await reconcileCardPayments(services, data.municipalityId);
  },
});
