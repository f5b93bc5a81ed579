import type { Context } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { BudgetSide } from "../../domain/budget/classification.ts";
import type { Codelist } from "../../domain/budget/codelists.ts";
import { UNCLASSIFIED_CODE } from "../../domain/budget/drill-down.ts";
import type { Locale } from "../../i18n/messages.ts";
import { loadBudgetCodelist } from "./load-budget-codelist.ts";
import { selectBudgetData, type BudgetView, type SelectedBudgetData } from "./select-budget-data.ts";

/**
 * The drill-down over the precomputed aggregates (never over lines). The path narrows (side, group,
 * paragraf, položka, ORJ, ORG, organisation); `by` says what the rows are: the next level of the
 * classification (group → paragraf → položka → ORG; revenue and financing skip paragraf, whose group is
 * the položka's seskupení), or the departments (ORJ), actions (ORG) or organisations within the path.
 */
export type BudgetDrillBy = "CLASSIFICATION" | "ORJ" | "ORG" | "ORGANISATION";
export type BudgetDrillLevel = "GROUP" | "PARAGRAF" | "POLOZKA" | "ORG" | "ORJ" | "ORGANISATION";

export interface BudgetDrillPath {
  side: BudgetSide;
  group?: string | null;
  paragraf?: string | null;
  polozka?: string | null;
  orj?: string | null;
  org?: string | null;
  /** An organisation's code: narrows a view of all organisations. */
  organisation?: string | null;
}

export interface BudgetAmounts {
  approved: bigint;
  amended: bigint;
  actual: bigint;
}

export interface BudgetDrillRow extends BudgetAmounts {
  /** The code at this level; "UNCLASSIFIED" for codes the codelist does not know; "" for lines without an ORJ/ORG. */
  code: string;
  name: string;
  executionPercent: number | null;
  amendedChangePercent: number | null;
  sharePercent: number | null;
  overspent: boolean;
}

export interface BudgetDrillResult {
  level: BudgetDrillLevel;
  rows: BudgetDrillRow[];
  total: BudgetAmounts;
  selection: SelectedBudgetData;
}

export type BudgetSortField = "CODE" | "APPROVED" | "AMENDED" | "ACTUAL" | "EXECUTION";

const COLUMN: Record<BudgetDrillLevel, string> = {
  GROUP: `"groupCode"`,
  PARAGRAF: `"paragraf"`,
  POLOZKA: `"polozka"`,
  ORG: `"org"`,
  ORJ: `"orj"`,
  ORGANISATION: `"organisationId"::text`,
};

export function levelOf(path: BudgetDrillPath, by: BudgetDrillBy): BudgetDrillLevel {
  if (by !== "CLASSIFICATION") return by;
  if (path.polozka) return "ORG";
  if (path.paragraf) return "POLOZKA";
  if (path.group) return path.side === "EXPENDITURE" ? "PARAGRAF" : "POLOZKA";
  return "GROUP";
}

export const percent = (part: bigint, whole: bigint): number | null =>
  whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 1000) / 10;

/** The WHERE clause shared by every query over a view's aggregates. */
export function aggregateFilter(selection: SelectedBudgetData, path: Omit<BudgetDrillPath, "side"> & { side?: BudgetSide | null }) {
  const ids = selection.pairs.map((p) => p.dataSetId);
  const types = selection.pairs.map((p) => p.amountType as string);
  const organisationId = path.organisation ? (selection.organisations.find((o) => o.code === path.organisation)?.id ?? null) : undefined;
  const conditions: Prisma.Sql[] = [
    Prisma.sql`(a."dataSetId", a."amountType"::text) IN (SELECT * FROM unnest(${ids}::uuid[], ${types}::text[]))`,
  ];
  if (path.side) conditions.push(Prisma.sql`a."side" = ${path.side}`);
  if (selection.view.consolidated) conditions.push(Prisma.sql`NOT a."transfer"`);
  if (path.group) conditions.push(Prisma.sql`a."groupCode" = ${path.group}`);
  if (path.paragraf) conditions.push(Prisma.sql`a."paragraf" = ${path.paragraf}`);
  if (path.polozka) conditions.push(Prisma.sql`a."polozka" = ${path.polozka}`);
  if (path.orj != null) conditions.push(Prisma.sql`a."orj" = ${path.orj}`);
  if (path.org != null) conditions.push(Prisma.sql`a."org" = ${path.org}`);
  if (organisationId !== undefined)
    conditions.push(organisationId === null ? Prisma.sql`FALSE` : Prisma.sql`a."organisationId" = ${organisationId}::uuid`);
  return Prisma.join(conditions, " AND ");
}

export function codelistDate(selection: SelectedBudgetData): string {
  return `${selection.view.year}-${String(selection.asOfMonth ?? 12).padStart(2, "0")}-01`;
}

export function amountsRow(rows: readonly { amountType: string; amount: string }[]): BudgetAmounts {
  const total: BudgetAmounts = { approved: 0n, amended: 0n, actual: 0n };
  for (const row of rows) add(total, row.amountType, BigInt(row.amount));
  return total;
}

function add(target: BudgetAmounts, amountType: string, amount: bigint) {
  if (amountType === "APPROVED") target.approved += amount;
  else if (amountType === "AMENDED") target.amended += amount;
  else target.actual += amount;
}

export function rowName(
  level: BudgetDrillLevel,
  code: string,
  context: { codelist: Codelist; date: string; locale: Locale; side: BudgetSide; selection: SelectedBudgetData },
): string {
  const { codelist, date, locale, side } = context;
  if (code === UNCLASSIFIED_CODE) return codelist.name("PARAGRAF", "", date, locale);
  switch (level) {
    case "GROUP":
      return codelist.name(side === "EXPENDITURE" ? "PARAGRAF" : "POLOZKA", code, date, locale);
    case "PARAGRAF":
      return codelist.name("PARAGRAF", code, date, locale);
    case "POLOZKA":
      return codelist.name("POLOZKA", code, date, locale);
    case "ORG":
      return code || (locale === "cs" ? "Bez akce" : "No action");
    case "ORJ":
      return code || (locale === "cs" ? "Bez odboru (ORJ)" : "No department (ORJ)");
    case "ORGANISATION":
      return context.selection.organisations.find((o) => o.id === code)?.name ?? code;
  }
}

export async function drillBudget(
  ctx: Pick<Context, "db" | "viewer" | "clock" | "locale">,
  input: {
    view: BudgetView;
    path: BudgetDrillPath;
    by?: BudgetDrillBy | null;
    sort?: { field: BudgetSortField; descending: boolean } | null;
  },
): Promise<BudgetDrillResult> {
  const selection = await selectBudgetData(ctx, input.view);
  const by = input.by ?? "CLASSIFICATION";
  const level = levelOf(input.path, by);
  const result = await queryLevel(ctx, selection, input.path, level);
  const codelist = await loadBudgetCodelist(ctx.db);
  const date = codelistDate(selection);
  const naming = { codelist, date, locale: ctx.locale, side: input.path.side, selection };
  const rows: BudgetDrillRow[] = [...result.byCode].map(([code, amounts]) => ({
    code: level === "ORGANISATION" ? (selection.organisations.find((o) => o.id === code)?.code ?? code) : code,
    name: rowName(level, code, naming),
    ...amounts,
    executionPercent: percent(amounts.actual, amounts.amended),
    amendedChangePercent: amounts.approved === 0n ? null : percent(amounts.amended - amounts.approved, amounts.approved),
    sharePercent: percent(amounts.amended || amounts.approved, result.total.amended || result.total.approved),
    overspent: input.path.side === "EXPENDITURE" && amounts.actual > amounts.amended && amounts.amended > 0n,
  }));
  sortRows(rows, input.sort ?? { field: "CODE", descending: false });
  return { level, rows, total: result.total, selection };
}

/** Sums of one level: per code and in total (the rows always add up to the total). */
export async function queryLevel(
  ctx: Pick<Context, "db">,
  selection: SelectedBudgetData,
  path: BudgetDrillPath,
  level: BudgetDrillLevel,
): Promise<{ byCode: Map<string, BudgetAmounts>; total: BudgetAmounts }> {
  const byCode = new Map<string, BudgetAmounts>();
  const total: BudgetAmounts = { approved: 0n, amended: 0n, actual: 0n };
  if (selection.pairs.length === 0) return { byCode, total };
  const rows = await ctx.db.$queryRaw<{ code: string; amountType: string; amount: string }[]>(Prisma.sql`
    SELECT ${Prisma.raw(COLUMN[level])} AS "code", a."amountType"::text AS "amountType", SUM(a."amount")::text AS "amount"
    FROM "BudgetAggregate" a
    WHERE ${aggregateFilter(selection, path)}
    GROUP BY 1, 2`);
  for (const row of rows) {
    const amounts = byCode.get(row.code) ?? { approved: 0n, amended: 0n, actual: 0n };
    const amount = BigInt(row.amount);
    add(amounts, row.amountType, amount);
    add(total, row.amountType, amount);
    byCode.set(row.code, amounts);
  }
  return { byCode, total };
}

const rank = (code: string) => (code === UNCLASSIFIED_CODE || code === "" ? 1 : 0);

export function sortRows(rows: BudgetDrillRow[], sort: { field: BudgetSortField; descending: boolean }): void {
  const direction = sort.descending ? -1 : 1;
  const value = (row: BudgetDrillRow): number => {
    switch (sort.field) {
      case "APPROVED":
        return Number(row.approved);
      case "AMENDED":
        return Number(row.amended);
      case "ACTUAL":
        return Number(row.actual);
      case "EXECUTION":
        return row.executionPercent ?? -Infinity;
      default:
        return 0;
    }
  };
  rows.sort((a, b) => {
    // The unclassified bucket and lines without a code stay last, whatever the order.
    const byRank = rank(a.code) - rank(b.code);
    if (byRank !== 0) return byRank;
    if (sort.field === "CODE") return direction * a.code.localeCompare(b.code);
    return direction * (value(a) - value(b)) || a.code.localeCompare(b.code);
  });
}
