import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import {
  CHANNELS,
  EMPTY_HISTORY_FILTER,
  historyFilterFromParams,
  historyFilterToParams,
  isDate,
  TIMELINE_KINDS,
  toApiFilter,
  type HistoryFilterValues,
} from "./history-filters.ts";
import { CommunicationHistoryQuery } from "./operations.ts";

type Entry = NonNullable<ResultOf<typeof CommunicationHistoryQuery>["communicationHistory"]>["edges"][number]["node"];
const PAGE_SIZE = 30;

/**
 * /historie-komunikace: one timeline of the citizen's dealings with the office, newest first: messages (with each
 * channel's delivery status), assessments, payments, submissions. Filters in the URL; offline from the offline
 * store, for the pages opened before.
 */
export function CommunicationHistoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = historyFilterFromParams(params);
  const key = historyFilterToParams(filter).toString();
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <PageHeading>{t("history.title")}</PageHeading>
        <p>{t("history.intro")}</p>
        <p>
          <Link to="/oznameni/nastaveni">{t("history.toPreferences")}</Link>
        </p>
      </div>
      <HistoryFilters value={filter} onApply={(next) => setParams(historyFilterToParams(next))} />
      <Timeline key={key} filter={filter} filtered={key !== ""} />
    </div>
  );
}

function HistoryFilters({ value, onApply }: { value: HistoryFilterValues; onApply: (next: HistoryFilterValues) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [dateError, setDateError] = useState<string | undefined>();
  const applied = JSON.stringify(value);
  useEffect(() => {
    setDraft(JSON.parse(applied) as HistoryFilterValues);
    setDateError(undefined);
  }, [applied]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if ((draft.from && !isDate(draft.from)) || (draft.to && !isDate(draft.to))) return setDateError(t("history.filters.invalidDate"));
    if (draft.from && draft.to && draft.from > draft.to) return setDateError(t("history.filters.dateOrder"));
    onApply(draft);
  }

  return (
    <form
      role="search"
      aria-label={t("history.filters.label")}
      noValidate
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      <Select
        label={t("history.filters.kind")}
        name="kind"
        value={draft.kind}
        onChange={(event) => setDraft((current) => ({ ...current, kind: event.target.value as HistoryFilterValues["kind"] }))}
        options={[
          { value: "", label: t("history.filters.anyKind") },
          ...TIMELINE_KINDS.map((kind) => ({ value: kind, label: t(`history.kind.${kind}`) })),
        ]}
      />
      <Select
        label={t("history.filters.channel")}
        name="channel"
        value={draft.channel}
        onChange={(event) => setDraft((current) => ({ ...current, channel: event.target.value as HistoryFilterValues["channel"] }))}
        options={[
          { value: "", label: t("history.filters.anyChannel") },
          ...CHANNELS.map((channel) => ({ value: channel, label: t(`alerts.channel.${channel}`) })),
        ]}
      />
      <TextField
        label={t("history.filters.from")}
        type="date"
        name="from"
        value={draft.from}
        onChange={(event) => {
          setDraft((current) => ({ ...current, from: event.target.value }));
          setDateError(undefined);
        }}
      />
      <TextField
        label={t("history.filters.to")}
        type="date"
        name="to"
        value={draft.to}
        error={dateError}
        onChange={(event) => {
          setDraft((current) => ({ ...current, to: event.target.value }));
          setDateError(undefined);
        }}
      />
      <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{t("history.filters.submit")}</Button>
        {applied !== JSON.stringify(EMPTY_HISTORY_FILTER) && (
          <Button variant="secondary" onClick={() => onApply(EMPTY_HISTORY_FILTER)}>
            {t("history.filters.clear")}
          </Button>
        )}
      </div>
    </form>
  );
}

function Timeline({ filter, filtered }: { filter: HistoryFilterValues; filtered: boolean }) {
  const [cursors, setCursors] = useState<ReadonlyArray<string | null>>([null]);
  return (
    <div className="flex flex-col gap-3">
      {cursors.map((after, index) => (
        <TimelinePage
          key={after ?? "first"}
          filter={filter}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          filtered={filtered}
          onLoadMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </div>
  );
}

function TimelinePage(props: {
  filter: HistoryFilterValues;
  after: string | null;
  first: boolean;
  last: boolean;
  filtered: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const { online } = useNetworkStatus();
  const [result, reexecute] = useQuery({
    query: CommunicationHistoryQuery,
    variables: { first: PAGE_SIZE, after: props.after, filter: toApiFilter(props.filter) },
  });
  const connection = result.data?.communicationHistory;
  if (!connection) {
    if (result.error && !result.fetching) {
      return online ? (
        <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
      ) : (
        <EmptyState title={t("history.offlineNoCopy")}>{t("history.offlineNoCopyHint")}</EmptyState>
      );
    }
    return <Loading />;
  }
  const entries = connection.edges.map((edge) => edge.node);
  return (
    <>
      {props.first && entries.length === 0 && (
        <EmptyState title={t(props.filtered ? "history.noMatch" : "history.empty")}>
          {props.filtered ? t("history.noMatchHint") : null}
        </EmptyState>
      )}
      {entries.length > 0 && (
        <ol className="flex flex-col gap-3" aria-label={props.first ? t("history.listLabel") : t("history.moreLabel")}>
          {entries.map((entry) => (
            <TimelineItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
      {props.last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <Button variant="secondary" className="self-start" onClick={() => props.onLoadMore(connection.pageInfo.endCursor!)}>
          {t("common.loadMore")}
        </Button>
      )}
    </>
  );
}

const DELIVERY_CLASS: Record<string, string> = {
  SENT: "border-success text-ink",
  PENDING: "border-line text-ink",
  FAILED: "border-danger text-ink",
  DEAD: "border-danger text-ink",
  SKIPPED: "border-line text-ink-muted",
  SUPERSEDED: "border-line text-ink-muted",
};

function TimelineItem({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const internal = entry.path && entry.path.startsWith("/") && !entry.path.startsWith("//") ? entry.path : null;
  return (
    <li className="rounded-lg border border-line bg-surface p-4">
      <article className="flex flex-col gap-2">
        <p className="flex flex-wrap gap-x-3 text-sm text-ink-muted">
          <span className="font-semibold text-ink">{t(`history.kind.${entry.kind}`)}</span>
          <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
        </p>
        <h2 className="text-lg font-semibold break-words">{internal ? <Link to={internal}>{entry.title}</Link> : entry.title}</h2>
        {entry.summary && <p className="break-words whitespace-pre-line">{entry.summary}</p>}
        {entry.amount && (
          <p>
            {t("history.amount")}: <strong>{format.money(entry.amount)}</strong>
          </p>
        )}
        {entry.deliveries.length > 0 && (
          <ul className="flex flex-wrap gap-2" aria-label={t("history.deliveriesLabel")}>
            {entry.deliveries.map((delivery, index) => (
              <li
                key={`${delivery.channel}-${index}`}
                className={`rounded-md border-2 bg-surface px-2 py-1 text-sm ${DELIVERY_CLASS[delivery.status] ?? ""}`}
              >
                {t(`alerts.channel.${delivery.channel}`)}: {t(`history.delivery.${delivery.status}`)}
                {delivery.sentAt && ` ${format.dateTime(delivery.sentAt)}`}
              </li>
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}
