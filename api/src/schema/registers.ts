// Public registers of contracts, invoices and orders: public lists and details (no login), the
// clerks' agenda (create, edit, publish, withdraw, import from CSV/XLSX) and the integrators'
// idempotent upserts by external id. Resolvers check scope and call one service each; the rules
// live in services/registers.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import { pragueNow } from "../clock.ts";
import type { Context } from "../context.ts";
import { fromDateColumn } from "../domain/notice-window.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Contract, Invoice, PurchaseOrder, RegisterImport } from "../generated/prisma/client.ts";
import { RegisterImportStatus, RegisterKind, RegisterStatus } from "../generated/prisma/enums.ts";
import { translate, type MessageKey, type MessageParams } from "../i18n/messages.ts";
import { isUuid } from "../services/accounts/account-rules.ts";
import { commitRegisterImport } from "../services/registers/commit-register-import.ts";
import { createRegisterEntry } from "../services/registers/create-register-entry.ts";
import { discardRegisterImport } from "../services/registers/discard-register-import.ts";
import { previewRegisterImport } from "../services/registers/preview-register-import.ts";
import { publishRegisterEntry } from "../services/registers/publish-register-entry.ts";
import {
  REGISTRY_STATES,
  registerFilterSchema,
  registerOrderBy,
  registerWhere,
  SORT_DIRECTIONS,
  SORT_FIELDS,
  type RegisterFilter,
  type RegisterOrder,
  type RegistryState,
} from "../services/registers/register-filters.ts";
import { isMessageKey, type ImportProblem, type StoredImportRow } from "../services/registers/register-import-rows.ts";
import { kindOfModel, registerDelegate, type RegisterRow } from "../services/registers/register-kinds.ts";
import { CONTROL, LIMITS, type ContractInput, type InvoiceInput, type PurchaseOrderInput } from "../services/registers/register-rules.ts";
import { registryObligation } from "../services/registers/registry-obligation.ts";
import { canManageRegisters, REGISTERS_SCOPE } from "../services/registers/require-register-access.ts";
import { unpublishRegisterEntry } from "../services/registers/unpublish-register-entry.ts";
import { updateRegisterEntry } from "../services/registers/update-register-entry.ts";
import { upsertRegisterEntry, type UpsertResult } from "../services/registers/upsert-register-entry.ts";
import { nodeLookup } from "./node-lookup.ts";

/** Clerks of the registers agenda (admins pass every agenda) and integrators with registers:write. */
const REGISTER_MANAGERS = { agenda: "REGISTERS", apiScope: REGISTERS_SCOPE } as const;
const INTEGRATORS = { apiScope: REGISTERS_SCOPE } as const;

const today = (ctx: Context) => pragueNow(ctx.clock).toISODate()!;
/** What a reader may see: the public only published entries, the registers' managers everything. */
const visibleStatus = (ctx: Context) => (canManageRegisters(ctx) ? {} : { status: "PUBLISHED" as const });

/** The local id of a global id of one of the given types; null for anything else (never an error). */
function localId(value: string | null | undefined, ...typenames: string[]): { typename: string; id: string } | null {
  if (!value) return null;
  try {
    const decoded = decodeGlobalID(value);
    return typenames.includes(decoded.typename) ? decoded : null;
  } catch {
    return null;
  }
}
/** An optional link in an input: a wrong or foreign id becomes one that cannot exist (a field error). */
const linkId = (value: string | null | undefined, typename: string) =>
  value ? (localId(value, typename)?.id ?? (isUuid(value) ? value : "invalid")) : null;

// ---------------------------------------------------------------------------------------------
// Enums and inputs

const RegisterStatusEnum = builder.enumType(RegisterStatus, {
  name: "RegisterStatus",
  description: "DRAFT: never public; PUBLISHED: in the public register; UNPUBLISHED: withdrawn, with a reason.",
});
const RegisterKindEnum = builder.enumType(RegisterKind, { name: "RegisterKind", description: "CONTRACT, INVOICE or ORDER." });
const RegisterImportStatusEnum = builder.enumType(RegisterImportStatus, { name: "RegisterImportStatus" });
const RegisterSortFieldEnum = builder.enumType("RegisterSortField", {
  values: SORT_FIELDS,
  description: "DATE: signing, issue or order date; AMOUNT: including VAT; COUNTERPARTY: counterparty or supplier name.",
});
const RegisterSortDirectionEnum = builder.enumType("RegisterSortDirection", { values: SORT_DIRECTIONS });
const RegistryStateEnum = builder.enumType("RegistryState", {
  values: REGISTRY_STATES,
  description:
    "Contracts and orders and the registr smluv (over 50 000 Kč excluding VAT): REQUIRED all such entries; PENDING not yet published there; " +
    "OVERDUE pending past the 30-day deadline; CANCELLED pending past three months (cancelled from the start by law).",
});

const RegisterFilterInput = builder.inputType("RegisterFilter", {
  fields: (t) => ({
    year: t.int({ required: false, description: "Year of signing (contracts), issue (invoices) or ordering (orders)." }),
    counterparty: t.string({
      required: false,
      description: "Counterparty or supplier: part of the name (case and diacritics ignored) or the IČO.",
    }),
    amountMin: t.field({ type: "Money", required: false, description: "Amount including VAT at least." }),
    amountMax: t.field({ type: "Money", required: false, description: "Amount including VAT at most." }),
    department: t.string({ required: false, description: "Department (odbor), case ignored." }),
  }),
});

const RegisterOrderInput = builder.inputType("RegisterOrder", {
  fields: (t) => ({
    field: t.field({ type: RegisterSortFieldEnum }),
    direction: t.field({ type: RegisterSortDirectionEnum }),
  }),
});

/** Filters are checked like mutation input, but a query answers a bad filter with a top-level error. */
function checkedFilter(ctx: Context, filter: RegisterFilter | null | undefined): RegisterFilter | null {
  if (!filter) return null;
  const result = registerFilterSchema.safeParse(filter);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.message.startsWith("field.") ? (issue.message as MessageKey) : "field.invalid";
  const params: MessageParams = issue.code === "too_big" ? { max: Number(issue.maximum) } : {};
  throw new GraphQLError(`${issue.path.join(".")}: ${translate(ctx.locale, key, params)}`, {
    extensions: { code: "BAD_USER_INPUT", field: issue.path.map(String) },
  });
}

// ---------------------------------------------------------------------------------------------
// Object types

const date = (value: Date) => fromDateColumn(value);
const optionalDate = (value: Date | null) => (value ? fromDateColumn(value) : null);

/** Fields only the registers' managers read; others get null rather than an error. */
const managersOnly = { authScopes: REGISTER_MANAGERS, nullable: true, unauthorizedResolver: () => null } as const;

export const RegisterEntryRef = builder.interfaceRef<RegisterRow>("RegisterEntry").implement({
  description: "What contracts, invoices and orders have in common.",
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (entry) => ("signedOn" in entry ? "Contract" : "issuedOn" in entry ? "Invoice" : "PurchaseOrder"),
  fields: (t) => ({
    number: t.string({ description: "The entry's number, unique within its register.", resolve: (entry) => entry.number }),
    subject: t.string({ resolve: (entry) => entry.subject }),
    status: t.field({ type: RegisterStatusEnum, resolve: (entry) => entry.status }),
    amountWithoutVat: t.field({ type: "Money", resolve: (entry) => entry.amountWithoutVat }),
    amountWithVat: t.field({ type: "Money", resolve: (entry) => entry.amountWithVat }),
    department: t.string({ nullable: true, resolve: (entry) => entry.department }),
    publishedAt: t.field({ type: "DateTime", nullable: true, resolve: (entry) => entry.publishedAt }),
    externalId: t.string({ ...managersOnly, description: "The integrator's own id.", resolve: (entry) => entry.externalId }),
    unpublishedAt: t.field({ type: "DateTime", ...managersOnly, resolve: (entry) => entry.unpublishedAt }),
    unpublishReason: t.string({ ...managersOnly, resolve: (entry) => entry.unpublishReason }),
    updatedAt: t.field({ type: "DateTime", ...managersOnly, resolve: (entry) => entry.updatedAt }),
  }),
});

/** The day a contract or order was concluded: its signing or order date. */
const concludedOn = (entry: RegisterRow) => date((entry.signedOn ?? entry.orderedOn) as Date);

function obligation(entry: RegisterRow, ctx: Context) {
  const registryPublishedOn = entry.registryPublishedOn as Date | null;
  return registryObligation(
    { amountWithoutVat: entry.amountWithoutVat, concludedOn: concludedOn(entry), registryPublishedOn: optionalDate(registryPublishedOn) },
    today(ctx),
  );
}

export const RegistrySubjectRef = builder.interfaceRef<RegisterRow>("RegistrySubject").implement({
  description:
    "Contracts and orders: over 50 000 Kč excluding VAT they must be published in the national registr smluv " +
    "(zákon 340/2015 Sb.) within 30 days of their conclusion (signing of a contract, the date of an order).",
  resolveType: (entry) => ("signedOn" in entry ? "Contract" : "PurchaseOrder"),
  fields: (t) => ({
    registryId: t.string({
      nullable: true,
      description: "Identifier in the national registr smluv.",
      resolve: (entry) => entry.registryId as string | null,
    }),
    registryPublishedOn: t.field({
      type: "Date",
      nullable: true,
      description: "When it was published in the registr smluv.",
      resolve: (entry) => optionalDate(entry.registryPublishedOn as Date | null),
    }),
    requiresRegistry: t.boolean({
      description: "Over 50 000 Kč excluding VAT: must be published in the registr smluv (zákon 340/2015 Sb.).",
      resolve: (entry, _args, ctx) => obligation(entry, ctx).required,
    }),
    registryDeadline: t.field({
      type: "Date",
      nullable: true,
      description: "The last day for publication in the registr smluv: 30 days after signing (contracts) or ordering (orders).",
      resolve: (entry, _args, ctx) => obligation(entry, ctx).deadline,
    }),
    registryVoidDate: t.field({
      type: "Date",
      nullable: true,
      description:
        "Unpublished in the registr smluv after this day (three months after signing or ordering), the contract or order is cancelled from the start.",
      resolve: (entry, _args, ctx) => obligation(entry, ctx).voidDate,
    }),
    registryOverdue: t.boolean({
      description: "Required, not yet published in the registr smluv, and today (Prague) is past the deadline.",
      resolve: (entry, _args, ctx) => obligation(entry, ctx).overdue,
    }),
    registryCancelled: t.boolean({
      description: "Required, never published in the registr smluv, and past the void date.",
      resolve: (entry, _args, ctx) => obligation(entry, ctx).cancelled,
    }),
  }),
});

/**
 * How `node(id:)`/`nodes(ids:)` find an entry: through the tenant-scoped client (another town's id
 * is null), published ones only unless the reader manages the registers.
 */
const entryLookup = (model: "Contract" | "PurchaseOrder" | "Invoice") => nodeLookup(model, visibleStatus);
/** Defence in depth: an unpublished entry reached any other way is still only for managers. */
const entryScopes = (entry: { status: string }) => (entry.status === "PUBLISHED" ? true : REGISTER_MANAGERS);

const ContractAttachmentRef = builder
  .objectRef<{ id: string; fileName: string; mimeType: string; size: number }>("ContractAttachment")
  .implement({
    description: "The contract's document; public together with the published contract.",
    fields: (t) => ({
      fileName: t.exposeString("fileName"),
      mimeType: t.exposeString("mimeType"),
      size: t.exposeInt("size", { description: "In bytes." }),
      url: t.string({ resolve: (file) => `/soubory/${file.id}/${encodeURIComponent(file.fileName)}` }),
    }),
  });

export const ContractRef = builder.prismaNode("Contract", {
  ...entryLookup("Contract"),
  interfaces: [RegisterEntryRef, RegistrySubjectRef],
  authScopes: entryScopes,
  description: "A contract of the municipality (smlouva).",
  fields: (t) => ({
    counterpartyName: t.exposeString("counterpartyName"),
    counterpartyIco: t.exposeString("counterpartyIco", { nullable: true }),
    signedOn: t.field({ type: "Date", resolve: (c) => date(c.signedOn) }),
    validFrom: t.field({ type: "Date", nullable: true, resolve: (c) => optionalDate(c.validFrom) }),
    validUntil: t.field({ type: "Date", nullable: true, resolve: (c) => optionalDate(c.validUntil) }),
    attachmentUrl: t.string({
      nullable: true,
      description:
        "Download URL of the contract's document, from the contract's own columns (lists use this: no extra query; " +
        "the download names the file by its stored name).",
      resolve: (c) =>
        c.attachmentId ? `/soubory/${c.attachmentId}/${encodeURIComponent(`smlouva-${c.number}`.replace(/[/\\]/g, "-"))}` : null,
    }),
    attachment: t.field({
      type: ContractAttachmentRef,
      nullable: true,
      description: "The contract's document with its name, type and size (one more query; for the detail page).",
      select: { attachment: { select: { id: true, fileName: true, mimeType: true, size: true } } },
      resolve: (c) => c.attachment,
    }),
    invoices: t.relation("invoices", {
      description: "Invoices paid under this contract (published ones for the public).",
      query: (_args, ctx) => ({ where: visibleStatus(ctx), orderBy: [{ issuedOn: "desc" }, { id: "desc" }], take: 500 }),
    }),
  }),
});

export const PurchaseOrderRef = builder.prismaNode("PurchaseOrder", {
  ...entryLookup("PurchaseOrder"),
  interfaces: [RegisterEntryRef, RegistrySubjectRef],
  authScopes: entryScopes,
  description: "An order of the municipality (objednávka).",
  fields: (t) => ({
    supplierName: t.exposeString("supplierName"),
    supplierIco: t.exposeString("supplierIco", { nullable: true }),
    orderedOn: t.field({ type: "Date", resolve: (o) => date(o.orderedOn) }),
    invoices: t.relation("invoices", {
      description: "Invoices for this order (published ones for the public).",
      query: (_args, ctx) => ({ where: visibleStatus(ctx), orderBy: [{ issuedOn: "desc" }, { id: "desc" }], take: 500 }),
    }),
  }),
});

export const InvoiceRef = builder.prismaNode("Invoice", {
  ...entryLookup("Invoice"),
  interfaces: [RegisterEntryRef],
  authScopes: entryScopes,
  description: "A received invoice (faktura) with its budget classification.",
  fields: (t) => ({
    supplierName: t.exposeString("supplierName"),
    supplierIco: t.exposeString("supplierIco", { nullable: true }),
    issuedOn: t.field({ type: "Date", resolve: (i) => date(i.issuedOn) }),
    dueOn: t.field({ type: "Date", resolve: (i) => date(i.dueOn) }),
    paidOn: t.field({ type: "Date", nullable: true, resolve: (i) => optionalDate(i.paidOn) }),
    budgetParagraph: t.exposeString("budgetParagraph", { nullable: true, description: "Rozpočtová skladba: paragraf (4 digits)." }),
    budgetItem: t.exposeString("budgetItem", { nullable: true, description: "Rozpočtová skladba: položka (4 digits)." }),
    contract: t.field({
      type: ContractRef,
      nullable: true,
      description: "The contract the invoice is paid under, when it is visible to the reader.",
      select: (_args, _ctx, nested) => ({ contract: nested(true) }),
      resolve: (i, _args, ctx) => (i.contract && (i.contract.status === "PUBLISHED" || canManageRegisters(ctx)) ? i.contract : null),
    }),
    purchaseOrder: t.field({
      type: PurchaseOrderRef,
      nullable: true,
      description: "The order the invoice is for, when it is visible to the reader.",
      select: (_args, _ctx, nested) => ({ order: nested(true) }),
      resolve: (i, _args, ctx) => (i.order && (i.order.status === "PUBLISHED" || canManageRegisters(ctx)) ? i.order : null),
    }),
  }),
});

const RegisterTotalsRef = builder.objectRef<RegisterTotals>("RegisterTotals").implement({
  description: "Sums over every entry matching the filter (not just the page).",
  fields: (t) => ({
    count: t.exposeInt("count"),
    amountWithoutVat: t.field({ type: "Money", resolve: (totals) => totals.amountWithoutVat }),
    amountWithVat: t.field({ type: "Money", resolve: (totals) => totals.amountWithVat }),
  }),
});

interface RegisterTotals {
  count: number;
  amountWithoutVat: bigint;
  amountWithVat: bigint;
}

/**
 * totalCount and totals of a list come from one aggregate query, run only when asked for; it is
 * keyed on the list's arguments object, which the connection carries to its fields.
 */
const listTotals = new WeakMap<object, () => Promise<RegisterTotals>>();

function totalsOf(connection: unknown): Promise<RegisterTotals> {
  const load = listTotals.get((connection as { args: object }).args);
  if (!load) throw new Error("Register list totals requested without a list");
  return load();
}

function registerConnection<T extends object>(ref: Parameters<typeof builder.connectionObject>[0]["type"], name: string) {
  return builder.connectionObject(
    {
      type: ref,
      name: `${name}Connection`,
      fields: (t) => ({
        totalCount: t.int({ resolve: async (connection) => (await totalsOf(connection)).count }),
        totals: t.field({ type: RegisterTotalsRef, resolve: (connection) => totalsOf(connection) }),
      }),
    },
    { name: `${name}Edge` },
  ) as unknown as T;
}

const ContractConnection = registerConnection(ContractRef, "Contract");
const InvoiceConnection = registerConnection(InvoiceRef, "Invoice");
const PurchaseOrderConnection = registerConnection(PurchaseOrderRef, "PurchaseOrder");

interface ListArgs {
  filter?: RegisterFilter | null;
  orderBy?: RegisterOrder | null;
  statuses?: RegisterStatus[] | null;
  registry?: RegistryState | null;
}

/** One list query (findMany) plus, only when totalCount or totals are asked for, one aggregate. */
function listEntries(ctx: Context, kind: RegisterKind, query: object, args: ListArgs & object, publishedOnly: boolean) {
  const filter = checkedFilter(ctx, args.filter);
  const where = registerWhere(kind, filter, { publishedOnly, statuses: args.statuses, registry: args.registry, today: today(ctx) });
  const entries = registerDelegate(ctx.db, kind);
  let totals: Promise<RegisterTotals> | null = null;
  listTotals.set(args, () => {
    totals ??= entries
      .aggregate({ where, _count: { _all: true }, _sum: { amountWithoutVat: true, amountWithVat: true } })
      .then((result) => ({
        count: result._count._all,
        amountWithoutVat: result._sum.amountWithoutVat ?? 0n,
        amountWithVat: result._sum.amountWithVat ?? 0n,
      }));
    return totals;
  });
  return entries.findMany({ ...query, where, orderBy: registerOrderBy(kind, args.orderBy) });
}

// ---------------------------------------------------------------------------------------------
// Imports

const ImportProblemRef = builder.objectRef<ImportProblem>("RegisterImportProblem").implement({
  description: "A problem on one line of an imported file.",
  fields: (t) => ({
    line: t.exposeInt("line", { description: "Line of the CSV file or row of the worksheet (the header is line 1)." }),
    column: t.exposeString("column", { nullable: true, description: "The column's header as written in the file." }),
    code: t.exposeString("code"),
    message: t.string({
      // Problems are stored with their message key; a key renamed since falls back to a generic message.
      resolve: (problem, _args, ctx) =>
        translate(ctx.locale, isMessageKey(problem.messageKey) ? problem.messageKey : "field.invalid", problem.params),
    }),
  }),
});

const ImportRowRef = builder.objectRef<StoredImportRow>("RegisterImportRow").implement({
  description: "A valid row of an imported file, as it will be saved.",
  fields: (t) => {
    const text = (row: StoredImportRow, ...keys: string[]) => keys.map((key) => row.data[key]).find((value) => value != null) ?? null;
    return {
      line: t.exposeInt("line"),
      number: t.string({ resolve: (row) => text(row, "number") ?? "" }),
      subject: t.string({ resolve: (row) => text(row, "subject") ?? "" }),
      partyName: t.string({ resolve: (row) => text(row, "counterpartyName", "supplierName") ?? "" }),
      partyIco: t.string({ nullable: true, resolve: (row) => text(row, "counterpartyIco", "supplierIco") }),
      amountWithoutVat: t.field({ type: "Money", resolve: (row) => BigInt(text(row, "amountWithoutVat") ?? "0") }),
      amountWithVat: t.field({ type: "Money", resolve: (row) => BigInt(text(row, "amountWithVat") ?? "0") }),
      date: t.field({ type: "Date", resolve: (row) => text(row, "signedOn", "issuedOn", "orderedOn") ?? "" }),
      dueOn: t.field({ type: "Date", nullable: true, resolve: (row) => text(row, "dueOn") }),
      department: t.string({ nullable: true, resolve: (row) => text(row, "department") }),
      registryId: t.string({
        nullable: true,
        description: "Contracts and orders: identifier in the registr smluv.",
        resolve: (row) => text(row, "registryId"),
      }),
      registryPublishedOn: t.field({
        type: "Date",
        nullable: true,
        description: "Contracts and orders: when published in the registr smluv.",
        resolve: (row) => text(row, "registryPublishedOn"),
      }),
    };
  },
});

const problemsOf = (record: RegisterImport) => record.problems as unknown as ImportProblem[];
const rowsOf = (record: RegisterImport) => record.rows as unknown as StoredImportRow[];

export const RegisterImportRef = builder.prismaNode("RegisterImport", {
  ...nodeLookup("RegisterImport"),
  authScopes: REGISTER_MANAGERS,
  description: "A previewed CSV/XLSX import: valid rows and a line-by-line list of problems, kept until committed or discarded.",
  fields: (t) => ({
    kind: t.field({ type: RegisterKindEnum, resolve: (record) => record.kind }),
    fileName: t.exposeString("fileName"),
    status: t.field({ type: RegisterImportStatusEnum, resolve: (record) => record.status }),
    rowCount: t.exposeInt("rowCount", { description: "Data rows in the file." }),
    validRowCount: t.int({ description: "Rows that can be imported.", resolve: (record) => rowsOf(record).length }),
    problemCount: t.int({ resolve: (record) => problemsOf(record).length }),
    invalidRowCount: t.int({
      description: "Rows with at least one problem.",
      resolve: (record) => new Set(problemsOf(record).map((p) => p.line)).size,
    }),
    importedCount: t.int({
      description: "Entries created by the commit (0 until committed).",
      resolve: (record) => (record.status === "IMPORTED" ? rowsOf(record).length : 0),
    }),
    problems: t.field({
      type: [ImportProblemRef],
      args: { limit: t.arg.int({ required: false, defaultValue: 1000 }) },
      resolve: (record, { limit }) => problemsOf(record).slice(0, Math.min(Math.max(limit ?? 1000, 0), 10_000)),
    }),
    previewRows: t.field({
      type: [ImportRowRef],
      description: "The first valid rows.",
      args: { limit: t.arg.int({ required: false, defaultValue: 20 }) },
      resolve: (record, { limit }) => rowsOf(record).slice(0, Math.min(Math.max(limit ?? 20, 0), 100)),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    decidedAt: t.expose("decidedAt", { type: "DateTime", nullable: true }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => {
  const listArgs = () => ({
    filter: t.arg({ type: RegisterFilterInput, required: false }),
    orderBy: t.arg({ type: RegisterOrderInput, required: false, description: "Default: by date, newest first." }),
  });
  const detailArg = () => ({ id: t.arg.id({ required: true, description: "The entry's global id." }) });
  return {
    contracts: t.prismaConnection(
      {
        type: ContractRef,
        cursor: "id",
        description: "Published contracts, with filters and sorting; no login needed.",
        args: listArgs(),
        resolve: (query, _root, args, ctx) => listEntries(ctx, "CONTRACT", query, args, true) as Promise<Contract[]>,
      },
      ContractConnection,
    ),
    invoices: t.prismaConnection(
      {
        type: InvoiceRef,
        cursor: "id",
        description: "Published invoices, with filters and sorting; no login needed.",
        args: listArgs(),
        resolve: (query, _root, args, ctx) => listEntries(ctx, "INVOICE", query, args, true) as Promise<Invoice[]>,
      },
      InvoiceConnection,
    ),
    purchaseOrders: t.prismaConnection(
      {
        type: PurchaseOrderRef,
        cursor: "id",
        description: "Published orders, with filters and sorting; no login needed.",
        args: listArgs(),
        resolve: (query, _root, args, ctx) => listEntries(ctx, "ORDER", query, args, true) as Promise<PurchaseOrder[]>,
      },
      PurchaseOrderConnection,
    ),
    registerContracts: t.prismaConnection(
      {
        type: ContractRef,
        cursor: "id",
        authScopes: REGISTER_MANAGERS,
        description: "Clerks: contracts in any status, e.g. those overdue for the registr smluv.",
        args: {
          ...listArgs(),
          statuses: t.arg({ type: [RegisterStatusEnum], required: false }),
          registry: t.arg({ type: RegistryStateEnum, required: false }),
        },
        resolve: (query, _root, args, ctx) => listEntries(ctx, "CONTRACT", query, args, false) as Promise<Contract[]>,
      },
      ContractConnection,
    ),
    registerInvoices: t.prismaConnection(
      {
        type: InvoiceRef,
        cursor: "id",
        authScopes: REGISTER_MANAGERS,
        description: "Clerks: invoices in any status.",
        args: { ...listArgs(), statuses: t.arg({ type: [RegisterStatusEnum], required: false }) },
        resolve: (query, _root, args, ctx) => listEntries(ctx, "INVOICE", query, args, false) as Promise<Invoice[]>,
      },
      InvoiceConnection,
    ),
    registerPurchaseOrders: t.prismaConnection(
      {
        type: PurchaseOrderRef,
        cursor: "id",
        authScopes: REGISTER_MANAGERS,
        description: "Clerks: orders in any status, e.g. those overdue for the registr smluv.",
        args: {
          ...listArgs(),
          statuses: t.arg({ type: [RegisterStatusEnum], required: false }),
          registry: t.arg({ type: RegistryStateEnum, required: false }),
        },
        resolve: (query, _root, args, ctx) => listEntries(ctx, "ORDER", query, args, false) as Promise<PurchaseOrder[]>,
      },
      PurchaseOrderConnection,
    ),
    contract: t.prismaField({
      type: ContractRef,
      nullable: true,
      description: "A published contract (clerks of the registers: any); null when unknown.",
      args: detailArg(),
      resolve: (query, _root, args, ctx) => {
        const id = localId(args.id, "Contract")?.id;
        return id && isUuid(id) ? ctx.db.contract.findFirst({ ...query, where: { id, ...visibleStatus(ctx) } }) : null;
      },
    }),
    invoice: t.prismaField({
      type: InvoiceRef,
      nullable: true,
      description: "A published invoice (clerks of the registers: any); null when unknown.",
      args: detailArg(),
      resolve: (query, _root, args, ctx) => {
        const id = localId(args.id, "Invoice")?.id;
        return id && isUuid(id) ? ctx.db.invoice.findFirst({ ...query, where: { id, ...visibleStatus(ctx) } }) : null;
      },
    }),
    purchaseOrder: t.prismaField({
      type: PurchaseOrderRef,
      nullable: true,
      description: "A published order (clerks of the registers: any); null when unknown.",
      args: detailArg(),
      resolve: (query, _root, args, ctx) => {
        const id = localId(args.id, "PurchaseOrder")?.id;
        return id && isUuid(id) ? ctx.db.purchaseOrder.findFirst({ ...query, where: { id, ...visibleStatus(ctx) } }) : null;
      },
    }),
    registerImport: t.prismaField({
      type: RegisterImportRef,
      nullable: true,
      authScopes: REGISTER_MANAGERS,
      args: detailArg(),
      resolve: (query, _root, args, ctx) => {
        const id = localId(args.id, "RegisterImport")?.id;
        return id && isUuid(id) ? ctx.db.registerImport.findUnique({ ...query, where: { id } }) : null;
      },
    }),
  };
});

// ---------------------------------------------------------------------------------------------
// Inputs of entries (the same fields for clerks and integrators)

const ContractFields = builder.inputType("ContractInput", {
  fields: (t) => ({
    number: t.string(),
    subject: t.string(),
    counterpartyName: t.string(),
    counterpartyIco: t.string({ required: false, description: "8 digits with a valid check digit." }),
    amountWithoutVat: t.field({ type: "Money" }),
    amountWithVat: t.field({ type: "Money" }),
    signedOn: t.field({ type: "Date" }),
    validFrom: t.field({ type: "Date", required: false }),
    validUntil: t.field({ type: "Date", required: false }),
    department: t.string({ required: false }),
    registryId: t.string({ required: false, description: "Identifier in the registr smluv." }),
    registryPublishedOn: t.field({ type: "Date", required: false, description: "When it was published in the registr smluv." }),
    attachmentId: t.id({ required: false, description: "A StoredFile (from uploadFile) of this municipality." }),
  }),
});

const InvoiceFields = builder.inputType("InvoiceInput", {
  fields: (t) => ({
    number: t.string(),
    subject: t.string(),
    supplierName: t.string(),
    supplierIco: t.string({ required: false }),
    amountWithoutVat: t.field({ type: "Money" }),
    amountWithVat: t.field({ type: "Money" }),
    issuedOn: t.field({ type: "Date" }),
    dueOn: t.field({ type: "Date" }),
    paidOn: t.field({ type: "Date", required: false }),
    contractId: t.id({ required: false, description: "A Contract of this municipality." }),
    orderId: t.id({ required: false, description: "A PurchaseOrder of this municipality." }),
    budgetParagraph: t.string({ required: false, description: "Paragraf, 4 digits (with budgetItem)." }),
    budgetItem: t.string({ required: false, description: "Položka, 4 digits (with budgetParagraph)." }),
    department: t.string({ required: false }),
  }),
});

const PurchaseOrderFields = builder.inputType("PurchaseOrderInput", {
  fields: (t) => ({
    number: t.string(),
    subject: t.string(),
    supplierName: t.string(),
    supplierIco: t.string({ required: false }),
    amountWithoutVat: t.field({ type: "Money" }),
    amountWithVat: t.field({ type: "Money" }),
    orderedOn: t.field({ type: "Date" }),
    department: t.string({ required: false }),
    registryId: t.string({ required: false, description: "Identifier in the registr smluv (orders over 50 000 Kč excluding VAT)." }),
    registryPublishedOn: t.field({ type: "Date", required: false, description: "When it was published in the registr smluv." }),
  }),
});

type Fields<T> = { [K in keyof T]?: T[K] | null };

function contractInput(input: Fields<ContractInput> & { attachmentId?: string | null }): ContractInput {
  return { ...(input as ContractInput), attachmentId: linkId(input.attachmentId, "StoredFile") };
}
function invoiceInput(input: Fields<InvoiceInput>, links: { contractId?: string | null; orderId?: string | null } = {}): InvoiceInput {
  return {
    ...(input as InvoiceInput),
    contractId: links.contractId ?? linkId(input.contractId, "Contract"),
    orderId: links.orderId ?? linkId(input.orderId, "PurchaseOrder"),
  };
}

const asContract = (row: RegisterRow) => row as unknown as Contract;
const asInvoice = (row: RegisterRow) => row as unknown as Invoice;
const asOrder = (row: RegisterRow) => row as unknown as PurchaseOrder;

/** The id of an entry of `kind` from a global id; anything else cannot exist. */
const entryId = (value: string, typename: string) => localId(value, typename)?.id ?? "";

// ---------------------------------------------------------------------------------------------
// Mutations: clerks

builder.mutationField("createContract", (t) =>
  t.field({
    type: ContractRef,
    description: "Records a contract as a draft.",
    authScopes: REGISTER_MANAGERS,
    args: { input: t.arg({ type: ContractFields, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "contract" } },
    resolve: async (_root, { input }, ctx) => asContract(await createRegisterEntry(ctx, "CONTRACT", contractInput(input))),
  }),
);

builder.mutationField("updateContract", (t) =>
  t.field({
    type: ContractRef,
    description: "Replaces a contract's fields; a published contract stays published.",
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ContractFields, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "contract" } },
    resolve: async (_root, { id, input }, ctx) =>
      asContract(await updateRegisterEntry(ctx, "CONTRACT", entryId(id, "Contract"), contractInput(input))),
  }),
);

builder.mutationField("createInvoice", (t) =>
  t.field({
    type: InvoiceRef,
    description: "Records an invoice as a draft.",
    authScopes: REGISTER_MANAGERS,
    args: { input: t.arg({ type: InvoiceFields, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "invoice" } },
    resolve: async (_root, { input }, ctx) => asInvoice(await createRegisterEntry(ctx, "INVOICE", invoiceInput(input))),
  }),
);

builder.mutationField("updateInvoice", (t) =>
  t.field({
    type: InvoiceRef,
    description: "Replaces an invoice's fields; a published invoice stays published.",
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: InvoiceFields, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "invoice" } },
    resolve: async (_root, { id, input }, ctx) =>
      asInvoice(await updateRegisterEntry(ctx, "INVOICE", entryId(id, "Invoice"), invoiceInput(input))),
  }),
);

builder.mutationField("createPurchaseOrder", (t) =>
  t.field({
    type: PurchaseOrderRef,
    description: "Records an order as a draft.",
    authScopes: REGISTER_MANAGERS,
    args: { input: t.arg({ type: PurchaseOrderFields, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "purchaseOrder" } },
    resolve: async (_root, { input }, ctx) => asOrder(await createRegisterEntry(ctx, "ORDER", input as PurchaseOrderInput)),
  }),
);

builder.mutationField("updatePurchaseOrder", (t) =>
  t.field({
    type: PurchaseOrderRef,
    description: "Replaces an order's fields; a published order stays published.",
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: PurchaseOrderFields, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "purchaseOrder" } },
    resolve: async (_root, { id, input }, ctx) =>
      asOrder(await updateRegisterEntry(ctx, "ORDER", entryId(id, "PurchaseOrder"), input as PurchaseOrderInput)),
  }),
);

/** Kind and local id of an entry's global id (Contract, Invoice or PurchaseOrder). */
function entryTarget(value: string): { kind: RegisterKind; id: string } {
  const decoded = localId(value, "Contract", "Invoice", "PurchaseOrder");
  if (!decoded) throw new NotFoundError();
  return { kind: kindOfModel(decoded.typename)!, id: decoded.id };
}

builder.mutationField("publishRegisterEntry", (t) =>
  t.field({
    type: RegisterEntryRef,
    description: "Publishes a contract, invoice or order; publishing a published entry changes nothing.",
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "entry" } },
    resolve: (_root, { id }, ctx) => {
      const target = entryTarget(id);
      return publishRegisterEntry(ctx, target.kind, { id: target.id });
    },
  }),
);

builder.mutationField("unpublishRegisterEntry", (t) =>
  t.field({
    type: RegisterEntryRef,
    description: "Withdraws a published entry from the public registers, with a reason.",
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "entry" } },
    resolve: (_root, { id, reason }, ctx) => {
      const target = entryTarget(id);
      return unpublishRegisterEntry(ctx, target.kind, { id: target.id }, { reason });
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Mutations: imports

const PreviewRegisterImportInput = builder.inputType("PreviewRegisterImportInput", {
  fields: (t) => ({
    kind: t.field({ type: RegisterKindEnum }),
    file: t.field({ type: "File", description: "CSV (UTF-8 or windows-1250, ; or , delimited) or XLSX, at most 5 MB and 10 000 rows." }),
  }),
});

builder.mutationField("previewRegisterImport", (t) =>
  t.field({
    type: RegisterImportRef,
    description: "Reads an accounting system's CSV/XLSX export and reports every line's problems; imports nothing yet.",
    authScopes: REGISTER_MANAGERS,
    args: { input: t.arg({ type: PreviewRegisterImportInput, required: true }) },
    errors: { types: [ValidationError], dataField: { name: "registerImport" } },
    resolve: (_root, { input }, ctx) => previewRegisterImport(ctx, input),
  }),
);

const CommitRegisterImportInput = builder.inputType("CommitRegisterImportInput", {
  fields: (t) => ({
    id: t.id(),
    skipInvalidRows: t.boolean({
      required: false,
      defaultValue: false,
      description: "Required when the file has problems: import only its valid rows.",
    }),
    publish: t.boolean({ required: false, defaultValue: false, description: "Publish the imported entries at once (default: drafts)." }),
  }),
});

builder.mutationField("commitRegisterImport", (t) =>
  t.field({
    type: RegisterImportRef,
    description: "Imports a preview's valid rows in one transaction; committing again changes nothing.",
    authScopes: REGISTER_MANAGERS,
    args: { input: t.arg({ type: CommitRegisterImportInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "registerImport" } },
    resolve: (_root, { input }, ctx) =>
      commitRegisterImport(ctx, {
        id: localId(input.id, "RegisterImport")?.id ?? "",
        skipInvalidRows: input.skipInvalidRows,
        publish: input.publish,
      }),
  }),
);

builder.mutationField("discardRegisterImport", (t) =>
  t.field({
    type: RegisterImportRef,
    authScopes: REGISTER_MANAGERS,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "registerImport" } },
    resolve: (_root, { id }, ctx) => discardRegisterImport(ctx, { id: localId(id, "RegisterImport")?.id ?? "" }),
  }),
);

// ---------------------------------------------------------------------------------------------
// Mutations: integrators (API token with registers:write), idempotent by their own ids

function upsertPayload<T>(name: string, field: string, ref: T, cast: (row: RegisterRow) => unknown) {
  return builder.objectRef<UpsertResult>(name).implement({
    fields: (t) => ({
      [field]: t.field({ type: ref as never, resolve: (result: UpsertResult) => cast(result.entry) as never }),
      created: t.boolean({ description: "This call created the entry.", resolve: (result) => result.created }),
      changed: t.boolean({
        description: "This call created or changed something; a replay answers false.",
        resolve: (result) => result.changed,
      }),
    }),
  });
}

const EXTERNAL_ID = { required: true, description: "The integrator's own id of the entry (unique per register)." } as const;

builder.mutationField("upsertContractByExternalId", (t) =>
  t.field({
    type: upsertPayload("UpsertContractPayload", "contract", ContractRef, asContract),
    description: "Creates (as a draft) or updates the contract with this external id; a replay changes nothing.",
    authScopes: INTEGRATORS,
    args: { externalId: t.arg.string(EXTERNAL_ID), input: t.arg({ type: ContractFields, required: true }) },
    errors: { types: [ValidationError], directResult: true },
    resolve: (_root, { externalId, input }, ctx) => upsertRegisterEntry(ctx, "CONTRACT", externalId, contractInput(input)),
  }),
);

builder.mutationField("upsertInvoiceByExternalId", (t) =>
  t.field({
    type: upsertPayload("UpsertInvoicePayload", "invoice", InvoiceRef, asInvoice),
    description:
      "Creates (as a draft) or updates the invoice with this external id; a replay changes nothing. " +
      "Link it by global ids (input.contractId/orderId) or by the integrator's external ids.",
    authScopes: INTEGRATORS,
    args: {
      externalId: t.arg.string(EXTERNAL_ID),
      input: t.arg({ type: InvoiceFields, required: true }),
      contractExternalId: t.arg.string({ required: false }),
      orderExternalId: t.arg.string({ required: false }),
    },
    errors: { types: [ValidationError], directResult: true },
    resolve: async (_root, { externalId, input, contractExternalId, orderExternalId }, ctx) => {
      const byExternalId = async (kind: RegisterKind, value: string | null | undefined) => {
        if (!value) return null;
        if (value.length > LIMITS.externalId || CONTROL.test(value)) return "invalid";
        const row = await registerDelegate(ctx.db, kind).findFirst({ where: { externalId: value }, select: { id: true } });
        return row?.id ?? "invalid";
      };
      const links = {
        contractId: await byExternalId("CONTRACT", contractExternalId),
        orderId: await byExternalId("ORDER", orderExternalId),
      };
      return upsertRegisterEntry(ctx, "INVOICE", externalId, invoiceInput(input, links));
    },
  }),
);

builder.mutationField("upsertPurchaseOrderByExternalId", (t) =>
  t.field({
    type: upsertPayload("UpsertPurchaseOrderPayload", "purchaseOrder", PurchaseOrderRef, asOrder),
    description: "Creates (as a draft) or updates the order with this external id; a replay changes nothing.",
    authScopes: INTEGRATORS,
    args: { externalId: t.arg.string(EXTERNAL_ID), input: t.arg({ type: PurchaseOrderFields, required: true }) },
    errors: { types: [ValidationError], directResult: true },
    resolve: (_root, { externalId, input }, ctx) => upsertRegisterEntry(ctx, "ORDER", externalId, input as PurchaseOrderInput),
  }),
);

builder.mutationField("publishRegisterEntryByExternalId", (t) =>
  t.field({
    type: RegisterEntryRef,
    description: "Publishes the entry with this external id; publishing again changes nothing.",
    authScopes: INTEGRATORS,
    args: { kind: t.arg({ type: RegisterKindEnum, required: true }), externalId: t.arg.string(EXTERNAL_ID) },
    errors: { types: [NotFoundError], dataField: { name: "entry" } },
    resolve: (_root, { kind, externalId }, ctx) => publishRegisterEntry(ctx, kind, { externalId }),
  }),
);

builder.mutationField("unpublishRegisterEntryByExternalId", (t) =>
  t.field({
    type: RegisterEntryRef,
    description: "Withdraws the entry with this external id, with a reason; withdrawing again changes nothing.",
    authScopes: INTEGRATORS,
    args: {
      kind: t.arg({ type: RegisterKindEnum, required: true }),
      externalId: t.arg.string(EXTERNAL_ID),
      reason: t.arg.string({ required: true }),
    },
    errors: { types: [ValidationError, NotFoundError], dataField: { name: "entry" } },
    resolve: (_root, { kind, externalId, reason }, ctx) => unpublishRegisterEntry(ctx, kind, { externalId }, { reason }),
  }),
);
