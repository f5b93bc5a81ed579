import { stringify } from "csv-stringify/sync";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import ExcelJS from "exceljs";
import type { Locale } from "../../i18n/messages.ts";
import { renderPdf } from "../../lib/pdf.ts";
import { textCell } from "../registers/export-register.ts";
import type { BudgetTable, TableColumn, TableValue } from "./budget-table.ts";

export type BudgetExportFormat = "csv" | "json" | "xlsx" | "pdf" | "docx";

export interface RenderedFile {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<BudgetExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Haléře as "1234,50" (CSV for Czech Excel: decimal comma, no thousands separator) or "1234.50" (JSON). */
function decimal(minor: bigint, separator: "," | "."): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}${separator}${String(abs % 100n).padStart(2, "0")}`;
}

/** For people (pdf, docx): "1 234 567,50 Kč"-style grouping, a percent with a comma. */
function display(column: TableColumn, value: TableValue, locale: Locale): string {
  if (value === null || value === undefined) return "";
  if (column.kind === "money") {
    const minor = value as bigint;
    const text = decimal(minor, locale === "cs" ? "," : ".");
    const [whole, fraction] = text.split(/[,.]/);
    const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "cs" ? "\u00a0" : ",");
    return `${grouped}${locale === "cs" ? "," : "."}${fraction}`;
  }
  if (column.kind === "percent") return `${String(value).replace(".", locale === "cs" ? "," : ".")} %`;
  if (column.kind === "flag") return value ? (locale === "cs" ? "ano" : "yes") : "";
  return String(value);
}

export async function renderBudgetTable(table: BudgetTable, format: BudgetExportFormat, locale: Locale, now: Date): Promise<RenderedFile> {
  const contentType = CONTENT_TYPES[format];
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  switch (format) {
    case "json": {
      const json = (row: Record<string, TableValue>) =>
        Object.fromEntries(
          table.columns.map((c) => {
            const v = row[c.key] ?? null;
            return [c.key, c.kind === "money" && v !== null ? decimal(v as bigint, ".") : v];
          }),
        );
      const body = JSON.stringify(
        {
          title: table.title,
          subtitle: table.subtitle,
          meta: table.meta,
          columns: table.columns,
          rows: table.rows.map(json),
          total: table.total ? json(table.total) : null,
        },
        null,
        2,
      );
      return { body: Buffer.from(body, "utf8"), contentType };
    }
    case "csv": {
      const cell = (c: TableColumn, v: TableValue) => {
        if (v === null || v === undefined) return "";
        if (c.kind === "money") return decimal(v as bigint, ",");
        if (c.kind === "percent") return String(v).replace(".", ",");
        if (c.kind === "flag") return v ? "1" : "0";
        return textCell(String(v));
      };
      const text = stringify(
        [table.columns.map((c) => c.header), ...rows.map((r) => table.columns.map((c) => cell(c, r[c.key] ?? null)))],
        {
          delimiter: ";",
          record_delimiter: "windows",
          bom: true,
        },
      );
      return { body: Buffer.from(text, "utf8"), contentType };
    }
    case "xlsx": {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = "Portál občana";
      const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "), {
        views: [{ state: "frozen", ySplit: 1 }],
      });
      sheet.columns = table.columns.map((c) => ({
        header: c.header,
        key: c.key,
        width: c.key === "name" ? 50 : c.kind === "money" ? 20 : 14,
        style: c.kind === "money" ? { numFmt: "#,##0.00" } : c.kind === "percent" ? { numFmt: "0.0" } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      for (const row of rows) {
        sheet.addRow(
          table.columns.map((c) => {
            const v = row[c.key] ?? null;
            if (v === null) return null;
            if (c.kind === "money") return Number(v as bigint) / 100;
            if (c.kind === "flag") return v ? 1 : 0;
            if (c.kind === "percent") return v as number;
            return textCell(String(v));
          }),
        );
      }
      if (table.total) sheet.getRow(sheet.rowCount).font = { bold: true };
      return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType };
    }
    case "pdf": {
      const body = await renderPdf(locale, { title: table.title, author: "Portál občana", now }, (doc) => {
        doc.font("bold").fontSize(14).text(table.title);
        doc.font("regular").fontSize(9).fillColor("#444").text(table.subtitle).moveDown(0.5).fillColor("#000");
        const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
        const weights = table.columns.map((c) => (c.key === "name" ? 3 : c.kind === "text" ? 1 : 1.4));
        const sum = weights.reduce((a, b) => a + b, 0);
        const widths = weights.map((w) => (w / sum) * usable);
        const size = table.columns.length > 8 ? 6 : 7.5;
        const line = (values: string[], bold: boolean) => {
          const heights = values.map((v, i) =>
            doc
              .font(bold ? "bold" : "regular")
              .fontSize(size)
              .heightOfString(v, { width: widths[i]! - 4 }),
          );
          const height = Math.max(...heights) + 4;
          if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
          const top = doc.y;
          let x = doc.page.margins.left;
          values.forEach((v, i) => {
            const kind = table.columns[i]!.kind;
            doc.text(v, x + 2, top + 2, { width: widths[i]! - 4, align: kind === "text" ? "left" : "right" });
            x += widths[i]!;
          });
          doc
            .moveTo(doc.page.margins.left, top + height)
            .lineTo(doc.page.margins.left + usable, top + height)
            .lineWidth(0.3)
            .strokeColor("#999")
            .stroke();
          doc.x = doc.page.margins.left;
          doc.y = top + height;
        };
        line(
          table.columns.map((c) => c.header),
          true,
        );
        for (const row of table.rows)
          line(
            table.columns.map((c) => display(c, row[c.key] ?? null, locale)),
            false,
          );
        if (table.total)
          line(
            table.columns.map((c) => display(c, table.total![c.key] ?? null, locale)),
            true,
          );
      });
      return { body, contentType };
    }
    case "docx": {
      const cell = (text: string, column: TableColumn, bold: boolean) =>
        new TableCell({
          children: [
            new Paragraph({
              alignment: column.kind === "text" ? AlignmentType.LEFT : AlignmentType.RIGHT,
              children: [new TextRun({ text, bold, size: 16 })],
            }),
          ],
        });
      const header = new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.header, c, true)) });
      const body = rows.map(
        (row, index) =>
          new TableRow({
            children: table.columns.map((c) =>
              cell(display(c, row[c.key] ?? null, locale), c, Boolean(table.total) && index === rows.length - 1),
            ),
          }),
      );
      const document = new Document({
        creator: "Portál občana",
        title: table.title,
        sections: [
          {
            properties: {
              page: { size: { orientation: table.columns.length > 7 ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT } },
            },
            children: [
              new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(table.title)] }),
              new Paragraph({ children: [new TextRun(table.subtitle)] }),
              new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] }),
            ],
          },
        ],
      });
      return { body: Buffer.from(await Packer.toBuffer(document)), contentType };
    }
  }
}
