import type { Context } from "../../context.ts";
import type { NotificationChannel, OfficialDeliveryMethod } from "../../generated/prisma/client.ts";
import { getNotificationSettings } from "./get-notification-settings.ts";

export interface NotificationPreferences {
  subscriptions: { topicId: string; areaId: string; channel: NotificationChannel }[];
  email: string;
  emailVerified: boolean;
  smsPhone: string | null;
  smsPhoneVerified: boolean;
  pendingSmsPhone: string | null;
  quietHoursStart: string;
  quietHoursEnd: string;
  /** Whether the quiet hours are the citizen's own (false: the town's default). */
  ownQuietHours: boolean;
  reminderChannels: NotificationChannel[];
  paymentChannels: NotificationChannel[];
  submissionChannels: NotificationChannel[];
  pushDevices: { id: string; userAgent: string | null; createdAt: Date; lastSuccessAt: Date | null }[];
  officialDelivery: OfficialDeliveryMethod;
  officialDeliveryAddress: string | null;
}

/** The most devices listed (a citizen rarely has more than a few; registerPushSubscription keeps at most this many). */
export const MAX_PUSH_DEVICES = 10;

/** A citizen's notification choices and contacts, with the town's defaults where the citizen chose none. */
export async function getNotificationPreferences(
  ctx: Pick<Context, "db" | "clock" | "municipality">,
  userId: string,
): Promise<NotificationPreferences> {
  const now = ctx.clock.now();
  const [user, profile, subscriptions, devices, pending, settings] = await Promise.all([
    ctx.db.user.findFirstOrThrow({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } }),
    ctx.db.notificationProfile.findFirst({ where: { userId } }),
    ctx.db.notificationPreference.findMany({
      where: { userId },
      select: { topicId: true, areaId: true, channel: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
    }),
    ctx.db.pushSubscription.findMany({
      where: { userId },
      select: { id: true, userAgent: true, createdAt: true, lastSuccessAt: true },
      orderBy: { createdAt: "desc" },
      take: MAX_PUSH_DEVICES,
    }),
    ctx.db.phoneVerification.findFirst({
      where: { userId, verifiedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { phone: true },
    }),
    getNotificationSettings(ctx.db, ctx.municipality.id),
  ]);
  const own = Boolean(profile?.quietHoursStart && profile.quietHoursEnd);
  return {
    subscriptions,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    smsPhone: profile?.smsPhone ?? null,
    smsPhoneVerified: Boolean(profile?.smsPhone && profile.smsPhoneVerifiedAt),
    pendingSmsPhone: pending?.phone ?? null,
    quietHoursStart: own ? profile!.quietHoursStart! : settings.quietHoursStart,
    quietHoursEnd: own ? profile!.quietHoursEnd! : settings.quietHoursEnd,
    ownQuietHours: own,
    reminderChannels: profile?.reminderChannels ?? ["EMAIL"],
    paymentChannels: profile?.paymentChannels ?? ["EMAIL"],
    submissionChannels: profile?.submissionChannels ?? ["EMAIL"],
    pushDevices: devices,
    officialDelivery: profile?.officialDelivery ?? "POST",
    officialDeliveryAddress: profile?.officialDeliveryAddress ?? null,
  };
}
