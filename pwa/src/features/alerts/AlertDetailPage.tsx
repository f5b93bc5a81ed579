import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { alertGlobalId } from "./alert-ids.ts";
import { AlertScope, SeverityBadge, Validity } from "./AlertParts.tsx";
import { PublicAlertQuery } from "./operations.ts";

/** /upozorneni/<id>: one alert, public; readable offline once opened (the offline store keeps it). */
export function AlertDetailPage() {
  const { id: uuid = "" } = useParams();
  const id = alertGlobalId(uuid);
  if (!id) return <NotFoundPage />;
  return <AlertDetail key={id} id={id} />;
}

function AlertDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result, reexecute] = useQuery({ query: PublicAlertQuery, variables: { id } });
  const alert = result.data?.alert;

  if (result.data && alert === null) return <NotFoundPage />;
  if (!alert) {
    if (result.error && !result.fetching) {
      return (
        <div className="flex flex-col gap-4">
          <PageHeading>{t("alerts.detail.title")}</PageHeading>
          <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
        </div>
      );
    }
    return <Loading />;
  }
  const ended = alert.validTo !== null && Date.parse(alert.validTo) <= Date.now();

  return (
    <article className="flex flex-col gap-5">
      <p>
        <Link to="/upozorneni">{t("alerts.detail.back")}</Link>
      </p>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={alert.severity} />
          {ended && <span className="text-sm text-ink-muted">{t("alerts.ended")}</span>}
        </div>
        <PageHeading>{alert.title}</PageHeading>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-ink-muted">{t("alerts.fields.validity")}</dt>
        <dd className="mb-2 sm:mb-0">
          <Validity alert={alert} />
        </dd>
        <AlertScope alert={alert} />
        {alert.publishedAt && (
          <>
            <dt className="font-medium text-ink-muted">{t("alerts.fields.publishedAt")}</dt>
            <dd>{format.dateTime(alert.publishedAt)}</dd>
          </>
        )}
      </dl>
      <div className="whitespace-pre-line break-words">{alert.body}</div>
    </article>
  );
}
