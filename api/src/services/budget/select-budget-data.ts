import type { Context } from "../../context.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { BudgetAmountType, BudgetOrganisation } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { canManageBudget, memberOrganisationIds } from "./budget-access.ts";

/** What a reader looks at: a year (as of a month), one organisation or all, consolidated or not, as of a time. */
export interface BudgetView {
  year: number;
  /** The year to date as of this month; null: the latest month each organisation published. */
  month?: number | null;
  /** An organisation's code; null: the town with all its organisations. */
  organisation?: string | null;
  /** Leave out transfers between the town's own accounts and funds (default true). */
  consolidated?: boolean | null;
  /** The published version as of this moment; null: the current one. */
  asOf?: Date | null;
  /** A data set not yet public, for the budget office and its uploader (the approval preview). */
  dataSetId?: string | null;
}

export interface SelectedBudgetData {
  view: Required<Omit<BudgetView, "dataSetId">> & { dataSetId: string | null };
  /** The data sets and amount types that make the view: each organisation's latest month per amount type. */
  pairs: { dataSetId: string; amountType: BudgetAmountType }[];
  /** The latest month among the pairs (names are taken from the codelist valid then); null without data. */
  asOfMonth: number | null;
  /** When the newest of the chosen data sets was published (null for a preview). */
  publishedAt: Date | null;
  organisations: BudgetOrganisation[];
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/**
 * Chooses the data behind a view. Lines are year-to-date snapshots, so a year as of a month is, for each
 * organisation and amount type, the data set of the latest month up to it that carries that type (a
 * January upload may bring only the approved budget), in its latest version published by `asOf`. Nothing
 * unpublished is ever chosen, except the one data set an authorised uploader or the budget office previews.
 */
export async function selectBudgetData(ctx: Pick<Context, "db" | "viewer" | "clock">, view: BudgetView): Promise<SelectedBudgetData> {
  const organisations = await ctx.db.budgetOrganisation.findMany({ orderBy: [{ kind: "asc" }, { name: "asc" }] });
  const normalized = {
    year: view.year,
    month: view.month ?? null,
    organisation: view.organisation ?? null,
    consolidated: view.consolidated ?? true,
    asOf: view.asOf ?? null,
    dataSetId: view.dataSetId ?? null,
  };
  if (normalized.dataSetId) {
    const dataSet = isUuid(normalized.dataSetId) ? await ctx.db.budgetDataSet.findUnique({ where: { id: normalized.dataSetId } }) : null;
    if (!dataSet) throw new NotFoundError();
    if (dataSet.status !== "PUBLISHED" && !canManageBudget(ctx)) {
      if (!ctx.viewer) throw new ForbiddenError();
      if (!(await memberOrganisationIds(ctx)).includes(dataSet.organisationId)) throw new NotFoundError();
    }
    return {
      view: { ...normalized, year: dataSet.year, month: dataSet.month },
      pairs: dataSet.amountTypes.map((amountType) => ({ dataSetId: dataSet.id, amountType })),
      asOfMonth: dataSet.month,
      publishedAt: dataSet.publishedAt,
      organisations: organisations.filter((o) => o.id === dataSet.organisationId),
    };
  }
  // The consolidated view of the whole town takes the organisations marked for consolidation (and leaves out
  // transfers between own accounts, see drill-budget.ts); the unconsolidated one adds up every organisation.
  const scope =
    normalized.organisation === null
      ? organisations.filter((o) => o.consolidated || !normalized.consolidated)
      : organisations.filter((o) => o.code === normalized.organisation);
  if (normalized.organisation !== null && scope.length === 0) throw new NotFoundError();
  const dataSets = await ctx.db.budgetDataSet.findMany({
    where: {
      year: normalized.year,
      status: "PUBLISHED",
      organisationId: { in: scope.map((o) => o.id) },
      ...(normalized.month !== null ? { month: { lte: normalized.month } } : {}),
      ...(normalized.asOf !== null ? { publishedAt: { lte: normalized.asOf } } : {}),
    },
    select: { id: true, organisationId: true, month: true, version: true, amountTypes: true, publishedAt: true },
    orderBy: [{ month: "desc" }, { version: "desc" }],
  });
  // The latest published version of each organisation × month (the list is ordered by month, version desc).
  const current = new Map<string, (typeof dataSets)[number]>();
  for (const dataSet of dataSets) {
    const key = `${dataSet.organisationId}|${dataSet.month}`;
    if (!current.has(key)) current.set(key, dataSet);
  }
  const chosen = new Map<string, { dataSetId: string; amountType: BudgetAmountType; month: number; publishedAt: Date | null }>();
  for (const dataSet of current.values()) {
    for (const amountType of dataSet.amountTypes) {
      const key = `${dataSet.organisationId}|${amountType}`;
      const previous = chosen.get(key);
      if (!previous || previous.month < dataSet.month) {
        chosen.set(key, { dataSetId: dataSet.id, amountType, month: dataSet.month, publishedAt: dataSet.publishedAt });
      }
    }
  }
  const pairs = [...chosen.values()];
  const asOfMonth = pairs.length ? Math.max(...pairs.map((p) => p.month)) : null;
  const publishedAt = pairs.reduce<Date | null>(
    (latest, p) => (p.publishedAt && (!latest || p.publishedAt > latest) ? p.publishedAt : latest),
    null,
  );
  return {
    view: normalized,
    pairs: pairs.map(({ dataSetId, amountType }) => ({ dataSetId, amountType })),
    asOfMonth,
    publishedAt,
    organisations: scope,
  };
}
