import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { CellValue } from "./czech-values.ts";

// Reads what accounting systems export: CSV (UTF-8 with or without BOM, UTF-16 with BOM, or
// windows-1250, the encoding Czech Windows software still writes; `;` or `,` or tab delimited) and
// XLSX (the first worksheet). The format is told by content, never by the file name.

export interface SheetRow {
  /** Line in a CSV file / row number in the worksheet, as the clerk sees it in their editor. */
  line: number;
  cells: CellValue[];
}

export interface Sheet {
  format: "CSV" | "XLSX";
  header: SheetRow;
  rows: SheetRow[];
}

export class UnreadableFileError extends Error {
  readonly messageKey:
    | "import.legacyXls"
    | "import.unsupportedFormat"
    | "import.malformedCsv"
    | "import.empty"
    | "import.tooManyRows"
    | "import.workbookTooLarge";
  readonly params: Record<string, string | number>;
  constructor(messageKey: UnreadableFileError["messageKey"], params: Record<string, string | number> = {}) {
    super(messageKey);
    this.messageKey = messageKey;
    this.params = params;
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** Reads a spreadsheet; `maxRows` data rows at most (more is an error, the file is not half-read). */
export async function readSpreadsheet(bytes: Uint8Array, maxRows: number): Promise<Sheet> {
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, maxRows);
  if (startsWith(bytes, OLE)) throw new UnreadableFileError("import.legacyXls");
  return readCsv(decodeText(bytes), maxRows);
}

export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return buffer.subarray(3).toString("utf8");
  if (startsWith(bytes, [0xff, 0xfe])) return iconv.decode(buffer.subarray(2), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return iconv.decode(buffer.subarray(2), "utf-16be");
  // Binary content (images, PDFs, executables) is not a CSV, whatever its name says.
  if (buffer.includes(0)) throw new UnreadableFileError("import.unsupportedFormat");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    // Not valid UTF-8: Czech Windows software writes windows-1250.
    return iconv.decode(buffer, "win1250");
  }
}

/** The delimiter that splits the header line into the most fields (quotes respected). */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  let best = ";";
  let bestCount = 0;
  for (const delimiter of [";", ",", "\t"]) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === delimiter && !quoted) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function readCsv(text: string, maxRows: number): Sheet {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // One row more than allowed is enough to know the file is too long.
      to: maxRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new UnreadableFileError("import.malformedCsv", { line: line ?? "?" });
  }
  const rows = records.map(({ record, info }) => ({
    // `info.lines` is where the record ends; a quoted value may span lines.
    line: info.lines - record.reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0),
    cells: record.map((value) => value.trim() as CellValue),
  }));
  return sheetOf("CSV", rows, maxRows);
}

/** An XLSX is a ZIP: what it unpacks to is bounded before exceljs inflates it (a small file may be a "zip bomb"). */
export const XLSX_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * The total uncompressed size the ZIP's central directory declares, or null when the directory is
 * missing or damaged. ZIP64 entries (sizes of 4 GiB and more) count as infinitely large.
 */
export function declaredUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end of the file.
  for (let eocd = bytes.length - 22; eocd >= Math.max(0, bytes.length - 22 - 0xffff); eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const entries = view.getUint16(eocd + 10, true);
    let offset = view.getUint32(eocd + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
      const size = view.getUint32(offset + 24, true);
      if (size === 0xffffffff) return Infinity;
      total += size;
      offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return total;
  }
  return null;
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<Sheet> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === null) throw new UnreadableFileError("import.unsupportedFormat");
  if (unpacked > XLSX_MAX_UNPACKED_BYTES)
    throw new UnreadableFileError("import.workbookTooLarge", { max: XLSX_MAX_UNPACKED_BYTES / 1024 / 1024 });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new UnreadableFileError("import.unsupportedFormat");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError("import.empty");
  if (sheet.actualRowCount > maxRows + 1) throw new UnreadableFileError("import.tooManyRows", { max: maxRows });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(xlsxValue(row.getCell(column).value));
    if (cells.some((cell) => cell !== null && cell !== "")) rows.push({ line: rowNumber, cells });
  });
  return sheetOf("XLSX", rows, maxRows);
}

/** exceljs cell values: plain values, formulas with cached results, rich text, hyperlinks, errors. */
function xlsxValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return xlsxValue((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("error" in value) return null;
  }
  return null;
}

function sheetOf(format: Sheet["format"], rows: SheetRow[], maxRows: number): Sheet {
  const [header, ...data] = rows;
  if (!header || data.length === 0) throw new UnreadableFileError("import.empty");
  if (data.length > maxRows) throw new UnreadableFileError("import.tooManyRows", { max: maxRows });
  return { format, header, rows: data };
}
