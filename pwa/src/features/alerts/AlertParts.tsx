import { useTranslation } from "react-i18next";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import type { AlertListItem } from "./operations.ts";

export type ListedAlert = ResultOf<typeof AlertListItem>;
export type AlertSeverity = ListedAlert["severity"];

const SEVERITY_CLASS: Record<AlertSeverity, string> = {
  INFO: "border-line bg-page text-ink",
  WARNING: "border-accent bg-accent text-on-accent",
  CRISIS: "border-danger bg-danger text-white",
};

/** The severity as a labelled badge: colour never carries the meaning alone. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-flex items-center rounded-full border px-3 py-0.5 text-sm font-semibold ${SEVERITY_CLASS[severity]}`}>
      {t(`alerts.severity.${severity}`)}
    </span>
  );
}

/** "from … to …" in the town's time; an alert without an end is "until further notice". */
export function Validity({ alert }: { alert: Pick<ListedAlert, "validFrom" | "validTo"> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {alert.validTo
        ? t("alerts.validity.range", { from: format.dateTime(alert.validFrom), to: format.dateTime(alert.validTo) })
        : t("alerts.validity.open", { from: format.dateTime(alert.validFrom) })}
    </>
  );
}

export function isCurrent(alert: Pick<ListedAlert, "validFrom" | "validTo">, now: number): boolean {
  return Date.parse(alert.validFrom) <= now && (alert.validTo === null || Date.parse(alert.validTo) > now);
}

/** Topics and areas as plain text lists (a citizen scans for their street). */
export function AlertScope({ alert }: { alert: Pick<ListedAlert, "topics" | "areas"> }) {
  const { t } = useTranslation();
  return (
    <>
      <dt className="text-ink-muted">{t("alerts.fields.topics")}</dt>
      <dd className="min-w-0 break-words">{alert.topics.map((topic) => topic.name).join(", ") || "—"}</dd>
      <dt className="text-ink-muted">{t("alerts.fields.areas")}</dt>
      <dd className="min-w-0 break-words">{alert.areas.map((area) => area.name).join(", ") || t("alerts.wholeTown")}</dd>
    </>
  );
}
