import type { SortDirection, SortField } from "./view-state.ts";

/** One row of a budget view as the page shows it: amounts are the API's Money values (decimal CZK strings). */
export interface BudgetRow {
  /** The code at this level; null for the unclassified bucket or lines without an action. */
  code: string | null;
  name: string;
  approved: `${number}`;
  amended: `${number}`;
  actual: `${number}`;
  /** actual / amended in percent; null when nothing is amended. */
  executionPercent: number | null;
  overspent: boolean;
  /** The same row's actual amount in the comparison year; null when it had none or nothing is compared. */
  compareActual?: `${number}` | null;
  compareAmended?: `${number}` | null;
  /** Whether a click drills deeper (false for the unclassified bucket where nothing is below). */
  drillable: boolean;
}

/** Money as a number for drawing and sorting only; exact values are always shown from the strings. */
export const amount = (value: `${number}` | null | undefined): number => (value ? Number(value) : 0);

/** Rows in the view's order; equal values keep code order, and the unclassified bucket stays last by code. */
export function sortRows(rows: readonly BudgetRow[], sort: { field: SortField; direction: SortDirection }): BudgetRow[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  const byCode = (a: BudgetRow, b: BudgetRow) =>
    a.code === null ? (b.code === null ? 0 : 1) : b.code === null ? -1 : a.code.localeCompare(b.code, "cs", { numeric: true });
  return [...rows].sort((a, b) => {
    if (sort.field === "code") return a.code === null || b.code === null ? byCode(a, b) : sign * byCode(a, b);
    return sign * (amount(a[sort.field]) - amount(b[sort.field])) || byCode(a, b);
  });
}

/** Change between two amounts in percent, one decimal; null when there is nothing to compare with. */
export function changePercent(current: `${number}`, previous: `${number}` | null | undefined): number | null {
  const before = amount(previous);
  if (previous === null || previous === undefined || before === 0) return null;
  return Math.round(((amount(current) - before) / Math.abs(before)) * 1000) / 10;
}

function cents(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = value.replace("-", "").split(".");
  const result = BigInt(whole || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  return negative ? -result : result;
}

function money(haler: bigint): `${number}` {
  const negative = haler < 0n;
  const absolute = negative ? -haler : haler;
  return `${negative ? "-" : ""}${absolute / 100n}.${String(absolute % 100n).padStart(2, "0")}` as `${number}`;
}

/** Money to subtract exactly (haléře as bigint), for differences shown next to the amounts. */
export function difference(a: `${number}`, b: `${number}`): `${number}` {
  return money(cents(a) - cents(b));
}

/** Money added up exactly. */
export function sumMoney(values: ReadonlyArray<`${number}`>): `${number}` {
  return money(values.reduce((sum, value) => sum + cents(value), 0n));
}
