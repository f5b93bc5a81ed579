import { isValidIco } from "@portal/forms";
import { parseCzechAmount, cellText, type CellValue } from "../../services/registers/czech-values.ts";
import { sideOfItem } from "./classification.ts";
import type { Codelist } from "./codelists.ts";
import type { AmountType, BudgetLine } from "./drill-down.ts";

/**
 * One import contract for budget data, whatever the source: rows of cells (from CSV, XLSX or a fixed-width
 * export, decoded by the caller) with a header row. Two layouts are recognised from the header:
 *
 * - LONG: one amount per row with an explicit type column (SR/UR/SKUT, schválený/upravený/skutečnost,
 *   APPROVED/AMENDED/ACTUAL), as accounting systems' exports have it;
 * - WIDE: the FIN 2-12 M statement's columns "schválený rozpočet", "rozpočet po změnách" and "výsledek od
 *   počátku roku" on one row, read as up to three lines.
 *
 * Column names are matched by alias, case- and diacritics-insensitively. Every problem is reported with its
 * row (1-based, the header is row 1) and column at once; errors keep the row out, warnings (a code the
 * codelist does not know) keep it in - it is summed under "Nezařazeno". The type of an amount is never
 * inferred from a code. Financing (class 8) follows FIN 2-12 M's sign (positive = money into the budget);
 * a source that writes it the other way round is read with `financingSign: "INVERTED"`.
 */

export type BudgetImportCode =
  | "budget.missingColumn"
  | "budget.badCode"
  | "budget.badAmount"
  | "budget.badType"
  | "budget.badPeriod"
  | "budget.badIco"
  | "budget.unknownCode"
  | "budget.noClass"
  | "budget.tooLong"
  | "budget.badRecord"
  | "budget.missingHeader"
  | "budget.periodMismatch"
  | "budget.otherOrganisation"
  | "budget.noLines";

export interface BudgetImportIssue {
  row: number;
  column: string | null;
  code: BudgetImportCode;
  severity: "error" | "warning";
  value: string | null;
}

export interface ImportedBudgetLine extends BudgetLine {
  row: number;
  documentNumber: string | null;
  documentType: string | null;
  counterpartyIco: string | null;
}

export interface BudgetImportOptions {
  codelist: Codelist;
  /** Used when the file has no year / month column. */
  year?: number;
  month?: number;
  /** Who the lines belong to, when the file has no organisation column. */
  organisation?: string | null;
  financingSign?: "AS_FIN" | "INVERTED";
  /** Text cells longer than this are refused (document numbers, ORG). */
  maxTextLength?: number;
}

export interface BudgetImportResult {
  layout: "LONG" | "WIDE";
  lines: ImportedBudgetLine[];
  issues: BudgetImportIssue[];
}

type Field =
  | "year"
  | "month"
  | "paragraf"
  | "polozka"
  | "orj"
  | "org"
  | "uz"
  | "organisation"
  | "type"
  | "amount"
  | "approved"
  | "amended"
  | "actual"
  | "documentNumber"
  | "documentType"
  | "counterpartyIco";

const ALIASES: Record<Field, string[]> = {
  year: ["rok", "year", "obdobirok"],
  month: ["mesic", "month", "obdobi", "period"],
  paragraf: ["paragraf", "par", "odpa", "paragraph"],
  polozka: ["polozka", "pol", "item", "polozkarozpoctoveskladby"],
  orj: ["orj", "odbor", "department"],
  org: ["org", "akce", "orgakce", "organizace", "project", "action"],
  uz: ["uz", "ucelovyznak", "purposecode"],
  organisation: ["icoorganizace", "subjekt", "organisation", "organization", "jednotka"],
  type: ["typ", "druh", "type", "typcastky", "amounttype"],
  amount: ["castka", "amount", "kc", "hodnota", "value"],
  approved: ["schvalenyrozpocet", "schvaleny", "rs", "approved", "sr"],
  amended: ["rozpocetpozmenach", "upravenyrozpocet", "upraveny", "ur", "amended", "rpz"],
  actual: ["vysledekodpocatkuroku", "skutecnost", "vysledek", "actual", "cerpani", "plneni"],
  documentNumber: ["doklad", "cislodokladu", "documentnumber", "document"],
  documentType: ["typdokladu", "druhdokladu", "documenttype"],
  counterpartyIco: ["ico", "icopartnera", "counterpartyico", "dodavatelico", "partnerico"],
};

const TYPES: Record<string, AmountType> = {
  sr: "APPROVED",
  schvaleny: "APPROVED",
  schvalenyrozpocet: "APPROVED",
  approved: "APPROVED",
  ur: "AMENDED",
  upraveny: "AMENDED",
  upravenyrozpocet: "AMENDED",
  rozpocetpozmenach: "AMENDED",
  amended: "AMENDED",
  skut: "ACTUAL",
  skutecnost: "ACTUAL",
  cerpani: "ACTUAL",
  plneni: "ACTUAL",
  actual: "ACTUAL",
  vysledek: "ACTUAL",
};

export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const FOUR_DIGITS = /^\d{4}$/;

function code4(cell: CellValue): string | null {
  const text = cellText(cell).replace(/\s/g, "");
  if (/^\d{1,4}$/.test(text)) return text.padStart(4, "0"); // XLSX drops leading zeros ("0000" → 0)
  return FOUR_DIGITS.test(text) ? text : null;
}

export function readBudgetRows(rows: readonly (readonly CellValue[])[], options: BudgetImportOptions): BudgetImportResult {
  const issues: BudgetImportIssue[] = [];
  const lines: ImportedBudgetLine[] = [];
  const header = (rows[0] ?? []).map((cell) => normalizeHeader(cellText(cell)));
  const column = new Map<Field, number>();
  for (const [field, aliases] of Object.entries(ALIASES) as [Field, string[]][]) {
    const index = header.findIndex((h) => aliases.map(normalizeHeader).includes(h));
    if (index >= 0) column.set(field, index);
  }
  const wide = column.has("approved") || column.has("amended") || column.has("actual");
  const layout = wide && !column.has("amount") ? "WIDE" : "LONG";
  const required: Field[] = ["paragraf", "polozka", ...(layout === "LONG" ? (["type", "amount"] as Field[]) : [])];
  if (options.year === undefined) required.push("year");
  if (options.month === undefined) required.push("month");
  const missing = required.filter((f) => !column.has(f));
  if (missing.length) {
    for (const field of missing) issues.push({ row: 1, column: field, code: "budget.missingColumn", severity: "error", value: null });
    return { layout, lines, issues };
  }
  const maxText = options.maxTextLength ?? 100;
  const cell = (row: readonly CellValue[], field: Field): CellValue => (column.has(field) ? (row[column.get(field)!] ?? null) : null);
  const text = (row: readonly CellValue[], field: Field, rowNumber: number): string | null => {
    const value = cellText(cell(row, field));
    if (value.length > maxText) {
      issues.push({ row: rowNumber, column: field, code: "budget.tooLong", severity: "error", value: value.slice(0, 20) });
      return null;
    }
    return value || null;
  };

  rows.slice(1).forEach((row, i) => {
    const rowNumber = i + 2;
    if (row.every((c) => cellText(c) === "")) return;
    // Only errors are reported before the check below (warnings come after it), so the count of issues tells
    // whether this row had one; counting errors over all issues would be quadratic in a file full of warnings.
    const issuesBefore = issues.length;
    const fail = (col: Field, code: BudgetImportCode, value: CellValue) =>
      issues.push({ row: rowNumber, column: col, code, severity: "error", value: cellText(value).slice(0, 40) || null });

    const paragraf = code4(cell(row, "paragraf"));
    if (!paragraf) fail("paragraf", "budget.badCode", cell(row, "paragraf"));
    const polozka = code4(cell(row, "polozka"));
    if (!polozka) fail("polozka", "budget.badCode", cell(row, "polozka"));
    else if (!sideOfItem(polozka)) fail("polozka", "budget.noClass", polozka);

    const year = options.year ?? Number(cellText(cell(row, "year")));
    if (!Number.isInteger(year) || year < 1990 || year > 2100) fail("year", "budget.badPeriod", cell(row, "year"));
    const month = options.month ?? Number(cellText(cell(row, "month")));
    if (!Number.isInteger(month) || month < 1 || month > 12) fail("month", "budget.badPeriod", cell(row, "month"));

    const icoText = text(row, "counterpartyIco", rowNumber);
    const counterpartyIco = icoText ? icoText.padStart(8, "0") : null;
    if (counterpartyIco && !isValidIco(counterpartyIco)) fail("counterpartyIco", "budget.badIco", icoText);

    const amounts: [AmountType, Field, CellValue][] = [];
    if (layout === "WIDE") {
      for (const [type, field] of [
        ["APPROVED", "approved"],
        ["AMENDED", "amended"],
        ["ACTUAL", "actual"],
      ] as const) {
        if (column.has(field) && cellText(cell(row, field)) !== "") amounts.push([type, field, cell(row, field)]);
      }
    } else {
      const type = TYPES[normalizeHeader(cellText(cell(row, "type")))];
      if (!type) fail("type", "budget.badType", cell(row, "type"));
      else amounts.push([type, "amount", cell(row, "amount")]);
    }
    const parsed: [AmountType, number][] = [];
    for (const [type, field, value] of amounts) {
      const result = parseCzechAmount(value);
      if (!result.ok) fail(field, "budget.badAmount", value);
      else parsed.push([type, Number(result.value)]);
    }
    const orj = text(row, "orj", rowNumber);
    const org = text(row, "org", rowNumber);
    const uz = text(row, "uz", rowNumber);
    const organisation = text(row, "organisation", rowNumber) ?? options.organisation ?? null;
    const documentNumber = text(row, "documentNumber", rowNumber);
    const documentType = text(row, "documentType", rowNumber);
    if (issues.length > issuesBefore) return;

    const date = `${year}-${String(month).padStart(2, "0")}-01`;
    if (!options.codelist.lookup("PARAGRAF", paragraf!, date) && paragraf !== "0000") {
      issues.push({ row: rowNumber, column: "paragraf", code: "budget.unknownCode", severity: "warning", value: paragraf });
    }
    if (!options.codelist.lookup("POLOZKA", polozka!, date)) {
      issues.push({ row: rowNumber, column: "polozka", code: "budget.unknownCode", severity: "warning", value: polozka });
    }
    const flip = options.financingSign === "INVERTED" && sideOfItem(polozka!) === "FINANCING" ? -1 : 1;
    for (const [amountType, amount] of parsed) {
      lines.push({
        row: rowNumber,
        year,
        month,
        amountType,
        paragraf: paragraf!,
        polozka: polozka!,
        orj,
        org,
        uz,
        organisation,
        amount: amount * flip,
        documentNumber,
        documentType,
        counterpartyIco,
      });
    }
  });
  return { layout, lines, issues };
}
