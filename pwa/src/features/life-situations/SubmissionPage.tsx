import type { FormSummary } from "@portal/forms";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { TextArea } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { AnswerInformationRequestMutation, SubmissionDetailQuery, UploadFormAttachmentMutation } from "./operations.ts";
import { MY_SUBMISSIONS_PATH } from "./paths.ts";
import { SubmissionStatusBadge } from "./SubmissionParts.tsx";
import { SummaryView } from "./SummaryView.tsx";

type Submission = NonNullable<ResultOf<typeof SubmissionDetailQuery>["submission"]>;

/**
 * One submission in "Moje podání": right after sending, the receipt (number, time, PDF, the e-mail copy); then its
 * status, the office's question with the form to answer it, the timeline of every step, and the frozen summary.
 */
export function SubmissionPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: SubmissionDetailQuery, variables: { id } });
  const { online } = useNetworkStatus();
  const submission = data?.submission;

  if (!submission) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeading>{t("lifeSituations.detail.title")}</PageHeading>
        {data && data.submission === null ? (
          <EmptyState title={t("lifeSituations.detail.notFound")}>
            <Link to={MY_SUBMISSIONS_PATH}>{t("lifeSituations.detail.back")}</Link>
          </EmptyState>
        ) : (error && !fetching) || !online ? (
          <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
        ) : (
          <Loading />
        )}
      </div>
    );
  }
  return <Detail submission={submission} />;
}

function Detail({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [searchParams] = useSearchParams();
  const justSent = searchParams.get("odeslano") === "1";
  const summary = submission.summary as FormSummary;

  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link to={MY_SUBMISSIONS_PATH}>← {t("lifeSituations.detail.back")}</Link>
      </p>
      <div className="flex flex-col gap-2">
        <PageHeading>{submission.title}</PageHeading>
        <div className="flex flex-wrap items-center gap-3">
          <SubmissionStatusBadge status={submission.status} />
          <span className="text-ink-muted">{t("lifeSituations.detail.number", { number: submission.number })}</span>
        </div>
      </div>

      <section
        aria-labelledby="receipt-title"
        className={`flex flex-col gap-2 rounded-lg border bg-surface p-4 ${justSent ? "border-2 border-success" : "border-line"}`}
      >
        <h2 id="receipt-title" className="text-xl font-semibold">
          {justSent ? t("lifeSituations.detail.sentTitle") : t("lifeSituations.detail.receipt")}
        </h2>
        {justSent && <p role="status">{t("lifeSituations.detail.sentText")}</p>}
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="text-ink-muted">{t("lifeSituations.detail.numberLabel")}</dt>
          <dd className="font-semibold" data-testid="submission-number">
            {submission.number}
          </dd>
          <dt className="text-ink-muted">{t("lifeSituations.detail.sentAt")}</dt>
          <dd>{format.dateTime(submission.submittedAt)}</dd>
          {submission.decidedAt && (
            <>
              <dt className="text-ink-muted">{t("lifeSituations.detail.decidedAt")}</dt>
              <dd>{format.dateTime(submission.decidedAt)}</dd>
            </>
          )}
        </dl>
        <p>
          <a href={submission.summaryPdfUrl} download>
            {t("lifeSituations.detail.pdf", { number: submission.number })}
          </a>
        </p>
      </section>

      {submission.openQuestion && <AnswerForm submission={submission} />}

      {submission.decisionNote && (
        <section aria-labelledby="decision-title" className="rounded-lg border border-line bg-surface p-4">
          <h2 id="decision-title" className="text-xl font-semibold">
            {submission.status === "REJECTED" ? t("lifeSituations.detail.rejectedBecause") : t("lifeSituations.detail.note")}
          </h2>
          <p className="mt-2 whitespace-pre-line">{submission.decisionNote}</p>
        </section>
      )}

      <Timeline events={submission.events} />

      <section aria-labelledby="summary-title" className="flex flex-col gap-3">
        <h2 id="summary-title" className="text-xl font-semibold">
          {t("lifeSituations.detail.summary")}
        </h2>
        <SummaryView summary={summary} />
        {submission.attachments.length > 0 && (
          <div className="rounded-lg border border-line bg-surface p-4">
            <h3 className="text-lg font-semibold">{t("lifeSituations.detail.attachments")}</h3>
            <ul className="mt-2 flex flex-col gap-1">
              {submission.attachments.map((file) => (
                <li key={file.id}>
                  {file.url ? <a href={file.url}>{file.fileName}</a> : file.fileName}{" "}
                  <span className="text-sm text-ink-muted">· {t(`lifeSituations.scan.${file.scanStatus}`)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}

function Timeline({ events }: { events: Submission["events"] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-xl font-semibold">
        {t("lifeSituations.detail.timeline")}
      </h2>
      <ol className="flex flex-col gap-0 border-l-2 border-line pl-4" data-testid="submission-timeline">
        {events.map((event) => (
          <li key={event.id} className="relative pb-4">
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.45rem] size-3 rounded-full border-2 border-brand bg-surface" />
            <p className="font-semibold">{t(`lifeSituations.event.${event.type}`)}</p>
            <p className="text-sm text-ink-muted">
              <time dateTime={event.createdAt}>{format.dateTime(event.createdAt)}</time> ·{" "}
              {event.byCitizen ? t("lifeSituations.detail.byYou") : t("lifeSituations.detail.byOffice")}
            </p>
            {event.message && <p className="mt-1 whitespace-pre-line">{event.message}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

const MAX_ANSWER_FILES = 5;

/** The office asked for more information: the citizen answers here (text and files), and the office is told. */
function AnswerForm({ submission }: { submission: Submission }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [, upload] = useMutation(UploadFormAttachmentMutation);
  const [, answer] = useMutation(AnswerInformationRequestMutation);
  const { online } = useNetworkStatus();

  const send = async () => {
    if (message.trim().length === 0) {
      setFieldError(t("lifeSituations.answer.required"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const attachmentIds: string[] = [];
      for (const file of files) {
        const id = crypto.randomUUID();
        const uploaded = await upload({ id, file });
        const result = uploaded.data?.uploadFormAttachment;
        if (result?.__typename !== "UploadFormAttachmentSuccess") {
          setError(result && "message" in result ? `${file.name}: ${result.message}` : t("errors.network"));
          return;
        }
        attachmentIds.push(id);
      }
      const result = await answer({ input: { submissionId: submission.id, message: message.trim(), attachmentIds } });
      const outcome = result.data?.answerInformationRequest;
      if (!outcome) setError(result.error?.networkError ? t("errors.network") : t("errors.unexpected"));
      else if (outcome.__typename !== "AnswerInformationRequestSuccess") setError(outcome.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="question-title" className="flex flex-col gap-3 rounded-lg border-2 border-accent bg-surface p-4">
      <h2 id="question-title" className="text-xl font-semibold">
        {t("lifeSituations.answer.title")}
      </h2>
      <blockquote className="border-l-4 border-line pl-3 whitespace-pre-line">{submission.openQuestion}</blockquote>
      <form
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        {error && (
          <p role="alert" className="font-medium text-danger">
            {error}
          </p>
        )}
        <TextArea
          label={t("lifeSituations.answer.message")}
          required
          rows={5}
          maxLength={4000}
          value={message}
          error={fieldError}
          onChange={(event) => {
            setMessage(event.target.value);
            setFieldError(undefined);
          }}
        />
        <div className="flex flex-col gap-1">
          <label htmlFor="answer-files" className="font-medium">
            {t("lifeSituations.answer.files")} ({t("lifeSituations.form.optional")})
          </label>
          <input
            id="answer-files"
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            className="block w-full rounded-md border border-line bg-surface px-3 py-2"
            onChange={(event) => setFiles([...(event.target.files ?? [])].slice(0, MAX_ANSWER_FILES))}
          />
        </div>
        {!online && <p className="text-ink-muted">{t("lifeSituations.answer.offline")}</p>}
        <div>
          <Button type="submit" busy={busy} disabled={!online}>
            {t("lifeSituations.answer.send")}
          </Button>
        </div>
      </form>
    </section>
  );
}
