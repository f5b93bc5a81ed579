import { z } from "zod";
import { parseMoneyInput } from "../account-clerk/money.ts";

// Checks as the clerk types; the API checks everything again and its field errors (naming the field) win.

const money = z
  .string()
  .trim()
  .min(1, "validation.required")
  .refine((value) => parseMoneyInput(value) !== null, "submissionsClerk.validation.amount")
  .refine((value) => !(parseMoneyInput(value) ?? "0").startsWith("-"), "submissionsClerk.validation.amountNotNegative");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "submissionsClerk.validation.date");
const installments = z.string().regex(/^([1-9]|1[0-2])$/, "submissionsClerk.validation.installmentCount");

export const dogTariffSchema = z.object({
  year: z.string().regex(/^20\d{2}$/, "submissionsClerk.validation.year"),
  firstDog: money,
  furtherDog: money,
  pensionerFirstDog: money,
  pensionerFurtherDog: money,
  dueDate: isoDate,
  installmentCount: installments,
  proRata: z.enum(["STARTED_MONTHS", "FROM_NEXT_MONTH"]),
});
export type DogTariffValues = z.infer<typeof dogTariffSchema>;

// The API's limits (SUBMISSION_LIMITS): a question up to 4000 characters, a reason up to 1000.
export const messageSchema = z.object({
  message: z.string().trim().min(1, "validation.required").max(4000, "validation.tooLong"),
});

export const reasonSchema = z.object({
  reason: z.string().trim().min(1, "validation.required").max(1000, "validation.tooLong"),
});
