import type { Context } from "../../context.ts";

/**
 * An absolute link into the PWA, on the host the request came to (so each municipality's e-mails
 * point at its own portal). Behind a TLS-terminating proxy the request URL says http, the request
 * metadata says secure: the link then uses https.
 */
export function portalLink(ctx: Pick<Context, "request" | "meta">, pathname: string, query: Record<string, string> = {}): string {
  const url = new URL(ctx.request.url);
  if (ctx.meta.secure) url.protocol = "https:";
  url.pathname = pathname;
  url.search = new URLSearchParams(query).toString();
  url.hash = "";
  return url.toString();
}
