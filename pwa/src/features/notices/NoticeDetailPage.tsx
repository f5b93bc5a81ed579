import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { fileTypeLabel, formatFileSize, isTakenDown, noticeGlobalId } from "./notice-model.ts";
import { rememberOfflineNotice, useNowUntil } from "./offline-notices.ts";
import { NoticeQuery } from "./operations.ts";

type NoticeDetail = NonNullable<ResultOf<typeof NoticeQuery>["notice"]>;

/** /uredni-deska/<id>: one notice on the board or in the archive, with its attachments and corrections. */
export function NoticeDetailPage() {
  const { id: uuid = "" } = useParams();
  const id = noticeGlobalId(uuid);
  if (!id) return <NotFoundPage />;
  return <NoticeDetail key={id} id={id} />;
}

function NoticeDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { online } = useNetworkStatus();
  const [result, reexecute] = useQuery({ query: NoticeQuery, variables: { id } });
  const notice = result.data?.notice;
  const now = useNowUntil(notice ? [notice.takeDownAt] : []);
  const fromNetwork = Boolean(result.data) && !result.stale && !result.error && result.operation?.context.meta?.cacheOutcome !== "hit";

  // Opened here, kept for offline reading: remember its attachments so they can be dropped at take-down.
  useEffect(() => {
    if (fromNetwork && notice && !isTakenDown(notice, Date.now())) rememberOfflineNotice(id, notice);
  }, [fromNetwork, notice, id]);

  if (result.data && notice === null) return <NoticeGone archived={false} />;
  if (!notice) {
    if (result.error && !result.fetching) {
      return (
        <div className="flex flex-col gap-4">
          <PageHeading>{t("notices.detail.title")}</PageHeading>
          <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
        </div>
      );
    }
    return <Loading />;
  }
  // A copy from the cache past its take-down moment is not shown: the notice may no longer be read as posted.
  // Online, the API's fresh answer decides (the archive shows taken-down notices, marked as such).
  if (isTakenDown(notice, now) && !fromNetwork) {
    if (online && (result.fetching || result.stale)) return <Loading />;
    return <NoticeGone archived takenDownAt={notice.withdrawnAt ?? notice.takeDownAt} />;
  }
  return <NoticeContent notice={notice} now={now} />;
}

function NoticeGone({ archived, takenDownAt }: { archived: boolean; takenDownAt?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { online } = useNetworkStatus();
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t(archived ? "notices.detail.goneTitle" : "notices.detail.notFoundTitle")}</PageHeading>
      <p>
        {archived && takenDownAt ? t("notices.detail.goneText", { time: format.dateTime(takenDownAt) }) : t("notices.detail.notFoundText")}
      </p>
      <ul className="flex flex-col gap-2">
        {online && archived && (
          <li>
            <Link to="/uredni-deska/archiv">{t("notices.archive.link")}</Link>
          </li>
        )}
        {archived && !online && <li>{t("notices.detail.archiveWhenOnline")}</li>}
        <li>
          <Link to="/uredni-deska">{t("notices.board.link")}</Link>
        </li>
      </ul>
    </div>
  );
}

function NoticeContent({ notice, now }: { notice: NoticeDetail; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const takenDown = isTakenDown(notice, now);
  const corrections = notice.revisions.filter((revision) => revision.revision > 1);

  return (
    <article className="flex flex-col gap-5">
      <p>
        <Link to={takenDown ? "/uredni-deska/archiv" : "/uredni-deska"}>
          {t(takenDown ? "notices.archive.back" : "notices.board.back")}
        </Link>
      </p>
      <div className="flex flex-col gap-2">
        <p className="text-sm font-medium text-ink-muted">{t(`notices.category.${notice.category}`)}</p>
        <PageHeading>{notice.title}</PageHeading>
      </div>
      {takenDown && (
        <div className="rounded-lg border-2 border-line bg-surface p-4" role="note">
          <p className="font-semibold">
            {t(notice.withdrawn ? "notices.detail.withdrawnOn" : "notices.detail.takenDownOn", {
              time: format.dateTime(notice.withdrawnAt ?? notice.takeDownAt),
            })}
          </p>
          {notice.withdrawn && notice.withdrawalReason && (
            <p>
              {t("notices.detail.withdrawalReason")}: {notice.withdrawalReason}
            </p>
          )}
        </div>
      )}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[auto_1fr]">
        <Field label={t("notices.fields.originator")}>
          {notice.originator}
          {notice.originatorIco && ` (${t("notices.fields.ico")} ${notice.originatorIco})`}
        </Field>
        {notice.referenceNumber && <Field label={t("notices.fields.referenceNumber")}>{notice.referenceNumber}</Field>}
        {notice.fileMark && <Field label={t("notices.fields.fileMark")}>{notice.fileMark}</Field>}
        <Field label={t("notices.fields.postedAt")}>{format.dateTime(notice.postedAt)}</Field>
        <Field label={t("notices.fields.relevantUntil")}>{format.date(notice.relevantUntil)}</Field>
        {!takenDown && <Field label={t("notices.fields.takeDownAt")}>{format.dateTime(notice.takeDownAt)}</Field>}
      </dl>
      {notice.description && <div className="whitespace-pre-line break-words">{notice.description}</div>}

      <section aria-labelledby="attachments-heading" className="flex flex-col gap-2">
        <h2 id="attachments-heading" className="text-xl font-semibold">
          {t("notices.detail.attachments")}
        </h2>
        {notice.attachments.length === 0 ? (
          <p>{t("notices.detail.noAttachments")}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {notice.attachments.map((file) => (
              <li key={file.fileId} className="rounded-md border border-line bg-surface p-3">
                <a href={file.url} type={file.mimeType} className="font-medium break-all">
                  {file.fileName}
                </a>{" "}
                <span className="text-sm text-ink-muted">
                  ({fileTypeLabel(file.mimeType)}, {formatFileSize(file.size, format.language)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {corrections.length > 0 && (
        <section aria-labelledby="revisions-heading" className="flex flex-col gap-2">
          <h2 id="revisions-heading" className="text-xl font-semibold">
            {t("notices.detail.revisions")}
          </h2>
          <p>{t("notices.detail.revisionsIntro")}</p>
          <ol className="flex flex-col gap-2">
            {notice.revisions.map((revision) => (
              <li key={revision.revision} className="rounded-md border border-line bg-surface p-3">
                <p className="font-medium">
                  {t("notices.detail.revision", { number: revision.revision, time: format.dateTime(revision.createdAt) })}
                </p>
                <p className="break-words">{revision.title}</p>
                {revision.reason && (
                  <p className="text-sm">
                    {t("notices.detail.revisionReason")}: {revision.reason}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-ink-muted">{label}</dt>
      <dd className="mb-2 min-w-0 break-words sm:mb-0">{children}</dd>
    </div>
  );
}
