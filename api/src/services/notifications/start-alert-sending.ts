import type { AppServices } from "../../context.ts";
import type { Alert, Prisma } from "../../generated/prisma/client.ts";
import { notificationFanoutJob } from "../../jobs/notification-fanout.ts";

const SEVERITY_PREFIX = {
  INFO: { cs: "", en: "" },
  WARNING: { cs: "Výstraha: ", en: "Warning: " },
  CRISIS: { cs: "KRIZOVÁ SITUACE: ", en: "CRISIS: " },
} as const;

/**
 * Turns a published alert into its message (rendered in Czech and English) and queues the fan-out that
 * creates one delivery per recipient × channel. Runs inside the transaction that publishes the alert,
 * so the alert is public exactly when its sending is queued. The message's key is the alert's: a second
 * call finds it and queues nothing new.
 */
export async function startAlertSending(
  tx: Prisma.TransactionClient,
  services: Pick<AppServices, "jobs">,
  alert: Pick<Alert, "id" | "municipalityId" | "severity" | "titleCs" | "bodyCs" | "titleEn" | "bodyEn">,
  now: Date,
): Promise<void> {
  const prefix = SEVERITY_PREFIX[alert.severity];
  const message = await tx.message.upsert({
    where: { municipalityId_dedupKey: { municipalityId: alert.municipalityId, dedupKey: `alert:${alert.id}` } },
    update: {},
    create: {
      municipalityId: alert.municipalityId,
      kind: "ALERT",
      dedupKey: `alert:${alert.id}`,
      alertId: alert.id,
      severity: alert.severity,
      subjectCs: `${prefix.cs}${alert.titleCs}`,
      bodyCs: alert.bodyCs,
      subjectEn: `${prefix.en}${alert.titleEn ?? alert.titleCs}`,
      bodyEn: alert.bodyEn ?? alert.bodyCs,
      path: `/upozorneni/${alert.id}`,
      createdAt: now,
    },
    select: { id: true },
  });
  await services.jobs.enqueue(
    notificationFanoutJob,
    { municipalityId: alert.municipalityId, messageId: message.id },
    { tx, key: message.id },
  );
}
