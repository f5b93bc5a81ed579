import { z } from "zod";
import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import type { BudgetMeasure, BudgetMeasureItem } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../schema/scalars.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireBudgetManager } from "./budget-access.ts";
import { MAX_YEAR, MIN_YEAR } from "./select-budget-data.ts";

export const MAX_MEASURE_ITEMS = 100;
const MAX_AMOUNT = 10n ** 15n;

const code = z.string().regex(/^\d{4}$/, { message: "field.budgetCode" });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: "field.tooLong" })
    .nullish()
    .transform((v) => v || null);

const schema = z.object({
  organisationId: z.string().refine(isUuid, { message: "field.invalid" }),
  year: z.number().int().min(MIN_YEAR, { message: "field.year" }).max(MAX_YEAR, { message: "field.year" }),
  number: z.string().trim().min(1, { message: "field.required" }).max(40, { message: "field.tooLong" }),
  title: z.string().trim().min(3, { message: "field.required" }).max(300, { message: "field.tooLong" }),
  approvedBy: z.string().trim().min(2, { message: "field.required" }).max(100, { message: "field.tooLong" }),
  approvedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "field.invalid" }),
  items: z
    .array(
      z.object({
        paragraf: code,
        polozka: code,
        orj: optionalText(40),
        org: optionalText(40),
        uz: optionalText(20),
        amount: z.bigint().refine((v) => v !== 0n && v < MAX_AMOUNT && v > -MAX_AMOUNT, { message: "field.budgetMeasureAmount" }),
      }),
    )
    .min(1, { message: "field.budgetMeasureItems" })
    .max(MAX_MEASURE_ITEMS, { message: "field.tooManyItems" }),
});

export type BudgetMeasureInput = Omit<z.input<typeof schema>, "approvedOn"> & { approvedOn: CalendarDate };

/**
 * Records a rozpočtové opatření (a budget measure approved by the council or the board): its changes per
 * paragraf × položka, which explain the amended budget against the approved one. Not public until published.
 */
export async function createBudgetMeasure(
  ctx: Context,
  input: BudgetMeasureInput,
): Promise<BudgetMeasure & { items: BudgetMeasureItem[] }> {
  requireBudgetManager(ctx);
  const data = parseInput(schema, input);
  const organisation = await ctx.db.budgetOrganisation.findUnique({ where: { id: data.organisationId } });
  if (!organisation) throw ValidationError.field("organisationId", "field.invalid");
  try {
    const measure = await ctx.db.budgetMeasure.create({
      data: {
        municipalityId: ctx.municipality.id,
        organisationId: organisation.id,
        year: data.year,
        number: data.number,
        title: data.title,
        approvedBy: data.approvedBy,
        approvedOn: new Date(`${data.approvedOn}T00:00:00Z`),
        createdById: ctx.viewer?.userId ?? null,
        items: { create: data.items },
      },
      include: { items: true },
    });
    await recordAudit(ctx, {
      action: "budget.measure.created",
      subjectType: "BudgetMeasure",
      subjectId: measure.id,
      details: { number: data.number },
    });
    return measure;
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("number", "budget.measureNumberTaken", "TAKEN");
    throw error;
  }
}

/** Makes a measure public; publishing again changes nothing. */
export async function publishBudgetMeasure(ctx: Context, id: string): Promise<BudgetMeasure> {
  requireBudgetManager(ctx);
  const measure = isUuid(id) ? await ctx.db.budgetMeasure.findUnique({ where: { id } }) : null;
  if (!measure) throw new NotFoundError();
  if (measure.publishedAt) return measure;
  const { count } = await ctx.db.budgetMeasure.updateMany({ where: { id, publishedAt: null }, data: { publishedAt: ctx.clock.now() } });
  if (count > 0) {
    await recordAudit(ctx, {
      action: "budget.measure.published",
      subjectType: "BudgetMeasure",
      subjectId: id,
      details: { number: measure.number },
    });
    await ctx.services.publicCache.invalidate(ctx.municipality.id);
  }
  return (await ctx.db.budgetMeasure.findUnique({ where: { id } }))!;
}
