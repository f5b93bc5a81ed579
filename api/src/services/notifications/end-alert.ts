import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { Alert } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AlertStateError } from "./alert-state-error.ts";

/**
 * Ends a published alert's validity now (the outage is over): the crisis banner goes, the alert stays in
 * the public list as past. Deliveries not yet sent are left to the delivery job, which skips an alert whose
 * validity is over.
 */
export async function endAlert(ctx: Context, id: string): Promise<Alert> {
  if (!isUuid(id)) throw new NotFoundError();
  const now = ctx.clock.now();
  const alert = await ctx.db.$transaction(async (tx) => {
    const moved = await tx.alert.updateMany({
      where: { id, status: { in: ["SENDING", "SENT"] }, OR: [{ validTo: null }, { validTo: { gt: now } }] },
      data: { validTo: now },
    });
    if (moved.count === 0) {
      const exists = await tx.alert.findFirst({ where: { id }, select: { id: true } });
      if (!exists) throw new NotFoundError();
      throw new AlertStateError("ALERT_NOT_ACTIVE");
    }
    await recordAudit({ ...ctx, db: tx as never }, { action: "alert.ended", subjectType: "Alert", subjectId: id });
    return tx.alert.findUniqueOrThrow({ where: { id } });
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return alert;
}
