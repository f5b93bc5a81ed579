import type { Context } from "../../context.ts";

export interface BudgetYearInfo {
  year: number;
  /** Months with published data, ascending. */
  months: number[];
}

/** The years and months the public can look at (something published), newest first. */
export async function listBudgetYears(ctx: Pick<Context, "db">): Promise<BudgetYearInfo[]> {
  const rows = await ctx.db.budgetDataSet.findMany({
    where: { status: "PUBLISHED" },
    distinct: ["year", "month"],
    select: { year: true, month: true },
    orderBy: [{ year: "desc" }, { month: "asc" }],
  });
  const years = new Map<number, number[]>();
  for (const row of rows) years.set(row.year, [...(years.get(row.year) ?? []), row.month]);
  return [...years].map(([year, months]) => ({ year, months }));
}
