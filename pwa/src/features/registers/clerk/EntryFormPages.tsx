import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../components/Button.tsx";
import { FileField, Select, TextArea, TextField } from "../../../components/fields.tsx";
import { Form, useZodForm } from "../../../components/form.tsx";
import { EmptyState, LoadError, Loading } from "../../../components/states.tsx";
import { useToast } from "../../../components/Toast.tsx";
import type { ResultOf } from "../../../graphql/graphql.ts";
import { UploadFileMutation } from "../../../graphql/upload-file.ts";
import { useFormat } from "../../../i18n/format.ts";
import { parseAmount } from "../filters.ts";
import { detailPath, fileIdOfUrl, globalId, REGISTER_KINDS, uuidOf, type RegisterKind } from "../kinds.ts";
import { ClerkPageFrame, editPath } from "./ClerkRegisterListPages.tsx";
import { CLERK_BASE } from "./ClerkRegisterTabs.tsx";
import {
  amountForForm,
  contractFormSchema,
  contractInput,
  invoiceFormSchema,
  invoiceInput,
  orderFormSchema,
  orderInput,
  type ContractFormValues,
  type InvoiceFormValues,
  type OrderFormValues,
} from "./entry-schemas.ts";
import { PublishActions, RegistryStatus, StatusBadge, type EntryStatus } from "./EntryStatus.tsx";
import { FieldGroup, RequiredNote } from "./form-parts.tsx";
import {
  ContractChoicesQuery,
  ContractForEditQuery,
  CreateContractMutation,
  CreateInvoiceMutation,
  CreatePurchaseOrderMutation,
  InvoiceForEditQuery,
  OrderChoicesQuery,
  PurchaseOrderForEditQuery,
  type RegistryFields,
  UpdateContractMutation,
  UpdateInvoiceMutation,
  UpdatePurchaseOrderMutation,
} from "./operations.ts";

type Contract = NonNullable<ResultOf<typeof ContractForEditQuery>["contract"]>;
type Invoice = NonNullable<ResultOf<typeof InvoiceForEditQuery>["invoice"]>;
type PurchaseOrder = NonNullable<ResultOf<typeof PurchaseOrderForEditQuery>["purchaseOrder"]>;

const NEW = "nova";
const REGISTRY_THRESHOLD = 5_000_000n; // 50 000 Kč in haléře; the registr smluv duty applies above it (excl. VAT)
const REGISTRY_DEADLINE_DAYS = 30;

/** The page of one entry: "nova" creates one, a UUID edits that entry. */
function useEntryParam(typename: "Contract" | "Invoice" | "PurchaseOrder") {
  const { id } = useParams();
  return { isNew: id === NEW, id: id === NEW ? null : globalId(typename, id) };
}

/** What `useZodForm().bind` gives a text field, for the parts every register's form shares. */
type Bind<Name extends string> = (name: Name) => {
  name: string;
  value: string;
  error: string | undefined;
  onChange: (event: { target: { value: string } }) => void;
  onBlur: () => void;
};

/** The entry's number, subject and department, then the other party: every register's form starts alike. */
function BasicsAndParty<Party extends string>({
  kind,
  bind,
  partyName,
  partyIco,
}: {
  kind: RegisterKind;
  bind: Bind<"number" | "subject" | "department" | Party>;
  partyName: Party;
  partyIco: Party;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FieldGroup legend={t("registers.clerk.group.basics")}>
        <TextField label={t(`registers.kind.${kind}.numberLabel`)} required autoComplete="off" {...bind("number")} />
        <TextArea label={t("registers.field.subject")} required {...bind("subject")} />
        <TextField label={t("registers.field.department")} {...bind("department")} />
      </FieldGroup>
      <FieldGroup legend={t(`registers.kind.${kind}.party`)}>
        <TextField label={t("registers.clerk.partyName")} required autoComplete="off" {...bind(partyName)} />
        <TextField
          label={t("registers.field.ico")}
          hint={t("registers.clerk.icoHint")}
          inputMode="numeric"
          autoComplete="off"
          {...bind(partyIco)}
        />
      </FieldGroup>
    </>
  );
}

/** Save (a new entry is saved as a draft) and the way back to the register's list. */
function FormActions({ kind, editing, busy }: { kind: RegisterKind; editing: boolean; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap gap-3">
      <Button type="submit" busy={busy}>
        {editing ? t("common.save") : t("registers.clerk.saveDraft")}
      </Button>
      <Link to={`${CLERK_BASE}/${REGISTER_KINDS[kind].path}`} className="inline-flex min-h-11 items-center">
        {t("registers.clerk.backToList")}
      </Link>
    </div>
  );
}

/** After a save the draft goes and a toast says so; a new entry's page becomes its edit page. */
function useSaved(kind: RegisterKind, clearDraft: () => void) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  return {
    updated(number: string) {
      clearDraft();
      toast(t("registers.clerk.saved", { number }));
    },
    created(number: string, id: string) {
      clearDraft();
      toast(t("registers.clerk.createdDraft", { number }));
      navigate(editPath(kind, id), { replace: true });
    },
  };
}

/** A new entry's page holds only the form; an existing one's shows its status above it (EditFrame). */
function EntryFormFrame<T extends EditableEntry>({
  kind,
  isNew,
  children,
  ...edit
}: {
  kind: RegisterKind;
  isNew: boolean;
  entry: T | null | undefined;
  loaded: boolean;
  error: boolean;
  retry: () => void;
  children: (entry: T | undefined) => ReactNode;
}) {
  const { t } = useTranslation();
  if (isNew) return <ClerkPageFrame title={t(`registers.clerk.create.${kind}`)}>{children(undefined)}</ClerkPageFrame>;
  return (
    <EditFrame kind={kind} {...edit}>
      {children}
    </EditFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Contracts

export function ContractFormPage() {
  const { isNew, id } = useEntryParam("Contract");
  const [{ data, error }, reexecute] = useQuery({ query: ContractForEditQuery, variables: { id: id ?? "" }, pause: !id });
  return (
    <EntryFormFrame
      kind="CONTRACT"
      isNew={isNew}
      entry={data?.contract}
      loaded={Boolean(data) || !id}
      error={Boolean(error)}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(contract) => <ContractEditor key={contract?.id} contract={contract} />}
    </EntryFormFrame>
  );
}

function contractValues(contract: Contract | undefined, language: string): ContractFormValues {
  return {
    number: contract?.number ?? "",
    subject: contract?.subject ?? "",
    counterpartyName: contract?.counterpartyName ?? "",
    counterpartyIco: contract?.counterpartyIco ?? "",
    amountWithoutVat: contract ? amountForForm(contract.amountWithoutVat, language) : "",
    amountWithVat: contract ? amountForForm(contract.amountWithVat, language) : "",
    signedOn: contract?.signedOn ?? "",
    validFrom: contract?.validFrom ?? "",
    validUntil: contract?.validUntil ?? "",
    department: contract?.department ?? "",
    registryId: contract?.registryId ?? "",
    registryPublishedOn: contract?.registryPublishedOn ?? "",
    // The API takes the document's StoredFile id; the contract exposes it only inside the download URL.
    attachmentId: fileIdOfUrl(contract?.attachment?.url) ?? "",
    attachmentName: contract?.attachment?.fileName ?? "",
  };
}

function addDays(isoDate: string, days: number): string | null {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function ContractEditor({ contract }: { contract?: Contract }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, createContract] = useMutation(CreateContractMutation);
  const [, updateContract] = useMutation(UpdateContractMutation);
  const [{ fetching: uploading }, uploadFile] = useMutation(UploadFileMutation);
  const [uploadError, setUploadError] = useState<string | undefined>();
  const form = useZodForm(contractFormSchema, contractValues(contract, format.language), {
    draftKey: `registers.contract.${contract ? uuidOf(contract.id) : NEW}`,
  });
  const saved = useSaved("CONTRACT", form.clearDraft);

  async function onFile(file: File | null) {
    setUploadError(undefined);
    if (!file) return;
    const result = await uploadFile({ file });
    const answer = result.data?.uploadFile;
    if (answer?.__typename === "UploadFileSuccess") {
      form.setValue("attachmentId", answer.file.id);
      form.setValue("attachmentName", answer.file.fileName);
    } else {
      setUploadError(
        answer && "message" in answer ? answer.message : result.error?.networkError ? t("errors.network") : t("errors.unexpected"),
      );
    }
  }

  const onSubmit = form.handleSubmit(async (values) => {
    const input = contractInput(values);
    if (contract) {
      const result = await updateContract({ id: contract.id, input });
      const answer = result.data?.updateContract;
      if (answer?.__typename !== "UpdateContractSuccess") return form.fail(answer ?? result.error);
      saved.updated(answer.contract.number);
    } else {
      const result = await createContract({ input });
      const answer = result.data?.createContract;
      if (answer?.__typename !== "CreateContractSuccess") return form.fail(answer ?? result.error);
      saved.created(answer.contract.number, answer.contract.id);
    }
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t("registers.clerk.formLabel.CONTRACT")}>
      <RequiredNote />
      <BasicsAndParty kind="CONTRACT" bind={form.bind} partyName="counterpartyName" partyIco="counterpartyIco" />
      <FieldGroup legend={t("registers.clerk.group.amountsDates")}>
        <AmountFields bind={form.bind} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("registers.kind.CONTRACT.date")} type="date" required {...form.bind("signedOn")} />
          <TextField label={t("registers.field.validFrom")} type="date" {...form.bind("validFrom")} />
          <TextField label={t("registers.field.validUntil")} type="date" {...form.bind("validUntil")} />
        </div>
        <RegistryHint amountWithoutVat={form.values.amountWithoutVat} concludedOn={form.values.signedOn} />
      </FieldGroup>
      <RegistryGroup bind={form.bind} />
      <FieldGroup legend={t("registers.attachment.title")}>
        {form.values.attachmentId ? (
          <div className="flex flex-wrap items-center gap-3">
            <p>{t("registers.clerk.attachmentCurrent", { name: form.values.attachmentName || t("registers.attachment.title") })}</p>
            <Button
              variant="secondary"
              onClick={() => {
                form.setValue("attachmentId", "");
                form.setValue("attachmentName", "");
              }}
            >
              {t("registers.clerk.attachmentRemove")}
            </Button>
          </div>
        ) : null}
        <FileField
          label={form.values.attachmentId ? t("registers.clerk.attachmentReplace") : t("registers.clerk.attachmentUpload")}
          hint={t("registers.clerk.attachmentHint")}
          accept=".pdf,.docx,.odt,.xlsx,.ods,.png,.jpg,.jpeg,.webp"
          error={uploadError ?? form.error("attachmentId")}
          aria-busy={uploading || undefined}
          onFile={(file) => void onFile(file)}
        />
        {uploading && <p role="status">{t("registers.clerk.uploading")}</p>}
      </FieldGroup>
      <FormActions kind="CONTRACT" editing={Boolean(contract)} busy={form.submitting || uploading} />
    </Form>
  );
}

/** The two amounts, which every register has; the API checks that VAT is not below the net amount. */
function AmountFields({ bind }: { bind: Bind<"amountWithoutVat" | "amountWithVat"> }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label={t("registers.field.amountWithoutVat")}
        hint={t("registers.clerk.amountHint")}
        inputMode="decimal"
        required
        autoComplete="off"
        {...bind("amountWithoutVat")}
      />
      <TextField label={t("registers.field.amountWithVat")} inputMode="decimal" required autoComplete="off" {...bind("amountWithVat")} />
    </div>
  );
}

/** Says, as the amount and date are typed, that the entry goes to the registr smluv and by when. */
function RegistryHint({ amountWithoutVat, concludedOn }: { amountWithoutVat: string; concludedOn: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const net = parseAmount(amountWithoutVat);
  const overThreshold = net !== null && BigInt(net.replace(".", "")) > REGISTRY_THRESHOLD;
  const deadline = concludedOn ? addDays(concludedOn, REGISTRY_DEADLINE_DAYS) : null;
  return (
    <p role="status" className="empty:hidden">
      {overThreshold && (
        <span className="inline-block rounded-md border-2 border-accent px-2 py-1">
          {deadline ? t("registers.clerk.registryHintDeadline", { deadline: format.date(deadline) }) : t("registers.clerk.registryHint")}
        </span>
      )}
    </p>
  );
}

/** Where and when the entry was published in the registr smluv (contracts and orders). */
function RegistryGroup({ bind }: { bind: Bind<"registryId" | "registryPublishedOn"> }) {
  const { t } = useTranslation();
  return (
    <FieldGroup legend={t("registers.clerk.group.registry")}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("registers.field.registryId")} autoComplete="off" {...bind("registryId")} />
        <TextField label={t("registers.field.registryPublishedOn")} type="date" {...bind("registryPublishedOn")} />
      </div>
    </FieldGroup>
  );
}

// ---------------------------------------------------------------------------------------------
// Invoices

export function InvoiceFormPage() {
  const { isNew, id } = useEntryParam("Invoice");
  const [{ data, error }, reexecute] = useQuery({ query: InvoiceForEditQuery, variables: { id: id ?? "" }, pause: !id });
  return (
    <EntryFormFrame
      kind="INVOICE"
      isNew={isNew}
      entry={data?.invoice}
      loaded={Boolean(data) || !id}
      error={Boolean(error)}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(invoice) => <InvoiceEditor key={invoice?.id} invoice={invoice} />}
    </EntryFormFrame>
  );
}

function invoiceValues(invoice: Invoice | undefined, language: string): InvoiceFormValues {
  return {
    number: invoice?.number ?? "",
    subject: invoice?.subject ?? "",
    supplierName: invoice?.supplierName ?? "",
    supplierIco: invoice?.supplierIco ?? "",
    amountWithoutVat: invoice ? amountForForm(invoice.amountWithoutVat, language) : "",
    amountWithVat: invoice ? amountForForm(invoice.amountWithVat, language) : "",
    issuedOn: invoice?.issuedOn ?? "",
    dueOn: invoice?.dueOn ?? "",
    paidOn: invoice?.paidOn ?? "",
    contractId: invoice?.contract?.id ?? "",
    orderId: invoice?.purchaseOrder?.id ?? "",
    budgetParagraph: invoice?.budgetParagraph ?? "",
    budgetItem: invoice?.budgetItem ?? "",
    department: invoice?.department ?? "",
  };
}

function InvoiceEditor({ invoice }: { invoice?: Invoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, createInvoice] = useMutation(CreateInvoiceMutation);
  const [, updateInvoice] = useMutation(UpdateInvoiceMutation);
  const form = useZodForm(invoiceFormSchema, invoiceValues(invoice, format.language), {
    draftKey: `registers.invoice.${invoice ? uuidOf(invoice.id) : NEW}`,
  });
  const saved = useSaved("INVOICE", form.clearDraft);

  const onSubmit = form.handleSubmit(async (values) => {
    const input = invoiceInput(values);
    if (invoice) {
      const result = await updateInvoice({ id: invoice.id, input });
      const answer = result.data?.updateInvoice;
      if (answer?.__typename !== "UpdateInvoiceSuccess") return form.fail(answer ?? result.error);
      saved.updated(answer.invoice.number);
    } else {
      const result = await createInvoice({ input });
      const answer = result.data?.createInvoice;
      if (answer?.__typename !== "CreateInvoiceSuccess") return form.fail(answer ?? result.error);
      saved.created(answer.invoice.number, answer.invoice.id);
    }
  });

  const current = (entry: { id: string; number: string; subject: string } | null | undefined) =>
    entry ? { id: entry.id, label: `${entry.number} – ${entry.subject}` } : null;

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t("registers.clerk.formLabel.INVOICE")}>
      <RequiredNote />
      <BasicsAndParty kind="INVOICE" bind={form.bind} partyName="supplierName" partyIco="supplierIco" />
      <FieldGroup legend={t("registers.clerk.group.amountsDates")}>
        <AmountFields bind={form.bind} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("registers.kind.INVOICE.date")} type="date" required {...form.bind("issuedOn")} />
          <TextField label={t("registers.field.dueOn")} type="date" required {...form.bind("dueOn")} />
          <TextField label={t("registers.field.paidOn")} type="date" {...form.bind("paidOn")} />
        </div>
      </FieldGroup>
      <FieldGroup legend={t("registers.field.budget")}>
        <p className="text-sm text-ink-muted">{t("registers.clerk.budgetHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("registers.field.budgetParagraph")}
            hint={t("registers.clerk.paragraphHint")}
            inputMode="numeric"
            autoComplete="off"
            {...form.bind("budgetParagraph")}
          />
          <TextField
            label={t("registers.field.budgetItem")}
            hint={t("registers.clerk.itemHint")}
            inputMode="numeric"
            autoComplete="off"
            {...form.bind("budgetItem")}
          />
        </div>
      </FieldGroup>
      <FieldGroup legend={t("registers.clerk.group.links")}>
        <LinkPicker
          kind="CONTRACT"
          value={form.values.contractId}
          current={current(invoice?.contract)}
          suggestedSearch={form.values.supplierIco.replace(/\s+/g, "") || form.values.supplierName}
          onChange={(value) => form.setValue("contractId", value)}
          error={form.error("contractId")}
        />
        <LinkPicker
          kind="ORDER"
          value={form.values.orderId}
          current={current(invoice?.purchaseOrder)}
          suggestedSearch={form.values.supplierIco.replace(/\s+/g, "") || form.values.supplierName}
          onChange={(value) => form.setValue("orderId", value)}
          error={form.error("orderId")}
        />
      </FieldGroup>
      <FormActions kind="INVOICE" editing={Boolean(invoice)} busy={form.submitting} />
    </Form>
  );
}

/**
 * Chooses the contract or order an invoice belongs to. It searches the register by counterparty
 * (name or IČO, the same search as the lists) and starts from the invoice's supplier, which is
 * usually the other party of the contract; the current link stays selectable whatever the results.
 */
function LinkPicker({
  kind,
  value,
  current,
  suggestedSearch,
  onChange,
  error,
}: {
  kind: "CONTRACT" | "ORDER";
  value: string;
  current: { id: string; label: string } | null;
  suggestedSearch: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [typed, setTyped] = useState<string | null>(null);
  const search = (typed ?? suggestedSearch).trim();
  const [debounced, setDebounced] = useState(search);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const variables = { counterparty: debounced || null };
  const [contracts] = useQuery({ query: ContractChoicesQuery, variables, pause: kind !== "CONTRACT" });
  const [orders] = useQuery({ query: OrderChoicesQuery, variables, pause: kind !== "ORDER" });
  const found =
    kind === "CONTRACT"
      ? (contracts.data?.registerContracts.edges ?? []).map(({ node }) => ({
          value: node.id,
          label: `${node.number} – ${node.subject} (${node.counterpartyName}, ${format.date(node.signedOn)})`,
        }))
      : (orders.data?.registerPurchaseOrders.edges ?? []).map(({ node }) => ({
          value: node.id,
          label: `${node.number} – ${node.subject} (${node.supplierName}, ${format.date(node.orderedOn)})`,
        }));
  const options = [
    { value: "", label: t(`registers.clerk.noLink.${kind}`) },
    ...(current && !found.some((option) => option.value === current.id) ? [{ value: current.id, label: current.label }] : []),
    ...found,
  ];
  if (value && !options.some((option) => option.value === value)) options.push({ value, label: t("registers.clerk.linkSelected") });
  const fetching = kind === "CONTRACT" ? contracts.fetching : orders.fetching;

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label={t(`registers.clerk.linkSearch.${kind}`)}
        hint={t("registers.clerk.linkSearchHint")}
        type="search"
        autoComplete="off"
        value={typed ?? suggestedSearch}
        onChange={(event) => setTyped(event.target.value)}
      />
      <Select
        label={t(`registers.field.${kind === "CONTRACT" ? "contract" : "order"}`)}
        hint={fetching ? t("common.loading") : t("registers.clerk.linkFound", { count: found.length })}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        options={options}
        error={error}
      />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Orders

export function PurchaseOrderFormPage() {
  const { isNew, id } = useEntryParam("PurchaseOrder");
  const [{ data, error }, reexecute] = useQuery({ query: PurchaseOrderForEditQuery, variables: { id: id ?? "" }, pause: !id });
  return (
    <EntryFormFrame
      kind="ORDER"
      isNew={isNew}
      entry={data?.purchaseOrder}
      loaded={Boolean(data) || !id}
      error={Boolean(error)}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(order) => <OrderEditor key={order?.id} order={order} />}
    </EntryFormFrame>
  );
}

function orderValues(order: PurchaseOrder | undefined, language: string): OrderFormValues {
  return {
    number: order?.number ?? "",
    subject: order?.subject ?? "",
    supplierName: order?.supplierName ?? "",
    supplierIco: order?.supplierIco ?? "",
    amountWithoutVat: order ? amountForForm(order.amountWithoutVat, language) : "",
    amountWithVat: order ? amountForForm(order.amountWithVat, language) : "",
    orderedOn: order?.orderedOn ?? "",
    department: order?.department ?? "",
    registryId: order?.registryId ?? "",
    registryPublishedOn: order?.registryPublishedOn ?? "",
  };
}

function OrderEditor({ order }: { order?: PurchaseOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, createOrder] = useMutation(CreatePurchaseOrderMutation);
  const [, updateOrder] = useMutation(UpdatePurchaseOrderMutation);
  const form = useZodForm(orderFormSchema, orderValues(order, format.language), {
    draftKey: `registers.order.${order ? uuidOf(order.id) : NEW}`,
  });
  const saved = useSaved("ORDER", form.clearDraft);

  const onSubmit = form.handleSubmit(async (values) => {
    const input = orderInput(values);
    if (order) {
      const result = await updateOrder({ id: order.id, input });
      const answer = result.data?.updatePurchaseOrder;
      if (answer?.__typename !== "UpdatePurchaseOrderSuccess") return form.fail(answer ?? result.error);
      saved.updated(answer.purchaseOrder.number);
    } else {
      const result = await createOrder({ input });
      const answer = result.data?.createPurchaseOrder;
      if (answer?.__typename !== "CreatePurchaseOrderSuccess") return form.fail(answer ?? result.error);
      saved.created(answer.purchaseOrder.number, answer.purchaseOrder.id);
    }
  });

  return (
    <Form onSubmit={onSubmit} error={form.formError} label={t("registers.clerk.formLabel.ORDER")}>
      <RequiredNote />
      <BasicsAndParty kind="ORDER" bind={form.bind} partyName="supplierName" partyIco="supplierIco" />
      <FieldGroup legend={t("registers.clerk.group.amountsDates")}>
        <AmountFields bind={form.bind} />
        <TextField label={t("registers.kind.ORDER.date")} type="date" required {...form.bind("orderedOn")} />
        <RegistryHint amountWithoutVat={form.values.amountWithoutVat} concludedOn={form.values.orderedOn} />
      </FieldGroup>
      <RegistryGroup bind={form.bind} />
      <FormActions kind="ORDER" editing={Boolean(order)} busy={form.submitting} />
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------
// The frame of an existing entry: its status, publishing and the registr smluv, above the form

type Registry = ResultOf<typeof RegistryFields>;
const isRegistrySubject = (entry: object): entry is Registry => "requiresRegistry" in entry;

interface EditableEntry {
  id: string;
  number: string;
  status: EntryStatus;
  publishedAt?: string | null;
  unpublishedAt?: string | null;
  unpublishReason?: string | null;
}

function EditFrame<T extends EditableEntry>({
  kind,
  entry,
  loaded,
  error,
  retry,
  children,
}: {
  kind: RegisterKind;
  entry: T | null | undefined;
  loaded: boolean;
  error: boolean;
  retry: () => void;
  children: (entry: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!loaded) {
    return <ClerkPageFrame title={t(`registers.clerk.edit.${kind}`)}>{error ? <LoadError onRetry={retry} /> : <Loading />}</ClerkPageFrame>;
  }
  if (!entry) {
    return (
      <ClerkPageFrame title={t(`registers.kind.${kind}.notFound`)}>
        <EmptyState title={t("registers.notFoundText")} />
      </ClerkPageFrame>
    );
  }
  return (
    <ClerkPageFrame title={t(`registers.kind.${kind}.detailTitle`, { number: entry.number })}>
      <section aria-labelledby="entry-status-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
        <h2 id="entry-status-heading" className="text-lg font-semibold">
          {t("registers.clerk.statusHeading")}
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={entry.status} />
          {entry.status === "PUBLISHED" && entry.publishedAt && (
            <span>{t("registers.clerk.publishedSince", { date: format.dateTime(entry.publishedAt) })}</span>
          )}
          {entry.status === "UNPUBLISHED" && entry.unpublishReason && (
            <span>{t("registers.clerk.reasonShown", { reason: entry.unpublishReason })}</span>
          )}
        </div>
        {isRegistrySubject(entry) && (
          <p>
            <span className="font-medium">{t("registers.field.registryShort")}: </span>
            <RegistryStatus registry={entry} />
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <PublishActions entry={entry} />
          {entry.status === "PUBLISHED" && <Link to={detailPath(kind, entry.id)}>{t("registers.clerk.viewPublic")}</Link>}
        </div>
      </section>
      {children(entry)}
    </ClerkPageFrame>
  );
}
