import { firstLevelGroup, isConsolidationTransfer, sideOfItem, type BudgetSide } from "./classification.ts";
import type { Codelist, CodelistKind } from "./codelists.ts";

/**
 * The drill-down over budget lines, as a pure function: the reference the database's precomputed
 * aggregates are tested against, and what a small town's data can be served from directly.
 *
 * Each line carries an explicit amount type; approved, amended and actual are summed separately and never
 * added together. Lines are snapshots: the accounting system reports the year to date per month, so a
 * year's state "as of" a month is that month's lines (the latest month each organisation reported, unless
 * a month is asked for) - never a sum over months.
 *
 * Drill path: side → group (expenditure: the paragraf's first two digits, the oddíl; revenue and financing:
 * the položka's first two, the seskupení) → paragraf → položka → ORG (action/project). Codes the codelist
 * does not know are summed into one "unclassified" row per level, so every level's rows add up to its total.
 */

export type AmountType = "APPROVED" | "AMENDED" | "ACTUAL";

export interface BudgetLine {
  year: number;
  /** 1-12: the month this year-to-date snapshot is for. */
  month: number;
  amountType: AmountType;
  paragraf: string;
  polozka: string;
  orj?: string | null;
  org?: string | null;
  /** Účelový znak. */
  uz?: string | null;
  organisation?: string | null;
  /** Haléře, in the sign convention of classification.ts. */
  amount: number;
}

export interface Amounts {
  approved: number;
  amended: number;
  actual: number;
}

export type DrillLevel = "GROUP" | "PARAGRAF" | "POLOZKA" | "ORG";

export interface DrillPath {
  side: BudgetSide;
  group?: string;
  paragraf?: string;
  polozka?: string;
}

export interface DrillRow extends Amounts {
  /** The code at this level, or null for the unclassified bucket (and for lines without an ORG). */
  code: string | null;
  name: string;
  /** actual / amended, as a percentage with one decimal; null when nothing is amended. */
  executionPercent: number | null;
  /** Expenditure over its amended budget (or revenue under it is not flagged). */
  overspent: boolean;
}

export interface DrillResult {
  level: DrillLevel;
  rows: DrillRow[];
  total: Amounts;
}

export const UNCLASSIFIED_CODE = "UNCLASSIFIED";

const zero = (): Amounts => ({ approved: 0, amended: 0, actual: 0 });

function add(target: Amounts, line: BudgetLine): void {
  if (line.amountType === "APPROVED") target.approved += line.amount;
  else if (line.amountType === "AMENDED") target.amended += line.amount;
  else target.actual += line.amount;
}

/** The latest month each organisation reported for the year (or the given month), per amount type. */
export function snapshot(lines: readonly BudgetLine[], year: number, month?: number): BudgetLine[] {
  const inYear = lines.filter((l) => l.year === year && (month === undefined || l.month <= month));
  const latest = new Map<string, number>();
  for (const l of inYear) {
    const key = `${l.organisation ?? ""}|${l.amountType}`;
    latest.set(key, Math.max(latest.get(key) ?? 0, l.month));
  }
  return inYear.filter((l) => latest.get(`${l.organisation ?? ""}|${l.amountType}`) === l.month);
}

function nextLevel(path: DrillPath): DrillLevel {
  if (path.polozka !== undefined) return "ORG";
  if (path.paragraf !== undefined) return "POLOZKA";
  if (path.group !== undefined) return path.side === "EXPENDITURE" ? "PARAGRAF" : "POLOZKA";
  return "GROUP";
}

export function drillDown(
  lines: readonly BudgetLine[],
  path: DrillPath,
  options: { codelist: Codelist; date: string; locale: "cs" | "en"; consolidated?: boolean },
): DrillResult {
  const { codelist, date, locale } = options;
  const known = (kind: CodelistKind, code: string) => codelist.lookup(kind, code, date) !== null;
  const groupOf = (l: BudgetLine) => {
    const code = firstLevelGroup(path.side, l);
    return known(path.side === "EXPENDITURE" ? "PARAGRAF" : "POLOZKA", code) ? code : UNCLASSIFIED_CODE;
  };
  const paragrafOf = (l: BudgetLine) => (known("PARAGRAF", l.paragraf) ? l.paragraf : UNCLASSIFIED_CODE);
  const polozkaOf = (l: BudgetLine) => (known("POLOZKA", l.polozka) ? l.polozka : UNCLASSIFIED_CODE);

  const selected = lines.filter(
    (l) =>
      sideOfItem(l.polozka) === path.side &&
      !(options.consolidated && isConsolidationTransfer(l)) &&
      (path.group === undefined || groupOf(l) === path.group) &&
      (path.paragraf === undefined || paragrafOf(l) === path.paragraf) &&
      (path.polozka === undefined || polozkaOf(l) === path.polozka),
  );
  const level = nextLevel(path);
  const keyOf: (l: BudgetLine) => string | null =
    level === "GROUP" ? groupOf : level === "PARAGRAF" ? paragrafOf : level === "POLOZKA" ? polozkaOf : (l) => l.org ?? null;
  const kind: CodelistKind = level === "PARAGRAF" || (level === "GROUP" && path.side === "EXPENDITURE") ? "PARAGRAF" : "POLOZKA";

  const total = zero();
  const byKey = new Map<string | null, Amounts>();
  for (const line of selected) {
    add(total, line);
    const key = keyOf(line);
    const amounts = byKey.get(key) ?? zero();
    add(amounts, line);
    byKey.set(key, amounts);
  }
  const rows: DrillRow[] = [...byKey].map(([key, amounts]) => {
    const code = key === UNCLASSIFIED_CODE ? null : key;
    const name =
      level === "ORG"
        ? (code ?? (locale === "cs" ? "Bez akce" : "No action"))
        : code === null
          ? codelist.name(kind, "", date, locale)
          : codelist.name(kind, code, date, locale);
    return {
      code: key === UNCLASSIFIED_CODE ? UNCLASSIFIED_CODE : code,
      name,
      ...amounts,
      executionPercent: amounts.amended === 0 ? null : Math.round((amounts.actual / amounts.amended) * 1000) / 10,
      overspent: path.side === "EXPENDITURE" && amounts.actual > amounts.amended,
    };
  });
  // By code; the unclassified bucket and lines without an action last.
  rows.sort((a, b) => rank(a.code) - rank(b.code) || (a.code ?? "").localeCompare(b.code ?? ""));
  return { level, rows, total };
}

function rank(code: string | null): number {
  return code === null || code === UNCLASSIFIED_CODE ? 1 : 0;
}

export interface BudgetSummary {
  revenue: Amounts;
  expenditure: Amounts;
  financing: Amounts;
  /** revenue − expenditure, per amount type; financing covers it: balance + financing = 0 when balanced. */
  balance: Amounts;
  /** Lines whose položka has no valid class (0, 7, 9 or malformed): reported, never silently dropped. */
  unclassified: Amounts;
}

export function summarize(lines: readonly BudgetLine[], options: { consolidated?: boolean } = {}): BudgetSummary {
  const sums = { REVENUE: zero(), EXPENDITURE: zero(), FINANCING: zero() };
  const unclassified = zero();
  for (const line of lines) {
    if (options.consolidated && isConsolidationTransfer(line)) continue;
    const side = sideOfItem(line.polozka);
    add(side ? sums[side] : unclassified, line);
  }
  const balance = {
    approved: sums.REVENUE.approved - sums.EXPENDITURE.approved,
    amended: sums.REVENUE.amended - sums.EXPENDITURE.amended,
    actual: sums.REVENUE.actual - sums.EXPENDITURE.actual,
  };
  return { revenue: sums.REVENUE, expenditure: sums.EXPENDITURE, financing: sums.FINANCING, balance, unclassified };
}
