import { z } from "zod";

/**
 * A municipality's canonical public URL: the origin its portal is served at, e.g.
 * `https://portal.town.example` (a port is allowed, `http://localhost:3000`). No path prefix: the
 * PWA, its service worker and the API are served from the root of their origin. No credentials,
 * query or fragment. Stored as the normalised origin (lower-case host, default port dropped).
 */
export const publicUrlSchema = z
  .string()
  .trim()
  .min(1, { message: "field.required" })
  .max(300, { message: "field.publicUrl" })
  .transform((value, context) => {
    const origin = publicOriginOf(value);
    if (!origin) {
      context.addIssue({ code: "custom", message: "field.publicUrl" });
      return z.NEVER;
    }
    return origin;
  });

/** The normalised origin of an acceptable public URL, or null. */
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

/** The host name (without port) that a public URL's requests arrive with. */
export function publicHostnameOf(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}
