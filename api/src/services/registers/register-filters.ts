import { z } from "zod";
import { dateColumn } from "../../domain/notice-window.ts";
import { normalizeForSearch } from "../../domain/search-text.ts";
import type { RegisterKind, RegisterStatus } from "../../generated/prisma/client.ts";
import { REGISTER_KINDS } from "./register-kinds.ts";
import { CONTROL } from "./register-rules.ts";
import { concludedBeforeForCancelled, concludedBeforeForOverdue, REGISTRY_THRESHOLD } from "./registry-obligation.ts";

// The filters and sort orders of the registers, shared by the GraphQL lists and the CSV/XLSX
// exports so that an export contains exactly what the list shows.

export const SORT_FIELDS = ["DATE", "AMOUNT", "COUNTERPARTY"] as const;
export const SORT_DIRECTIONS = ["ASC", "DESC"] as const;
export const REGISTRY_STATES = ["REQUIRED", "PENDING", "OVERDUE", "CANCELLED"] as const;
export type RegisterSortField = (typeof SORT_FIELDS)[number];
export type RegisterSortDirection = (typeof SORT_DIRECTIONS)[number];
export type RegistryState = (typeof REGISTRY_STATES)[number];

/** Search text as typed, without control characters (a NUL would even fail the query). */
const searchInput = (max: number) =>
  z
    .string()
    .max(max, { message: "field.tooLong" })
    .transform((value) => value.replace(new RegExp(CONTROL.source, "g"), "").trim())
    .nullish();

export const registerFilterSchema = z.object({
  year: z.number().int().min(1990, { message: "field.year" }).max(2100, { message: "field.year" }).nullish(),
  counterparty: searchInput(200),
  amountMin: z.bigint().min(0n, { message: "field.amountNegative" }).nullish(),
  amountMax: z.bigint().min(0n, { message: "field.amountNegative" }).nullish(),
  department: searchInput(100),
});
export type RegisterFilter = z.input<typeof registerFilterSchema>;

export interface RegisterOrder {
  field: RegisterSortField;
  direction: RegisterSortDirection;
}
export const DEFAULT_ORDER: RegisterOrder = { field: "DATE", direction: "DESC" };

export interface RegisterScope {
  /** Public lists: only published entries. Clerks: any status, or the ones asked for. */
  publishedOnly: boolean;
  statuses?: readonly RegisterStatus[] | null;
  /** Contracts and orders (ignored for invoices): where they stand with the registr smluv. */
  registry?: RegistryState | null;
  /** Today in Prague (YYYY-MM-DD), for the registr smluv deadlines. */
  today: string;
}

/** LIKE patterns: Prisma's `contains` passes % and _ through as wildcards, so escape them. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** A Prisma `where` for the kind's model (the tenant scope adds the municipality). */
export function registerWhere(
  kind: RegisterKind,
  filter: RegisterFilter | null | undefined,
  scope: RegisterScope,
): Record<string, unknown> {
  const info = REGISTER_KINDS[kind];
  const where: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  if (scope.publishedOnly) where.status = "PUBLISHED";
  else if (scope.statuses && scope.statuses.length > 0) where.status = { in: [...scope.statuses] };
  if (filter?.year != null) {
    where[info.dateField] = { gte: dateColumn(`${filter.year}-01-01`), lt: dateColumn(`${filter.year + 1}-01-01`) };
  }
  const counterparty = filter?.counterparty?.trim();
  if (counterparty) {
    // "255 96 641" is an IČO typed with spaces; the search text holds it without them.
    const query = /^[\d\s]+$/.test(counterparty) ? counterparty.replace(/\s+/g, "") : normalizeForSearch(counterparty);
    where.searchText = { contains: escapeLike(query) };
  }
  if (filter?.amountMin != null) and.push({ amountWithVat: { gte: filter.amountMin } });
  if (filter?.amountMax != null) and.push({ amountWithVat: { lte: filter.amountMax } });
  const department = filter?.department?.trim();
  if (department) where.department = { equals: department, mode: "insensitive" };
  if (info.subjectToRegistry && scope.registry) {
    // The same rules as registryObligation, as a query: the deadlines count from the entry's date.
    and.push({ amountWithoutVat: { gt: REGISTRY_THRESHOLD } });
    if (scope.registry !== "REQUIRED") and.push({ registryPublishedOn: null });
    if (scope.registry === "OVERDUE") and.push({ [info.dateField]: { lt: dateColumn(concludedBeforeForOverdue(scope.today)) } });
    if (scope.registry === "CANCELLED") and.push({ [info.dateField]: { lt: dateColumn(concludedBeforeForCancelled(scope.today)) } });
  }
  if (and.length > 0) where.AND = and;
  return where;
}

/** Stable order: the chosen column, then the id, so pages never skip or repeat an entry. */
export function registerOrderBy(kind: RegisterKind, order: RegisterOrder | null | undefined): Record<string, "asc" | "desc">[] {
  const { field, direction } = order ?? DEFAULT_ORDER;
  const info = REGISTER_KINDS[kind];
  const column = field === "DATE" ? info.dateField : field === "AMOUNT" ? "amountWithVat" : info.partyNameField;
  const dir = direction === "ASC" ? "asc" : "desc";
  return [{ [column]: dir }, { id: dir }];
}
