import type { AppServices } from "../../context.ts";
import type { MessageKind, NotificationChannel, Prisma } from "../../generated/prisma/client.ts";
import { deliveryMoment, type QuietHours } from "../../domain/reminders.ts";
import { enqueueDeliveries } from "../../jobs/notification-delivery.ts";
import { getNotificationSettings } from "./get-notification-settings.ts";

/** The profile field holding the citizen's channels for each kind of personal message. */
export const PERSONAL_CHANNEL_FIELD = {
  PAYMENT_REMINDER: "reminderChannels",
  PAYMENT_CONFIRMATION: "paymentChannels",
  SUBMISSION_STATUS: "submissionChannels",
} as const satisfies Partial<Record<MessageKind, string>>;

export type PersonalMessageKind = keyof typeof PERSONAL_CHANNEL_FIELD;

export interface PersonalMessage {
  municipalityId: string;
  userId: string;
  kind: PersonalMessageKind;
  /** Unique per town: queuing the same message again (a retried job, a replayed request) adds nothing. */
  dedupKey: string;
  subjectCs: string;
  bodyCs: string;
  subjectEn: string;
  bodyEn: string;
  /** The portal page the message opens. */
  path: string;
  assessmentId?: string | null;
  paymentId?: string | null;
  submissionId?: string | null;
  /**
   * Older messages this one replaces: the citizen's messages with these dedup keys whose deliveries were
   * not sent yet become SUPERSEDED (e.g. the −3 days reminder replaces an unsent −14 days one).
   */
  supersedes?: readonly string[];
}

/**
 * Writes a message to one citizen and its deliveries by the channels the citizen chose for its kind (e-mail
 * by default; e-mail needs a verified address, SMS a verified number, push goes to each registered device),
 * and queues their sending, all in the caller's transaction. Push and SMS wait for the end of the citizen's
 * quiet hours; e-mail wakes no one and goes at once. Returns null when the message existed already or the
 * citizen cannot be reached (disabled account).
 */
export async function queuePersonalMessage(
  tx: Prisma.TransactionClient,
  services: Pick<AppServices, "jobs" | "config" | "clock">,
  input: PersonalMessage,
  now: Date = services.clock.now(),
): Promise<{ messageId: string; deliveries: number } | null> {
  const user = await tx.user.findFirst({
    where: { id: input.userId, municipalityId: input.municipalityId, disabledAt: null },
    select: {
      email: true,
      emailVerifiedAt: true,
      notificationProfile: true,
      pushSubscriptions: { select: { id: true }, take: 10 },
    },
  });
  if (!user) return null;
  const [message] = await tx.message.createManyAndReturn({
    data: [
      {
        municipalityId: input.municipalityId,
        kind: input.kind,
        dedupKey: input.dedupKey,
        userId: input.userId,
        assessmentId: input.assessmentId ?? null,
        paymentId: input.paymentId ?? null,
        submissionId: input.submissionId ?? null,
        subjectCs: input.subjectCs,
        bodyCs: input.bodyCs,
        subjectEn: input.subjectEn,
        bodyEn: input.bodyEn,
        path: input.path,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!message) return null;

  if (input.supersedes?.length) {
    const older = await tx.message.findMany({
      where: { municipalityId: input.municipalityId, userId: input.userId, dedupKey: { in: [...input.supersedes] }, supersededBy: null },
      select: { id: true },
      orderBy: { createdAt: "desc" },
    });
    if (older.length) {
      await tx.messageDelivery.updateMany({
        where: { messageId: { in: older.map((m) => m.id) }, status: { in: ["PENDING", "FAILED"] } },
        data: { status: "SUPERSEDED" },
      });
      await tx.message.update({ where: { id: message.id }, data: { supersedesId: older[0]!.id } });
    }
  }

  const profile = user.notificationProfile;
  const channels: NotificationChannel[] = profile?.[PERSONAL_CHANNEL_FIELD[input.kind]] ?? ["EMAIL"];
  const base = { municipalityId: input.municipalityId, messageId: message.id, userId: input.userId, createdAt: now };
  const settings = await getNotificationSettings(tx as never, input.municipalityId);
  const quiet: QuietHours =
    profile?.quietHoursStart && profile.quietHoursEnd
      ? { start: profile.quietHoursStart, end: profile.quietHoursEnd }
      : { start: settings.quietHoursStart, end: settings.quietHoursEnd };
  const later = deliveryMoment(now, quiet, "INFO");
  const notBefore = later.getTime() > now.getTime() ? later : null;
  const rows: Prisma.MessageDeliveryCreateManyInput[] = [];
  if (channels.includes("EMAIL") && user.emailVerifiedAt)
    rows.push({ ...base, channel: "EMAIL", recipientKey: input.userId, address: user.email });
  if (channels.includes("SMS") && profile?.smsPhone && profile.smsPhoneVerifiedAt) {
    rows.push({ ...base, channel: "SMS", recipientKey: input.userId, address: profile.smsPhone, notBefore });
  }
  if (channels.includes("PUSH")) {
    for (const subscription of user.pushSubscriptions) {
      rows.push({ ...base, channel: "PUSH", recipientKey: subscription.id, pushSubscriptionId: subscription.id, notBefore });
    }
  }
  if (rows.length === 0) return { messageId: message.id, deliveries: 0 };
  const deliveries = await tx.messageDelivery.createManyAndReturn({
    data: rows,
    skipDuplicates: true,
    select: { id: true, notBefore: true },
  });
  const now_ = deliveries.filter((d) => !d.notBefore).map((d) => d.id);
  const deferred = deliveries.filter((d) => d.notBefore).map((d) => d.id);
  if (now_.length) await enqueueDeliveries(services, input.municipalityId, now_, { tx });
  if (deferred.length) await enqueueDeliveries(services, input.municipalityId, deferred, { tx, startAfter: notBefore! });
  return { messageId: message.id, deliveries: deliveries.length };
}
