import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { TenantDb } from "../../db/tenant.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { REGISTER_COLUMNS, type ColumnDef } from "./register-columns.ts";
import { registerOrderBy, registerWhere, type RegisterFilter, type RegisterOrder } from "./register-filters.ts";
import { registerDelegate, type RegisterRow } from "./register-kinds.ts";

export const EXPORT_MAX_ROWS = 50_000;
export type ExportFormat = "csv" | "xlsx";

export interface ExportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export class ExportTooLargeError extends Error {
  constructor() {
    super(`More than ${EXPORT_MAX_ROWS} entries match; narrow the filter.`);
  }
}

const FILE_NAMES: Record<RegisterKind, string> = { CONTRACT: "smlouvy", INVOICE: "faktury", ORDER: "objednavky" };
const SHEET_NAMES: Record<RegisterKind, string> = { CONTRACT: "Smlouvy", INVOICE: "Faktury", ORDER: "Objednávky" };

/**
 * The published entries matching a public filter, as a file citizens open in a spreadsheet: the
 * columns and Czech headers are the import's, so an export can be imported again elsewhere.
 * CSV is what Excel in the Czech locale opens directly: UTF-8 with BOM, `;`, decimal comma,
 * d.m.yyyy dates. XLSX has typed cells (numbers, dates).
 */
export async function exportRegister(
  db: TenantDb,
  request: { kind: RegisterKind; format: ExportFormat; filter: RegisterFilter; order: RegisterOrder | null; today: string },
): Promise<ExportFile> {
  const { kind, format, today } = request;
  const rows = await registerDelegate(db, kind).findMany({
    where: registerWhere(kind, request.filter, { publishedOnly: true, today }),
    orderBy: registerOrderBy(kind, request.order),
    take: EXPORT_MAX_ROWS + 1,
    ...(kind === "INVOICE"
      ? { include: { contract: { select: { number: true, status: true } }, order: { select: { number: true, status: true } } } }
      : {}),
  });
  if (rows.length > EXPORT_MAX_ROWS) throw new ExportTooLargeError();
  const columns = REGISTER_COLUMNS[kind];
  const fileName = `${FILE_NAMES[kind]}-${today}.${format}`;
  if (format === "csv") {
    const records = rows.map((row) => columns.map((column) => csvCell(column, exportValue(column, row))));
    const text = stringify([columns.map((column) => column.header), ...records], {
      delimiter: ";",
      record_delimiter: "windows",
      bom: true,
    });
    return { body: Buffer.from(text, "utf8"), contentType: "text/csv; charset=utf-8", fileName };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Portál občana";
  const sheet = workbook.addWorksheet(SHEET_NAMES[kind], { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.field,
    width: column.type === "text" ? (column.field === "subject" ? 50 : 24) : 16,
    style: column.type === "amount" ? { numFmt: "#,##0.00" } : column.type === "date" ? { numFmt: "d.m.yyyy" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((column) => {
        const value = exportValue(column, row);
        if (value === null) return null;
        if (column.type === "amount") return Number(value as bigint) / 100;
        if (column.type === "date") return value as Date;
        return textCell(String(value));
      }),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
}

/** The value of a column in a row: amounts as haléře, dates as `@db.Date` values, linked numbers of public entries. */
function exportValue(column: ColumnDef, row: RegisterRow): unknown {
  if (column.field === "contractNumber" || column.field === "orderNumber") {
    const linked = row[column.field === "contractNumber" ? "contract" : "order"] as { number: string; status: string } | null;
    return linked && linked.status === "PUBLISHED" ? linked.number : null;
  }
  const value = row[column.field];
  return value === undefined ? null : value;
}

function csvCell(column: ColumnDef, value: unknown): string {
  if (value === null) return "";
  if (column.type === "amount") return formatCzechAmount(value as bigint);
  if (column.type === "date") return czechDate(value as Date);
  return textCell(String(value));
}

/** 123450n -> "1234,50": a decimal comma and no thousands separator, so Excel reads a number. */
function formatCzechAmount(minor: bigint): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n},${String(abs % 100n).padStart(2, "0")}`;
}

function czechDate(value: Date): string {
  const [year, month, day] = fromDateColumn(value).split("-");
  return `${Number(day)}.${Number(month)}.${year}`;
}

/**
 * CSV/formula injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or a tab or
 * carriage return that precedes one) as a formula. A leading apostrophe makes it plain text.
 */
export function textCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
