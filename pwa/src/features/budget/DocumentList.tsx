import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { detailPath } from "../registers/kinds.ts";
import type { BudgetDocument } from "./page-data.ts";

/**
 * The bottom of the drill-down: the accounting documents behind an item, with the counterparty's IČO and, where the
 * document number matches an invoice of the registers, a link to that invoice.
 */
export function DocumentList({ documents, totalCount }: { documents: readonly BudgetDocument[]; totalCount: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="budget-documents-heading" className="flex flex-col gap-3">
      <h2 id="budget-documents-heading" className="text-xl font-semibold">
        {t("budget.documents.title")}
      </h2>
      {totalCount !== null && totalCount > documents.length && (
        <p className="text-ink-muted">{t("budget.documents.shown", { shown: documents.length, count: totalCount })}</p>
      )}
      {documents.length === 0 ? (
        <EmptyState title={t("budget.documents.none")} />
      ) : (
        <ResponsiveTable
          caption={t("budget.documents.title")}
          rows={documents}
          rowKey={(document) => document.id}
          columns={[
            {
              header: t("budget.documents.number"),
              cell: (document) =>
                document.invoiceId ? (
                  <Link to={detailPath("INVOICE", document.invoiceId)} data-budget-invoice title={document.invoiceLabel ?? undefined}>
                    {document.documentNumber ?? document.invoiceLabel ?? "—"}
                  </Link>
                ) : (
                  (document.documentNumber ?? "—")
                ),
            },
            { header: t("budget.documents.type"), cell: (document) => document.documentType ?? "—" },
            { header: t("budget.documents.counterparty"), cell: (document) => document.counterpartyIco ?? "—" },
            {
              header: t("budget.documents.amountType"),
              cell: (document) => t(`budget.amount.${document.amountType.toLowerCase() as "actual"}`),
            },
            {
              header: t("budget.documents.amount"),
              cell: (document) => <span className="whitespace-nowrap tabular-nums">{format.money(document.amount)}</span>,
            },
          ]}
        />
      )}
    </section>
  );
}
