import type { Municipality as MunicipalityRow, PrismaClient } from "../../generated/prisma/client.ts";

/** The request's municipality, without the logo bytes (only /branding/logo reads those). */
export type Municipality = Omit<MunicipalityRow, "logo">;
const withoutLogo = { logo: true } as const;
const MAX_CACHED_HOSTS = 1000;

/**
 * Finds the municipality a request belongs to from its host name. Unmapped hosts (and a
 * single-town deployment with no mapping at all) fall back to the default municipality.
 * Results are cached briefly: this runs on every request.
 */
export function createMunicipalityResolver(prisma: PrismaClient, options: { defaultSlug?: string | undefined; ttlMs?: number } = {}) {
  const ttlMs = options.ttlMs ?? 30_000;
  const cache = new Map<string, { municipality: Municipality; expires: number }>();

  async function lookup(hostname: string): Promise<Municipality> {
    const host = await prisma.municipalityHost.findUnique({ where: { hostname }, include: { municipality: { omit: withoutLogo } } });
    if (host) return host.municipality;
    const fallback = options.defaultSlug
      ? await prisma.municipality.findUnique({ where: { slug: options.defaultSlug }, omit: withoutLogo })
      : ((await prisma.municipality.findFirst({ where: { isDefault: true }, omit: withoutLogo })) ??
        (await prisma.municipality.findFirst({ orderBy: { createdAt: "asc" }, omit: withoutLogo })));
    if (!fallback) throw new Error("No municipality is configured: run `npm run db:seed` or create one.");
    return fallback;
  }

  return {
    async resolve(hostHeader: string | null | undefined): Promise<Municipality> {
      const hostname = normalizeHost(hostHeader);
      const hit = cache.get(hostname);
      const now = Date.now();
      if (hit && hit.expires > now) return hit.municipality;
      const municipality = await lookup(hostname);
      // Any host name may arrive (unmapped ones answer for the default municipality): bounded, oldest first out.
      if (!hit && cache.size >= MAX_CACHED_HOSTS) cache.delete(cache.keys().next().value!);
      cache.set(hostname, { municipality, expires: now + ttlMs });
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
  return host.split(":")[0] ?? "";
}
