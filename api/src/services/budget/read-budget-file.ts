import { normalizeHeader, readBudgetRows, type BudgetImportResult } from "../../domain/budget/import-rows.ts";
import type { Codelist } from "../../domain/budget/codelists.ts";
import { readKxx } from "../../domain/budget/read-kxx.ts";
import { cellText } from "../registers/czech-values.ts";
import { decodeText, readSpreadsheet } from "../registers/read-spreadsheet.ts";

export type BudgetFileFormat = "CSV" | "XLSX" | "KXX";

export interface ReadBudgetFile extends BudgetImportResult {
  format: BudgetFileFormat;
  /** Lines of the source that are no budget lines (KXX balance-sheet postings). */
  skippedLines: number;
}

const YEAR_HEADERS = ["rok", "year", "obdobirok"];
const MONTH_HEADERS = ["mesic", "month", "obdobi", "period"];

/**
 * One import contract, three adapters, told by content (never by the file name): KXX (a journal starting
 * with its "5/@" header, windows-1250), XLSX (a zip) and CSV (UTF-8 or windows-1250, with column aliases).
 * The period comes from the file when it says it, otherwise from the upload's year and month.
 */
export async function readBudgetFile(
  bytes: Uint8Array,
  options: { codelist: Codelist; year: number; month: number; maxRows: number; financingSign?: "AS_FIN" | "INVERTED" },
): Promise<ReadBudgetFile> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!isZip) {
    const text = decodeText(bytes);
    if (/^\s*5\/@/.test(text)) return { format: "KXX", ...readKxx(text, { codelist: options.codelist }) };
  }
  const sheet = await readSpreadsheet(bytes, options.maxRows);
  const header = sheet.header.cells.map((cell) => normalizeHeader(cellText(cell)));
  const rows = [sheet.header.cells, ...sheet.rows.map((row) => row.cells)];
  const result = readBudgetRows(rows, {
    codelist: options.codelist,
    ...(header.some((h) => YEAR_HEADERS.includes(h)) ? {} : { year: options.year }),
    ...(header.some((h) => MONTH_HEADERS.includes(h)) ? {} : { month: options.month }),
    financingSign: options.financingSign ?? "AS_FIN",
  });
  // Report rows by the line the clerk sees in their editor (blank lines and a title row shift CSV lines).
  const lineOf = new Map<number, number>([[1, sheet.header.line], ...sheet.rows.map((row, i) => [i + 2, row.line] as [number, number])]);
  for (const issue of result.issues) issue.row = lineOf.get(issue.row) ?? issue.row;
  for (const line of result.lines) line.row = lineOf.get(line.row) ?? line.row;
  return { format: sheet.format, ...result, skippedLines: 0 };
}
