import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { Alert, Prisma } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkAlertInput, type AlertContentInput } from "./check-alert-input.ts";
import { scheduleAlertPublishing } from "./schedule-alert-publishing.ts";
import { startAlertSending } from "./start-alert-sending.ts";

/**
 * A clerk of the alerts agenda (or an integrator) composes an alert. Sent now: published at once and its
 * fan-out queued in the same transaction. Scheduled: published by a job at `scheduledAt`. A repeated submit
 * with the same idempotency key answers the alert the first one created (and sends nothing twice).
 */
export async function createAlert(ctx: Context, input: AlertContentInput & { idempotencyKey: string | null }): Promise<Alert> {
  const key = input.idempotencyKey?.trim() || null;
  if (key && key.length > 100) throw ValidationError.field("idempotencyKey", "field.tooLong", "TOO_BIG", { max: 100 });
  if (key) {
    const existing = await ctx.db.alert.findFirst({ where: { idempotencyKey: key } });
    if (existing) return existing;
  }
  const checked = await checkAlertInput(ctx, input);
  const now = ctx.clock.now();
  let alert: Alert;
  try {
    alert = await ctx.db.$transaction(async (tx) => {
      const created = await tx.alert.create({
        data: {
          municipalityId: ctx.municipality.id,
          severity: checked.severity,
          status: checked.sendNow ? "SENDING" : "SCHEDULED",
          titleCs: checked.titleCs,
          bodyCs: checked.bodyCs,
          titleEn: checked.titleEn,
          bodyEn: checked.bodyEn,
          channels: checked.channels,
          validFrom: checked.validFrom,
          validTo: checked.validTo,
          scheduledAt: checked.scheduledAt,
          publishedAt: checked.sendNow ? now : null,
          idempotencyKey: key,
          createdById: ctx.viewer?.userId ?? null,
          createdAt: now,
          topics: { create: checked.topicIds.map((topicId) => ({ topicId })) },
          areas: { create: checked.areaIds.map((areaId) => ({ areaId })) },
        },
      });
      if (checked.sendNow) await startAlertSending(tx as unknown as Prisma.TransactionClient, ctx.services, created, now);
      else await scheduleAlertPublishing(tx as unknown as Prisma.TransactionClient, ctx.services, created);
      await recordAudit(
        { ...ctx, db: tx as never },
        {
          action: checked.sendNow ? "alert.sent" : "alert.scheduled",
          subjectType: "Alert",
          subjectId: created.id,
          details: { severity: created.severity, channels: created.channels, scheduledAt: created.scheduledAt.toISOString() },
        },
      );
      return created;
    });
  } catch (error) {
    // Two submits with one key at the same moment: the other one created it.
    if (key && isUniqueViolation(error)) {
      const existing = await ctx.db.alert.findFirst({ where: { idempotencyKey: key } });
      if (existing) return existing;
    }
    throw error;
  }
  if (checked.sendNow) await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return alert;
}
