import type { Context } from "../../context.ts";
import type { ConsentSource, MessageKind, NotificationChannel } from "../../generated/prisma/client.ts";

export interface ConsentHistoryEntry {
  channel: NotificationChannel;
  granted: boolean;
  topicName: string | null;
  areaName: string | null;
  messageKind: MessageKind | null;
  source: ConsentSource;
  createdAt: Date;
}

/** The citizen's consent history, newest first, with topic and area names in the request's language. */
export async function listConsentHistory(
  ctx: Pick<Context, "db" | "locale">,
  userId: string,
  limit: number,
): Promise<ConsentHistoryEntry[]> {
  const events = await ctx.db.consentEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  const topicIds = [...new Set(events.flatMap((e) => (e.topicId ? [e.topicId] : [])))];
  const areaIds = [...new Set(events.flatMap((e) => (e.areaId ? [e.areaId] : [])))];
  const [topics, areas] = await Promise.all([
    topicIds.length
      ? ctx.db.notificationTopic.findMany({ where: { id: { in: topicIds } }, select: { id: true, nameCs: true, nameEn: true } })
      : [],
    areaIds.length ? ctx.db.notificationArea.findMany({ where: { id: { in: areaIds } }, select: { id: true, name: true } }) : [],
  ]);
  const topicName = new Map(topics.map((t) => [t.id, ctx.locale === "en" ? t.nameEn : t.nameCs]));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    channel: e.channel,
    granted: e.granted,
    topicName: e.topicId ? (topicName.get(e.topicId) ?? null) : null,
    areaName: e.areaId ? (areaName.get(e.areaId) ?? null) : null,
    messageKind: e.messageKind,
    source: e.source,
    createdAt: e.createdAt,
  }));
}
