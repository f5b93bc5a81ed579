import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRegisterSW } from "virtual:pwa-register/react";
import { cacheAssetsLoadedBeforeControl } from "../features/shell/cache-loaded-assets.ts";

/**
 * The live region that announces a new version. The service worker is registered only once the page has loaded
 * and the main thread is idle: installing it downloads the whole precache, which must not compete with the first
 * visit's own requests and rendering.
 */
export function UpdatePrompt() {
  const afterLoad = useAfterLoadAndIdle();
  return (
    <div role="status" aria-live="polite">
      {afterLoad && <ServiceWorkerUpdate />}
    </div>
  );
}

/**
 * Registers the service worker and, when a new deployment is waiting, offers to reload into it instead of
 * silently serving the old code (the worker only calls skipWaiting when asked).
 */
function ServiceWorkerUpdate() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true, onRegisteredSW: cacheAssetsLoadedBeforeControl });
  if (!needRefresh) return null;
  return (
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
  );
}

function useAfterLoadAndIdle(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Safari has no requestIdleCallback; a short timeout after load stands in for it there.
    const hasIdleCallback = typeof requestIdleCallback === "function";
    let handle: number | undefined;
    const whenIdle = () => {
      handle = hasIdleCallback
        ? requestIdleCallback(() => setReady(true), { timeout: 5_000 })
        : window.setTimeout(() => setReady(true), 1_000);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
    return () => {
      window.removeEventListener("load", whenIdle);
      if (handle !== undefined) (hasIdleCallback ? cancelIdleCallback : clearTimeout)(handle);
    };
  }, []);
  return ready;
}
