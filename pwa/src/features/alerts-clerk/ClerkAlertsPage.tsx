import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Button, buttonClass } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { alertUuid } from "../alerts/alert-ids.ts";
import { SeverityBadge } from "../alerts/AlertParts.tsx";
import { QueryTabs } from "../alerts/QueryTabs.tsx";
import { AlertStatusLabel, DeliverySummary, type ClerkAlert } from "./alert-parts.tsx";
import { ClerkAlertsQuery } from "./operations.ts";

const PAGE_SIZE = 50;
const TABS = { vse: null, naplanovana: ["SCHEDULED"], odeslana: ["SENDING", "SENT"], zrusena: ["CANCELLED"] } as const;
type Tab = keyof typeof TABS;

/** /urad/upozorneni: every alert of the town with how its deliveries went; the way to compose a new one. */
export function ClerkAlertsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const requested = params.get("stav") ?? "vse";
  const tab: Tab = requested in TABS ? (requested as Tab) : "vse";
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageHeading>{t("alertsClerk.title")}</PageHeading>
        <Link to="/urad/upozorneni/nove" className={buttonClass("primary", "no-underline")}>
          {t("alertsClerk.new")}
        </Link>
      </div>
      <p>{t("alertsClerk.intro")}</p>
      <QueryTabs
        label={t("alertsClerk.tabsLabel")}
        items={(Object.keys(TABS) as Tab[]).map((key) => ({
          to: key === "vse" ? "/urad/upozorneni" : `/urad/upozorneni?stav=${key}`,
          label: t(`alertsClerk.tabs.${key}`),
        }))}
      />
      <AlertTable key={tab} statuses={TABS[tab]} />
    </div>
  );
}

function AlertTable({ statuses }: { statuses: readonly ("SCHEDULED" | "SENDING" | "SENT" | "CANCELLED")[] | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [after, setAfter] = useState<string[]>([]);
  const [result, reexecute] = useQuery({
    query: ClerkAlertsQuery,
    variables: { first: PAGE_SIZE, after: after.at(-1) ?? null, status: statuses ? [...statuses] : null },
  });
  const connection = result.data?.allAlerts;
  if (!connection) {
    if (result.error && !result.fetching) return <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />;
    return <Loading />;
  }
  const alerts = connection.edges.map((edge) => edge.node);
  if (alerts.length === 0) return <EmptyState title={t("alertsClerk.empty")} />;
  return (
    <div className="flex flex-col gap-3">
      <ResponsiveTable<ClerkAlert>
        caption={t("alertsClerk.title")}
        rows={alerts}
        rowKey={(alert) => alert.id}
        columns={[
          {
            header: t("alertsClerk.columns.alert"),
            cell: (alert) => (
              <div className="flex flex-col items-start gap-1">
                <SeverityBadge severity={alert.severity} />
                <Link to={`/urad/upozorneni/${alertUuid(alert.id)}`} className="font-medium break-words">
                  {alert.titleCs}
                </Link>
              </div>
            ),
          },
          { header: t("alertsClerk.columns.status"), cell: (alert) => <AlertStatusLabel status={alert.status} /> },
          {
            header: t("alertsClerk.columns.when"),
            nowrap: true,
            cell: (alert) => format.dateTime(alert.publishedAt ?? alert.scheduledAt),
          },
          {
            header: t("alertsClerk.columns.validity"),
            cell: (alert) =>
              alert.validTo
                ? t("alerts.validity.range", { from: format.dateTime(alert.validFrom), to: format.dateTime(alert.validTo) })
                : t("alerts.validity.open", { from: format.dateTime(alert.validFrom) }),
          },
          { header: t("alertsClerk.columns.deliveries"), cell: (alert) => <DeliverySummary alert={alert} /> },
        ]}
      />
      <div className="flex gap-3">
        {after.length > 0 && (
          <Button variant="secondary" onClick={() => setAfter((current) => current.slice(0, -1))}>
            {t("alertsClerk.previousPage")}
          </Button>
        )}
        {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
          <Button variant="secondary" onClick={() => setAfter((current) => [...current, connection.pageInfo.endCursor!])}>
            {t("alertsClerk.nextPage")}
          </Button>
        )}
      </div>
    </div>
  );
}
