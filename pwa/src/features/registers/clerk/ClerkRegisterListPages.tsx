import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery, type AnyVariables, type UseQueryState } from "urql";
import { buttonClass } from "../../../components/Button.tsx";
import { Select } from "../../../components/fields.tsx";
import { PageHeading } from "../../../components/PageHeading.tsx";
import { ResponsiveTable, type Column } from "../../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../../components/states.tsx";
import type { ResultOf } from "../../../graphql/graphql.ts";
import { useFormat } from "../../../i18n/format.ts";
import { writeFilter, writeOrder } from "../filters.ts";
import { REGISTER_KINDS, uuidOf, type RegisterKind } from "../kinds.ts";
import { Amount, FilterForm, LoadMoreButton, Party, SortSelect, TotalsSummary, useLoadMore } from "../parts.tsx";
import { contractRow, invoiceRow, listPage, orderRow, type ListPage } from "../list-page.ts";
import { useListQuery, type ListState } from "../use-list-query.ts";
import { PublishActions, RegistryStatus, StatusBadge, type EntryStatus } from "./EntryStatus.tsx";
import { RegisterContractsQuery, RegisterInvoicesQuery, RegisterPurchaseOrdersQuery, type RegistryFields } from "./operations.ts";
import { ClerkRegisterTabs, CLERK_BASE } from "./ClerkRegisterTabs.tsx";

const STATUSES: readonly EntryStatus[] = ["DRAFT", "PUBLISHED", "UNPUBLISHED"];
const REGISTRY_STATES = ["REQUIRED", "PENDING", "OVERDUE", "CANCELLED"] as const;
type RegistryState = (typeof REGISTRY_STATES)[number];

interface ClerkRow {
  id: string;
  number: string;
  subject: string;
  partyName: string;
  partyIco: string | null;
  date: string;
  amountWithoutVat: `${number}`;
  amountWithVat: `${number}`;
  department: string | null;
  status: EntryStatus;
  unpublishReason: string | null;
  registry?: ResultOf<typeof RegistryFields>;
}

type ClerkListData = ListPage<ClerkRow>;

/** The public list's filter plus the clerk's own: status and, for contracts, the registr smluv. */
function useClerkListQuery() {
  const list = useListQuery();
  const statusParam = list.searchParams.get("status")?.toUpperCase();
  const registryParam = list.searchParams.get("registry")?.toUpperCase();
  const status = STATUSES.find((value) => value === statusParam) ?? null;
  const registry = REGISTRY_STATES.find((value) => value === registryParam) ?? null;
  return { list, status, registry, statuses: status ? [status] : null };
}

export function ClerkContractsPage() {
  const { list, status, registry, statuses } = useClerkListQuery();
  const [result, reexecute] = useQuery({ query: RegisterContractsQuery, variables: { ...list.variables, statuses, registry } });
  const data: ClerkListData | undefined = listPage(result.data?.registerContracts, (node) => ({ ...contractRow(node), registry: node }));
  return (
    <ClerkRegisterList
      kind="CONTRACT"
      list={list}
      status={status}
      registry={registry}
      result={result}
      data={data}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    />
  );
}

export function ClerkInvoicesPage() {
  const { list, status, statuses } = useClerkListQuery();
  const [result, reexecute] = useQuery({ query: RegisterInvoicesQuery, variables: { ...list.variables, statuses } });
  const data: ClerkListData | undefined = listPage(result.data?.registerInvoices, invoiceRow);
  return (
    <ClerkRegisterList
      kind="INVOICE"
      list={list}
      status={status}
      result={result}
      data={data}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    />
  );
}

export function ClerkPurchaseOrdersPage() {
  const { list, status, registry, statuses } = useClerkListQuery();
  const [result, reexecute] = useQuery({ query: RegisterPurchaseOrdersQuery, variables: { ...list.variables, statuses, registry } });
  const data: ClerkListData | undefined = listPage(result.data?.registerPurchaseOrders, (node) => ({ ...orderRow(node), registry: node }));
  return (
    <ClerkRegisterList
      kind="ORDER"
      list={list}
      status={status}
      registry={registry}
      result={result}
      data={data}
      retry={() => reexecute({ requestPolicy: "network-only" })}
    />
  );
}

/** Contracts and orders fall under the registr smluv (zákon 340/2015 Sb.); invoices do not. */
export const hasRegistry = (kind: RegisterKind) => kind !== "INVOICE";

export function editPath(kind: RegisterKind, id: string): string {
  return `${CLERK_BASE}/${REGISTER_KINDS[kind].path}/${uuidOf(id)}`;
}

function ClerkRegisterList({
  kind,
  list,
  status,
  registry = null,
  result,
  data,
  retry,
}: {
  kind: RegisterKind;
  list: ListState;
  status: EntryStatus | null;
  registry?: RegistryState | null;
  result: UseQueryState<unknown, AnyVariables>;
  data: ClerkListData | undefined;
  retry: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = data?.rows ?? [];
  const loadMore = useLoadMore(rows.length);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(list.searchParams);
    if (value) next.set(name, value);
    else next.delete(name);
    list.apply(next);
  };

  const columns: Column<ClerkRow>[] = [
    {
      header: t(`registers.kind.${kind}.numberLabel`),
      cell: (row) => (
        <Link to={editPath(kind, row.id)} data-row-link className="font-medium">
          {row.number}
        </Link>
      ),
    },
    { header: t("registers.field.subject"), cell: (row) => row.subject },
    { header: t(`registers.kind.${kind}.party`), cell: (row) => <Party name={row.partyName} ico={row.partyIco} /> },
    { header: t(`registers.kind.${kind}.date`), cell: (row) => format.date(row.date), nowrap: true },
    { header: t("registers.field.amountWithoutVat"), cell: (row) => <Amount value={row.amountWithoutVat} /> },
    { header: t("registers.field.amountWithVat"), cell: (row) => <Amount value={row.amountWithVat} /> },
    {
      // The register of contracts' state goes under the entry's own: as a column of its own it made the table too
      // wide for the page on a desktop, and the actions column fell off its right edge.
      header: t("registers.clerk.status"),
      cell: (row) => (
        <>
          <StatusBadge status={row.status} />
          {row.status === "UNPUBLISHED" && row.unpublishReason && (
            <span className="mt-1 block text-sm text-ink-muted">{t("registers.clerk.reasonShown", { reason: row.unpublishReason })}</span>
          )}
          {hasRegistry(kind) && row.registry && (
            <span className="mt-2 block">
              <span className="block text-sm text-ink-muted">{t("registers.field.registryShort")}</span>
              <RegistryStatus registry={row.registry} />
            </span>
          )}
        </>
      ),
    },
    { header: t("common.actions"), cell: (row) => <PublishActions entry={row} compact /> },
  ];

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t(`registers.clerk.listTitle.${kind}`)}</PageHeading>
        <Link to={`${CLERK_BASE}/${REGISTER_KINDS[kind].path}/nova`} className={buttonClass("primary", "no-underline")}>
          {t(`registers.clerk.create.${kind}`)}
        </Link>
      </div>
      <ClerkRegisterTabs />
      <FilterForm key={list.search} kind={kind} query={list.query} onApply={(values) => list.apply(writeFilter(list.searchParams, values))}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Select
            label={t("registers.clerk.statusFilter")}
            value={status ?? ""}
            onChange={(event) => setParam("status", event.target.value)}
            options={[
              { value: "", label: t("registers.clerk.anyStatus") },
              ...STATUSES.map((value) => ({ value, label: t(`registers.status.${value}`) })),
            ]}
          />
          {hasRegistry(kind) && (
            <Select
              label={t("registers.clerk.registryFilter")}
              value={registry ?? ""}
              onChange={(event) => setParam("registry", event.target.value)}
              options={[
                { value: "", label: t("registers.clerk.anyRegistry") },
                ...REGISTRY_STATES.map((value) => ({ value, label: t(`registers.clerk.registryState.${value}`) })),
              ]}
            />
          )}
        </div>
      </FilterForm>
      <SortSelect
        kind={kind}
        query={list.query}
        onChange={(field, direction) => list.apply(writeOrder(list.searchParams, field, direction))}
      />
      <TotalsSummary kind={kind} totals={data?.totals} shown={rows.length} />
      {!data && (result.error ? <LoadError onRetry={retry} /> : <Loading />)}
      {data && rows.length === 0 && <EmptyState title={t(`registers.kind.${kind}.none`)} />}
      {rows.length > 0 && (
        <ResponsiveTable caption={t(`registers.clerk.listTitle.${kind}`)} columns={columns} rows={rows} rowKey={(row) => row.id} />
      )}
      {data?.hasNextPage && <LoadMoreButton busy={result.fetching} onClick={() => loadMore(() => list.loadPage(data.endCursor))} />}
    </div>
  );
}

export function ClerkPageFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{title}</PageHeading>
      <ClerkRegisterTabs />
      {children}
    </div>
  );
}
