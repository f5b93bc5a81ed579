import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { detailPath, globalId, REGISTER_KINDS, type RegisterKind } from "./kinds.ts";
import { ContractQuery, InvoiceQuery, PurchaseOrderQuery, type LinkedInvoiceFields } from "./operations.ts";
import { Amount, DetailList, Party } from "./parts.tsx";

type LinkedInvoice = ResultOf<typeof LinkedInvoiceFields>;

function useEntryId(typename: "Contract" | "Invoice" | "PurchaseOrder") {
  const { id } = useParams();
  return globalId(typename, id);
}

export function ContractDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useEntryId("Contract");
  const [{ data, error }, reexecute] = useQuery({ query: ContractQuery, variables: { id: id ?? "" }, pause: !id });
  const contract = data?.contract;
  if (id && !data) return <DetailState kind="CONTRACT" error={Boolean(error)} retry={() => reexecute({ requestPolicy: "network-only" })} />;
  if (!contract) return <NotFound kind="CONTRACT" />;

  const validity =
    contract.validFrom || contract.validUntil
      ? t("registers.field.validityRange", {
          from: contract.validFrom ? format.date(contract.validFrom) : "—",
          until: contract.validUntil ? format.date(contract.validUntil) : t("registers.field.indefinite"),
        })
      : null;

  return (
    <DetailLayout kind="CONTRACT" number={contract.number} subject={contract.subject} status={contract.status}>
      <DetailList
        items={[
          { label: t("registers.kind.CONTRACT.numberLabel"), value: contract.number },
          { label: t("registers.field.subject"), value: contract.subject },
          { label: t("registers.kind.CONTRACT.party"), value: <Party name={contract.counterpartyName} ico={contract.counterpartyIco} /> },
          { label: t("registers.kind.CONTRACT.date"), value: format.date(contract.signedOn) },
          { label: t("registers.field.validity"), value: validity },
          { label: t("registers.field.amountWithoutVat"), value: <Amount value={contract.amountWithoutVat} /> },
          { label: t("registers.field.amountWithVat"), value: <Amount value={contract.amountWithVat} /> },
          { label: t("registers.field.department"), value: contract.department },
          { label: t("registers.field.registry"), value: <RegistryText entry={contract} /> },
          { label: t("registers.field.publishedAt"), value: contract.publishedAt ? format.date(contract.publishedAt) : null },
        ]}
      />
      <section aria-labelledby="attachment-heading" className="flex flex-col gap-2">
        <h2 id="attachment-heading" className="text-xl font-semibold">
          {t("registers.attachment.title")}
        </h2>
        {contract.attachment ? (
          <p>
            <a href={contract.attachment.url} download={contract.attachment.fileName} className="font-medium">
              {t("registers.attachment.download", { name: contract.attachment.fileName })}
            </a>{" "}
            <span className="text-ink-muted">({fileSize(contract.attachment.size, format.language)})</span>
          </p>
        ) : (
          <p className="text-ink-muted">{t("registers.attachment.none")}</p>
        )}
      </section>
      <LinkedInvoices invoices={contract.invoices} heading={t("registers.linkedInvoices.ofContract")} />
    </DetailLayout>
  );
}

export function InvoiceDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useEntryId("Invoice");
  const [{ data, error }, reexecute] = useQuery({ query: InvoiceQuery, variables: { id: id ?? "" }, pause: !id });
  const invoice = data?.invoice;
  if (id && !data) return <DetailState kind="INVOICE" error={Boolean(error)} retry={() => reexecute({ requestPolicy: "network-only" })} />;
  if (!invoice) return <NotFound kind="INVOICE" />;
  const budget =
    invoice.budgetParagraph && invoice.budgetItem
      ? t("registers.field.budgetValue", { paragraph: invoice.budgetParagraph, item: invoice.budgetItem })
      : null;

  return (
    <DetailLayout kind="INVOICE" number={invoice.number} subject={invoice.subject} status={invoice.status}>
      <DetailList
        items={[
          { label: t("registers.kind.INVOICE.numberLabel"), value: invoice.number },
          { label: t("registers.field.subject"), value: invoice.subject },
          { label: t("registers.kind.INVOICE.party"), value: <Party name={invoice.supplierName} ico={invoice.supplierIco} /> },
          { label: t("registers.kind.INVOICE.date"), value: format.date(invoice.issuedOn) },
          { label: t("registers.field.dueOn"), value: format.date(invoice.dueOn) },
          { label: t("registers.field.paidOn"), value: invoice.paidOn ? format.date(invoice.paidOn) : t("registers.field.unpaid") },
          { label: t("registers.field.amountWithoutVat"), value: <Amount value={invoice.amountWithoutVat} /> },
          { label: t("registers.field.amountWithVat"), value: <Amount value={invoice.amountWithVat} /> },
          { label: t("registers.field.budget"), value: budget },
          { label: t("registers.field.department"), value: invoice.department },
          {
            label: t("registers.field.contract"),
            value: invoice.contract && (
              <Link to={detailPath("CONTRACT", invoice.contract.id)}>
                {invoice.contract.number} – {invoice.contract.subject}
              </Link>
            ),
          },
          {
            label: t("registers.field.order"),
            value: invoice.purchaseOrder && (
              <Link to={detailPath("ORDER", invoice.purchaseOrder.id)}>
                {invoice.purchaseOrder.number} – {invoice.purchaseOrder.subject}
              </Link>
            ),
          },
          { label: t("registers.field.publishedAt"), value: invoice.publishedAt ? format.date(invoice.publishedAt) : null },
        ]}
      />
    </DetailLayout>
  );
}

export function PurchaseOrderDetailPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useEntryId("PurchaseOrder");
  const [{ data, error }, reexecute] = useQuery({ query: PurchaseOrderQuery, variables: { id: id ?? "" }, pause: !id });
  const order = data?.purchaseOrder;
  if (id && !data) return <DetailState kind="ORDER" error={Boolean(error)} retry={() => reexecute({ requestPolicy: "network-only" })} />;
  if (!order) return <NotFound kind="ORDER" />;

  return (
    <DetailLayout kind="ORDER" number={order.number} subject={order.subject} status={order.status}>
      <DetailList
        items={[
          { label: t("registers.kind.ORDER.numberLabel"), value: order.number },
          { label: t("registers.field.subject"), value: order.subject },
          { label: t("registers.kind.ORDER.party"), value: <Party name={order.supplierName} ico={order.supplierIco} /> },
          { label: t("registers.kind.ORDER.date"), value: format.date(order.orderedOn) },
          { label: t("registers.field.amountWithoutVat"), value: <Amount value={order.amountWithoutVat} /> },
          { label: t("registers.field.amountWithVat"), value: <Amount value={order.amountWithVat} /> },
          { label: t("registers.field.department"), value: order.department },
          { label: t("registers.field.registry"), value: <RegistryText entry={order} /> },
          { label: t("registers.field.publishedAt"), value: order.publishedAt ? format.date(order.publishedAt) : null },
        ]}
      />
      <LinkedInvoices invoices={order.invoices} heading={t("registers.linkedInvoices.ofOrder")} />
    </DetailLayout>
  );
}

/** Whether the registr smluv applies (over 50 000 Kč excluding VAT) and, once published there, under which identifier. */
function RegistryText({ entry }: { entry: { requiresRegistry: boolean; registryId: string | null; registryPublishedOn: string | null } }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entry.registryId) {
    return t("registers.registry.published", {
      id: entry.registryId,
      date: entry.registryPublishedOn ? format.date(entry.registryPublishedOn) : "—",
    });
  }
  return entry.requiresRegistry ? t("registers.registry.required") : t("registers.registry.notRequired");
}

function fileSize(bytes: number, language: string): string {
  const kilobytes = Math.max(1, Math.round(bytes / 1024));
  return kilobytes < 1024
    ? new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte" }).format(kilobytes)
    : new Intl.NumberFormat(language, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(bytes / 1024 / 1024);
}

/** Back to the list the reader came from, with its filter, when they came from one. */
function BackLink({ kind }: { kind: RegisterKind }) {
  const { t } = useTranslation();
  const state = useLocation().state as { listSearch?: string } | null;
  return (
    <Link to={`/${REGISTER_KINDS[kind].path}${state?.listSearch ?? ""}`} className="self-start">
      {t(`registers.kind.${kind}.back`)}
    </Link>
  );
}

function DetailLayout({
  kind,
  number,
  subject,
  status,
  children,
}: {
  kind: RegisterKind;
  number: string;
  subject: string;
  status: "DRAFT" | "PUBLISHED" | "UNPUBLISHED";
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article className="flex flex-col gap-5">
      <BackLink kind={kind} />
      <div className="flex flex-col gap-1">
        <PageHeading>{t(`registers.kind.${kind}.detailTitle`, { number })}</PageHeading>
        <p className="text-lg">{subject}</p>
      </div>
      {/* Clerks of the registers can open entries the public cannot see; say so plainly. */}
      {status !== "PUBLISHED" && (
        <p className="rounded-md border-2 border-accent bg-surface p-3 font-medium">
          {t("registers.notPublicNotice", { status: t(`registers.status.${status}`) })}
        </p>
      )}
      {children}
    </article>
  );
}

function LinkedInvoices({ invoices, heading }: { invoices: readonly LinkedInvoice[]; heading: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="invoices-heading" className="flex flex-col gap-2">
      <h2 id="invoices-heading" className="text-xl font-semibold">
        {heading}
      </h2>
      <ResponsiveTable
        caption={heading}
        rows={invoices}
        rowKey={(invoice) => invoice.id}
        columns={[
          {
            header: t("registers.kind.INVOICE.numberLabel"),
            cell: (invoice) => <Link to={detailPath("INVOICE", invoice.id)}>{invoice.number}</Link>,
          },
          { header: t("registers.field.subject"), cell: (invoice) => invoice.subject },
          { header: t("registers.kind.INVOICE.date"), cell: (invoice) => format.date(invoice.issuedOn), nowrap: true },
          { header: t("registers.field.amountWithVat"), cell: (invoice) => <Amount value={invoice.amountWithVat} /> },
        ]}
      />
    </section>
  );
}

function DetailState({ kind, error, retry }: { kind: RegisterKind; error: boolean; retry: () => void }) {
  return (
    <div className="flex flex-col gap-4">
      <BackLink kind={kind} />
      {error ? <LoadError onRetry={retry} /> : <Loading />}
    </div>
  );
}

function NotFound({ kind }: { kind: RegisterKind }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t(`registers.kind.${kind}.notFound`)}</PageHeading>
      <p>{t("registers.notFoundText")}</p>
      <BackLink kind={kind} />
    </div>
  );
}
