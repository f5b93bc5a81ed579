import type { Context } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { aggregateFilter, amountsRow, type BudgetAmounts } from "./drill-budget.ts";
import { selectBudgetData, type BudgetView, type SelectedBudgetData } from "./select-budget-data.ts";

export interface BudgetSummaryResult {
  revenue: BudgetAmounts;
  expenditure: BudgetAmounts;
  /** Class 8, positive when it brings money into the budget (see classification.ts). */
  financing: BudgetAmounts;
  /** revenue − expenditure; financing covers it (balance + financing = 0 for a balanced budget). */
  balance: BudgetAmounts;
  /** Lines whose položka has no valid class: shown, never dropped. */
  unclassified: BudgetAmounts;
  selection: SelectedBudgetData;
}

/** Income against expenditure and how the difference is financed, from the aggregates, in one query. */
export async function summarizeBudget(
  ctx: Pick<Context, "db" | "viewer" | "clock">,
  input: { view: BudgetView; organisation?: string | null; orj?: string | null; org?: string | null },
): Promise<BudgetSummaryResult> {
  const selection = await selectBudgetData(ctx, input.view);
  const rows =
    selection.pairs.length === 0
      ? []
      : await ctx.db.$queryRaw<{ side: string; amountType: string; amount: string }[]>(Prisma.sql`
          SELECT a."side", a."amountType"::text AS "amountType", SUM(a."amount")::text AS "amount"
          FROM "BudgetAggregate" a
          WHERE ${aggregateFilter(selection, { organisation: input.organisation, orj: input.orj, org: input.org })}
          GROUP BY 1, 2`);
  const of = (side: string) => amountsRow(rows.filter((r) => r.side === side));
  const revenue = of("REVENUE");
  const expenditure = of("EXPENDITURE");
  return {
    revenue,
    expenditure,
    financing: of("FINANCING"),
    balance: {
      approved: revenue.approved - expenditure.approved,
      amended: revenue.amended - expenditure.amended,
      actual: revenue.actual - expenditure.actual,
    },
    unclassified: of("NONE"),
    selection,
  };
}
