import type { Municipality as MunicipalityRow, PrismaClient } from "../../generated/prisma/client.ts";

/** The request's municipality, without the logo bytes (only /branding/logo reads those). */
export type Municipality = Omit<MunicipalityRow, "logo">;
const withoutLogo = { logo: true } as const;
const MAX_CACHED_HOSTS = 1000;

/**
 * A request came for a host name no municipality is mapped to, and the deployment does not fall
 * back to its default municipality (production). The HTTP server answers 421 Misdirected Request.
 */
export class UnknownHostError extends Error {
  readonly hostname: string;
  constructor(hostname: string) {
    super(`No municipality is mapped to the host name "${hostname}".`);
    this.hostname = hostname;
  }
}

export interface MunicipalityResolverOptions {
  /** Slug of the municipality unmapped hosts fall back to (default: the one marked default). */
  defaultSlug?: string | undefined;
  /**
   * Whether unmapped host names fall back to the default municipality. Convenient in development and
   * tests (any host, `*.localhost`, an absent Host header); in production an unknown host is an
   * error (`UnknownHostError`), so that no stray or forged name is served as some town's portal.
   */
  fallbackToDefault?: boolean;
  ttlMs?: number;
}

/**
 * Finds the municipality a request belongs to from its host name: `MunicipalityHost` rows, then the
 * host of a municipality's public URL (saving the URL in the settings also adds its row). Results,
 * unknown hosts included, are cached briefly: this runs on every request.
 */
export function createMunicipalityResolver(prisma: PrismaClient, options: MunicipalityResolverOptions = {}) {
  const ttlMs = options.ttlMs ?? 30_000;
  const fallbackToDefault = options.fallbackToDefault ?? true;
  const cache = new Map<string, { municipality: Municipality | null; expires: number }>();

  async function lookup(hostname: string): Promise<Municipality | null> {
    const host = await prisma.municipalityHost.findUnique({ where: { hostname }, include: { municipality: { omit: withoutLogo } } });
    if (host) return host.municipality;
    // The host of a municipality's canonical public URL counts as mapped even without its row (an
    // operator who only set the URL, e.g. with one UPDATE after upgrading).
    if (hostname) {
      const byPublicUrl = await prisma.municipality.findFirst({
        where: {
          OR: ["http", "https"].flatMap((scheme) => [
            { publicUrl: `${scheme}://${hostname}` },
            { publicUrl: { startsWith: `${scheme}://${hostname}:` } },
          ]),
        },
        omit: withoutLogo,
      });
      if (byPublicUrl) return byPublicUrl;
    }
    if (!fallbackToDefault) return null;
    const fallback = options.defaultSlug
      ? await prisma.municipality.findUnique({ where: { slug: options.defaultSlug }, omit: withoutLogo })
      : ((await prisma.municipality.findFirst({ where: { isDefault: true }, omit: withoutLogo })) ??
        (await prisma.municipality.findFirst({ orderBy: { createdAt: "asc" }, omit: withoutLogo })));
    if (!fallback) throw new Error("No municipality is configured: run `npm run db:seed` or create one.");
    return fallback;
  }

  async function find(hostHeader: string | null | undefined): Promise<Municipality | null> {
    const hostname = normalizeHost(hostHeader);
    const hit = cache.get(hostname);
    const now = Date.now();
    if (hit && hit.expires > now) return hit.municipality;
    const municipality = await lookup(hostname);
    // Any host name may arrive: bounded, oldest first out.
    if (!hit && cache.size >= MAX_CACHED_HOSTS) cache.delete(cache.keys().next().value!);
    cache.set(hostname, { municipality, expires: now + ttlMs });
    return municipality;
  }

  return {
    /** The municipality of a host, or null when the host is unknown and nothing falls back. */
    find,
    /** The municipality of a host; throws `UnknownHostError` when the host is unknown and nothing falls back. */
    async resolve(hostHeader: string | null | undefined): Promise<Municipality> {
      const municipality = await find(hostHeader);
      if (!municipality) throw new UnknownHostError(normalizeHost(hostHeader));
      return municipality;
    },
    /** Call after a municipality or its hosts change. */
    invalidate(): void {
      cache.clear();
    },
  };
}

export type MunicipalityResolver = ReturnType<typeof createMunicipalityResolver>;

export function normalizeHost(hostHeader: string | null | undefined): string {
  const host = (hostHeader ?? "").trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  // A fully qualified name's trailing dot names the same host ("portal.example." is "portal.example").
  return (host.split(":")[0] ?? "").replace(/\.$/, "");
}
