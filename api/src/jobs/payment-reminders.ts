import type { AppServices } from "../context.ts";
import { nextReminderRun } from "../domain/reminders.ts";
import { scheduleHourly } from "../lib/schedule-hourly.ts";
import { getNotificationSettings } from "../services/notifications/get-notification-settings.ts";
import { planPaymentReminders } from "../services/notifications/plan-payment-reminders.ts";
import { defineJob, type JobData } from "./job-queue.ts";

/**
 * Due-date reminders of one town (services/notifications/plan-payment-reminders.ts). Queued at the town's
 * reminder hour (08:00 Prague by default, exactly, through `startAfter`) and hourly besides, so reminders
 * whose moment passed while the portal was down still go (within the late window). Each reminder is sent
 * once whatever the number of runs: its key is the message's dedup key.
 */
export type PaymentRemindersData = JobData;

export const paymentRemindersJob = defineJob<PaymentRemindersData>({
  name: "payment-reminders",
  retry: () => ({ limit: 5, delaySeconds: 60, maxDelaySeconds: 1800 }),
  timeoutSeconds: 1800,
  async handle(data, _job, services) {
    await planPaymentReminders(services, data.municipalityId);
  },
});

/** Queues this hour's run and the next reminder-hour run of every town (idempotent by key). */
export async function queueReminderRuns(services: AppServices): Promise<void> {
  const now = services.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const municipalities = await services.database.prisma.municipality.findMany({ select: { id: true } });
  for (const { id } of municipalities) {
    const settings = await getNotificationSettings(services.database.prisma, id);
    if (!settings.remindersEnabled) continue;
    const next = nextReminderRun(now, {
      offsetsDays: settings.reminderOffsetsDays,
      sendHour: settings.reminderSendHour,
      lateWindowDays: settings.reminderLateWindowDays,
    });
    await services.jobs.enqueue(paymentRemindersJob, { municipalityId: id }, { key: `payment-reminders:${id}:${hour}` });
    await services.jobs.enqueue(
      paymentRemindersJob,
      { municipalityId: id },
      { key: `payment-reminders:${id}:${next.toISOString()}`, startAfter: next },
    );
  }
}

/** Starts the hourly queuing of reminder runs; returns the function that stops it. */
export function scheduleReminderRuns(services: AppServices): () => void {
  return scheduleHourly(services.logger, "queueing payment reminders", () => queueReminderRuns(services));
}
