import type { PrismaTransactionLike } from "pg-boss";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import { extendCodelist } from "../../domain/budget/codelists.ts";
import type { BudgetCodelistEntry, BudgetCodeKind } from "../../generated/prisma/client.ts";
import { budgetAggregatesJob } from "../../jobs/budget-aggregates.ts";
import type { CalendarDate } from "../../schema/scalars.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireBudgetManager } from "./budget-access.ts";

export interface BudgetCodelistEntryInput {
  kind: BudgetCodeKind;
  code: string;
  nameCs: string;
  nameEn: string;
  validFrom: CalendarDate;
  validTo?: CalendarDate | null;
}

const schema = z
  .object({
    kind: z.enum(["PARAGRAF", "POLOZKA"]),
    code: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, { message: "field.budgetCode" }),
    nameCs: z.string().trim().min(2, { message: "field.required" }).max(200, { message: "field.tooLong" }),
    nameEn: z.string().trim().min(2, { message: "field.required" }).max(200, { message: "field.tooLong" }),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid" }),
    validTo: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid" })
      .nullish()
      .transform((v) => v ?? null),
  })
  .refine((v) => v.validTo === null || v.validTo >= v.validFrom, { message: "field.periodOrder", path: ["validTo"] });

/**
 * Adds a code to the town's codelist (a paragraf or položka the built-in list lacks, or a name valid from a
 * date), refusing one that overlaps a version already valid. The aggregates of every import are rebuilt by a
 * job queued in the same transaction, so codes that were "Nezařazeno" get their place in the drill-down.
 */
export async function saveBudgetCodelistEntry(ctx: Context, input: BudgetCodelistEntryInput): Promise<BudgetCodelistEntry> {
  requireBudgetManager(ctx);
  const data = parseInput(schema, input);
  const existing = await ctx.db.budgetCodelistEntry.findMany({});
  try {
    extendCodelist([
      ...existing.map((e) => ({
        kind: e.kind,
        code: e.code,
        cs: e.nameCs,
        en: e.nameEn,
        validFrom: e.validFrom.toISOString().slice(0, 10),
        validTo: e.validTo ? e.validTo.toISOString().slice(0, 10) : null,
      })),
      { kind: data.kind, code: data.code, cs: data.nameCs, en: data.nameEn, validFrom: data.validFrom, validTo: data.validTo },
    ]);
  } catch {
    throw ValidationError.field("validFrom", "budget.codelistOverlap", "OVERLAP");
  }
  const entry = await ctx.db.$transaction(async (tx) => {
    const created = await tx.budgetCodelistEntry.create({
      data: {
        municipalityId: ctx.municipality.id,
        kind: data.kind,
        code: data.code,
        nameCs: data.nameCs,
        nameEn: data.nameEn,
        validFrom: new Date(`${data.validFrom}T00:00:00Z`),
        validTo: data.validTo ? new Date(`${data.validTo}T00:00:00Z`) : null,
      },
    });
    await ctx.services.jobs.enqueue(
      budgetAggregatesJob,
      { municipalityId: ctx.municipality.id, reason: `codelist ${created.id}` },
      { tx: tx as unknown as PrismaTransactionLike, key: `codelist:${created.id}` },
    );
    await recordAudit(
      { ...ctx, db: tx as never },
      {
        action: "budget.codelist.added",
        subjectType: "BudgetCodelistEntry",
        subjectId: created.id,
        details: { kind: data.kind, code: data.code },
      },
    );
    return created;
  });
  return entry;
}
