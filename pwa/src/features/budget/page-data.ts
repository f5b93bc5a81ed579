import type { BudgetRow } from "./rows.ts";

/** Amounts of one side or of a level's total. */
export interface AmountSet {
  approved: `${number}`;
  amended: `${number}`;
  actual: `${number}`;
  executionPercent: number | null;
  compareActual?: `${number}` | null;
}

export interface PathStep {
  level: "group" | "paragraf" | "polozka" | "key" | "org";
  code: string;
  name: string;
}

export interface BudgetDocument {
  id: string;
  documentNumber: string | null;
  documentType: string | null;
  counterpartyIco: string | null;
  amountType: "APPROVED" | "AMENDED" | "ACTUAL";
  amount: `${number}`;
  /** The invoice of the registers this line was paid from, when the document number links one. */
  invoiceId: string | null;
  invoiceLabel: string | null;
}

export interface BudgetMeasureView {
  id: string;
  number: string;
  title: string;
  approvedBy: string;
  approvedOn: string;
  organisation: string;
  /** The measure's items added up: how much it moved the budget. */
  change: `${number}`;
}

/** Everything the budget page shows for one view, whatever the API calls it. */
export interface BudgetPageData {
  year: number;
  /** The month the shown state is as of. */
  month: number;
  publishedYears: readonly number[];
  months: readonly number[];
  organisations: ReadonlyArray<{ code: string; name: string }>;
  publishedAt: string | null;
  summary: { revenue: AmountSet; expenditure: AmountSet; financing: AmountSet; balance: AmountSet };
  path: readonly PathStep[];
  /** The month the comparison year's figures are as of (its latest published, unless a month is chosen). */
  compareAsOfMonth: number | null;
  rows: readonly BudgetRow[];
  total: AmountSet;
  /** Documents under the chosen položka (or action); null above that level. */
  documents: readonly BudgetDocument[] | null;
  documentCount: number | null;
  measures: readonly BudgetMeasureView[];
  /** Every published version of the year's data, newest first. */
  versions: ReadonlyArray<{ id: string; publishedAt: string; month: number; version: number; organisation: string }>;
}
