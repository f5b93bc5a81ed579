import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select } from "../../components/fields.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { useSession } from "../auth/session.tsx";
import { ageText, LONG_WAIT_DAYS } from "./age.ts";
import { SubmissionFormsQuery, SubmissionQueueQuery } from "./operations.ts";
import { SubmissionStatusBadge, QUEUE_STATUSES, type QueueStatus } from "./SubmissionStatusBadge.tsx";
import { SubmissionsFrame } from "./SubmissionsFrame.tsx";
import { submissionPath } from "./ids.ts";

type Row = ResultOf<typeof SubmissionQueueQuery>["submissionQueue"]["nodes"][number];
const PAGE_SIZE = 50;
/** The agendas whose submissions a clerk reviews here. */
const SUBMISSION_AGENDAS = ["SUBMISSIONS", "FINANCE"] as const;
type SubmissionAgenda = (typeof SUBMISSION_AGENDAS)[number];
const AGE_CHOICES = ["7", "14", "30"] as const;

/** Filters live in the URL (shareable, kept on reload and on the way back from a submission). */
function useQueueFilter() {
  const [params, setParams] = useSearchParams();
  const agenda = SUBMISSION_AGENDAS.find((value) => value === params.get("agenda")) ?? null;
  const status = QUEUE_STATUSES.find((value) => value === params.get("stav")) ?? null;
  const formId = params.get("formular") || null;
  const olderRaw = params.get("starsi");
  const olderThanDays = AGE_CHOICES.find((value) => value === olderRaw) ? Number(olderRaw) : null;
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return { agenda, status, formId, olderThanDays, set, key: params.toString(), search: params.size > 0 ? `?${params.toString()}` : "" };
}

/** /urad/podani: submissions waiting for the clerk's agendas, oldest first, with their age. */
export function SubmissionQueuePage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const filter = useQueueFilter();
  const [{ data: formsData }] = useQuery({ query: SubmissionFormsQuery });
  const myAgendas = SUBMISSION_AGENDAS.filter((agenda) => viewer?.agendas.includes(agenda) || viewer?.role === "ADMIN");
  return (
    <SubmissionsFrame title={t("submissionsClerk.queue.title")}>
      <section aria-labelledby="queue-filter-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
        <h2 id="queue-filter-heading" className="font-semibold">
          {t("submissionsClerk.queue.filter")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Select
            label={t("submissionsClerk.queue.agenda")}
            value={filter.agenda ?? ""}
            onChange={(event) => filter.set("agenda", event.target.value)}
            options={[
              { value: "", label: t("submissionsClerk.queue.allMyAgendas") },
              ...myAgendas.map((agenda: SubmissionAgenda) => ({ value: agenda, label: t(`agenda.${agenda}.name`) })),
            ]}
          />
          <Select
            label={t("submissionsClerk.queue.status")}
            hint={t("submissionsClerk.queue.openHint")}
            value={filter.status ?? ""}
            onChange={(event) => filter.set("stav", event.target.value)}
            options={[
              { value: "", label: t("submissionsClerk.queue.open") },
              ...QUEUE_STATUSES.map((status: QueueStatus) => ({ value: status, label: t(`submissionsClerk.status.${status}`) })),
            ]}
          />
          <Select
            label={t("submissionsClerk.queue.form")}
            value={filter.formId ?? ""}
            onChange={(event) => filter.set("formular", event.target.value)}
            options={[
              { value: "", label: t("submissionsClerk.queue.anyForm") },
              ...(formsData?.lifeSituations ?? [])
                .filter((situation) => !filter.agenda || situation.form.agenda === filter.agenda)
                .map((situation) => ({ value: situation.form.id, label: situation.form.title })),
            ]}
          />
          <Select
            label={t("submissionsClerk.queue.age")}
            value={filter.olderThanDays === null ? "" : String(filter.olderThanDays)}
            onChange={(event) => filter.set("starsi", event.target.value)}
            options={[
              { value: "", label: t("submissionsClerk.queue.anyAge") },
              ...AGE_CHOICES.map((days) => ({ value: days, label: t("submissionsClerk.queue.olderThan", { count: Number(days) }) })),
            ]}
          />
        </div>
      </section>
      <QueueTable key={filter.key} filter={filter} />
    </SubmissionsFrame>
  );
}

function QueueTable({ filter }: { filter: ReturnType<typeof useQueueFilter> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Row[]>([]);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: SubmissionQueueQuery,
    variables: {
      filter: { agenda: filter.agenda, status: filter.status, formId: filter.formId, olderThanDays: filter.olderThanDays },
      first: PAGE_SIZE,
      after,
    },
    requestPolicy: "cache-and-network",
  });
  const page = data?.submissionQueue;
  const rows = page ? [...new Map([...(after ? earlier : []), ...page.nodes].map((row) => [row.id, row])).values()] : earlier;
  if (!page && earlier.length === 0)
    return error && !fetching ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />;
  return (
    <div className="flex flex-col gap-3">
      {rows.length === 0 ? (
        <EmptyState title={t("submissionsClerk.queue.empty")}>{t("submissionsClerk.queue.emptyHint")}</EmptyState>
      ) : (
        <ResponsiveTable
          caption={t("submissionsClerk.queue.title")}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            {
              header: t("submissionsClerk.fields.number"),
              cell: (row) => (
                <Link
                  to={submissionPath(row.id)}
                  state={{ queueSearch: filter.search }}
                  data-row-link
                  className="font-medium whitespace-nowrap"
                >
                  {row.number}
                </Link>
              ),
            },
            {
              header: t("submissionsClerk.fields.situation"),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="break-words">{row.title}</span>
                  <span className="text-sm text-ink-muted">{t(`agenda.${row.agenda}.name`)}</span>
                </span>
              ),
            },
            {
              header: t("submissionsClerk.fields.applicant"),
              cell: (row) => <span className="break-words">{row.citizen?.fullName ?? "–"}</span>,
            },
            { header: t("submissionsClerk.fields.submittedAt"), cell: (row) => format.dateTime(row.submittedAt), nowrap: true },
            {
              header: t("submissionsClerk.fields.age"),
              cell: (row) => <Age days={row.ageDays} />,
              nowrap: true,
            },
            { header: t("submissionsClerk.fields.status"), cell: (row) => <SubmissionStatusBadge status={row.status} /> },
          ]}
        />
      )}
      {page?.pageInfo.hasNextPage && page.pageInfo.endCursor && (
        <Button
          variant="secondary"
          className="self-start"
          busy={fetching}
          onClick={() => {
            setEarlier(rows);
            setAfter(page.pageInfo.endCursor);
          }}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}

/** "5 dní", and said in words (not only in colour) when it has waited long. */
function Age({ days }: { days: number }) {
  const { t } = useTranslation();
  return (
    <span className="flex flex-col">
      <span className={days >= LONG_WAIT_DAYS ? "font-semibold text-danger" : ""}>{ageText(t, days)}</span>
      {days >= LONG_WAIT_DAYS && <span className="text-sm text-danger">{t("submissionsClerk.queue.waitingLong")}</span>}
    </span>
  );
}
