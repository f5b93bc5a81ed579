import { PUBLIC_CACHE_PREFIX } from "../../sw/cache-names.ts";

// Shared by the service worker's runtime rule (sw/runtime-caching.ts) and the page that prunes the cache
// (offline-notices.ts); plain values only, so the worker bundle pulls in nothing of the app.

/** The runtime caching rule's name; the cache is PUBLIC_CACHE_PREFIX + this. */
export const NOTICE_ATTACHMENTS_RULE = "notice-attachments";
export const NOTICE_ATTACHMENTS_CACHE = `${PUBLIC_CACHE_PREFIX}${NOTICE_ATTACHMENTS_RULE}`;
/** Where the API serves stored files (api/src/services/files/file-url.ts). */
export const FILES_PATH = "/soubory/";

/**
 * Only downloads from the public pages are kept for offline reading: a clerk's pages (under /urad) also open files
 * of drafts, which must not stay in a cache that outlives the session. A missing referrer (typed URL, another app)
 * counts as public: the server answers such a request only for a public notice anyway, unless a signed-in clerk
 * asks, and then the file was already visible to that device's user.
 */
export function isPublicAttachmentRequest(url: URL, referrer: string): boolean {
  if (!url.pathname.startsWith(FILES_PATH)) return false;
  if (!referrer) return true;
  try {
    return !new URL(referrer).pathname.startsWith("/urad");
  } catch {
    return true;
  }
}
