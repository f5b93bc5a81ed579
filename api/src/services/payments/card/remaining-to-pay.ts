import { DateTime } from "luxon";
import { BUSINESS_ZONE, type Clock } from "../../../clock.ts";
import { deriveAssessmentState } from "../../../domain/installments.ts";

export interface AssessmentWithPayments {
  amount: bigint;
  lifecycle: string;
  installments: { amount: bigint; dueDate: Date }[];
  allocations: { amount: bigint; payment: { receivedOn: Date } }[];
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * What is still unpaid on an assessment, in haléře: its installments with its active pairings
 * applied in date order (domain/installments.ts). A cancelled or written-off assessment owes nothing.
 */
export function remainingToPay(assessment: AssessmentWithPayments, clock: Clock): bigint {
  if (assessment.lifecycle !== "ACTIVE") return 0n;
  const state = deriveAssessmentState({
    total: Number(assessment.amount),
    installments: assessment.installments.map((i) => ({ amount: Number(i.amount), dueDate: isoDate(i.dueDate) })),
    payments: assessment.allocations.map((a) => ({ amount: Number(a.amount), date: isoDate(a.payment.receivedOn) })),
    today: DateTime.fromJSDate(clock.now(), { zone: BUSINESS_ZONE }).toISODate()!,
  });
  return BigInt(state.remaining);
}
