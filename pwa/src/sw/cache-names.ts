/**
 * Names shared by the page and the service worker. Runtime caches holding a signed-in user's responses start
 * with USER_CACHE_PREFIX so logout can drop all of them without knowing each feature's cache.
 */
export const USER_CACHE_PREFIX = "portal-user-";
export const PUBLIC_CACHE_PREFIX = "portal-public-";
export const CLEAR_USER_CACHES_MESSAGE = "CLEAR_USER_CACHES";
export const SKIP_WAITING_MESSAGE = "SKIP_WAITING";
/** Workbox's own message (workbox-routing's cache listener): the page lists URLs for the runtime rules to cache. */
export const CACHE_URLS_MESSAGE = "CACHE_URLS";
/** The worker tells open pages that a push arrived, so they refresh what it is about (crisis banner, alerts). */
export const PUSH_RECEIVED_MESSAGE = "PUSH_RECEIVED";
