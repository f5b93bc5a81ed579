import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { ConfirmActions, Dialog } from "../../components/Dialog.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { DeadLetterJobsQuery, DiscardDeadLetterJobMutation, RetryDeadLetterJobMutation } from "./operations.ts";

type DeadLetter = ResultOf<typeof DeadLetterJobsQuery>["deadLetterJobs"][number];

/** Background jobs (e-mails, ...) that failed on every attempt: the admin retries them once the cause is fixed, or discards them. */
export function DeadLettersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const [{ data, error }, reexecute] = useQuery({ query: DeadLetterJobsQuery, requestPolicy: "cache-and-network" });
  const [{ fetching: retrying }, retryJob] = useMutation(RetryDeadLetterJobMutation);
  const [discarding, setDiscarding] = useState<DeadLetter | null>(null);
  const jobs = data?.deadLetterJobs ?? [];
  const kindName = (kind: string) => t(`admin.deadLetters.kinds.${kind}`, { defaultValue: kind });
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  async function retry(job: DeadLetter) {
    const result = await retryJob({ input: { id: job.id } });
    const answer = result.data?.retryDeadLetterJob;
    if (answer?.__typename !== "RetryDeadLetterJobSuccess") return toast(answer?.message ?? t("errors.unexpected"));
    toast(t("admin.deadLetters.retried", { kind: kindName(job.kind) }));
    refresh();
  }

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("admin.deadLetters.title")}</PageHeading>
      <p>{t("admin.deadLetters.description")}</p>
      {!data && (error ? <LoadError onRetry={refresh} /> : <Loading />)}
      {data && jobs.length === 0 && <EmptyState title={t("admin.deadLetters.empty")} />}
      {jobs.length > 0 && (
        <ResponsiveTable
          caption={t("admin.deadLetters.title")}
          rows={jobs}
          rowKey={(job) => job.id}
          columns={[
            { header: t("admin.deadLetters.kind"), cell: (job) => kindName(job.kind) },
            { header: t("admin.deadLetters.queued"), cell: (job) => format.dateTime(job.createdAt) },
            { header: t("admin.deadLetters.failed"), cell: (job) => (job.failedAt ? format.dateTime(job.failedAt) : "–") },
            { header: t("admin.deadLetters.attempts"), cell: (job) => job.attempts },
            {
              header: t("admin.deadLetters.lastError"),
              cell: (job) => <span className="break-words">{job.lastError ?? "–"}</span>,
            },
            {
              header: t("admin.deadLetters.actions"),
              cell: (job) => (
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    busy={retrying}
                    aria-label={t("admin.deadLetters.retryNamed", { kind: kindName(job.kind), date: format.dateTime(job.createdAt) })}
                    onClick={() => void retry(job)}
                  >
                    {t("admin.deadLetters.retry")}
                  </Button>
                  <Button
                    variant="danger"
                    aria-label={t("admin.deadLetters.discardNamed", { kind: kindName(job.kind), date: format.dateTime(job.createdAt) })}
                    onClick={() => setDiscarding(job)}
                  >
                    {t("admin.deadLetters.discard")}
                  </Button>
                </div>
              ),
            },
          ]}
        />
      )}
      <Dialog open={discarding !== null} title={t("admin.deadLetters.discardTitle")} onClose={() => setDiscarding(null)}>
        {discarding && (
          <DiscardJob
            job={discarding}
            kindName={kindName(discarding.kind)}
            onDone={() => {
              setDiscarding(null);
              refresh();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function DiscardJob({ job, kindName, onDone }: { job: DeadLetter; kindName: string; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [{ fetching }, discardJob] = useMutation(DiscardDeadLetterJobMutation);
  const [failure, setFailure] = useState<string | null>(null);

  async function discard() {
    const result = await discardJob({ input: { id: job.id } });
    const answer = result.data?.discardDeadLetterJob;
    if (answer?.__typename !== "DiscardDeadLetterJobSuccess") return setFailure(answer?.message ?? t("errors.unexpected"));
    toast(t("admin.deadLetters.discarded", { kind: kindName }));
    onDone();
  }

  return (
    <ConfirmActions
      question={t("admin.deadLetters.discardConfirm", { kind: kindName })}
      confirmLabel={t("admin.deadLetters.discard")}
      failure={failure}
      busy={fetching}
      onConfirm={() => void discard()}
      onCancel={onDone}
    />
  );
}
