import { z } from "zod";
import { isValidIco } from "@portal/forms";
import type { RegisterKind } from "../../generated/prisma/client.ts";

// The rules for contracts, invoices and orders, in one place: the clerk's forms, the integrators'
// upserts and every imported row are checked by the same schemas. Custom messages are message keys
// (see errors.ts parseInput); cross-field rules name the later field, which is the one to fix.

export const LIMITS = {
  number: 50,
  subject: 1000,
  partyName: 255,
  department: 100,
  registryId: 50,
  externalId: 200,
  reason: 1000,
} as const;

/** Control characters never belong in register text (they break CSV exports and terminals; PostgreSQL refuses NUL). */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const requiredText = (max: number) =>
  z
    .string({ message: "field.required" })
    .trim()
    .min(1, { message: "field.required" })
    .max(max, { message: "field.tooLong" })
    .refine((value) => !CONTROL.test(value), { message: "field.invalid" });

const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null)
    .pipe(
      z
        .string()
        .max(max, { message: "field.tooLong" })
        .refine((value) => !CONTROL.test(value), { message: "field.invalid" })
        .nullable(),
    );

/** Optional IČO; spaces are ignored ("255 96 641"), the check digit must be right. */
const ico = z
  .string()
  .nullish()
  .transform((value) => value?.replace(/\s+/g, "") || null)
  .refine((value) => value === null || isValidIco(value), { message: "field.ico" });

/** Haléře; the Money scalar (or the import's number parser) has already made it an integer. */
const amount = z.bigint({ message: "field.required" }).min(0n, { message: "field.amountNegative" });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = z.string({ message: "field.required" }).regex(ISO_DATE, { message: "field.date" });
const optionalDate = z
  .string()
  .nullish()
  .transform((value) => value || null)
  .refine((value) => value === null || ISO_DATE.test(value), { message: "field.date" });

/** Rozpočtová skladba: paragraf and položka are 4 digits each. */
const budgetCode = z
  .string()
  .nullish()
  .transform((value) => value?.replace(/\s+/g, "") || null)
  .refine((value) => value === null || /^\d{4}$/.test(value), { message: "field.budgetCode" });

/** Ids of linked records (already decoded from global ids); existence is checked against the database. */
const optionalId = z
  .string()
  .nullish()
  .transform((value) => value || null);

const common = {
  number: requiredText(LIMITS.number),
  subject: requiredText(LIMITS.subject),
  amountWithoutVat: amount,
  amountWithVat: amount,
  department: optionalText(LIMITS.department),
};

// Cross-field rules run even when other fields failed (so the clerk sees every problem at once);
// they only compare values that passed their own field's rules.
const crossField = { when: () => true };
const isDate = (value: unknown): value is string => typeof value === "string" && ISO_DATE.test(value);

function vatNotBelowNet(entry: { amountWithoutVat: unknown; amountWithVat: unknown }, ctx: z.RefinementCtx) {
  const { amountWithoutVat: net, amountWithVat: gross } = entry;
  if (typeof net === "bigint" && typeof gross === "bigint" && net >= 0n && gross < net) {
    ctx.addIssue({ code: "custom", path: ["amountWithVat"], message: "field.vatBelowNet" });
  }
}

function notBefore(ctx: z.RefinementCtx, later: unknown, earlier: unknown, path: string, message: string) {
  if (isDate(later) && isDate(earlier) && later < earlier) ctx.addIssue({ code: "custom", path: [path], message });
}

/** Where an entry stands in the registr smluv; contracts and orders over 50 000 Kč must be published there. */
const registry = {
  registryId: optionalText(LIMITS.registryId),
  registryPublishedOn: optionalDate,
};

export const contractSchema = z
  .object({
    ...common,
    counterpartyName: requiredText(LIMITS.partyName),
    counterpartyIco: ico,
    signedOn: date,
    validFrom: optionalDate,
    validUntil: optionalDate,
    ...registry,
    attachmentId: optionalId,
  })
  .superRefine((contract, ctx) => {
    vatNotBelowNet(contract, ctx);
    notBefore(ctx, contract.validUntil, contract.validFrom ?? contract.signedOn, "validUntil", "field.validUntilBeforeFrom");
    notBefore(ctx, contract.registryPublishedOn, contract.signedOn, "registryPublishedOn", "field.registryBeforeSigning");
  }, crossField);

export const invoiceSchema = z
  .object({
    ...common,
    supplierName: requiredText(LIMITS.partyName),
    supplierIco: ico,
    issuedOn: date,
    dueOn: date,
    paidOn: optionalDate,
    contractId: optionalId,
    orderId: optionalId,
    budgetParagraph: budgetCode,
    budgetItem: budgetCode,
  })
  .superRefine((invoice, ctx) => {
    vatNotBelowNet(invoice, ctx);
    notBefore(ctx, invoice.dueOn, invoice.issuedOn, "dueOn", "field.dueBeforeIssue");
    // An expense is classified by both parts of the budget composition or not at all.
    if ((invoice.budgetParagraph === null) !== (invoice.budgetItem === null)) {
      const missing = invoice.budgetParagraph === null ? "budgetParagraph" : "budgetItem";
      ctx.addIssue({ code: "custom", path: [missing], message: "field.budgetPair" });
    }
  }, crossField);

export const purchaseOrderSchema = z
  .object({
    ...common,
    supplierName: requiredText(LIMITS.partyName),
    supplierIco: ico,
    orderedOn: date,
    ...registry,
  })
  .superRefine((order, ctx) => {
    vatNotBelowNet(order, ctx);
    notBefore(ctx, order.registryPublishedOn, order.orderedOn, "registryPublishedOn", "field.registryBeforeOrder");
  }, crossField);

export type ContractData = z.output<typeof contractSchema>;
export type InvoiceData = z.output<typeof invoiceSchema>;
export type PurchaseOrderData = z.output<typeof purchaseOrderSchema>;
export type ContractInput = z.input<typeof contractSchema>;
export type InvoiceInput = z.input<typeof invoiceSchema>;
export type PurchaseOrderInput = z.input<typeof purchaseOrderSchema>;

export interface EntryDataByKind {
  CONTRACT: ContractData;
  INVOICE: InvoiceData;
  ORDER: PurchaseOrderData;
}
export interface EntryInputByKind {
  CONTRACT: ContractInput;
  INVOICE: InvoiceInput;
  ORDER: PurchaseOrderInput;
}
export type EntryData = ContractData | InvoiceData | PurchaseOrderData;

export const ENTRY_SCHEMAS = {
  CONTRACT: contractSchema,
  INVOICE: invoiceSchema,
  ORDER: purchaseOrderSchema,
} as const satisfies Record<RegisterKind, z.ZodType>;

export const reasonSchema = requiredText(LIMITS.reason);
export const externalIdSchema = requiredText(LIMITS.externalId);
