import type { Context } from "../../context.ts";
import type { NotificationChannel } from "../../generated/prisma/client.ts";

export type AlertDeliveryStats = {
  channel: NotificationChannel;
  total: number;
  pending: number;
  sent: number;
  failed: number;
  dead: number;
  skipped: number;
}[];

/** Delivery counts per channel and status of each alert's message, for many alerts in one statement. */
export async function alertDeliveryStats(
  ctx: Pick<Context, "services" | "municipality">,
  alertIds: readonly string[],
): Promise<AlertDeliveryStats[]> {
  const rows = await ctx.services.database.sql.query<{ alert_id: string; channel: NotificationChannel; status: string; n: number }>(
    `SELECT m."alertId" AS alert_id, d.channel, d.status, count(*)::int AS n
       FROM "MessageDelivery" d JOIN "Message" m ON m.id = d."messageId"
      WHERE m."municipalityId" = $1::uuid AND m."alertId" = ANY($2::uuid[])
      GROUP BY m."alertId", d.channel, d.status`,
    [ctx.municipality.id, [...alertIds]],
  );
  const byAlert = new Map<string, Map<NotificationChannel, AlertDeliveryStats[number]>>();
  for (const row of rows) {
    let channels = byAlert.get(row.alert_id);
    if (!channels) byAlert.set(row.alert_id, (channels = new Map()));
    let stats = channels.get(row.channel);
    if (!stats)
      channels.set(row.channel, (stats = { channel: row.channel, total: 0, pending: 0, sent: 0, failed: 0, dead: 0, skipped: 0 }));
    const n = Number(row.n);
    stats.total += n;
    if (row.status === "PENDING") stats.pending += n;
    else if (row.status === "SENT") stats.sent += n;
    else if (row.status === "FAILED") stats.failed += n;
    else if (row.status === "DEAD") stats.dead += n;
    else stats.skipped += n;
  }
  const order: NotificationChannel[] = ["PUSH", "SMS", "EMAIL"];
  return alertIds.map((id) => {
    const channels = byAlert.get(id);
    return channels ? order.flatMap((channel) => channels.get(channel) ?? []) : [];
  });
}
