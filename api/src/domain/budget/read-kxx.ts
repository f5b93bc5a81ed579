import { sideOfItem } from "./classification.ts";
import type { Codelist } from "./codelists.ts";
import type { BudgetImportIssue, BudgetImportResult, ImportedBudgetLine } from "./import-rows.ts";

/**
 * KXX, the fixed-width text export of the accounting journal that GINIS and VERA write (windows-1250; the
 * caller decodes it). Records, one per line, told by their first three characters:
 *
 *   5/@ IČO(8) rok(4) měsíc(2) ...                  file header: whose journal, which period (year to date)
 *   6/@ den(2) číslo dokladu(12) typ dokladu(3) ... document header: the lines below belong to it
 *   G/@ SÚ(3) AÚ(4) paragraf(4) položka(4) ÚZ(9) ORJ(10) ORG(13) MD(18) DAL(18)
 *                                                   a journal line; amounts are haléře, 17 digits and a sign
 *   G/# text                                        the line's description (kept out of the public data)
 *
 * Only lines carrying a budget položka (classes 1-6 and 8) are budget lines; the rest (balance-sheet
 * postings with položka 0000) are counted as skipped. The amount type is ACTUAL: a journal records what
 * happened, never a budget. Signs follow the money on the bank account: revenue and financing are MD − DAL
 * (money coming in is positive, a loan repaid is negative financing), expenditure is DAL − MD (a refund
 * lowers it), which is the convention of classification.ts.
 */
export interface KxxResult extends BudgetImportResult {
  ico: string | null;
  year: number | null;
  month: number | null;
  skippedLines: number;
}

const AMOUNT = /^\d{17}[+-]$/;

function amountOf(text: string): bigint | null {
  const value = text.replace(/ /g, "0");
  if (!AMOUNT.test(value)) return null;
  const digits = BigInt(value.slice(0, 17));
  return value.endsWith("-") ? -digits : digits;
}

export function readKxx(text: string, options: { codelist: Codelist; organisation?: string | null }): KxxResult {
  const issues: BudgetImportIssue[] = [];
  const lines: ImportedBudgetLine[] = [];
  let ico: string | null = null;
  let year: number | null = null;
  let month: number | null = null;
  let documentNumber: string | null = null;
  let documentType: string | null = null;
  let skippedLines = 0;
  const records = text.split(/\r?\n/);
  records.forEach((record, index) => {
    const row = index + 1;
    if (record.trim() === "") return;
    const tag = record.slice(0, 3);
    if (tag === "5/@") {
      ico = record.slice(3, 11).trim() || null;
      year = Number(record.slice(11, 15));
      month = Number(record.slice(15, 17));
      if (!Number.isInteger(year) || year < 1990 || year > 2100)
        issues.push({ row, column: "year", code: "budget.badPeriod", severity: "error", value: record.slice(11, 15) });
      if (!Number.isInteger(month) || month < 1 || month > 12)
        issues.push({ row, column: "month", code: "budget.badPeriod", severity: "error", value: record.slice(15, 17) });
      return;
    }
    if (tag === "6/@") {
      documentNumber = record.slice(5, 17).trim() || null;
      documentType = record.slice(17, 20).trim() || null;
      return;
    }
    if (tag === "G/#") return;
    if (tag !== "G/@") {
      issues.push({ row, column: null, code: "budget.badRecord", severity: "error", value: record.slice(0, 20) });
      return;
    }
    const field = (from: number, length: number) => record.slice(3 + from, 3 + from + length);
    const paragraf = field(7, 4);
    const polozka = field(11, 4);
    const uz = field(15, 9).trim() || null;
    const orj = field(24, 10).trim() || null;
    const org = field(34, 13).trim() || null;
    const md = amountOf(field(47, 18));
    const dal = amountOf(field(65, 18));
    const before = issues.length;
    if (!/^\d{4}$/.test(paragraf))
      issues.push({ row, column: "paragraf", code: "budget.badCode", severity: "error", value: paragraf.trim() || null });
    if (!/^\d{4}$/.test(polozka))
      issues.push({ row, column: "polozka", code: "budget.badCode", severity: "error", value: polozka.trim() || null });
    if (md === null) issues.push({ row, column: "md", code: "budget.badAmount", severity: "error", value: field(47, 18).trim() || null });
    if (dal === null) issues.push({ row, column: "dal", code: "budget.badAmount", severity: "error", value: field(65, 18).trim() || null });
    if (issues.length > before) return;
    const side = sideOfItem(polozka);
    if (!side) {
      skippedLines += 1;
      return;
    }
    if (year === null || month === null) {
      issues.push({ row, column: null, code: "budget.missingHeader", severity: "error", value: null });
      return;
    }
    const date = `${year}-${String(month).padStart(2, "0")}-01`;
    if (paragraf !== "0000" && !options.codelist.lookup("PARAGRAF", paragraf, date)) {
      issues.push({ row, column: "paragraf", code: "budget.unknownCode", severity: "warning", value: paragraf });
    }
    if (!options.codelist.lookup("POLOZKA", polozka, date)) {
      issues.push({ row, column: "polozka", code: "budget.unknownCode", severity: "warning", value: polozka });
    }
    const amount = side === "EXPENDITURE" ? dal! - md! : md! - dal!;
    lines.push({
      row,
      year,
      month,
      amountType: "ACTUAL",
      paragraf,
      polozka,
      orj,
      org,
      uz,
      organisation: options.organisation ?? null,
      amount: Number(amount),
      documentNumber,
      documentType,
      counterpartyIco: null,
    });
  });
  if (year === null) issues.push({ row: 1, column: null, code: "budget.missingHeader", severity: "error", value: null });
  return { layout: "LONG", lines, issues, ico, year, month, skippedLines };
}
