/**
 * Rozpočtová skladba (the national budget classification, vyhláška č. 412/2021 Sb.): what a paragraf
 * (sector, 4 digits) and a položka (economic item, 4 digits) say about a budget line.
 *
 * - The položka's class (its first digit) says what the money is: 1 tax revenue, 2 non-tax revenue,
 *   3 capital revenue, 4 transfers received (revenue, classes 1-4); 5 current and 6 capital expenditure
 *   (classes 5-6); 8 financing (how the balance is financed: bank balance changes, loans). Class 7 is not
 *   used by towns. The type of an AMOUNT (approved / amended / actual) is never derived from a code.
 * - Drill-down groups: expenditure by the paragraf's first digit (skupina) then its first two (oddíl);
 *   revenue by the položka's first two digits (seskupení); financing by položka.
 * - One sign convention throughout: revenue and expenditure are positive amounts as budgeted; financing is
 *   positive when it brings money into the budget (a loan drawn, savings used: 8115 positive means the bank
 *   balance went down) and negative when it takes money out (a loan repaid, savings made). Then
 *   revenue − expenditure + financing = 0 for a balanced budget, which tests check per source format.
 */

export type BudgetSide = "REVENUE" | "EXPENDITURE" | "FINANCING";

const CODE = /^\d{4}$/;

export function isBudgetCode(value: string): boolean {
  return CODE.test(value);
}

/** The side of the budget a položka belongs to; null for a code that is not a valid class (0, 7, 9). */
export function sideOfItem(polozka: string): BudgetSide | null {
  if (!CODE.test(polozka)) return null;
  const cls = polozka[0]!;
  if (cls >= "1" && cls <= "4") return "REVENUE";
  if (cls === "5" || cls === "6") return "EXPENDITURE";
  if (cls === "8") return "FINANCING";
  return null;
}

/** Capital (investment) expenditure: class 6. */
export function isCapitalExpenditure(polozka: string): boolean {
  return CODE.test(polozka) && polozka[0] === "6";
}

/**
 * The drill path's first level for a line: for expenditure the paragraf's oddíl (2 digits), for revenue the
 * položka's seskupení (2 digits), for financing the položka's seskupení. Revenue lines often carry paragraf
 * 0000 (taxes belong to no sector), so grouping revenue by paragraf would put most of it in one bucket.
 */
export function firstLevelGroup(side: BudgetSide, line: { paragraf: string; polozka: string }): string {
  return side === "EXPENDITURE" ? line.paragraf.slice(0, 2) : line.polozka.slice(0, 2);
}

/** The level above: the skupina (1st digit of paragraf) or třída (1st digit of položka). */
export function topLevelGroup(side: BudgetSide, line: { paragraf: string; polozka: string }): string {
  return side === "EXPENDITURE" ? line.paragraf.slice(0, 1) : line.polozka.slice(0, 1);
}

/**
 * Consolidation items (převody vlastním fondům and transfers between a town's own accounts) that a
 * consolidated view leaves out on both sides: revenue 4134 (převody z rozpočtových účtů) and 4139
 * (převody z vlastních fondů), expenditure 5345/5349 (převody vlastním rozpočtovým účtům / vlastním
 * fondům) and paragraf 6330 (převody vlastním fondům v rozpočtech územní úrovně).
 */
export function isConsolidationTransfer(line: { paragraf: string; polozka: string }): boolean {
  return line.paragraf === "6330" || ["4134", "4139", "5345", "5349"].includes(line.polozka);
}
