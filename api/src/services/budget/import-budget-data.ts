import { createHash } from "node:crypto";
import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import { buildAggregates } from "../../domain/budget/aggregates.ts";
import { summarize, type BudgetSummary } from "../../domain/budget/drill-down.ts";
import type { BudgetImportIssue } from "../../domain/budget/import-rows.ts";
import type { BudgetAmountType, BudgetDataSet } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { UnreadableFileError } from "../registers/read-spreadsheet.ts";
import { requireOrganisationAccess } from "./budget-access.ts";
import { loadBudgetCodelist } from "./load-budget-codelist.ts";
import { readBudgetFile, type BudgetFileFormat } from "./read-budget-file.ts";
import { MAX_YEAR, MIN_YEAR } from "./select-budget-data.ts";

export const BUDGET_IMPORT_MAX_BYTES = 40 * 1024 * 1024;
export const BUDGET_IMPORT_MAX_ROWS = 500_000;
/** The report lists this many problems at most (errors first); the counts are always complete. */
export const REPORT_MAX_ISSUES = 500;
const INSERT_CHUNK = 5_000;

export interface ImportBudgetDataInput {
  organisationId: string;
  year: number;
  month: number;
  file: File;
  dryRun?: boolean | null;
  /** Sources that write class 8 the other way round from FIN 2-12 M (positive = money out). */
  financingSign?: "AS_FIN" | "INVERTED" | null;
  note?: string | null;
}

export interface BudgetImportReport {
  format: BudgetFileFormat;
  layout: "LONG" | "WIDE";
  lineCount: number;
  skippedLines: number;
  errorCount: number;
  warningCount: number;
  issues: BudgetImportIssue[];
  totals: BudgetSummary;
  amountTypes: BudgetAmountType[];
}

export interface ImportBudgetDataResult {
  report: BudgetImportReport;
  /** The new draft (or, for the same file uploaded again, the data set it made); null on a dry run or with errors. */
  dataSet: BudgetDataSet | null;
  /** The same file was uploaded for this period already: nothing new was made. */
  replayed: boolean;
}

/**
 * Reads an accounting export of one organisation × year × month and reports every row's problems. Without
 * errors and not as a dry run, it stores the lines as a new draft version of that period, with their
 * aggregates, in one transaction that also drops the period's earlier unapproved upload (the atomic
 * replace): readers never see half of a file, and nothing is public until the budget office approves and
 * publishes it. The same file uploaded again for the same period (a double submit) makes nothing new.
 */
export async function importBudgetData(ctx: Context, input: ImportBudgetDataInput): Promise<ImportBudgetDataResult> {
  const organisation = await requireOrganisationAccess(ctx, input.organisationId);
  const issues: {
    path: string[];
    code: string;
    messageKey: "field.year" | "budget.month" | "import.empty" | "import.fileTooLarge" | "field.tooLong";
  }[] = [];
  if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR)
    issues.push({ path: ["year"], code: "INVALID", messageKey: "field.year" });
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12)
    issues.push({ path: ["month"], code: "INVALID", messageKey: "budget.month" });
  if (input.note && input.note.length > 500) throw ValidationError.field("note", "field.tooLong", "TOO_LONG", { max: 500 });
  if (issues.length) throw new ValidationError(issues);
  if (input.file.size === 0) throw ValidationError.field("file", "import.empty", "EMPTY");
  if (input.file.size > BUDGET_IMPORT_MAX_BYTES) {
    throw ValidationError.field("file", "import.fileTooLarge", "FILE_TOO_LARGE", { max: BUDGET_IMPORT_MAX_BYTES / 1024 / 1024 });
  }
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const codelist = await loadBudgetCodelist(ctx.db);
  let read;
  try {
    read = await readBudgetFile(bytes, {
      codelist,
      year: input.year,
      month: input.month,
      maxRows: BUDGET_IMPORT_MAX_ROWS,
      financingSign: input.financingSign ?? "AS_FIN",
    });
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      throw ValidationError.field("file", error.messageKey, error.messageKey.slice("import.".length).toUpperCase(), error.params);
    }
    throw error;
  }
  const allIssues = [...read.issues];
  // One upload is one organisation × year × month: rows of another period or organisation are errors.
  const ownNames = [organisation.code, organisation.ico, organisation.name].filter(Boolean).map((v) => v!.toLowerCase());
  const refused = new Set<number>();
  for (const line of read.lines) {
    if (line.year !== input.year || line.month !== input.month) {
      allIssues.push({
        row: line.row,
        column: "month",
        code: "budget.periodMismatch",
        severity: "error",
        value: `${line.month}/${line.year}`,
      });
      refused.add(line.row);
    } else if (line.organisation && !ownNames.includes(line.organisation.toLowerCase())) {
      allIssues.push({
        row: line.row,
        column: "organisation",
        code: "budget.otherOrganisation",
        severity: "error",
        value: line.organisation.slice(0, 40),
      });
      refused.add(line.row);
    }
  }
  const lines = read.lines.filter((line) => !refused.has(line.row));
  const errorCount = allIssues.filter((i) => i.severity === "error").length;
  if (errorCount === 0 && lines.length === 0)
    allIssues.push({ row: 1, column: null, code: "budget.noLines", severity: "error", value: null });
  const errors = allIssues.filter((i) => i.severity === "error");
  const warnings = allIssues.filter((i) => i.severity === "warning");
  const amountTypes = (["APPROVED", "AMENDED", "ACTUAL"] as const).filter((type) => lines.some((l) => l.amountType === type));
  const report: BudgetImportReport = {
    format: read.format,
    layout: read.layout,
    lineCount: lines.length,
    skippedLines: read.skippedLines,
    errorCount: errors.length,
    warningCount: warnings.length,
    issues: [...errors, ...warnings].sort((a, b) => a.row - b.row).slice(0, REPORT_MAX_ISSUES),
    totals: summarize(lines),
    amountTypes,
  };
  if (input.dryRun || errors.length > 0) return { report, dataSet: null, replayed: false };

  const fileSha256 = createHash("sha256").update(bytes).digest("hex");
  const date = `${input.year}-${String(input.month).padStart(2, "0")}-01`;
  const aggregates = buildAggregates(lines, { codelist, date });
  const result = await ctx.db.$transaction(
    async (tx) => {
      // Uploads of one organisation wait for each other here, so versions never collide.
      await tx.$executeRaw`SELECT 1 FROM "BudgetOrganisation" WHERE "id" = ${organisation.id}::uuid FOR UPDATE`;
      const period = { organisationId: organisation.id, year: input.year, month: input.month };
      const same = await tx.budgetDataSet.findFirst({
        where: { ...period, fileSha256, status: { in: ["DRAFT", "APPROVED", "PUBLISHED"] } },
        orderBy: { version: "desc" },
      });
      if (same) return { dataSet: same, replayed: true };
      await tx.budgetDataSet.deleteMany({ where: { ...period, status: { in: ["DRAFT", "APPROVED"] } } });
      const latest = await tx.budgetDataSet.findFirst({ where: period, orderBy: { version: "desc" }, select: { version: true } });
      const dataSet = await tx.budgetDataSet.create({
        data: {
          municipalityId: ctx.municipality.id,
          ...period,
          version: (latest?.version ?? 0) + 1,
          format: read.format,
          fileName: (input.file.name || "budget").slice(0, 200),
          fileSha256,
          amountTypes,
          lineCount: lines.length,
          warnings: warnings.slice(0, REPORT_MAX_ISSUES) as never,
          warningCount: warnings.length,
          note: input.note?.trim() || null,
          uploadedById: ctx.viewer?.userId ?? null,
          uploadedAt: ctx.clock.now(),
        },
      });
      for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
        await tx.budgetLine.createMany({
          data: lines.slice(i, i + INSERT_CHUNK).map((line) => ({
            dataSetId: dataSet.id,
            amountType: line.amountType,
            paragraf: line.paragraf,
            polozka: line.polozka,
            orj: line.orj ?? null,
            org: line.org ?? null,
            uz: line.uz ?? null,
            amount: BigInt(line.amount),
            documentNumber: line.documentNumber,
            documentType: line.documentType,
            counterpartyIco: line.counterpartyIco,
            sourceRow: line.row,
          })),
        });
      }
      for (let i = 0; i < aggregates.length; i += INSERT_CHUNK) {
        await tx.budgetAggregate.createMany({
          data: aggregates.slice(i, i + INSERT_CHUNK).map((row) => ({
            dataSetId: dataSet.id,
            organisationId: organisation.id,
            year: input.year,
            month: input.month,
            ...row,
          })),
        });
      }
      await recordAudit(
        { ...ctx, db: tx as never },
        {
          action: "budget.dataSet.uploaded",
          subjectType: "BudgetDataSet",
          subjectId: dataSet.id,
          details: { organisation: organisation.code, year: input.year, month: input.month, version: dataSet.version, lines: lines.length },
        },
      );
      return { dataSet, replayed: false };
    },
    { timeout: 900_000, maxWait: 60_000 },
  );
  return { report, ...result };
}
