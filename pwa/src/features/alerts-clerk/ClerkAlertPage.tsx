import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { ConfirmActions, Dialog } from "../../components/Dialog.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { NotFoundPage } from "../static/NotFoundPage.tsx";
import { alertGlobalId, alertPath } from "../alerts/alert-ids.ts";
import { SeverityBadge, Validity } from "../alerts/AlertParts.tsx";
import { AlertStatusLabel, type ClerkAlert } from "./alert-parts.tsx";
import { CancelAlertMutation, ClerkAlertQuery, EndAlertMutation } from "./operations.ts";

/** /urad/upozorneni/<id>: one alert on the desk: its content, audience, state and each channel's deliveries. */
export function ClerkAlertPage() {
  const { id: uuid = "" } = useParams();
  const id = alertGlobalId(uuid);
  if (!id) return <NotFoundPage />;
  return <ClerkAlertDetail key={id} id={id} />;
}

function ClerkAlertDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [result, reexecute] = useQuery({ query: ClerkAlertQuery, variables: { id } });
  const alert = result.data?.alert;
  if (result.data && alert === null) return <NotFoundPage />;
  if (!alert) {
    if (result.error && !result.fetching) return <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />;
    return <Loading />;
  }
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  return (
    <article className="flex flex-col gap-5">
      <p>
        <Link to="/urad/upozorneni">{t("alertsClerk.back")}</Link>
      </p>
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <SeverityBadge severity={alert.severity} />
          <AlertStatusLabel status={alert.status} />
        </div>
        <PageHeading>{alert.titleCs}</PageHeading>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-ink-muted">{t("alerts.fields.validity")}</dt>
        <dd className="mb-2 sm:mb-0">
          <Validity alert={alert} />
        </dd>
        <dt className="font-medium text-ink-muted">
          {alert.publishedAt ? t("alerts.fields.publishedAt") : t("alertsClerk.fields.scheduledAt")}
        </dt>
        <dd className="mb-2 sm:mb-0">{format.dateTime(alert.publishedAt ?? alert.scheduledAt)}</dd>
        {alert.cancelledAt && (
          <>
            <dt className="font-medium text-ink-muted">{t("alertsClerk.fields.cancelledAt")}</dt>
            <dd className="mb-2 sm:mb-0">{format.dateTime(alert.cancelledAt)}</dd>
          </>
        )}
        <dt className="font-medium text-ink-muted">{t("alerts.fields.topics")}</dt>
        <dd className="mb-2 sm:mb-0">{alert.topics.map((topic) => topic.name).join(", ")}</dd>
        <dt className="font-medium text-ink-muted">{t("alerts.fields.areas")}</dt>
        <dd className="mb-2 sm:mb-0">{alert.areas.map((area) => area.name).join(", ") || t("alerts.wholeTown")}</dd>
        <dt className="font-medium text-ink-muted">{t("alertsClerk.fields.channels")}</dt>
        <dd>{alert.channels.map((channel) => t(`alerts.channel.${channel}`)).join(", ")}</dd>
      </dl>
      <div className="whitespace-pre-line break-words">{alert.bodyCs}</div>
      {alert.titleEn && (
        <details className="rounded-lg border border-line bg-surface p-4">
          <summary className="min-h-11 cursor-pointer py-2 font-medium">{t("alertsClerk.fields.english")}</summary>
          <p className="font-semibold" lang="en">
            {alert.titleEn}
          </p>
          <p className="whitespace-pre-line break-words" lang="en">
            {alert.bodyEn}
          </p>
        </details>
      )}
      <DeliveryTable alert={alert} onRefresh={refresh} />
      <AlertActions alert={alert} />
      {alert.publishedAt && (
        <p>
          <Link to={alertPath(alert.id)}>{t("alertsClerk.publicPage")}</Link>
        </p>
      )}
    </article>
  );
}

function DeliveryTable({ alert, onRefresh }: { alert: ClerkAlert; onRefresh: () => void }) {
  const { t } = useTranslation();
  if (alert.status === "SCHEDULED" || alert.status === "CANCELLED") return null;
  const columns = ["total", "sent", "pending", "failed", "dead", "skipped"] as const;
  return (
    <section aria-labelledby="deliveries-heading" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="deliveries-heading" className="text-xl font-semibold">
          {t("alertsClerk.deliveries.title")}
        </h2>
        <Button variant="secondary" onClick={onRefresh}>
          {t("alertsClerk.deliveries.refresh")}
        </Button>
      </div>
      {alert.status === "SENDING" && <p>{t("alertsClerk.deliveries.sending")}</p>}
      {alert.deliveries.length === 0 ? (
        <p>{t("alertsClerk.noRecipients")}</p>
      ) : (
        // Seven columns scroll sideways on a phone: the box takes focus so keyboard users can scroll it too.
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="deliveries-heading">
          <table className="w-full border-collapse bg-surface text-left">
            <caption className="sr-only">{t("alertsClerk.deliveries.title")}</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b-2 border-line px-3 py-2">
                  {t("alertsClerk.deliveries.channel")}
                </th>
                {columns.map((column) => (
                  <th key={column} scope="col" className="border-b-2 border-line px-3 py-2 text-right">
                    {t(`alertsClerk.deliveries.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {alert.deliveries.map((stats) => (
                <tr key={stats.channel} className="border-b border-line">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {t(`alerts.channel.${stats.channel}`)}
                  </th>
                  {columns.map((column) => (
                    <td
                      key={column}
                      className={`px-3 py-2 text-right tabular-nums ${column === "dead" && stats.dead > 0 ? "font-bold text-danger" : ""}`}
                    >
                      {stats[column]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm text-ink-muted">{t("alertsClerk.deliveries.explain")}</p>
    </section>
  );
}

function AlertActions({ alert }: { alert: ClerkAlert }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [dialog, setDialog] = useState<"cancel" | "end" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [cancelling, cancel] = useMutation(CancelAlertMutation);
  const [ending, end] = useMutation(EndAlertMutation);
  const canCancel = alert.status === "SCHEDULED";
  const canEnd = (alert.status === "SENT" || alert.status === "SENDING") && alert.isValid;
  if (!canCancel && !canEnd) return null;

  async function confirm() {
    setFailure(null);
    if (dialog === "cancel") {
      const answer = (await cancel({ id: alert.id })).data?.cancelAlert;
      if (answer?.__typename !== "CancelAlertSuccess")
        return setFailure(answer && "message" in answer ? answer.message : t("errors.network"));
      toast(t("alertsClerk.actions.cancelled"));
    } else {
      const answer = (await end({ id: alert.id })).data?.endAlert;
      if (answer?.__typename !== "EndAlertSuccess") return setFailure(answer && "message" in answer ? answer.message : t("errors.network"));
      toast(t("alertsClerk.actions.ended"));
    }
    setDialog(null);
  }

  return (
    <section aria-labelledby="alert-actions-heading" className="flex flex-col gap-2">
      <h2 id="alert-actions-heading" className="text-xl font-semibold">
        {t("common.actions")}
      </h2>
      <div className="flex flex-wrap gap-3">
        {canCancel && (
          <Button variant="danger" onClick={() => setDialog("cancel")}>
            {t("alertsClerk.actions.cancel")}
          </Button>
        )}
        {canEnd && (
          <Button variant="secondary" onClick={() => setDialog("end")}>
            {t("alertsClerk.actions.end")}
          </Button>
        )}
      </div>
      <Dialog
        open={dialog !== null}
        title={t(dialog === "cancel" ? "alertsClerk.actions.cancel" : "alertsClerk.actions.end")}
        onClose={() => setDialog(null)}
      >
        <ConfirmActions
          question={t(dialog === "cancel" ? "alertsClerk.actions.cancelQuestion" : "alertsClerk.actions.endQuestion")}
          confirmLabel={t(dialog === "cancel" ? "alertsClerk.actions.cancel" : "alertsClerk.actions.end")}
          failure={failure}
          busy={cancelling.fetching || ending.fetching}
          onConfirm={() => void confirm()}
          onCancel={() => setDialog(null)}
        />
      </Dialog>
    </section>
  );
}
