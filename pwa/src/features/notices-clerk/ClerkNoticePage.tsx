import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { fileTypeLabel, formatFileSize, noticeGlobalId, noticePath, noticePhase, postingConfirmationUrl } from "../notices/notice-model.ts";
import { NoticeForm, type FormFailureState } from "./NoticeForm.tsx";
import { NoticeHistoryQuery, TownNameQuery, WithdrawNoticeMutation } from "./operations.ts";
import { PhaseBadge } from "./PhaseBadge.tsx";
import { TextArea } from "../../components/fields.tsx";
import { z } from "zod";

type History = NonNullable<ResultOf<typeof NoticeHistoryQuery>["noticeHistory"]>;
type ClerkNotice = History["notice"];

/** The town's name (null while loading) and its notice board's two-person rule. */
function useTown(): { townName: string | null; twoPersonRule: boolean } {
  const [{ data }] = useQuery({ query: TownNameQuery });
  return { townName: data?.municipality.name ?? null, twoPersonRule: data?.municipality.noticeTwoPersonRule ?? false };
}

/** /urad/uredni-deska/nova: a new notice (saved as a draft, then posted, scheduled or proposed). */
export function NewNoticePage() {
  const { t } = useTranslation();
  const { townName, twoPersonRule } = useTown();
  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to="/urad/uredni-deska">{t("noticesClerk.backToList")}</Link>
      </p>
      <PageHeading>{t("noticesClerk.createTitle")}</PageHeading>
      {townName === null ? <Loading /> : <NoticeForm mode="create" notice={null} townName={townName} twoPersonRule={twoPersonRule} />}
    </div>
  );
}

/** /urad/uredni-deska/<id>: one notice for the clerk: edit or correct it, post, propose, withdraw; its record. */
export function ClerkNoticePage() {
  const { id: uuid = "" } = useParams();
  const id = noticeGlobalId(uuid);
  if (!id) return <NotFoundPage />;
  return <ClerkNotice key={id} id={id} />;
}

function ClerkNotice({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const { townName, twoPersonRule } = useTown();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: NoticeHistoryQuery, variables: { id } });
  const [revising, setRevising] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const history = data?.noticeHistory;

  if (data && !history) return <NotFoundPage />;
  if (!history || townName === null) {
    return error && !fetching ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />;
  }
  const notice = history.notice;
  const now = Date.now();
  const phase = noticePhase(notice, now);
  const editable = phase === "DRAFT" || phase === "PENDING_APPROVAL";
  const live = phase === "SCHEDULED" || phase === "POSTED";
  const failure = (location.state as FormFailureState | null)?.failure;

  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to="/urad/uredni-deska">{t("noticesClerk.backToList")}</Link>
      </p>
      <div className="flex flex-col gap-2">
        <PageHeading>{notice.title}</PageHeading>
        <p className="flex flex-wrap items-center gap-3">
          <PhaseBadge phase={phase} />
          <span>
            {t(`noticesClerk.phaseHint.${phase}`, {
              posted: format.dateTime(notice.postedAt),
              takeDown: format.dateTime(notice.takeDownAt),
            })}
          </span>
        </p>
      </div>

      <ul className="flex flex-wrap gap-x-6 gap-y-2">
        {(phase === "POSTED" || phase === "TAKEN_DOWN" || phase === "WITHDRAWN") && (
          <li>
            <Link to={noticePath(notice.id)}>{t("noticesClerk.publicPage")}</Link>
          </li>
        )}
        {notice.status === "APPROVED" || notice.status === "WITHDRAWN" ? (
          <li>
            <a href={postingConfirmationUrl(notice.id)} download>
              {t("noticesClerk.confirmationPdf")}
            </a>
          </li>
        ) : null}
      </ul>

      {editable && (
        <section aria-labelledby="edit-heading" className="flex flex-col gap-3">
          <h2 id="edit-heading" className="text-xl font-semibold">
            {t(phase === "DRAFT" ? "noticesClerk.editDraft" : "noticesClerk.reviewProposal")}
          </h2>
          <NoticeForm
            key={notice.updatedAt}
            mode="edit"
            notice={notice}
            townName={townName}
            initialFailure={failure}
            twoPersonRule={twoPersonRule}
            writtenByViewer={history.writtenByViewer}
          />
        </section>
      )}

      {!editable && <NoticeSummary notice={notice} />}

      {live && !revising && (
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" onClick={() => setRevising(true)}>
            {t("noticesClerk.actions.revise")}
          </Button>
          <Button variant="danger" onClick={() => setWithdrawing(true)}>
            {t("noticesClerk.actions.withdraw")}
          </Button>
        </div>
      )}
      {live && revising && (
        <section aria-labelledby="revise-heading" className="flex flex-col gap-3">
          <h2 id="revise-heading" className="text-xl font-semibold">
            {t("noticesClerk.reviseTitle")}
          </h2>
          <p>{t("noticesClerk.reviseIntro")}</p>
          <NoticeForm mode="revise" notice={notice} townName={townName} twoPersonRule={twoPersonRule} onDone={() => setRevising(false)} />
          <Button variant="secondary" className="self-start" onClick={() => setRevising(false)}>
            {t("common.cancel")}
          </Button>
        </section>
      )}

      <NoticeRecord history={history} />

      <Dialog open={withdrawing} title={t("noticesClerk.withdrawTitle")} onClose={() => setWithdrawing(false)}>
        {withdrawing && <WithdrawForm notice={notice} onDone={() => setWithdrawing(false)} />}
      </Dialog>
    </div>
  );
}

function NoticeSummary({ notice }: { notice: ClerkNotice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: Array<[string, React.ReactNode]> = [
    [t("notices.fields.category"), t(`notices.category.${notice.category}`)],
    [
      t("notices.fields.originator"),
      notice.originatorIco ? `${notice.originator} (${t("notices.fields.ico")} ${notice.originatorIco})` : notice.originator,
    ],
    [t("notices.fields.referenceNumber"), notice.referenceNumber ?? "—"],
    [t("notices.fields.fileMark"), notice.fileMark ?? "—"],
    [t("notices.fields.postedAt"), format.dateTime(notice.postedAt)],
    [t("notices.fields.relevantUntil"), format.date(notice.relevantUntil)],
    [t("notices.fields.takeDownAt"), format.dateTime(notice.takeDownAt)],
  ];
  if (notice.withdrawalReason) rows.push([t("notices.detail.withdrawalReason"), notice.withdrawalReason]);
  return (
    <section aria-labelledby="summary-heading" className="flex flex-col gap-3">
      <h2 id="summary-heading" className="text-xl font-semibold">
        {t("noticesClerk.summary", { revision: notice.revision })}
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-ink-muted">{label}</dt>
            <dd className="mb-2 min-w-0 break-words sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
      {notice.description && <div className="whitespace-pre-line break-words">{notice.description}</div>}
      <h3 className="text-lg font-semibold">{t("notices.detail.attachments")}</h3>
      {notice.attachments.length === 0 ? (
        <p>{t("notices.detail.noAttachments")}</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {notice.attachments.map((file) => (
            <li key={file.fileId}>
              <a href={file.url}>{file.fileName}</a>{" "}
              <span className="text-sm text-ink-muted">
                ({fileTypeLabel(file.mimeType)}, {formatFileSize(file.size, format.language)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The legal record: every approved content and every step, with who took it. */
function NoticeRecord({ history }: { history: History }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="record-heading" className="flex flex-col gap-3">
      <h2 id="record-heading" className="text-xl font-semibold">
        {t("noticesClerk.record.title")}
      </h2>
      <ResponsiveTable
        caption={t("noticesClerk.record.events")}
        rows={history.events}
        rowKey={(event) => event.id}
        columns={[
          { header: t("noticesClerk.record.when"), cell: (event) => format.dateTime(event.createdAt) },
          { header: t("noticesClerk.record.event"), cell: (event) => t(`noticesClerk.event.${event.type}`) },
          { header: t("noticesClerk.record.actor"), cell: (event) => event.actorName ?? "—" },
          {
            header: t("noticesClerk.record.details"),
            cell: (event) =>
              [
                event.revision ? t("noticesClerk.record.revision", { number: event.revision }) : null,
                event.postedAt && event.takeDownAt
                  ? t("noticesClerk.record.window", {
                      posted: format.dateTime(event.postedAt),
                      takeDown: format.dateTime(event.takeDownAt),
                    })
                  : null,
                event.reason ? t("noticesClerk.record.reason", { reason: event.reason }) : null,
              ]
                .filter(Boolean)
                .join(" · ") || "—",
          },
        ]}
      />
      {history.revisions.length > 0 && (
        <>
          <h3 className="text-lg font-semibold">{t("noticesClerk.record.revisions")}</h3>
          <ol className="flex flex-col gap-2">
            {history.revisions.map((revision) => (
              <li key={revision.revision} className="rounded-md border border-line bg-surface p-3">
                <p className="font-medium">
                  {t("notices.detail.revision", { number: revision.revision, time: format.dateTime(revision.createdAt) })}
                  {revision.createdBy && ` – ${revision.createdBy}`}
                </p>
                <p className="break-words">{revision.title}</p>
                {revision.reason && (
                  <p className="text-sm">
                    {t("notices.detail.revisionReason")}: {revision.reason}
                  </p>
                )}
                {revision.attachmentNames.length > 0 && (
                  <p className="text-sm text-ink-muted">
                    {t("noticesClerk.record.files")}: {revision.attachmentNames.join(", ")}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

const withdrawSchema = z.object({
  reason: z.string().trim().min(1, "noticesClerk.validation.reasonRequired").max(2_000, "validation.tooLong"),
});

function WithdrawForm({ notice, onDone }: { notice: ClerkNotice; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, withdrawNotice] = useMutation(WithdrawNoticeMutation);
  const form = useZodForm(withdrawSchema, { reason: "" });
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    const result = await withdrawNotice({ input: { id: notice.id, reason } });
    const answer = result.data?.withdrawNotice;
    if (answer?.__typename !== "WithdrawNoticeSuccess") return form.fail(answer ?? result.error);
    toast(t("noticesClerk.toast.withdrawn"));
    onDone();
  });
  return (
    <Form onSubmit={onSubmit} error={form.formError}>
      <p>{t("noticesClerk.withdrawIntro", { title: notice.title })}</p>
      <TextArea label={t("noticesClerk.fields.withdrawReason")} required rows={3} {...form.bind("reason")} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" busy={form.submitting}>
          {t("noticesClerk.actions.confirmWithdraw")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
    </Form>
  );
}
