import type { AppServices } from "../context.ts";
import type { NotificationChannel } from "../generated/prisma/client.ts";
import { deliveryMoment, type QuietHours } from "../domain/reminders.ts";
import { audienceParams, recipientsSql, type RecipientRow } from "../services/notifications/alert-audience.ts";
import { defineJob, type JobData } from "./job-queue.ts";
import { enqueueDeliveries } from "./notification-delivery.ts";

/**
 * The fan-out of an alert's message: one delivery per recipient × channel, created in batches and handed
 * to the delivery job (jobs/notification-delivery.ts).
 *
 * Restart-safe and exactly once: each batch - its deliveries, their delivery jobs and the new position
 * of the cursor (`Message.fanoutCursor`: channel and last recipient key) - is one transaction. A worker
 * killed mid-batch leaves nothing of it; the job runs again (pg-boss retries an expired or failed job)
 * and resumes after the last committed batch. Two runs at once cannot both advance the cursor from the
 * same place (the update is conditional on the old cursor), and the unique (message, channel,
 * recipient) key refuses a second delivery in any case.
 *
 * A crisis goes by push and SMS first (the fastest channels), then e-mail, and ignores quiet hours;
 * other alerts by push and SMS wait for the end of each recipient's quiet hours (`notBefore`); e-mail goes at once.
 */
export type NotificationFanoutData = JobData & { messageId: string };

const CHANNEL_ORDER: Record<"CRISIS" | "OTHER", NotificationChannel[]> = {
  CRISIS: ["PUSH", "SMS", "EMAIL"],
  OTHER: ["EMAIL", "PUSH", "SMS"],
};

export const notificationFanoutJob = defineJob<NotificationFanoutData>({
  name: "notification-fanout",
  retry: () => ({ limit: 10, delaySeconds: 5, maxDelaySeconds: 300 }),
  timeoutSeconds: 900,
  async handle(data, job, services) {
    for (;;) {
      job.signal.throwIfAborted();
      const step = await fanOutBatch(services, data.messageId);
      if (step.done) return;
    }
  },
});

interface FanoutState {
  channels: NotificationChannel[];
  channelIndex: number;
  lastKey: string;
}

function parseCursor(cursor: string | null, channels: NotificationChannel[]): FanoutState {
  if (!cursor) return { channels, channelIndex: 0, lastKey: "" };
  const separator = cursor.indexOf(":");
  const channel = cursor.slice(0, separator) as NotificationChannel;
  const index = channels.indexOf(channel);
  return { channels, channelIndex: index < 0 ? channels.length : index, lastKey: cursor.slice(separator + 1) };
}

/**
 * Creates the next batch of deliveries (NOTIFICATION_BATCH_SIZE recipients of the current channel) and
 * queues their sending, in one transaction; `done` once every channel is through and the alert is marked
 * sent. Exported for the tests (a restart between batches) and the benchmark.
 */
export async function fanOutBatch(services: AppServices, messageId: string): Promise<{ done: boolean; created: number }> {
  const prisma = services.database.prisma;
  const message = await prisma.message.findUnique({
    where: { id: messageId },
    select: {
      id: true,
      municipalityId: true,
      severity: true,
      fanoutCursor: true,
      fanoutDoneAt: true,
      alert: {
        select: { id: true, status: true, channels: true, topics: { select: { topicId: true } }, areas: { select: { areaId: true } } },
      },
    },
  });
  if (!message?.alert || message.fanoutDoneAt || message.alert.status === "CANCELLED") return { done: true, created: 0 };
  const { alert } = message;
  const order = CHANNEL_ORDER[message.severity === "CRISIS" ? "CRISIS" : "OTHER"].filter((channel) => alert.channels.includes(channel));
  const state = parseCursor(message.fanoutCursor, order);
  const now = services.clock.now();

  if (state.channelIndex >= order.length) {
    await prisma.$transaction([
      prisma.message.updateMany({ where: { id: messageId, fanoutDoneAt: null }, data: { fanoutDoneAt: now } }),
      prisma.alert.updateMany({ where: { id: alert.id, status: "SENDING" }, data: { status: "SENT", sentAt: now } }),
    ]);
    return { done: true, created: 0 };
  }

  const channel = order[state.channelIndex]!;
  const batchSize = services.config.NOTIFICATION_BATCH_SIZE;
  const audience = {
    municipalityId: message.municipalityId,
    topicIds: alert.topics.map((t) => t.topicId),
    areaIds: alert.areas.map((a) => a.areaId),
    severity: message.severity,
  };
  const rows = await services.database.sql.query<RecipientRow>(recipientsSql(channel), [
    ...audienceParams(audience),
    state.lastKey,
    batchSize,
  ]);
  const nextCursor =
    rows.length < batchSize
      ? state.channelIndex + 1 < order.length
        ? `${order[state.channelIndex + 1]}:`
        : `done:`
      : `${channel}:${rows.at(-1)!.recipient_key}`;

  const quiet = message.severity === "CRISIS" ? null : await townQuietHours(services, message.municipalityId);
  const created = await prisma.$transaction(
    async (tx) => {
      // Only the run that still sees the cursor where it read it may write this batch.
      const moved = await tx.message.updateMany({
        where: { id: messageId, fanoutCursor: message.fanoutCursor, fanoutDoneAt: null },
        data: { fanoutCursor: nextCursor },
      });
      if (moved.count === 0) return 0;
      if (rows.length === 0) return 0;
      const deliveries = await tx.messageDelivery.createManyAndReturn({
        data: rows.map((row) => ({
          municipalityId: message.municipalityId,
          messageId,
          userId: row.user_id,
          channel,
          recipientKey: row.recipient_key,
          pushSubscriptionId: row.push_subscription_id,
          address: row.address,
          // E-mail wakes no one: only push and SMS wait for the end of quiet hours.
          notBefore: quiet && channel !== "EMAIL" ? notBefore(now, row, quiet, message.severity) : null,
          createdAt: now,
        })),
        skipDuplicates: true,
        select: { id: true, notBefore: true },
      });
      // Deliveries due at the same moment go together (quiet hours end at a few distinct times).
      const byMoment = new Map<number, string[]>();
      for (const delivery of deliveries) {
        const at = delivery.notBefore?.getTime() ?? 0;
        byMoment.set(at, [...(byMoment.get(at) ?? []), delivery.id]);
      }
      for (const [at, ids] of byMoment) {
        await enqueueDeliveries(services, message.municipalityId, ids, { tx, ...(at > now.getTime() ? { startAfter: new Date(at) } : {}) });
      }
      return deliveries.length;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { done: false, created };
}

async function townQuietHours(services: AppServices, municipalityId: string): Promise<QuietHours> {
  const settings = await services.database.prisma.notificationSettings.findUnique({
    where: { municipalityId },
    select: { quietHoursStart: true, quietHoursEnd: true },
  });
  return { start: settings?.quietHoursStart ?? "21:00", end: settings?.quietHoursEnd ?? "07:00" };
}

function notBefore(now: Date, row: RecipientRow, town: QuietHours, severity: "INFO" | "WARNING" | "CRISIS"): Date | null {
  const quiet = row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : town;
  const moment = deliveryMoment(now, quiet, severity);
  return moment.getTime() > now.getTime() ? moment : null;
}
