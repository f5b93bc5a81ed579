import { z } from "zod";
import { isValidIco } from "@portal/forms";
import { parseAmount } from "../filters.ts";

// The clerk's forms check as the user types what can be checked without the server: required
// fields, lengths (the API's limits, services/registers/register-rules.ts), amounts, dates and the
// IČO check digit (the same function the API uses). Rules across records (unique numbers, links)
// and across fields (VAT not below the net amount, dates in order) come back from the API as field
// errors next to the fields. Messages are i18n keys.

const required = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.tooLong");
const optional = (max: number) => z.string().trim().max(max, "validation.tooLong");
const amount = z
  .string()
  .trim()
  .min(1, "validation.required")
  .refine((value) => parseAmount(value) !== null, "registers.validation.amount");
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const requiredDate = z.string().trim().min(1, "validation.required").regex(ISO_DATE, "registers.validation.date");
const optionalDate = z
  .string()
  .trim()
  .refine((value) => value === "" || ISO_DATE.test(value), "registers.validation.date");
const ico = z
  .string()
  .refine((value) => value.replace(/\s+/g, "") === "" || isValidIco(value.replace(/\s+/g, "")), "registers.validation.ico");
const budgetCode = z
  .string()
  .refine((value) => value.replace(/\s+/g, "") === "" || /^\d{4}$/.test(value.replace(/\s+/g, "")), "registers.validation.budgetCode");

const common = {
  number: required(50),
  subject: required(1000),
  amountWithoutVat: amount,
  amountWithVat: amount,
  department: optional(100),
};

export const contractFormSchema = z.object({
  ...common,
  counterpartyName: required(255),
  counterpartyIco: ico,
  signedOn: requiredDate,
  validFrom: optionalDate,
  validUntil: optionalDate,
  registryId: optional(50),
  registryPublishedOn: optionalDate,
  /** The StoredFile's id (a UUID or global id): the current document, or one just uploaded. */
  attachmentId: z.string(),
  attachmentName: z.string(),
});

export const invoiceFormSchema = z.object({
  ...common,
  supplierName: required(255),
  supplierIco: ico,
  issuedOn: requiredDate,
  dueOn: requiredDate,
  paidOn: optionalDate,
  contractId: z.string(),
  orderId: z.string(),
  budgetParagraph: budgetCode,
  budgetItem: budgetCode,
});

export const orderFormSchema = z.object({
  ...common,
  supplierName: required(255),
  supplierIco: ico,
  orderedOn: requiredDate,
  registryId: optional(50),
  registryPublishedOn: optionalDate,
});

export type ContractFormValues = z.infer<typeof contractFormSchema>;
export type InvoiceFormValues = z.infer<typeof invoiceFormSchema>;
export type OrderFormValues = z.infer<typeof orderFormSchema>;

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());
const money = (value: string) => parseAmount(value) ?? ("0.00" as const);
const compact = (value: string) => orNull(value.replace(/\s+/g, ""));

export function contractInput(values: ContractFormValues) {
  return {
    number: values.number.trim(),
    subject: values.subject.trim(),
    counterpartyName: values.counterpartyName.trim(),
    counterpartyIco: compact(values.counterpartyIco),
    amountWithoutVat: money(values.amountWithoutVat),
    amountWithVat: money(values.amountWithVat),
    signedOn: values.signedOn,
    validFrom: orNull(values.validFrom),
    validUntil: orNull(values.validUntil),
    department: orNull(values.department),
    registryId: orNull(values.registryId),
    registryPublishedOn: orNull(values.registryPublishedOn),
    attachmentId: orNull(values.attachmentId),
  };
}

export function invoiceInput(values: InvoiceFormValues) {
  return {
    number: values.number.trim(),
    subject: values.subject.trim(),
    supplierName: values.supplierName.trim(),
    supplierIco: compact(values.supplierIco),
    amountWithoutVat: money(values.amountWithoutVat),
    amountWithVat: money(values.amountWithVat),
    issuedOn: values.issuedOn,
    dueOn: values.dueOn,
    paidOn: orNull(values.paidOn),
    contractId: orNull(values.contractId),
    orderId: orNull(values.orderId),
    budgetParagraph: compact(values.budgetParagraph),
    budgetItem: compact(values.budgetItem),
    department: orNull(values.department),
  };
}

export function orderInput(values: OrderFormValues) {
  return {
    number: values.number.trim(),
    subject: values.subject.trim(),
    supplierName: values.supplierName.trim(),
    supplierIco: compact(values.supplierIco),
    amountWithoutVat: money(values.amountWithoutVat),
    amountWithVat: money(values.amountWithVat),
    orderedOn: values.orderedOn,
    department: orNull(values.department),
    registryId: orNull(values.registryId),
    registryPublishedOn: orNull(values.registryPublishedOn),
  };
}

/** "1234.50" as the form shows it to a Czech reader ("1234,50"); the parser takes both. */
export function amountForForm(value: `${number}`, language: string): string {
  return language === "cs" ? value.replace(".", ",") : value;
}
