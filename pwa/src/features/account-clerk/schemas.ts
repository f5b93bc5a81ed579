import { z } from "zod";
import { parseMoneyInput } from "./money.ts";

// Form checks as the clerk types; the API checks everything again and its field errors win.

const money = z
  .string()
  .trim()
  .min(1, "validation.required")
  .refine((value) => parseMoneyInput(value) !== null, "accountClerk.validation.amount")
  .refine(
    (value) => !(parseMoneyInput(value) ?? "0").startsWith("-") && Number(parseMoneyInput(value)) > 0,
    "accountClerk.validation.amountPositive",
  );
const digits = z
  .string()
  .trim()
  .regex(/^\d{0,10}$/, "accountClerk.validation.symbol");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "accountClerk.validation.date");

export const payerSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  kind: z.enum(["PERSON", "HOUSEHOLD"]),
  address: z.string().trim().max(300, "validation.tooLong"),
  externalId: z.string().trim().max(100, "validation.tooLong"),
  directDebit: z.boolean(),
});
export type PayerValues = z.infer<typeof payerSchema>;

export const linkSchema = z.object({
  email: z.string().trim().min(1, "validation.required").email("validation.email"),
});

export const reasonSchema = z.object({
  reason: z.string().trim().min(1, "validation.required").max(500, "validation.tooLong"),
});

export const cashPaymentSchema = z.object({
  amount: money,
  receivedOn: isoDate,
  receiptNumber: z.string().trim().min(1, "validation.required").max(50, "validation.tooLong"),
});

export const assessmentSchema = z.object({
  kind: z.enum(["WASTE_FEE", "DOG_FEE", "ADMIN_FEE", "FINE", "OTHER"]),
  subject: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  year: z.string().regex(/^20\d{2}$/, "accountClerk.validation.year"),
  amount: money,
  installmentCount: z.string().regex(/^([1-9]|1\d|2[0-4])$/, "accountClerk.validation.installmentCount"),
  firstDueDate: isoDate,
  variableSymbol: digits,
  constantSymbol: digits,
  specificSymbol: digits,
  bankAccountId: z.string(),
  generateAccessCode: z.boolean(),
});
export type AssessmentValues = z.infer<typeof assessmentSchema>;

export const assessmentChangeSchema = z.object({
  subject: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  amount: money,
  installmentCount: z.string().regex(/^([1-9]|1\d|2[0-4])$/, "accountClerk.validation.installmentCount"),
  firstDueDate: isoDate,
});
