import { normalizeForSearch } from "../../domain/search-text.ts";
import { dateColumn } from "../../domain/notice-window.ts";
import type { RegisterKind, RegisterStatus } from "../../generated/prisma/client.ts";
import type { TenantDb } from "../../db/tenant.ts";
import type { ContractData, EntryData, InvoiceData, PurchaseOrderData } from "./register-rules.ts";

/**
 * What differs between the three registers: the table, the name of the date and party columns, and
 * how a validated entry becomes a row. Everything else (publishing, filters, import, export) is
 * written once over this description.
 */
export interface RegisterKindInfo {
  kind: RegisterKind;
  /** Prisma model name, also the GraphQL type name and the audit subject type. */
  model: "Contract" | "Invoice" | "PurchaseOrder";
  /** Prefix of audit actions, e.g. "contract.published". */
  auditName: string;
  /** The date a register is listed and filtered by year on. */
  dateField: "signedOn" | "issuedOn" | "orderedOn";
  partyNameField: "counterpartyName" | "supplierName";
  partyIcoField: "counterpartyIco" | "supplierIco";
  /**
   * Contracts and orders over 50 000 Kč excluding VAT must be published in the registr smluv
   * (zákon 340/2015 Sb.), counted from `dateField`; invoices are not contracts.
   */
  subjectToRegistry: boolean;
}

export const REGISTER_KINDS: Record<RegisterKind, RegisterKindInfo> = {
  CONTRACT: {
    kind: "CONTRACT",
    model: "Contract",
    auditName: "contract",
    dateField: "signedOn",
    partyNameField: "counterpartyName",
    partyIcoField: "counterpartyIco",
    subjectToRegistry: true,
  },
  INVOICE: {
    kind: "INVOICE",
    model: "Invoice",
    auditName: "invoice",
    dateField: "issuedOn",
    partyNameField: "supplierName",
    partyIcoField: "supplierIco",
    subjectToRegistry: false,
  },
  ORDER: {
    kind: "ORDER",
    model: "PurchaseOrder",
    auditName: "purchaseOrder",
    dateField: "orderedOn",
    partyNameField: "supplierName",
    partyIcoField: "supplierIco",
    subjectToRegistry: true,
  },
};

export function kindOfModel(model: string): RegisterKind | null {
  return (Object.values(REGISTER_KINDS).find((info) => info.model === model)?.kind as RegisterKind | undefined) ?? null;
}

/** The columns every register row has, whatever its kind. */
export interface RegisterRow {
  id: string;
  municipalityId: string;
  externalId: string | null;
  status: RegisterStatus;
  number: string;
  subject: string;
  amountWithoutVat: bigint;
  amountWithVat: bigint;
  department: string | null;
  publishedAt: Date | null;
  unpublishedAt: Date | null;
  unpublishReason: string | null;
  searchText: string;
  updatedAt: Date;
  [column: string]: unknown;
}

/**
 * The three Prisma delegates share their method shapes but not their argument types; this is the
 * common surface the generic services use. Arguments stay plain objects checked by the services.
 */
export interface RegisterDelegate {
  findUnique(args: { where: Record<string, unknown>; select?: Record<string, unknown> }): Promise<RegisterRow | null>;
  findFirst(args: { where: Record<string, unknown>; select?: Record<string, unknown> }): Promise<RegisterRow | null>;
  findMany(args: Record<string, unknown>): Promise<RegisterRow[]>;
  count(args: Record<string, unknown>): Promise<number>;
  aggregate(args: Record<string, unknown>): Promise<{
    _count: { _all: number };
    _sum: { amountWithoutVat: bigint | null; amountWithVat: bigint | null };
  }>;
  create(args: { data: Record<string, unknown> }): Promise<RegisterRow>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
  update(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<RegisterRow>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<{ count: number }>;
}

type Db = Pick<TenantDb, "contract" | "invoice" | "purchaseOrder">;

export function registerDelegate(db: Db, kind: RegisterKind): RegisterDelegate {
  const delegate = kind === "CONTRACT" ? db.contract : kind === "INVOICE" ? db.invoice : db.purchaseOrder;
  return delegate as unknown as RegisterDelegate;
}

/** Register entries are found by citizens by the counterparty's name or IČO (diacritics and case ignored). */
export function registerSearchText(partyName: string, partyIco: string | null): string {
  return normalizeForSearch(partyName, partyIco);
}

const dateOrNull = (value: string | null) => (value ? dateColumn(value) : null);

/** The columns of a validated entry (dates as `@db.Date` values, search text derived). */
export function entryColumns(kind: RegisterKind, data: EntryData): Record<string, unknown> {
  switch (kind) {
    case "CONTRACT": {
      const c = data as ContractData;
      return {
        number: c.number,
        subject: c.subject,
        counterpartyName: c.counterpartyName,
        counterpartyIco: c.counterpartyIco,
        amountWithoutVat: c.amountWithoutVat,
        amountWithVat: c.amountWithVat,
        signedOn: dateColumn(c.signedOn),
        validFrom: dateOrNull(c.validFrom),
        validUntil: dateOrNull(c.validUntil),
        department: c.department,
        registryId: c.registryId,
        registryPublishedOn: dateOrNull(c.registryPublishedOn),
        attachmentId: c.attachmentId,
        searchText: registerSearchText(c.counterpartyName, c.counterpartyIco),
      };
    }
    case "INVOICE": {
      const i = data as InvoiceData;
      return {
        number: i.number,
        subject: i.subject,
        supplierName: i.supplierName,
        supplierIco: i.supplierIco,
        amountWithoutVat: i.amountWithoutVat,
        amountWithVat: i.amountWithVat,
        issuedOn: dateColumn(i.issuedOn),
        dueOn: dateColumn(i.dueOn),
        paidOn: dateOrNull(i.paidOn),
        contractId: i.contractId,
        orderId: i.orderId,
        budgetParagraph: i.budgetParagraph,
        budgetItem: i.budgetItem,
        department: i.department,
        searchText: registerSearchText(i.supplierName, i.supplierIco),
      };
    }
    case "ORDER": {
      const o = data as PurchaseOrderData;
      return {
        number: o.number,
        subject: o.subject,
        supplierName: o.supplierName,
        supplierIco: o.supplierIco,
        amountWithoutVat: o.amountWithoutVat,
        amountWithVat: o.amountWithVat,
        orderedOn: dateColumn(o.orderedOn),
        department: o.department,
        registryId: o.registryId,
        registryPublishedOn: dateOrNull(o.registryPublishedOn),
        searchText: registerSearchText(o.supplierName, o.supplierIco),
      };
    }
  }
}

/** The columns of `next` whose values differ from `row` (dates and amounts compared by value). */
export function changedColumns(row: RegisterRow, next: Record<string, unknown>): string[] {
  return Object.keys(next).filter((column) => !sameValue(row[column], next[column]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  return a === b;
}
