import { CACHE_URLS_MESSAGE } from "../../sw/cache-names.ts";

/** The build's own files (hashed, under /assets/) that this page has loaded so far. */
function loadedAssetUrls(): string[] {
  return performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => {
      const url = new URL(name);
      return url.origin === location.origin && url.pathname.startsWith("/assets/");
    });
}

/**
 * On the first visit the page loads its code before the service worker exists, so those requests never pass
 * through the worker's runtime caching. Once the worker is active, hand it the list of what was loaded (workbox's
 * CACHE_URLS message): precached files are already there, and the runtime rules cache the rest, notably the
 * staff areas' chunks, which are not precached. So a clerk who signed in on the first visit works offline next time.
 */
export function cacheAssetsLoadedBeforeControl(): void {
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller) return;
  const send = () =>
    navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: CACHE_URLS_MESSAGE, payload: { urlsToCache: loadedAssetUrls() } }),
    );
  void send();
  // Chunks loaded between activation and the worker taking control also missed it.
  navigator.serviceWorker.addEventListener("controllerchange", () => void send(), { once: true });
}
