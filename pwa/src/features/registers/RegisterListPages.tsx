import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useQuery, type AnyVariables, type UseQueryState } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable, type Column } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { exportUrl, writeFilter, writeOrder, type ListQuery } from "./filters.ts";
import { detailPath, type RegisterKind } from "./kinds.ts";
import { contractRow, invoiceRow, listPage, orderRow, type ListPage } from "./list-page.ts";
import { ContractsQuery, InvoicesQuery, PurchaseOrdersQuery } from "./operations.ts";
import { useListQuery, type ListState } from "./use-list-query.ts";
import { Amount, FilterForm, LoadMoreButton, Party, RegisterTabs, SortSelect, TotalsSummary, useLoadMore } from "./parts.tsx";

/** What every register's row has in common, whatever the register calls its fields. */
interface ListRow {
  id: string;
  number: string;
  subject: string;
  partyName: string;
  partyIco: string | null;
  date: string;
  dueOn?: string;
  amountWithoutVat: `${number}`;
  amountWithVat: `${number}`;
  department: string | null;
}

type ListData = ListPage<ListRow>;

export function ContractsPage() {
  const list = useListQuery();
  const [result, reexecute] = useQuery({ query: ContractsQuery, variables: list.variables });
  const data: ListData | undefined = listPage(result.data?.contracts, contractRow);
  return (
    <RegisterListPage kind="CONTRACT" list={list} result={result} data={data} retry={() => reexecute({ requestPolicy: "network-only" })} />
  );
}

export function InvoicesPage() {
  const list = useListQuery();
  const [result, reexecute] = useQuery({ query: InvoicesQuery, variables: list.variables });
  const data: ListData | undefined = listPage(result.data?.invoices, invoiceRow);
  return (
    <RegisterListPage kind="INVOICE" list={list} result={result} data={data} retry={() => reexecute({ requestPolicy: "network-only" })} />
  );
}

export function PurchaseOrdersPage() {
  const list = useListQuery();
  const [result, reexecute] = useQuery({ query: PurchaseOrdersQuery, variables: list.variables });
  const data: ListData | undefined = listPage(result.data?.purchaseOrders, orderRow);
  return (
    <RegisterListPage kind="ORDER" list={list} result={result} data={data} retry={() => reexecute({ requestPolicy: "network-only" })} />
  );
}

function RegisterListPage({
  kind,
  list,
  result,
  data,
  retry,
}: {
  kind: RegisterKind;
  list: ListState;
  result: UseQueryState<unknown, AnyVariables>;
  data: ListData | undefined;
  retry: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const rows = data?.rows ?? [];
  const loadMore = useLoadMore(rows.length);

  const columns: Column<ListRow>[] = [
    {
      header: t(`registers.kind.${kind}.numberLabel`),
      cell: (row) => (
        <Link to={detailPath(kind, row.id)} state={{ listSearch: location.search }} data-row-link className="font-medium">
          {row.number}
        </Link>
      ),
    },
    { header: t("registers.field.subject"), cell: (row) => row.subject },
    { header: t(`registers.kind.${kind}.party`), cell: (row) => <Party name={row.partyName} ico={row.partyIco} /> },
    { header: t(`registers.kind.${kind}.date`), cell: (row) => format.date(row.date), nowrap: true },
    ...(kind === "INVOICE"
      ? [{ header: t("registers.field.dueOn"), cell: (row: ListRow) => (row.dueOn ? format.date(row.dueOn) : "—"), nowrap: true }]
      : []),
    { header: t("registers.field.amountWithoutVat"), cell: (row) => <Amount value={row.amountWithoutVat} /> },
    { header: t("registers.field.amountWithVat"), cell: (row) => <Amount value={row.amountWithVat} /> },
    { header: t("registers.field.department"), cell: (row) => row.department ?? "—" },
  ];

  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{t(`registers.kind.${kind}.title`)}</PageHeading>
      <RegisterTabs />
      <p>{t(`registers.kind.${kind}.intro`)}</p>
      <FilterForm
        key={list.search}
        kind={kind}
        query={list.query}
        onApply={(values) => list.apply(writeFilter(list.searchParams, values))}
      />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <SortSelect
          kind={kind}
          query={list.query}
          onChange={(field, direction) => list.apply(writeOrder(list.searchParams, field, direction))}
        />
        <ExportLinks kind={kind} query={list.query} />
      </div>
      <TotalsSummary kind={kind} totals={data?.totals} shown={rows.length} />
      {!data && (result.error ? <LoadError onRetry={retry} /> : <Loading />)}
      {data && rows.length === 0 && (
        <EmptyState title={t(`registers.kind.${kind}.none`)}>{list.query.filtered && t("registers.filter.emptyHint")}</EmptyState>
      )}
      {rows.length > 0 && (
        <ResponsiveTable caption={t(`registers.kind.${kind}.title`)} columns={columns} rows={rows} rowKey={(row) => row.id} />
      )}
      {data?.hasNextPage && <LoadMoreButton busy={result.fetching} onClick={() => loadMore(() => list.loadPage(data.endCursor))} />}
    </div>
  );
}

/** Downloads of exactly what the list shows; the file name comes from the server. */
function ExportLinks({ kind, query }: { kind: RegisterKind; query: ListQuery }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-3" role="group" aria-label={t("registers.export.label")}>
      {(["csv", "xlsx"] as const).map((format) => (
        <a
          key={format}
          href={exportUrl(kind, format, query)}
          download
          className="inline-flex min-h-11 items-center rounded-md border border-line bg-surface px-4 no-underline hover:bg-page"
        >
          {t(`registers.export.${format}`)}
        </a>
      ))}
    </div>
  );
}
