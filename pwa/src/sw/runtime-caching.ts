/// <reference lib="webworker" />
import { ExpirationPlugin } from "workbox-expiration";
import { registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst, StaleWhileRevalidate, type Strategy } from "workbox-strategies";
import { isPublicAttachmentRequest, NOTICE_ATTACHMENTS_RULE } from "../features/notices/attachment-cache.ts";
import { PUBLIC_CACHE_PREFIX, USER_CACHE_PREFIX } from "./cache-names.ts";
import { sameOriginPath, type RequestMatcher } from "./matchers.ts";

/**
 * The service worker's runtime caching rules: GET requests that are not in the precache but should work offline.
 *
 * Where offline data lives:
 * - the app shell and the public hashed build files: the precache (sw.ts; the list is injected at build time);
 * - GraphQL data: graphcache's offline store in IndexedDB (graphql/client.ts), cleared on logout;
 * - anything else a feature needs offline (files, images, a public query's HTTP response): a rule below.
 *
 * To add one, append an entry to RULES. Its `audience` decides the cache's lifetime: "public" for what is the
 * same for everyone (kept across logins), "user" for a signed-in user's responses (dropped on logout, see
 * clearUserCaches). The first matching rule wins, and precached files never reach these rules. Two typical shapes,
 * a file area (matchers.ts has sameOriginPath) and a public GraphQL query (matchers.ts has graphqlOperation):
 *
 *   {
 *     name: "files",
 *     audience: "public",
 *     match: sameOriginPath("/soubory/"),
 *     // A stored file never changes under its URL: serve it from the cache once fetched.
 *     strategy: (cacheName) => new CacheFirst({ cacheName, plugins: [expiration({ maxEntries: 200, maxAgeDays: 30 })] }),
 *   },
 *   {
 *     name: "notice-board",
 *     audience: "public",
 *     match: graphqlOperation("NoticeBoard"),
 *     strategy: (cacheName) =>
 *       new NetworkFirst({ cacheName, networkTimeoutSeconds: 4, plugins: [expiration({ maxEntries: 20, maxAgeDays: 30 })] }),
 *   },
 */
export interface RuntimeCacheRule {
  /** Short and unique; becomes part of the cache's name. */
  name: string;
  audience: "public" | "user";
  match: RequestMatcher;
  /** Builds the workbox strategy for the cache called `cacheName`. */
  strategy: (cacheName: string) => Strategy;
}

/** Cache names carry their audience, so logout can drop every cache holding a user's data. */
export function runtimeCacheName(rule: Pick<RuntimeCacheRule, "name" | "audience">): string {
  return `${rule.audience === "user" ? USER_CACHE_PREFIX : PUBLIC_CACHE_PREFIX}${rule.name}`;
}

/** Bounds a runtime cache so it cannot fill the device's storage. */
export function expiration({ maxEntries, maxAgeDays }: { maxEntries: number; maxAgeDays: number }): ExpirationPlugin {
  return new ExpirationPlugin({ maxEntries, maxAgeSeconds: maxAgeDays * 24 * 60 * 60, purgeOnQuotaError: true });
}

export const RULES: readonly RuntimeCacheRule[] = [
  {
    // Attachments of notices, for reading offline what was opened online. Network first: the server answers 404
    // once a notice has left the board, and that answer must win over a cached copy whenever it can be had. The
    // page deletes the copies of notices that have left the board (features/notices/offline-notices.ts).
    name: NOTICE_ATTACHMENTS_RULE,
    audience: "public",
    match: ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && isPublicAttachmentRequest(url, request.referrer),
    strategy: (cacheName) =>
      new NetworkFirst({ cacheName, networkTimeoutSeconds: 10, plugins: [expiration({ maxEntries: 100, maxAgeDays: 30 })] }),
  },
  {
    // Build files left out of the precache: the clerk and admin areas' chunks (vite.config.ts keeps them off
    // citizens' phones). Cached the first time a clerk's browser loads them, so the staff areas work offline
    // after one visit. Their names carry a content hash, so a cached copy is always the right one.
    name: "assets",
    audience: "public",
    match: sameOriginPath("/assets/"),
    strategy: (cacheName) => new CacheFirst({ cacheName, plugins: [expiration({ maxEntries: 100, maxAgeDays: 60 })] }),
  },
  {
    // The town's logo and other branding files: shown at once from cache, refreshed in the background.
    name: "branding",
    audience: "public",
    match: sameOriginPath("/branding/"),
    strategy: (cacheName) => new StaleWhileRevalidate({ cacheName, plugins: [expiration({ maxEntries: 20, maxAgeDays: 30 })] }),
  },
];

export function registerRuntimeCaching(rules: readonly RuntimeCacheRule[] = RULES) {
  for (const rule of rules) registerRoute(rule.match, rule.strategy(runtimeCacheName(rule)));
}

export async function clearUserCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(USER_CACHE_PREFIX)).map((name) => caches.delete(name)));
}
