import type { AppServices } from "../../context.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { alertPublishJob } from "../../jobs/alert-publish.ts";

/** Queues the publishing of a scheduled alert at its moment (inside the transaction that schedules it). */
export async function scheduleAlertPublishing(
  tx: Prisma.TransactionClient,
  services: Pick<AppServices, "jobs">,
  alert: { id: string; municipalityId: string; scheduledAt: Date },
): Promise<void> {
  const scheduledAt = alert.scheduledAt.toISOString();
  await services.jobs.enqueue(
    alertPublishJob,
    { municipalityId: alert.municipalityId, alertId: alert.id, scheduledAt },
    { tx, key: `${alert.id}:${scheduledAt}`, startAfter: alert.scheduledAt },
  );
}
