/// <reference lib="webworker" />
import { ExpirationPlugin } from "workbox-expiration";
import type { RouteMatchCallback } from "workbox-core/types.js";
import { registerRoute } from "workbox-routing";
import { StaleWhileRevalidate, type Strategy } from "workbox-strategies";
import { PUBLIC_CACHE_PREFIX, USER_CACHE_PREFIX } from "./cache-names.ts";

/**
 * The registry of runtime caching rules. A feature that needs a GET resource offline (public documents, a
 * user's receipts) adds a rule here; GraphQL data itself is kept offline by graphcache, not by the worker.
 */
export interface RuntimeCacheRule {
  match: RouteMatchCallback;
  strategy: Strategy;
}

/** Cache names carry their audience, so logout can drop every cache holding a user's data. */
export function runtimeCacheName(name: string, audience: "public" | "user"): string {
  return `${audience === "user" ? USER_CACHE_PREFIX : PUBLIC_CACHE_PREFIX}${name}`;
}

const rules: RuntimeCacheRule[] = [
  {
    // The town's logo and other branding files: shown at once from cache, refreshed in the background.
    match: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/branding/"),
    strategy: new StaleWhileRevalidate({
      cacheName: runtimeCacheName("branding", "public"),
      plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: 30 * 24 * 60 * 60 })],
    }),
  },
];

export function addRuntimeCacheRule(rule: RuntimeCacheRule) {
  rules.push(rule);
}

export function registerRuntimeCaching() {
  for (const rule of rules) registerRoute(rule.match, rule.strategy);
}

export async function clearUserCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(USER_CACHE_PREFIX)).map((name) => caches.delete(name)));
}
