import type { ResultOf } from "../../graphql/graphql.ts";
import type { PersonalAccountQuery } from "./operations.ts";

export type PersonalAccount = NonNullable<ResultOf<typeof PersonalAccountQuery>["personalAccount"]>;
export type AccountAssessment = PersonalAccount["assessments"][number];

export const ASSESSMENT_KINDS = ["WASTE_FEE", "DOG_FEE", "ADMIN_FEE", "FINE", "OTHER"] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** What the status filter offers: "to pay" covers unpaid and partly paid. */
export const STATUS_FILTERS = ["TO_PAY", "PAID", "OVERPAID", "CANCELLED", "WRITTEN_OFF"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface AccountFilters {
  year: number | null;
  kind: AssessmentKind | null;
  status: StatusFilter | null;
}

/** Readable Czech URL parameters (?rok=2026&druh=DOG_FEE&stav=TO_PAY); unknown values are ignored, not errors. */
export function filtersFromSearch(params: URLSearchParams): AccountFilters {
  const year = Number(params.get("rok"));
  const kind = params.get("druh");
  const status = params.get("stav");
  return {
    year: Number.isInteger(year) && year >= 1000 && year <= 9999 ? year : null,
    kind: (ASSESSMENT_KINDS as readonly string[]).includes(kind ?? "") ? (kind as AssessmentKind) : null,
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? "") ? (status as StatusFilter) : null,
  };
}

export function searchFromFilters(filters: AccountFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.year !== null) params.set("rok", String(filters.year));
  if (filters.kind) params.set("druh", filters.kind);
  if (filters.status) params.set("stav", filters.status);
  return params;
}

export function matchesFilters(a: AccountAssessment, filters: AccountFilters): boolean {
  if (filters.year !== null && a.year !== filters.year) return false;
  if (filters.kind && a.kind !== filters.kind) return false;
  if (!filters.status) return true;
  if (filters.status === "TO_PAY") return a.status === "UNPAID" || a.status === "PARTLY_PAID";
  return a.status === filters.status;
}

/** Money arrives as decimal strings ("600.00"); sums are done in haléře, never in floats. */
export function toHalere(amount: string): number {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return 0;
  const value = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -value : value;
}

export function fromHalere(halere: number): `${number}` {
  const sign = halere < 0 ? "-" : "";
  const abs = Math.abs(halere);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}` as `${number}`;
}

/** Assessments grouped by year, newest year first (the API already orders them so). */
export function groupByYear(assessments: readonly AccountAssessment[]): { year: number; assessments: AccountAssessment[] }[] {
  const groups = new Map<number, AccountAssessment[]>();
  for (const a of assessments) groups.set(a.year, [...(groups.get(a.year) ?? []), a]);
  return [...groups.entries()].sort(([a], [b]) => b - a).map(([year, items]) => ({ year, assessments: items }));
}

/** Something a citizen can still pay online: money remains and the town gave payment instructions. */
export function isPayable(a: AccountAssessment): boolean {
  return a.instructions !== null && toHalere(a.remaining) > 0;
}

export function detailPath(id: string): string {
  return `/osobni-ucet/${encodeURIComponent(id)}`;
}
