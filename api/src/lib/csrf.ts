/**
 * Cross-site request forgery, at the request level. A page on another site can make a browser send
 * a "simple" request (an HTML form: urlencoded, multipart or text/plain body; no custom header) with
 * the visitor's cookies, and no CORS preflight asks us first. Every POST to the API must therefore
 * be one a form cannot produce: a non-simple content type (application/json, which integrators and
 * the PWA send) or this header (the PWA's uploads, which must be multipart). Either one makes a
 * cross-site browser ask first (preflight), and our CORS answer never allows credentials.
 * GET requests can only run queries (yoga refuses mutations over GET).
 */
export const PREFLIGHT_HEADER = "x-portal-csrf";

const SIMPLE_CONTENT_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]);

export function isCrossSiteSafe(method: string, contentType: string | null | undefined, hasPreflightHeader: boolean): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return true;
  if (hasPreflightHeader) return true;
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return essence !== "" && !SIMPLE_CONTENT_TYPES.has(essence);
}
