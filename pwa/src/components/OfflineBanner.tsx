import { useTranslation } from "react-i18next";
import { useNetworkStatus } from "../graphql/network-status.ts";
import { useFormat } from "../i18n/format.ts";

/** Says plainly that the app is offline and how old the shown data is; disappears by itself when back online. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const { online, lastUpdatedAt } = useNetworkStatus();
  return (
    <div role="status" aria-live="polite">
      {!online && (
        <p className="bg-ink px-4 py-2 text-center text-white">
          <strong>{t("offline.title")}</strong>{" "}
          {lastUpdatedAt ? t("offline.lastUpdated", { time: format.dateTime(lastUpdatedAt) }) : t("offline.noData")}
        </p>
      )}
    </div>
  );
}
