import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { Alert, Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AlertStateError } from "./alert-state-error.ts";
import { checkAlertInput, type AlertContentInput } from "./check-alert-input.ts";
import { scheduleAlertPublishing } from "./schedule-alert-publishing.ts";
import { startAlertSending } from "./start-alert-sending.ts";

/**
 * Changes a scheduled alert. A new moment queues a new publishing job (the old one finds the moment
 * changed and does nothing); a moment now or past sends it at once. Published alerts cannot be changed:
 * their messages are out (endAlert ends one).
 */
export async function updateAlert(ctx: Context, id: string, input: AlertContentInput): Promise<Alert> {
  if (!isUuid(id)) throw new NotFoundError();
  const current = await ctx.db.alert.findFirst({ where: { id }, select: { id: true, status: true, scheduledAt: true } });
  if (!current) throw new NotFoundError();
  if (current.status !== "SCHEDULED") throw new AlertStateError("ALERT_NOT_SCHEDULED");
  const checked = await checkAlertInput(ctx, input);
  const now = ctx.clock.now();
  const alert = await ctx.db.$transaction(async (tx) => {
    // Conditional on the state read: a publishing job or a cancel that got there first wins.
    const moved = await tx.alert.updateMany({
      where: { id, status: "SCHEDULED", scheduledAt: current.scheduledAt },
      data: {
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
      },
    });
    if (moved.count === 0) throw new AlertStateError("ALERT_NOT_SCHEDULED");
    await tx.alertTopic.deleteMany({ where: { alertId: id } });
    await tx.alertArea.deleteMany({ where: { alertId: id } });
    await tx.alertTopic.createMany({ data: checked.topicIds.map((topicId) => ({ alertId: id, topicId })) });
    await tx.alertArea.createMany({ data: checked.areaIds.map((areaId) => ({ alertId: id, areaId })) });
    const updated = await tx.alert.findUniqueOrThrow({ where: { id } });
    if (checked.sendNow) await startAlertSending(tx as unknown as Prisma.TransactionClient, ctx.services, updated, now);
    else await scheduleAlertPublishing(tx as unknown as Prisma.TransactionClient, ctx.services, updated);
    await recordAudit(
      { ...ctx, db: tx as never },
      { action: checked.sendNow ? "alert.sent" : "alert.rescheduled", subjectType: "Alert", subjectId: id },
    );
    return updated;
  });
  if (checked.sendNow) await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return alert;
}
