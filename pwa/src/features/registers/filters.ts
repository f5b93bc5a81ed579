import { z } from "zod";
import { REGISTER_KINDS, type RegisterKind } from "./kinds.ts";

// The registers' filters live in the URL's query string, under the same names the HTTP export takes
// (GET /api/registry/<contracts|invoices|orders>.<csv|xlsx>?year=&counterparty=&amountMin=&amountMax=
// &department=&sort=&direction=), so a filtered list can be bookmarked, shared and exported as shown.

export const SORT_FIELDS = ["DATE", "AMOUNT", "COUNTERPARTY"] as const;
export const SORT_DIRECTIONS = ["ASC", "DESC"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The filter fields of the form, as typed (strings). */
export const FILTER_FIELDS = ["year", "counterparty", "amountMin", "amountMax", "department"] as const;
export type FilterValues = Record<(typeof FILTER_FIELDS)[number], string>;
export const EMPTY_FILTER: FilterValues = { year: "", counterparty: "", amountMin: "", amountMax: "", department: "" };

/** The API's limits on the filter (register-filters.ts). */
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;
const COUNTERPARTY_MAX = 200;
const DEPARTMENT_MAX = 100;
const AMOUNT_MAX_DIGITS = 13;

/**
 * An amount as people write it in Czech ("1 234,50", "1234,5 Kč", "1234.50") as the API's Money value
 * ("1234.50"); null when it is not a non-negative amount with at most two decimals. Never through a float.
 */
export function parseAmount(text: string): `${number}` | null {
  const compact = text
    .trim()
    .toLowerCase()
    .replace(/(kč|czk|,-|\.-)$/, "")
    .replace(/[\s\u00a0\u202f]/g, "");
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  if (whole.length > AMOUNT_MAX_DIGITS) return null;
  return `${whole}.${(match[2] ?? "").padEnd(2, "0")}` as `${number}`;
}

/** "1234.50" as a number of haléře, for comparisons. */
function minorUnits(amount: `${number}`): bigint {
  const [whole = "0", fraction = "00"] = amount.split(".");
  return BigInt(whole) * 100n + BigInt(fraction);
}

const optionalAmount = z.string().refine((value) => value.trim() === "" || parseAmount(value) !== null, "registers.validation.amount");

export const filterSchema = z
  .object({
    year: z
      .string()
      .trim()
      .refine((value) => value === "" || (/^\d{4}$/.test(value) && Number(value) >= YEAR_MIN && Number(value) <= YEAR_MAX), {
        message: "registers.validation.year",
      }),
    counterparty: z.string().max(COUNTERPARTY_MAX, "validation.tooLong"),
    amountMin: optionalAmount,
    amountMax: optionalAmount,
    department: z.string().max(DEPARTMENT_MAX, "validation.tooLong"),
  })
  .superRefine((values, ctx) => {
    const min = parseAmount(values.amountMin);
    const max = parseAmount(values.amountMax);
    if (min && max && minorUnits(max) < minorUnits(min)) {
      ctx.addIssue({ code: "custom", path: ["amountMax"], message: "registers.validation.amountRange" });
    }
  });

export interface RegisterFilterInput {
  year?: number;
  counterparty?: string;
  amountMin?: `${number}`;
  amountMax?: `${number}`;
  department?: string;
}

export interface ListQuery {
  /** What the form shows. */
  values: FilterValues;
  /** What the API gets; parameters that do not parse (a hand-edited URL) are left out. */
  filter: RegisterFilterInput;
  orderBy: { field: SortField; direction: SortDirection };
  /** True when any filter is set (the sort order does not count). */
  filtered: boolean;
}

export const DEFAULT_ORDER = { field: "DATE", direction: "DESC" } as const;

function oneOf<T extends string>(options: readonly T[], value: string | null, fallback: T): T {
  const upper = value?.toUpperCase();
  return (options as readonly string[]).includes(upper ?? "") ? (upper as T) : fallback;
}

/** Reads the filter and sort order from the URL's query string. */
export function readListQuery(params: URLSearchParams): ListQuery {
  const values = Object.fromEntries(FILTER_FIELDS.map((name) => [name, params.get(name) ?? ""])) as FilterValues;
  const checked = filterSchema.safeParse(values);
  const valid = (name: keyof FilterValues) => !checked.error?.issues.some((issue) => issue.path[0] === name);
  const filter: RegisterFilterInput = {};
  if (values.year.trim() && valid("year")) filter.year = Number(values.year);
  if (values.counterparty.trim() && valid("counterparty")) filter.counterparty = values.counterparty.trim();
  const amountMin = valid("amountMin") ? parseAmount(values.amountMin) : null;
  const amountMax = valid("amountMax") ? parseAmount(values.amountMax) : null;
  if (amountMin) filter.amountMin = amountMin;
  if (amountMax) filter.amountMax = amountMax;
  if (values.department.trim() && valid("department")) filter.department = values.department.trim();
  return {
    values,
    filter,
    orderBy: {
      field: oneOf(SORT_FIELDS, params.get("sort"), DEFAULT_ORDER.field),
      direction: oneOf(SORT_DIRECTIONS, params.get("direction"), DEFAULT_ORDER.direction),
    },
    filtered: Object.keys(filter).length > 0,
  };
}

/**
 * The query string for a submitted filter, keeping the other parameters (sort order, a clerk's status
 * filter). Amounts are written as the API reads them ("1234.50"); empty fields are left out.
 */
export function writeFilter(current: URLSearchParams, values: FilterValues): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of FILTER_FIELDS) {
    const value = values[name].trim();
    const written = name === "amountMin" || name === "amountMax" ? parseAmount(value) : value;
    if (written) next.set(name, written);
    else next.delete(name);
  }
  return next;
}

export function writeOrder(current: URLSearchParams, field: SortField, direction: SortDirection): URLSearchParams {
  const next = new URLSearchParams(current);
  if (field === DEFAULT_ORDER.field && direction === DEFAULT_ORDER.direction) {
    next.delete("sort");
    next.delete("direction");
  } else {
    next.set("sort", field);
    next.set("direction", direction);
  }
  return next;
}

/** The CSV/XLSX export of exactly what the list shows (published entries, same filter and order). */
export function exportUrl(kind: RegisterKind, format: "csv" | "xlsx", query: ListQuery): string {
  const params = new URLSearchParams();
  const { filter, orderBy } = query;
  if (filter.year !== undefined) params.set("year", String(filter.year));
  if (filter.counterparty) params.set("counterparty", filter.counterparty);
  if (filter.amountMin) params.set("amountMin", filter.amountMin);
  if (filter.amountMax) params.set("amountMax", filter.amountMax);
  if (filter.department) params.set("department", filter.department);
  params.set("sort", orderBy.field);
  params.set("direction", orderBy.direction);
  return `/api/registry/${REGISTER_KINDS[kind].exportName}.${format}?${params.toString()}`;
}
