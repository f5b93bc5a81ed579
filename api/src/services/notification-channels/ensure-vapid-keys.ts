import type { PrismaClient } from "../../generated/prisma/client.ts";
import { generateVapidKeys, type VapidKeyPair } from "../../integrations/push.ts";

/**
 * The town's VAPID key pair, generated the first time it is needed (start-up creates it for every town)
 * and stored, never configured by hand: browsers bind their subscriptions to the public key, so it must
 * survive restarts and be the same on every instance. Two instances starting together race to insert;
 * the loser's pair is discarded and both read the stored one.
 */
const caches = new WeakMap<PrismaClient, Map<string, VapidKeyPair>>();

export async function ensureVapidKeys(prisma: PrismaClient, municipalityId: string, subject: string): Promise<VapidKeyPair> {
  let cache = caches.get(prisma);
  if (!cache) caches.set(prisma, (cache = new Map()));
  const cached = cache.get(municipalityId);
  if (cached) return cached;
  let row = await prisma.vapidKeyPair.findUnique({ where: { municipalityId }, select: { publicKey: true, privateKey: true } });
  if (!row) {
    const fresh = generateVapidKeys();
    await prisma.vapidKeyPair.createMany({ data: [{ municipalityId, subject, ...fresh }], skipDuplicates: true });
    row = await prisma.vapidKeyPair.findUniqueOrThrow({ where: { municipalityId }, select: { publicKey: true, privateKey: true } });
  }
  const keys = { publicKey: row.publicKey, privateKey: row.privateKey };
  cache.set(municipalityId, keys);
  return keys;
}

/** Start-up: every town gets its pair before the first browser asks for the public key. */
export async function ensureAllVapidKeys(prisma: PrismaClient, subject: string): Promise<number> {
  const missing = await prisma.municipality.findMany({ where: { vapidKeyPair: null }, select: { id: true } });
  for (const { id } of missing) await ensureVapidKeys(prisma, id, subject);
  return missing.length;
}
