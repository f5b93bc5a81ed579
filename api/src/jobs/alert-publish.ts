import { defineJob, type JobData } from "./job-queue.ts";
import { startAlertSending } from "../services/notifications/start-alert-sending.ts";

/**
 * Publishes a scheduled alert at its moment and starts its fan-out. Queued when the alert is scheduled (or
 * rescheduled: the key carries the moment, so the job of an earlier moment finds the alert's `scheduledAt`
 * changed and does nothing). Cancelling sets the alert CANCELLED, which this job respects.
 */
export type AlertPublishData = JobData & { alertId: string; scheduledAt: string };

export const alertPublishJob = defineJob<AlertPublishData>({
  name: "alert-publish",
  retry: () => ({ limit: 10, delaySeconds: 10, maxDelaySeconds: 600 }),
  timeoutSeconds: 120,
  async handle(data, _job, services) {
    const prisma = services.database.prisma;
    const now = services.clock.now();
    // The queue's clock (the database's) ran ahead of ours: fail the attempt, the retry comes later.
    if (now.getTime() < new Date(data.scheduledAt).getTime() - 5_000)
      throw new Error(`Alert ${data.alertId} is not due until ${data.scheduledAt}`);
    const published = await prisma.$transaction(async (tx) => {
      // The conditional update decides: a cancel or a reschedule racing with this job wins or loses as a whole.
      const moved = await tx.alert.updateMany({
        where: {
          id: data.alertId,
          municipalityId: data.municipalityId,
          status: "SCHEDULED",
          scheduledAt: new Date(data.scheduledAt),
        },
        data: { status: "SENDING", publishedAt: now },
      });
      if (moved.count === 0) return false;
      const alert = await tx.alert.findUniqueOrThrow({ where: { id: data.alertId } });
      // An alert announcing a notice is not sent when the notice was withdrawn before its posting.
      if (alert.noticeId) {
        const notice = await tx.notice.findUnique({ where: { id: alert.noticeId }, select: { status: true } });
        if (notice?.status !== "APPROVED") {
          await tx.alert.update({ where: { id: alert.id }, data: { status: "CANCELLED", cancelledAt: now, publishedAt: null } });
          return false;
        }
      }
      await startAlertSending(tx, services, alert, now);
      return true;
    });
    if (published) await services.publicCache.invalidate(data.municipalityId);
  },
});
