import { DateTime } from "luxon";

// Registr smluv (zákon 340/2015 Sb.): a contract over 50 000 Kč excluding VAT must be published in
// the national register within 30 days of its conclusion (§ 5 odst. 2); one not published within
// three months is cancelled from the start (§ 7 odst. 1). Orders (objednávky) are contracts under
// the law too, concluded on the day they are made, so the same rules apply to them. Dates are
// calendar dates.

/** 50 000 Kč in haléře; the duty applies to amounts *over* it (excluding VAT). */
export const REGISTRY_THRESHOLD = 5_000_000n;
export const REGISTRY_DEADLINE_DAYS = 30;
export const REGISTRY_VOID_MONTHS = 3;

export interface RegistryObligation {
  required: boolean;
  /** The last day for publication in the registr smluv (null when not required). */
  deadline: string | null;
  /** The day after which an unpublished contract or order is cancelled from the start (null when not required). */
  voidDate: string | null;
  /** Required, not yet published there, and today is past the deadline. */
  overdue: boolean;
  /** Required, never published there, and today is past the void date. */
  cancelled: boolean;
}

/** What the obligation depends on: the amount, the day of conclusion and the publication there. */
export interface RegistryEntry {
  amountWithoutVat: bigint;
  /** A contract's signing date, an order's date (YYYY-MM-DD). */
  concludedOn: string;
  registryPublishedOn: string | null;
}

function plus(isoDate: string, duration: { days?: number; months?: number }): string {
  return DateTime.fromISO(isoDate, { zone: "utc" }).plus(duration).toISODate()!;
}

export function requiresRegistry(amountWithoutVat: bigint): boolean {
  return amountWithoutVat > REGISTRY_THRESHOLD;
}

/** The entry's obligation as of `today` (a Prague calendar date, YYYY-MM-DD). */
export function registryObligation(entry: RegistryEntry, today: string): RegistryObligation {
  if (!requiresRegistry(entry.amountWithoutVat)) {
    return { required: false, deadline: null, voidDate: null, overdue: false, cancelled: false };
  }
  const deadline = plus(entry.concludedOn, { days: REGISTRY_DEADLINE_DAYS });
  const voidDate = plus(entry.concludedOn, { months: REGISTRY_VOID_MONTHS });
  const pending = entry.registryPublishedOn === null;
  return { required: true, deadline, voidDate, overdue: pending && today > deadline, cancelled: pending && today > voidDate };
}

/**
 * The latest day of conclusion whose deadline (or void date) is already past on `today`: entries
 * concluded before it are overdue (or cancelled) when still unpublished. Used by the clerks' filter.
 */
export function concludedBeforeForOverdue(today: string): string {
  return plus(today, { days: -REGISTRY_DEADLINE_DAYS });
}
/**
 * Months are not inverse to each other at month ends (30 April + 3 months = 30 July, but 31 July -
 * 3 months = 30 April, and that entry is cancelled on 31 July), so step from `today - 3 months` to
 * the first day of conclusion whose void date is not yet past: at most three days.
 */
export function concludedBeforeForCancelled(today: string): string {
  const day = DateTime.fromISO(today, { zone: "utc" });
  let first = day.minus({ months: REGISTRY_VOID_MONTHS });
  while (first.plus({ months: REGISTRY_VOID_MONTHS }) < day) first = first.plus({ days: 1 });
  return first.toISODate()!;
}
