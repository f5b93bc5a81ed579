import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Button, buttonClass } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { noticePhase, noticeUuid, type NoticePhase, type NoticeStatus } from "../notices/notice-model.ts";
import { AllNoticesQuery } from "./operations.ts";
import { PhaseBadge } from "./PhaseBadge.tsx";

type Row = NonNullable<ResultOf<typeof AllNoticesQuery>["allNotices"]["edges"][number]["node"]>;

const PAGE_SIZE = 50;

/**
 * The status tabs. The API filters by stored status; an approved notice is scheduled, posted or taken down by the
 * clock, so those three tabs ask for APPROVED and split the answer here.
 */
const VIEWS = {
  all: { status: undefined, phase: undefined },
  drafts: { status: ["DRAFT"], phase: undefined },
  pending: { status: ["PENDING_APPROVAL"], phase: undefined },
  scheduled: { status: ["APPROVED"], phase: "SCHEDULED" },
  posted: { status: ["APPROVED"], phase: "POSTED" },
  takenDown: { status: ["APPROVED"], phase: "TAKEN_DOWN" },
  withdrawn: { status: ["WITHDRAWN"], phase: undefined },
} satisfies Record<string, { status: NoticeStatus[] | undefined; phase: NoticePhase | undefined }>;
type View = keyof typeof VIEWS;

function isView(value: string | null): value is View {
  return value !== null && value in VIEWS;
}

/** /urad/uredni-deska: every notice of the town by status, with search; the way to create and manage them. */
export function ClerkNoticesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get("stav");
  const view: View = isView(viewParam) ? viewParam : "all";
  const search = (params.get("hledat") ?? "").trim();

  const apply = (next: { view: View; search: string }) => {
    const query = new URLSearchParams();
    if (next.view !== "all") query.set("stav", next.view);
    if (next.search.trim()) query.set("hledat", next.search.trim());
    setParams(query);
  };

  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to="/urad">{t("noticesClerk.backToDesk")}</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t("noticesClerk.title")}</PageHeading>
        <Link to="/urad/uredni-deska/nova" className={buttonClass("primary", "no-underline")}>
          {t("noticesClerk.create")}
        </Link>
      </div>
      <ListFilters key={`${view}|${search}`} view={view} search={search} onApply={apply} />
      <NoticeTable key={`${view}|${search}`} view={view} search={search} />
      <p>
        <Link to="/uredni-deska">{t("noticesClerk.publicBoard")}</Link>
      </p>
    </div>
  );
}

function ListFilters({ view, search, onApply }: { view: View; search: string; onApply: (next: { view: View; search: string }) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ view, search });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <form
      role="search"
      aria-label={t("noticesClerk.filterLabel")}
      noValidate
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end"
    >
      <Select
        label={t("noticesClerk.statusFilter")}
        name="view"
        value={draft.view}
        options={(Object.keys(VIEWS) as View[]).map((name) => ({ value: name, label: t(`noticesClerk.views.${name}`) }))}
        onChange={(event) => {
          const next = { ...draft, view: event.target.value as View };
          setDraft(next);
          onApply(next);
        }}
      />
      <TextField
        type="search"
        label={t("notices.filters.search")}
        name="search"
        value={draft.search}
        maxLength={200}
        onChange={(event) => setDraft((current) => ({ ...current, search: event.target.value }))}
      />
      <Button type="submit">{t("notices.filters.submit")}</Button>
    </form>
  );
}

function NoticeTable({ view, search }: { view: View; search: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [after, setAfter] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const { status, phase } = VIEWS[view];
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: AllNoticesQuery,
    variables: { first: PAGE_SIZE, after, status, filter: search ? { search } : undefined },
  });
  const page = data?.allNotices;
  const now = Date.now();
  // Pages accumulate as the clerk loads more; the first page is replaced when it is refreshed.
  const current = page ? [...(after ? rows : []), ...page.edges.map((edge) => edge.node)] : rows;
  const unique = [...new Map(current.map((row) => [row.id, row])).values()];
  const shown = phase ? unique.filter((row) => noticePhase(row, now) === phase) : unique;

  if (!page && rows.length === 0)
    return error && !fetching ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />;

  return (
    <div className="flex flex-col gap-3">
      {shown.length === 0 ? (
        <EmptyState title={t(search ? "notices.list.noMatch" : "noticesClerk.empty")} />
      ) : (
        <ResponsiveTable
          caption={t(`noticesClerk.views.${view}`)}
          rows={shown}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t("noticesClerk.fields.title"),
              cell: (row) => (
                <Link to={`/urad/uredni-deska/${noticeUuid(row.id)}`} className="break-words">
                  {row.title}
                </Link>
              ),
            },
            { header: t("noticesClerk.fields.status"), cell: (row) => <PhaseBadge phase={noticePhase(row, now)} /> },
            { header: t("notices.fields.category"), cell: (row) => t(`notices.category.${row.category}`) },
            { header: t("notices.fields.postedAt"), cell: (row) => format.dateTime(row.postedAt) },
            { header: t("notices.fields.relevantUntil"), cell: (row) => format.date(row.relevantUntil), nowrap: true },
          ]}
        />
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <Button
          variant="secondary"
          className="self-start"
          busy={fetching}
          onClick={() => {
            setRows(unique);
            setAfter(page.pageInfo.endCursor);
          }}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}
