import type { Context } from "../../context.ts";
import type { MessageKind } from "../../generated/prisma/client.ts";
import { getNotificationPreferences, type NotificationPreferences } from "./get-notification-preferences.ts";

const PERSONAL = [
  { field: "reminderChannels", kind: "PAYMENT_REMINDER" },
  { field: "paymentChannels", kind: "PAYMENT_CONFIRMATION" },
  { field: "submissionChannels", kind: "SUBMISSION_STATUS" },
] as const satisfies readonly { field: string; kind: MessageKind }[];

/** Removes the citizen's SMS number; every SMS choice is withdrawn (and recorded in the consent history). */
export async function removeSmsPhone(ctx: Context): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  const now = ctx.clock.now();
  const base = {
    municipalityId: ctx.municipality.id,
    userId,
    channel: "SMS" as const,
    granted: false,
    source: "PREFERENCES" as const,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
  };
  await ctx.db.$transaction(async (tx) => {
    const profile = await tx.notificationProfile.findFirst({ where: { userId } });
    const removed = await tx.notificationPreference.findMany({
      where: { userId, channel: "SMS" },
      select: { id: true, topicId: true, areaId: true },
    });
    await tx.notificationPreference.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
    const events = removed.map((r) => ({ ...base, topicId: r.topicId, areaId: r.areaId }));
    const update: Record<string, unknown> = { smsPhone: null, smsPhoneVerifiedAt: null };
    for (const { field, kind } of PERSONAL) {
      if (profile?.[field].includes("SMS")) {
        update[field] = profile[field].filter((channel) => channel !== "SMS");
        events.push({ ...base, messageKind: kind } as never);
      }
    }
    if (events.length) await tx.consentEvent.createMany({ data: events });
    // Pending codes are void too.
    await tx.phoneVerification.updateMany({ where: { userId, verifiedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    if (profile) await tx.notificationProfile.update({ where: { userId }, data: update });
  });
  return getNotificationPreferences(ctx, userId);
}
