import { ValidationError } from "../../errors.ts";
import type { BudgetSide } from "../../domain/budget/classification.ts";
import type { BudgetTableRequest, BudgetTableView } from "./budget-table.ts";
import { MAX_COMPARED_YEARS } from "./compare-budget-years.ts";
import type { BudgetDrillBy, BudgetSortField } from "./drill-budget.ts";
import { MAX_YEAR, MIN_YEAR } from "./select-budget-data.ts";

const SIDES = ["REVENUE", "EXPENDITURE", "FINANCING"] as const;
const BYS = ["CLASSIFICATION", "ORJ", "ORG", "ORGANISATION"] as const;
const SORTS = ["CODE", "APPROVED", "AMENDED", "ACTUAL", "EXECUTION"] as const;
const CODE = /^(\d{1,4}|UNCLASSIFIED)$/;
const TEXT = /^[\p{L}\p{N} ._/-]{0,40}$/u;

/**
 * The URL parameters of a budget view (the page's shareable URL and the export links use the same ones),
 * checked as hostile input: every value against its pattern, with a field-level error.
 */
export function parseBudgetQuery(
  query: Record<string, string | string[] | undefined>,
  view: BudgetTableView,
  defaultYear: number,
): Omit<BudgetTableRequest, "view"> {
  const single = (name: string): string | null => {
    const value = query[name];
    const text = Array.isArray(value) ? value[0] : value;
    return text === undefined || text.trim() === "" ? null : text.trim();
  };
  const int = (name: string, min: number, max: number): number | null => {
    const text = single(name);
    if (text === null) return null;
    const value = Number(text);
    if (!/^\d{1,4}$/.test(text) || value < min || value > max)
      throw ValidationError.field(name, name === "month" ? "budget.month" : "field.year");
    return value;
  };
  const code = (name: string) => {
    const text = single(name);
    if (text !== null && !CODE.test(text)) throw ValidationError.field(name, "field.budgetCode");
    return text;
  };
  const text = (name: string) => {
    const value = query[name];
    const raw = Array.isArray(value) ? value[0] : value;
    if (raw === undefined) return null;
    if (!TEXT.test(raw)) throw ValidationError.field(name, "field.invalid");
    return raw;
  };
  const pick = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
    const value = (single(name) ?? fallback).toUpperCase();
    if (!(options as readonly string[]).includes(value)) throw ValidationError.field(name, "field.invalid");
    return value as T;
  };
  const year = int("year", MIN_YEAR, MAX_YEAR) ?? defaultYear;
  const month = int("month", 1, 12);
  const asOfText = single("asOf");
  const asOf = asOfText === null ? null : new Date(asOfText);
  if (asOf && (Number.isNaN(asOf.getTime()) || asOf.getUTCFullYear() < 1000 || asOf.getUTCFullYear() > 9999))
    throw ValidationError.field("asOf", "field.invalid");
  const consolidatedText = single("consolidated");
  const organisation = single("organisation");
  if (organisation !== null && !/^[a-z0-9][a-z0-9-]{0,29}$/.test(organisation))
    throw ValidationError.field("organisation", "field.budgetOrganisationCode");
  const years = (single("years") ?? "")
    .split(",")
    .filter(Boolean)
    .map((y) => {
      if (!/^\d{4}$/.test(y)) throw ValidationError.field("years", "field.year");
      return Number(y);
    });
  if (view === "comparison" && (years.length === 0 || years.length > MAX_COMPARED_YEARS)) {
    throw ValidationError.field("years", "budget.yearCount", "INVALID", { max: MAX_COMPARED_YEARS });
  }
  const polozka = code("polozka");
  if (view === "documents" && (polozka === null || !/^\d{4}$/.test(polozka))) throw ValidationError.field("polozka", "field.budgetCode");
  return {
    budgetView: {
      year,
      month,
      organisation,
      consolidated: consolidatedText === null ? true : !["0", "false", "ne", "no"].includes(consolidatedText),
      asOf,
    },
    path: {
      side: pick<BudgetSide>("side", SIDES, "EXPENDITURE"),
      group: code("group"),
      paragraf: code("paragraf"),
      polozka,
      orj: text("orj"),
      org: text("org"),
      organisation,
    },
    by: pick<BudgetDrillBy>("by", BYS, "CLASSIFICATION"),
    sort: { field: pick<BudgetSortField>("sort", SORTS, "CODE"), descending: ["1", "true"].includes(single("desc") ?? "") },
    years,
  };
}
