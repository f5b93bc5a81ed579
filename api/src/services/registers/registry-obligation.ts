import { DateTime } from "luxon";

// Registr smluv (zákon 340/2015 Sb.): a contract over 50 000 Kč excluding VAT must be published in
// the national register within 30 days of signing (§ 5 odst. 2); one not published within three
// months of signing is cancelled from the start (§ 7 odst. 1). Dates are calendar dates.

/** 50 000 Kč in haléře; the duty applies to amounts *over* it (excluding VAT). */
export const REGISTRY_THRESHOLD = 5_000_000n;
export const REGISTRY_DEADLINE_DAYS = 30;
export const REGISTRY_VOID_MONTHS = 3;

export interface RegistryObligation {
  required: boolean;
  /** The last day for publication in the registr smluv (null when not required). */
  deadline: string | null;
  /** The day after which an unpublished contract is cancelled from the start (null when not required). */
  voidDate: string | null;
  /** Required, not yet published there, and today is past the deadline. */
  overdue: boolean;
  /** Required, never published there, and today is past the void date. */
  cancelled: boolean;
}

function plus(isoDate: string, duration: { days?: number; months?: number }): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).plus(duration).toISODate()!;
}

export function requiresRegistry(amountWithoutVat: bigint): boolean {
  return amountWithoutVat > REGISTRY_THRESHOLD;
}

/** The contract's obligation as of `today` (a Prague calendar date, YYYY-MM-DD). */
export function registryObligation(
  contract: { amountWithoutVat: bigint; signedOn: string; registryPublishedOn: string | null },
  today: string,
): RegistryObligation {
  if (!requiresRegistry(contract.amountWithoutVat)) {
    return { required: false, deadline: null, voidDate: null, overdue: false, cancelled: false };
  }
  const deadline = plus(contract.signedOn, { days: REGISTRY_DEADLINE_DAYS });
  const voidDate = plus(contract.signedOn, { months: REGISTRY_VOID_MONTHS });
  const pending = contract.registryPublishedOn === null;
  return { required: true, deadline, voidDate, overdue: pending && today > deadline, cancelled: pending && today > voidDate };
}

/**
 * The latest signing date whose deadline (or void date) is already past on `today`: contracts
 * signed before it are overdue (or cancelled) when still unpublished. Used by the clerks' filter.
 */
export function signedBeforeForOverdue(today: string): string {
  return plus(today, { days: -REGISTRY_DEADLINE_DAYS });
}
export function signedBeforeForCancelled(today: string): string {
  return DateTime.fromISO(today, { zone: "utc" }).minus({ months: REGISTRY_VOID_MONTHS }).toISODate()!;
}
