/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CLEAR_USER_CACHES_MESSAGE, SKIP_WAITING_MESSAGE } from "./sw/cache-names.ts";
import { registerPushHandlers } from "./sw/push.ts";
import { clearUserCaches, registerRuntimeCaching } from "./sw/runtime-caching.ts";
import { registerSubmissionSync } from "./sw/submission-sync.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

// The app shell and every hashed asset of this build; the list is injected at build time.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any in-app URL opens the shell offline; server endpoints must reach the network (or fail honestly).
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("/index.html"), {
    denylist: [/^\/graphql/, /^\/healthz/, /^\/readyz/, /^\/api\//, /^\/branding\//, /^\/feeds\//, /^\/opendata\//, /^\/soubory\//],
  }),
);

registerRuntimeCaching();
registerPushHandlers();
registerSubmissionSync();

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const type = (event.data as { type?: string } | null)?.type;
  // A new version waits until the user accepts the update prompt, so a page never runs with mixed code.
  if (type === SKIP_WAITING_MESSAGE) void self.skipWaiting();
  if (type === CLEAR_USER_CACHES_MESSAGE) event.waitUntil(clearUserCaches());
});

clientsClaim();
