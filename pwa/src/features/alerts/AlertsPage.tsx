import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useSession } from "../auth/session.tsx";
import { alertPath } from "./alert-ids.ts";
import { QueryTabs } from "./QueryTabs.tsx";
import { AlertScope, isCurrent, SeverityBadge, Validity, type ListedAlert } from "./AlertParts.tsx";
import { PublicAlertsQuery } from "./operations.ts";

const PAGE_SIZE = 20;
export const ALERT_FEEDS = { atom: "/feeds/upozorneni.atom", rss: "/feeds/upozorneni.rss" } as const;

/**
 * /upozorneni: the town's alerts (outages, roadworks, crises, meetings), public, newest first. Each page is its own
 * cache-and-network query, so what was opened once reads offline from the offline store.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const [params] = useSearchParams();
  const all = params.get("vse") === "1";

  return (
    <div className="flex flex-col gap-5">
      <link rel="alternate" type="application/atom+xml" title={t("alerts.feeds.atomTitle")} href={ALERT_FEEDS.atom} />
      <link rel="alternate" type="application/rss+xml" title={t("alerts.feeds.rssTitle")} href={ALERT_FEEDS.rss} />
      <div className="flex flex-col gap-2">
        <PageHeading>{t("alerts.list.title")}</PageHeading>
        <p>{t("alerts.list.intro")}</p>
        <p>
          <Link to={viewer ? "/muj-ucet/upozorneni" : "/prihlaseni?next=%2Fmuj-ucet%2Fupozorneni"}>{t("alerts.list.subscribe")}</Link>
        </p>
      </div>
      <QueryTabs
        label={t("alerts.list.tabsLabel")}
        items={[
          { to: "/upozorneni", label: t("alerts.list.current") },
          { to: "/upozorneni?vse=1", label: t("alerts.list.all") },
        ]}
      />
      <AlertList key={all ? "all" : "current"} currentOnly={!all} />
      <section aria-labelledby="alert-feeds-heading" className="flex flex-col gap-2 border-t border-line pt-4">
        <h2 id="alert-feeds-heading" className="text-lg font-semibold">
          {t("alerts.feeds.heading")}
        </h2>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <a href={ALERT_FEEDS.rss} type="application/rss+xml">
              {t("alerts.feeds.rss")}
            </a>
          </li>
          <li>
            <a href={ALERT_FEEDS.atom} type="application/atom+xml">
              {t("alerts.feeds.atom")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

function AlertList({ currentOnly }: { currentOnly: boolean }) {
  const [cursors, setCursors] = useState<ReadonlyArray<string | null>>([null]);
  return (
    <div className="flex flex-col gap-3">
      {cursors.map((after, index) => (
        <AlertPage
          key={after ?? "first"}
          after={after}
          currentOnly={currentOnly}
          first={index === 0}
          last={index === cursors.length - 1}
          onLoadMore={(cursor) => setCursors((current) => [...current, cursor])}
        />
      ))}
    </div>
  );
}

function AlertPage(props: {
  after: string | null;
  currentOnly: boolean;
  first: boolean;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const { online } = useNetworkStatus();
  const [result, reexecute] = useQuery({
    query: PublicAlertsQuery,
    variables: { first: PAGE_SIZE, after: props.after, filter: props.currentOnly ? { validOnly: true } : null },
  });
  const connection = result.data?.alerts;
  if (!connection) {
    if (result.error && !result.fetching) return <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />;
    return <Loading />;
  }
  const now = Date.now();
  // Offline, a cached "current" list never shows an alert whose validity has ended meanwhile (device clock).
  const alerts = connection.edges.map((edge) => edge.node).filter((alert) => !props.currentOnly || online || isCurrent(alert, now));
  return (
    <>
      {props.first && alerts.length === 0 && (
        <EmptyState title={t(props.currentOnly ? "alerts.list.emptyCurrent" : "alerts.list.empty")}>
          {t("alerts.list.emptyHint")}
        </EmptyState>
      )}
      {alerts.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label={t(props.currentOnly ? "alerts.list.current" : "alerts.list.all")}>
          {alerts.map((alert) => (
            <AlertCard key={alert.id} alert={alert} now={now} />
          ))}
        </ul>
      )}
      {props.last && connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <Button variant="secondary" className="self-start" onClick={() => props.onLoadMore(connection.pageInfo.endCursor!)}>
          {t("common.loadMore")}
        </Button>
      )}
    </>
  );
}

function AlertCard({ alert, now }: { alert: ListedAlert; now: number }) {
  const { t } = useTranslation();
  const ended = alert.validTo !== null && Date.parse(alert.validTo) <= now;
  return (
    <li className={`rounded-lg border bg-surface p-4 ${alert.severity === "CRISIS" && !ended ? "border-2 border-danger" : "border-line"}`}>
      <article className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={alert.severity} />
          {ended && <span className="text-sm text-ink-muted">{t("alerts.ended")}</span>}
        </div>
        <h2 className="text-lg font-semibold break-words">
          <Link to={alertPath(alert.id)}>{alert.title}</Link>
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-ink-muted">{t("alerts.fields.validity")}</dt>
          <dd>
            <Validity alert={alert} />
          </dd>
          <AlertScope alert={alert} />
        </dl>
      </article>
    </li>
  );
}
