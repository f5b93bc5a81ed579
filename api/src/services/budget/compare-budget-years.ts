import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import {
  codelistDate,
  levelOf,
  percent,
  queryLevel,
  rowName,
  type BudgetAmounts,
  type BudgetDrillBy,
  type BudgetDrillLevel,
  type BudgetDrillPath,
} from "./drill-budget.ts";
import { loadBudgetCodelist } from "./load-budget-codelist.ts";
import { MAX_YEAR, MIN_YEAR, selectBudgetData, type BudgetView } from "./select-budget-data.ts";

export const MAX_COMPARED_YEARS = 10;

export interface YearAmounts extends BudgetAmounts {
  year: number;
  /** The month the year's data are as of, cumulative to its end (null: none published up to the compared month). */
  asOfMonth: number | null;
  executionPercent: number | null;
}

export interface ComparisonRow {
  code: string;
  name: string;
  years: YearAmounts[];
  /** Change of the actual amount from the first year to the last, in per cent (null without a base). */
  actualChangePercent: number | null;
}

/**
 * One level of the drill-down over several years side by side, like for like: every year is read cumulative
 * to the same month, so a year to November is never set against a whole year. That month is the one asked
 * for, or else the viewed year's latest published month (the viewed year is `view.year`, by default the
 * newest of the years). A year without data for that month (the earlier years may be published quarterly)
 * is read as of its latest month not after it, and each year's `asOfMonth` says which month that was.
 */
export async function compareBudgetYears(
  ctx: Pick<Context, "db" | "viewer" | "clock" | "locale">,
  input: {
    view: Omit<BudgetView, "year" | "dataSetId"> & { year?: number | null };
    years: number[];
    path: BudgetDrillPath;
    by?: BudgetDrillBy | null;
  },
): Promise<{ level: BudgetDrillLevel; month: number | null; years: YearAmounts[]; rows: ComparisonRow[] }> {
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  if (years.length === 0 || years.length > MAX_COMPARED_YEARS) {
    throw ValidationError.field("years", "budget.yearCount", "INVALID", { max: MAX_COMPARED_YEARS });
  }
  if (years.some((y) => !Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)) throw ValidationError.field("years", "field.year");
  const { year: viewedYear, ...view } = input.view;
  if (viewedYear != null && !years.includes(viewedYear)) throw ValidationError.field("year", "field.year");
  if (view.month != null && (!Number.isInteger(view.month) || view.month < 1 || view.month > 12))
    throw ValidationError.field("month", "budget.month");
  const level = levelOf(input.path, input.by ?? "CLASSIFICATION");
  const codelist = await loadBudgetCodelist(ctx.db);
  const reference = viewedYear ?? years[years.length - 1]!;
  const selections = new Map<number, Awaited<ReturnType<typeof selectBudgetData>>>();
  selections.set(reference, await selectBudgetData(ctx, { ...view, year: reference }));
  // Without a month asked for, the viewed year's own latest month (null when it has nothing: each year then
  // shows its latest, and says so).
  const month = view.month ?? selections.get(reference)!.asOfMonth;
  const perYear: ({ year: number; selection: Awaited<ReturnType<typeof selectBudgetData>> } & Awaited<ReturnType<typeof queryLevel>>)[] =
    [];
  for (const year of years) {
    const selection = selections.get(year) ?? (await selectBudgetData(ctx, { ...view, month, year }));
    perYear.push({ year, selection, ...(await queryLevel(ctx, selection, input.path, level)) });
  }
  const codes = new Map<string, string>();
  for (const entry of [...perYear].reverse()) {
    for (const code of entry.byCode.keys()) {
      if (!codes.has(code)) {
        codes.set(
          code,
          rowName(level, code, {
            codelist,
            date: codelistDate(entry.selection),
            locale: ctx.locale,
            side: input.path.side,
            selection: entry.selection,
          }),
        );
      }
    }
  }
  const yearAmounts = (entry: (typeof perYear)[number], amounts: BudgetAmounts | undefined): YearAmounts => {
    const a = amounts ?? { approved: 0n, amended: 0n, actual: 0n };
    return { year: entry.year, asOfMonth: entry.selection.asOfMonth, ...a, executionPercent: percent(a.actual, a.amended) };
  };
  const rows: ComparisonRow[] = [...codes].map(([code, name]) => {
    const values = perYear.map((entry) => yearAmounts(entry, entry.byCode.get(code)));
    const first = values[0]!.actual;
    const last = values[values.length - 1]!.actual;
    return {
      code: level === "ORGANISATION" ? (perYear.flatMap((e) => e.selection.organisations).find((o) => o.id === code)?.code ?? code) : code,
      name,
      years: values,
      actualChangePercent: first === 0n ? null : percent(last - first, first),
    };
  });
  rows.sort((a, b) => a.code.localeCompare(b.code));
  return { level, month, years: perYear.map((entry) => yearAmounts(entry, entry.total)), rows };
}
