import { checkDogFeeTariff, DOG_FEE_LEGAL_MAXIMUM } from "@portal/forms";
import { DateTime } from "luxon";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { DogFeeTariff, WasteFeeTariff } from "../../generated/prisma/client.ts";
import { LIMITS, dateColumn, requireFinanceAccess } from "../account-admin/account-admin-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";

const isoDate = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, { message: "field.date" });
const year = z.number().int().min(2000, { message: "field.year" }).max(2100, { message: "field.year" });
const rate = z.number().int().min(0).max(LIMITS.amount);
const installmentCount = z.number().int().min(1, { message: "field.installmentCount" }).max(12, { message: "field.installmentCount" });

const dogInput = z.object({
  year,
  firstDog: rate,
  furtherDog: rate,
  pensionerFirstDog: rate,
  pensionerFurtherDog: rate,
  proRata: z.enum(["STARTED_MONTHS", "FROM_NEXT_MONTH"], { message: "field.proRata" }),
  dueDate: isoDate,
  installmentCount,
});

const wasteInput = z.object({ year, perPerson: rate, dueDate: isoDate, installmentCount });

/**
 * A finance clerk sets the year's dog fee rates (the town's ordinance): whole haléře, within the law's maximum
 * (§ 2 odst. 4 of zákon č. 565/1990 Sb.), the first due date in that year. One tariff per year (saved again, it is
 * replaced; assessments already issued keep their amounts).
 */
export async function saveDogFeeTariff(ctx: Context, raw: unknown): Promise<DogFeeTariff> {
  requireFinanceAccess(ctx);
  const data = parseInput(dogInput, raw);
  const issues = checkDogFeeTariff(data);
  if (issues.length > 0) {
    throw new ValidationError(
      issues.map((issue) =>
        issue.field === "year"
          ? { path: ["year"], code: "YEAR", messageKey: "field.year" as const }
          : {
              path: [issue.field],
              code: "OVER_MAXIMUM",
              messageKey: "field.tariffOverLegalMaximum" as const,
              params: { max: DOG_FEE_LEGAL_MAXIMUM[issue.field] / 100 },
            },
      ),
    );
  }
  checkDueDate(data.year, data.dueDate);
  const columns = {
    firstDog: BigInt(data.firstDog),
    furtherDog: BigInt(data.furtherDog),
    pensionerFirstDog: BigInt(data.pensionerFirstDog),
    pensionerFurtherDog: BigInt(data.pensionerFurtherDog),
    proRata: data.proRata,
    dueDate: dateColumn(data.dueDate),
    installmentCount: data.installmentCount,
    updatedById: ctx.viewer?.userId ?? null,
  };
  const tariff = await ctx.db.dogFeeTariff.upsert({
    where: { municipalityId_year: { municipalityId: ctx.municipality.id, year: data.year } },
    create: { municipalityId: ctx.municipality.id, year: data.year, ...columns },
    update: columns,
  });
  await recordAudit(ctx, { action: "tariff.dog-fee.saved", subjectType: "DogFeeTariff", subjectId: tariff.id, details: { ...data } });
  return tariff;
}

/** A finance clerk sets the year's waste fee per person (haléře), its first due date and installments. */
export async function saveWasteFeeTariff(ctx: Context, raw: unknown): Promise<WasteFeeTariff> {
  requireFinanceAccess(ctx);
  const data = parseInput(wasteInput, raw);
  checkDueDate(data.year, data.dueDate);
  const columns = {
    perPerson: BigInt(data.perPerson),
    dueDate: dateColumn(data.dueDate),
    installmentCount: data.installmentCount,
    updatedById: ctx.viewer?.userId ?? null,
  };
  const tariff = await ctx.db.wasteFeeTariff.upsert({
    where: { municipalityId_year: { municipalityId: ctx.municipality.id, year: data.year } },
    create: { municipalityId: ctx.municipality.id, year: data.year, ...columns },
    update: columns,
  });
  await recordAudit(ctx, { action: "tariff.waste-fee.saved", subjectType: "WasteFeeTariff", subjectId: tariff.id, details: { ...data } });
  return tariff;
}

function checkDueDate(year: number, dueDate: string) {
  if (!dueDate.startsWith(`${year}-`)) throw ValidationError.field("dueDate", "field.date", "DUE_DATE_YEAR");
}
