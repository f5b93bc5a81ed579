import type { MessageKind, PrismaClient } from "../../generated/prisma/client.ts";
import { unsubscribeKey, unsubscribeTokenDelivery, verifyUnsubscribeToken } from "../../integrations/email/unsubscribe-token.ts";
import { ensureVapidKeys } from "./ensure-vapid-keys.ts";

export interface UnsubscribeResult {
  municipalityId: string;
  kind: MessageKind;
  /** Consent events written: 0 when the citizen had already unsubscribed (a repeated POST changes nothing). */
  withdrawn: number;
}

/** The personal message kinds a citizen chooses channels for in their profile. */
const PROFILE_FIELD = {
  PAYMENT_REMINDER: "reminderChannels",
  PAYMENT_CONFIRMATION: "paymentChannels",
  SUBMISSION_STATUS: "submissionChannels",
} as const;

/**
 * One-click unsubscribe (RFC 8058) from the e-mail the token came with: an alert's e-mail stops the
 * e-mails of that alert's topics (in every area), a reminder's the e-mailed reminders, and so on.
 * Other channels and the legal delivery of official documents stay as they are. Every preference
 * withdrawn is a consent event (source UNSUBSCRIBE_LINK). Null for a token that is not valid.
 */
export async function unsubscribeByToken(
  prisma: PrismaClient,
  input: { token: string; now: Date; ip: string | null; userAgent: string | null; vapidSubject: string },
): Promise<UnsubscribeResult | null> {
  const deliveryId = unsubscribeTokenDelivery(input.token);
  if (!deliveryId) return null;
  const delivery = await prisma.messageDelivery.findUnique({
    where: { id: deliveryId },
    select: {
      municipalityId: true,
      userId: true,
      message: { select: { kind: true, alert: { select: { topics: { select: { topicId: true } } } } } },
    },
  });
  if (!delivery?.userId) return null;
  const keys = await ensureVapidKeys(prisma, delivery.municipalityId, input.vapidSubject);
  if (verifyUnsubscribeToken(unsubscribeKey(keys.privateKey), input.token) !== deliveryId) return null;
  const { municipalityId, userId } = delivery;
  const { kind } = delivery.message;
  const audit = {
    municipalityId,
    userId,
    channel: "EMAIL" as const,
    granted: false,
    source: "UNSUBSCRIBE_LINK" as const,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
    createdAt: input.now,
  };

  const withdrawn = await prisma.$transaction(async (tx) => {
    if (kind === "ALERT") {
      const topicIds = delivery.message.alert?.topics.map((t) => t.topicId) ?? [];
      const removed = await tx.notificationPreference.findMany({
        where: { userId, municipalityId, channel: "EMAIL", topicId: { in: topicIds } },
        select: { id: true, topicId: true, areaId: true },
      });
      if (removed.length === 0) return 0;
      await tx.notificationPreference.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
      await tx.consentEvent.createMany({ data: removed.map((r) => ({ ...audit, topicId: r.topicId, areaId: r.areaId })) });
      return removed.length;
    }
    if (kind === "PHONE_VERIFICATION") return 0;
    const field = PROFILE_FIELD[kind];
    const profile = await tx.notificationProfile.findUnique({ where: { userId }, select: { [field]: true } as Record<typeof field, true> });
    // No profile yet: the defaults (e-mail) apply, so unsubscribing writes the profile without it.
    const current = (profile as Record<string, string[] | undefined> | null)?.[field] ?? ["EMAIL"];
    if (!current.includes("EMAIL")) return 0;
    const next = current.filter((channel) => channel !== "EMAIL") as ("EMAIL" | "PUSH" | "SMS")[];
    await tx.notificationProfile.upsert({
      where: { userId },
      create: { userId, municipalityId, [field]: next },
      update: { [field]: next },
    });
    await tx.consentEvent.create({ data: { ...audit, messageKind: kind } });
    return 1;
  });
  return { municipalityId, kind, withdrawn };
}
