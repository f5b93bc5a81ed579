import type { AppServices } from "../context.ts";
import { confirmPayments } from "../services/notifications/confirm-payments.ts";
import { defineJob, type EnqueueOptions, type JobData } from "./job-queue.ts";

/**
 * Confirmations of received payments to the citizens whose assessments they paid
 * (services/notifications/confirm-payments.ts). Queued in the transaction that records or pairs the
 * payments: a statement import, a manual pairing, a cash-desk payment.
 */
export type PaymentConfirmationsData = JobData & { statementIds?: string[]; paymentIds?: string[] };

export const paymentConfirmationsJob = defineJob<PaymentConfirmationsData>({
  name: "payment-confirmations",
  retry: () => ({ limit: 5, delaySeconds: 30, maxDelaySeconds: 1800 }),
  timeoutSeconds: 1800,
  async handle(data, _job, services) {
    await confirmPayments(services, data.municipalityId, { statementIds: data.statementIds ?? [], paymentIds: data.paymentIds ?? [] });
  },
});

/** Queues the confirmations of these payments or statements (idempotent per key). */
export function enqueuePaymentConfirmations(
  services: Pick<AppServices, "jobs">,
  data: PaymentConfirmationsData,
  options: Pick<EnqueueOptions, "tx" | "key">,
): Promise<string | null> {
  return services.jobs.enqueue(paymentConfirmationsJob, data, options);
}
