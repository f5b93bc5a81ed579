import type { DeliveryStatus, NotificationChannel } from "../../../generated/prisma/client.ts";
import { entryCursor, orderOf, timeWhere, type TimelineSource } from "./timeline-source.ts";

/** The best status of a channel's deliveries (a citizen's several push devices are one line). */
const RANK: Record<DeliveryStatus, number> = { SENT: 6, PENDING: 5, FAILED: 4, DEAD: 3, SKIPPED: 2, SUPERSEDED: 1 };

function collapse(deliveries: { channel: NotificationChannel; status: DeliveryStatus; sentAt: Date | null }[]) {
  const byChannel = new Map<NotificationChannel, (typeof deliveries)[number]>();
  for (const d of deliveries) {
    const seen = byChannel.get(d.channel);
    if (!seen || RANK[d.status] > RANK[seen.status]) byChannel.set(d.channel, d);
  }
  return [...byChannel.values()];
}

/** Messages the office sent the citizen (alerts, reminders, confirmations), each channel with its delivery status. */
export const messageSource: TimelineSource = {
  kind: "MESSAGE",
  prefix: "message",
  async list(ctx, query) {
    const messages = await ctx.db.message.findMany({
      where: {
        AND: [
          // Verification codes are not correspondence (and their text holds a code).
          { kind: { not: "PHONE_VERIFICATION" } },
          { deliveries: { some: { userId: query.userId, ...(query.channel ? { channel: query.channel } : {}) } } },
          ...timeWhere("message", query),
        ],
      },
      orderBy: orderOf(query),
      take: query.limit,
      select: {
        id: true,
        kind: true,
        subjectCs: true,
        subjectEn: true,
        bodyCs: true,
        bodyEn: true,
        path: true,
        createdAt: true,
        deliveries: { where: { userId: query.userId }, select: { channel: true, status: true, sentAt: true }, take: 20 },
      },
    });
    return messages.map((m) => {
      const id = `message:${m.id}`;
      const en = ctx.locale === "en";
      const body = en ? m.bodyEn || m.bodyCs : m.bodyCs;
      return {
        id,
        kind: "MESSAGE" as const,
        occurredAt: m.createdAt,
        title: en ? m.subjectEn || m.subjectCs : m.subjectCs,
        summary: body.length > 300 ? `${body.slice(0, 299)}…` : body,
        path: m.path,
        amount: null,
        status: null,
        messageKind: m.kind,
        deliveries: collapse(m.deliveries),
        cursor: entryCursor(m.createdAt, id),
      };
    });
  },
};
