import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { pushEndpointAllowed } from "../../integrations/push.ts";
import { getNotificationPreferences, MAX_PUSH_DEVICES, type NotificationPreferences } from "./get-notification-preferences.ts";

const base64url = (bytes: number) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { message: "field.pushKey", abort: true })
    .refine((value) => Buffer.from(value, "base64url").length === bytes, { message: "field.pushKey", abort: true });

function schemaFor(allowedOrigins: readonly string[]) {
  return z.object({
    endpoint: z
      .string()
      .trim()
      .max(1000)
      .refine(
        (value) => {
          try {
            return pushEndpointAllowed(new URL(value), allowedOrigins);
          } catch {
            return false;
          }
        },
        { message: "field.pushEndpoint" },
      ),
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret (RFC 8291).
    p256dh: base64url(65).refine((value) => Buffer.from(value, "base64url")[0] === 4, { message: "field.pushKey" }),
    auth: base64url(16),
    expirationTime: z.date().nullish(),
  });
}

/**
 * Registers the browser's push subscription for the signed-in citizen (called when the citizen turns push
 * on and the browser granted permission; never on a first visit). Idempotent by endpoint; an endpoint
 * registered by another account on a shared device moves to this one (the browser is signed in here now).
 * Only endpoints of known push services (or ones the operator allowed) are accepted: the portal would
 * otherwise make requests wherever a client pointed it. A citizen keeps at most MAX_PUSH_DEVICES devices;
 * the least recently registered go first.
 */
export async function registerPushSubscription(
  ctx: Context,
  input: { endpoint: string; p256dh: string; auth: string; expirationTime?: Date | null },
): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  const data = parseInput(schemaFor(ctx.services.config.PUSH_ALLOWED_ORIGINS), input);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    await tx.pushSubscription.upsert({
      where: { endpoint: data.endpoint },
      create: {
        municipalityId: ctx.municipality.id,
        userId,
        endpoint: data.endpoint,
        p256dh: data.p256dh,
        auth: data.auth,
        userAgent: ctx.meta.userAgent?.slice(0, 300) ?? null,
        expiresAt: data.expirationTime ?? null,
        createdAt: now,
      },
      update: { userId, p256dh: data.p256dh, auth: data.auth, expiresAt: data.expirationTime ?? null, failureCount: 0 },
    });
    const stale = await tx.pushSubscription.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      skip: MAX_PUSH_DEVICES,
      select: { id: true },
    });
    if (stale.length) await tx.pushSubscription.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  });
  return getNotificationPreferences(ctx, userId);
}
