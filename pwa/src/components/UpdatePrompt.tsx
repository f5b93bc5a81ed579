import { useTranslation } from "react-i18next";
import { useRegisterSW } from "virtual:pwa-register/react";

/**
 * Registers the service worker and, when a new deployment is waiting, offers to reload into it instead of
 * silently serving the old code (the worker only calls skipWaiting when asked).
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  return (
    <div role="status" aria-live="polite">
      {needRefresh && (
        <div className="flex flex-wrap items-center justify-center gap-3 bg-accent px-4 py-2 text-on-accent">
          <span>{t("update.available")}</span>
          <button
            type="button"
            className="min-h-11 rounded-md border-2 border-current px-3 font-semibold"
            onClick={() => void updateServiceWorker(true)}
          >
            {t("update.reload")}
          </button>
          <button type="button" className="min-h-11 px-2 underline" onClick={() => setNeedRefresh(false)}>
            {t("update.later")}
          </button>
        </div>
      )}
    </div>
  );
}
