import { useTranslation } from "react-i18next";
import type { ResultOf } from "../../graphql/graphql.ts";
import type { ClerkAlertFields } from "./operations.ts";

export type ClerkAlert = ResultOf<typeof ClerkAlertFields>;

/** "E-mail 118/120 · SMS 30/30 (2 failed)": how far each channel got. */
export function DeliverySummary({ alert }: { alert: Pick<ClerkAlert, "deliveries" | "status"> }) {
  const { t } = useTranslation();
  if (alert.status === "SCHEDULED" || alert.status === "CANCELLED") return <span className="text-ink-muted">—</span>;
  if (alert.deliveries.length === 0) return <span className="text-ink-muted">{t("alertsClerk.noRecipients")}</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {alert.deliveries.map((stats) => (
        <li key={stats.channel}>
          {t(`alerts.channel.${stats.channel}`)}: {t("alertsClerk.sentOf", { sent: stats.sent, total: stats.total })}
          {stats.dead > 0 && <span className="font-semibold text-danger"> · {t("alertsClerk.deadCount", { count: stats.dead })}</span>}
        </li>
      ))}
    </ul>
  );
}

export function AlertStatusLabel({ status }: { status: ClerkAlert["status"] }) {
  const { t } = useTranslation();
  return <span className="font-medium">{t(`alertsClerk.status.${status}`)}</span>;
}
