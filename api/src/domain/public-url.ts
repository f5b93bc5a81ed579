/**
 * A municipality's canonical public URL (API and PWA check it alike): the origin its portal is served at, e.g.
 * `https://portal.town.example` (a port is allowed, `http://localhost:3000`). No path prefix: the
 * PWA, its service worker and the API are served from the root of their origin. No credentials,
 * query or fragment. Stored as the normalised origin (lower-case host, default port dropped).
 *
 * Returns that origin for an acceptable URL, or null.
 */
export function publicOriginOf(value: string): string | null {
  if (/[?#\s\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.pathname !== "/" || !url.hostname) return null;
  return url.origin;
}
