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
  /** The month the year's data are as of (null: none published). */
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
 * One level of the drill-down over several years side by side: each year as of the same month when one is
 * given (comparing January to December would mislead), otherwise each year's latest published month.
 */
export async function compareBudgetYears(
  ctx: Pick<Context, "db" | "viewer" | "clock" | "locale">,
  input: { view: Omit<BudgetView, "year" | "dataSetId">; years: number[]; path: BudgetDrillPath; by?: BudgetDrillBy | null },
): Promise<{ level: BudgetDrillLevel; years: YearAmounts[]; rows: ComparisonRow[] }> {
  const years = [...new Set(input.years)].sort((a, b) => a - b);
  if (years.length === 0 || years.length > MAX_COMPARED_YEARS) {
    throw ValidationError.field("years", "budget.yearCount", "INVALID", { max: MAX_COMPARED_YEARS });
  }
  if (years.some((y) => !Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR)) throw ValidationError.field("years", "field.year");
  const level = levelOf(input.path, input.by ?? "CLASSIFICATION");
  const codelist = await loadBudgetCodelist(ctx.db);
  const perYear: ({ year: number; selection: Awaited<ReturnType<typeof selectBudgetData>> } & Awaited<ReturnType<typeof queryLevel>>)[] =
    [];
  for (const year of years) {
    const selection = await selectBudgetData(ctx, { ...input.view, year });
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
  return { level, years: perYear.map((entry) => yearAmounts(entry, entry.total)), rows };
}
