import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { RegisterImport, RegisterKind } from "../../generated/prisma/client.ts";
import type { MessageKey } from "../../i18n/messages.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { cellText, parseCzechAmount, parseCzechDate, type CellValue } from "./czech-values.ts";
import { readSpreadsheet, UnreadableFileError, type SheetRow } from "./read-spreadsheet.ts";
import { mapHeaders, REGISTER_COLUMNS, type ColumnDef, type HeaderMapping } from "./register-columns.ts";
import { storeRow, type ImportProblem, type StoredImportRow } from "./register-import-rows.ts";
import { registerDelegate } from "./register-kinds.ts";
import { ENTRY_SCHEMAS } from "./register-rules.ts";
import { requireRegisterAccess } from "./require-register-access.ts";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

const KIND_OPTIONS = ["CONTRACT", "INVOICE", "ORDER"] as const;

/**
 * Reads a CSV or XLSX export of an accounting system and keeps a preview: the valid rows,
 * normalised, and a line-by-line list of problems (bad values, numbers repeated in the file or
 * already in the register, unknown linked contracts or orders). Nothing is imported here; the
 * clerk commits or discards the preview.
 */
export async function previewRegisterImport(ctx: Context, input: { kind: RegisterKind; file: File }): Promise<RegisterImport> {
  requireRegisterAccess(ctx);
  const { kind, file } = input;
  if (!KIND_OPTIONS.includes(kind)) throw ValidationError.field("kind", "field.invalid");
  if (file.size === 0) throw ValidationError.field("file", "import.empty", "EMPTY");
  if (file.size > IMPORT_MAX_BYTES) {
    throw ValidationError.field("file", "import.fileTooLarge", "FILE_TOO_LARGE", { max: IMPORT_MAX_BYTES / 1024 / 1024 });
  }
  let sheet;
  try {
    sheet = await readSpreadsheet(new Uint8Array(await file.arrayBuffer()), IMPORT_MAX_ROWS);
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      throw ValidationError.field("file", error.messageKey, error.messageKey.slice("import.".length).toUpperCase(), error.params);
    }
    throw error;
  }
  const mapping = mapHeaders(kind, sheet.header.cells.map(cellText));
  if (mapping.duplicates.length > 0) {
    throw ValidationError.field("file", "import.duplicateColumn", "DUPLICATE_COLUMN", { columns: mapping.duplicates.join(", ") });
  }
  if (mapping.missing.length > 0) {
    throw ValidationError.field("file", "import.missingColumns", "MISSING_COLUMNS", {
      columns: mapping.missing.map((column) => column.header).join(", "),
    });
  }

  const problems: ImportProblem[] = [];
  const candidates: { line: number; data: Record<string, unknown>; links: Record<string, string> }[] = [];
  for (const row of sheet.rows) {
    const converted = convertRow(kind, row, mapping);
    problems.push(...converted.problems);
    if (converted.problems.length === 0) candidates.push({ line: row.line, data: converted.input, links: converted.links });
  }

  const columnOf = (field: string) => mapping.headers.get(field) ?? null;
  const validated: { line: number; data: ReturnType<(typeof ENTRY_SCHEMAS)[RegisterKind]["parse"]>; links: Record<string, string> }[] = [];
  for (const candidate of candidates) {
    const result = ENTRY_SCHEMAS[kind].safeParse(candidate.data);
    if (result.success) {
      validated.push({ line: candidate.line, data: result.data, links: candidate.links });
      continue;
    }
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      problems.push({
        line: candidate.line,
        column: columnOf(field),
        field,
        code: issue.code.toUpperCase(),
        messageKey: issueKey(issue),
        params: issue.code === "too_big" ? { max: Number(issue.maximum) } : {},
      });
    }
  }

  // Numbers repeated in the file, and numbers the register already holds.
  const firstLine = new Map<string, number>();
  const numberColumn = columnOf("number");
  const lineHasProblem = new Set(problems.map((problem) => problem.line));
  for (const row of validated) {
    const seen = firstLine.get(row.data.number);
    if (seen !== undefined) {
      problems.push(
        problem(row.line, numberColumn, "number", "DUPLICATE_IN_FILE", "import.duplicateInFile", { number: row.data.number, line: seen }),
      );
      lineHasProblem.add(row.line);
    } else firstLine.set(row.data.number, row.line);
  }
  const existing = await registerDelegate(ctx.db, kind).findMany({
    where: { number: { in: [...firstLine.keys()] } },
    select: { number: true },
  });
  const taken = new Set(existing.map((row) => row.number));
  for (const row of validated) {
    if (taken.has(row.data.number) && firstLine.get(row.data.number) === row.line) {
      problems.push(problem(row.line, numberColumn, "number", "NUMBER_TAKEN", "import.numberExists", { number: row.data.number }));
      lineHasProblem.add(row.line);
    }
  }

  // An invoice names its contract and order by their numbers; they must be in this municipality's registers.
  if (kind === "INVOICE") {
    const linked = async (field: "contractNumber" | "orderNumber") => {
      const numbers = [...new Set(validated.map((row) => row.links[field]).filter((n): n is string => Boolean(n)))];
      if (numbers.length === 0) return new Map<string, string>();
      const delegate = registerDelegate(ctx.db, field === "contractNumber" ? "CONTRACT" : "ORDER");
      const rows = await delegate.findMany({ where: { number: { in: numbers } }, select: { id: true, number: true } });
      return new Map(rows.map((row) => [row.number, row.id]));
    };
    const contracts = await linked("contractNumber");
    const orders = await linked("orderNumber");
    for (const row of validated) {
      const { contractNumber, orderNumber } = row.links;
      const data = row.data as Record<string, unknown>;
      if (contractNumber) {
        data.contractId = contracts.get(contractNumber) ?? null;
        if (!data.contractId) {
          problems.push(
            problem(row.line, columnOf("contractNumber"), "contractNumber", "NOT_FOUND", "import.contractNotFound", {
              number: contractNumber,
            }),
          );
          lineHasProblem.add(row.line);
        }
      }
      if (orderNumber) {
        data.orderId = orders.get(orderNumber) ?? null;
        if (!data.orderId) {
          problems.push(
            problem(row.line, columnOf("orderNumber"), "orderNumber", "NOT_FOUND", "import.orderNotFound", { number: orderNumber }),
          );
          lineHasProblem.add(row.line);
        }
      }
    }
  }

  const rows: StoredImportRow[] = validated.filter((row) => !lineHasProblem.has(row.line)).map((row) => storeRow(row.line, row.data));
  const order = REGISTER_COLUMNS[kind].map((column) => column.field);
  problems.sort((a, b) => a.line - b.line || order.indexOf(a.field ?? "") - order.indexOf(b.field ?? ""));

  const record = await ctx.db.registerImport.create({
    data: {
      municipalityId: ctx.municipality.id,
      kind,
      fileName: safeFileName(file.name),
      rows: rows as never,
      problems: problems as never,
      rowCount: sheet.rows.length,
      createdById: ctx.viewer?.userId ?? null,
      createdAt: ctx.clock.now(),
    },
  });
  await recordAudit(ctx, {
    action: "registerImport.previewed",
    subjectType: "RegisterImport",
    subjectId: record.id,
    details: {
      kind,
      fileName: record.fileName,
      format: sheet.format,
      rowCount: record.rowCount,
      validRows: rows.length,
      problems: problems.length,
    },
  });
  return record;
}

function problem(
  line: number,
  column: string | null,
  field: string,
  code: string,
  messageKey: MessageKey,
  params: Record<string, string | number> = {},
): ImportProblem {
  return { line, column, field, code, messageKey, params };
}

function issueKey(issue: { code: string; message: string; input?: unknown }): MessageKey {
  if (issue.message.startsWith("field.")) return issue.message as MessageKey;
  if (issue.code === "too_big") return "field.tooLong";
  return "field.invalid";
}

/** Converts a row's cells to the entry's input: amounts, dates and IČOs parsed, text trimmed. */
function convertRow(
  kind: RegisterKind,
  row: SheetRow,
  mapping: HeaderMapping,
): { input: Record<string, unknown>; links: Record<string, string>; problems: ImportProblem[] } {
  const input: Record<string, unknown> = {};
  const links: Record<string, string> = {};
  const problems: ImportProblem[] = [];
  for (const column of REGISTER_COLUMNS[kind]) {
    const index = mapping.indexes.get(column.field);
    const cell: CellValue = index === undefined ? null : (row.cells[index] ?? null);
    const empty = cell === null || cellText(cell) === "";
    const header = mapping.headers.get(column.field) ?? column.header;
    if (column.field === "contractNumber" || column.field === "orderNumber") {
      if (!empty) links[column.field] = cellText(cell);
      continue;
    }
    if (empty) {
      input[column.field] = null;
      continue;
    }
    const converted = convertCell(column, cell);
    if (converted.ok) input[column.field] = converted.value;
    else problems.push(problem(row.line, header, column.field, "INVALID", converted.messageKey));
  }
  return { input, links, problems };
}

function convertCell(column: ColumnDef, cell: CellValue): { ok: true; value: unknown } | { ok: false; messageKey: MessageKey } {
  switch (column.type) {
    case "amount":
      return parseCzechAmount(cell);
    case "date":
      return parseCzechDate(cell);
    case "ico": {
      // A spreadsheet that stored the IČO as a number dropped its leading zeros (00064581 -> 64581).
      const text = cellText(cell).replace(/\s+/g, "");
      return { ok: true, value: /^\d{1,7}$/.test(text) ? text.padStart(8, "0") : text };
    }
    case "code":
      return { ok: true, value: cellText(cell) };
    case "text":
      return { ok: true, value: cellText(cell) };
  }
}

/** Only the base name, without control or path characters; kept for the clerk's reference. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").trim();
  return clean.slice(0, 200) || "import";
}
