import { DateTime } from "luxon";
import { equalInstallments } from "@portal/forms";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { ForbiddenError, ValidationError } from "../../errors.ts";
import type { AssessmentKind } from "../../generated/prisma/client.ts";

/** API token scopes of the accounting system's integration. */
export const ASSESSMENTS_WRITE_SCOPE = "assessments:write";
export const ASSESSMENTS_READ_SCOPE = "assessments:read";

export const LIMITS = {
  name: 200,
  address: 300,
  externalId: 100,
  subject: 200,
  reason: 500,
  receiptNumber: 50,
  installments: 24,
  /** 1 000 000 000 Kč in haléře: far above any municipal fee, far below float trouble. */
  amount: 100_000_000_000,
  payersPage: 100,
} as const;

/** A finance clerk (agenda FINANCE) or an admin; the schema checks the same, services check again. */
export function isFinanceClerk(ctx: Pick<Context, "viewer">): boolean {
  const viewer = ctx.viewer;
  return viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes("FINANCE"));
}

export function requireFinanceAccess(ctx: Pick<Context, "viewer" | "apiToken">, apiScope?: string): void {
  if (isFinanceClerk(ctx)) return;
  if (apiScope && ctx.apiToken?.scopes.includes(apiScope)) return;
  throw new ForbiddenError();
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalTrimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));
const optionalSymbol = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ? value : null))
  .pipe(
    z
      .string()
      .regex(/^\d{1,10}$/, { message: "field.symbol" })
      .nullable(),
  );
/** Printable, no control characters: an id other systems key on. */
export const externalIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.externalId)
  .regex(/^[\p{L}\p{N}._:/#-]+$/u, { message: "field.externalId" });
const isoDate = z.string().refine((value) => DateTime.fromISO(value).isValid, { message: "field.date" });
const amount = z
  .bigint()
  .refine((value) => value > 0n, { message: "field.amountPositive" })
  .refine((value) => value <= BigInt(LIMITS.amount), { message: "field.amountTooLarge" })
  .transform((value) => Number(value));

export const payerInputSchema = z.object({
  name: trimmed(LIMITS.name),
  kind: z.enum(["PERSON", "HOUSEHOLD"]),
  address: optionalTrimmed(LIMITS.address),
  externalId: externalIdSchema.nullish().transform((value) => value ?? null),
  directDebit: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
});
export type PayerData = z.output<typeof payerInputSchema>;

export const reasonSchema = z.object({ reason: trimmed(LIMITS.reason) });

const installmentSchema = z.object({ amount, dueDate: isoDate });

/**
 * How the amount is split: an explicit list (1 to 24, adding up to the amount), or `installmentCount`
 * equal monthly installments (default 1) from `firstDueDate`.
 */
export const installmentPlanSchema = z.object({
  amount,
  firstDueDate: isoDate.nullish(),
  installmentCount: z
    .number()
    .int()
    .min(1, { message: "field.installmentCount" })
    .max(LIMITS.installments, { message: "field.installmentCount" })
    .nullish(),
  installments: z.array(installmentSchema).max(LIMITS.installments, { message: "field.installmentCount" }).nullish(),
});

export const assessmentInputSchema = installmentPlanSchema.extend({
  kind: z.enum(["WASTE_FEE", "DOG_FEE", "ADMIN_FEE", "FINE", "OTHER"]),
  subject: trimmed(LIMITS.subject),
  year: z.number().int().min(2000, { message: "field.year" }).max(2100, { message: "field.year" }),
  periodFrom: isoDate.nullish().transform((value) => value ?? null),
  periodTo: isoDate.nullish().transform((value) => value ?? null),
  variableSymbol: optionalSymbol,
  constantSymbol: optionalSymbol,
  specificSymbol: optionalSymbol,
  bankAccountId: z.string().nullish(),
  generateAccessCode: z.boolean().nullish(),
});
export type AssessmentInputData = z.output<typeof assessmentInputSchema>;

export interface PlannedInstallment {
  amount: number;
  dueDate: string;
}

/**
 * The installments of an assessment from its plan; throws a ValidationError naming the field. N equal
 * installments are whole crowns where the amount allows it, the remainder going to the first one; monthly
 * due dates from the first, the day of month kept and clamped to the month's end (31 Jan, 28 Feb, 31 Mar): the
 * rule of @portal/forms, which the clerk's form previews with.
 */
export function planInstallments(plan: z.output<typeof installmentPlanSchema>): PlannedInstallment[] {
  if (plan.installments && plan.installments.length > 0) {
    const sum = plan.installments.reduce((total, i) => total + i.amount, 0);
    if (sum !== plan.amount) {
      throw ValidationError.field("installments", "field.installmentsSum", "INSTALLMENTS_SUM", {
        sum: crowns(sum),
        amount: crowns(plan.amount),
      });
    }
    for (let index = 1; index < plan.installments.length; index++) {
      if (plan.installments[index]!.dueDate <= plan.installments[index - 1]!.dueDate) {
        throw new ValidationError([
          { path: ["installments", String(index), "dueDate"], code: "INSTALLMENTS_ORDER", messageKey: "field.installmentsOrder" },
        ]);
      }
    }
    return plan.installments.map((i) => ({ amount: i.amount, dueDate: i.dueDate }));
  }
  if (!plan.firstDueDate) throw ValidationError.field("firstDueDate", "field.required", "REQUIRED");
  const count = plan.installmentCount ?? 1;
  // Every installment is at least one haléř (the database refuses empty ones).
  if (count > plan.amount) throw ValidationError.field("installmentCount", "field.installmentCount", "INSTALLMENT_COUNT");
  return equalInstallments(plan.amount, count, plan.firstDueDate);
}

/** "1 234,50" for messages (haléře in). */
export function crowns(haler: number): string {
  return new Intl.NumberFormat("cs-CZ", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(haler / 100);
}

/** The first digit of a generated variable symbol tells the kind (the demo town's own numbering). */
export const KIND_DIGIT: Record<AssessmentKind, string> = {
  WASTE_FEE: "1",
  DOG_FEE: "2",
  ADMIN_FEE: "3",
  FINE: "4",
  OTHER: "5",
};

export const dateColumn = (value: string) => new Date(`${value}T00:00:00Z`);
