import type { Municipality } from "../tenancy/resolve-municipality.ts";

/**
 * An absolute link into the PWA, on the municipality's canonical public URL. Never built from the
 * request (its Host header is whatever the sender wrote: a forged one would put an attacker's site
 * into a password-reset e-mail). Needs only the municipality, so work done outside a request (the
 * job queue, reminders) builds the same links.
 */
export function portalLink(
  ctx: { municipality: Pick<Municipality, "publicUrl"> },
  pathname: string,
  query: Record<string, string> = {},
): string {
  const url = new URL(ctx.municipality.publicUrl);
  url.pathname = pathname.startsWith("/") ? pathname : `/${pathname}`;
  url.search = new URLSearchParams(query).toString();
  url.hash = "";
  return url.toString();
}
