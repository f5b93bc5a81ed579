import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { Alert } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AlertStateError } from "./alert-state-error.ts";

/** Cancels a scheduled alert: never published nor sent. Cancelling a cancelled alert changes nothing. */
export async function cancelAlert(ctx: Context, id: string): Promise<Alert> {
  if (!isUuid(id)) throw new NotFoundError();
  const current = await ctx.db.alert.findFirst({ where: { id } });
  if (!current) throw new NotFoundError();
  if (current.status === "CANCELLED") return current;
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const moved = await tx.alert.updateMany({
      where: { id, status: "SCHEDULED" },
      data: { status: "CANCELLED", cancelledAt: now, cancelledById: ctx.viewer?.userId ?? null },
    });
    // The publishing job got there first: the alert is out.
    if (moved.count === 0) throw new AlertStateError("ALERT_NOT_SCHEDULED");
    await recordAudit({ ...ctx, db: tx as never }, { action: "alert.cancelled", subjectType: "Alert", subjectId: id });
    return tx.alert.findUniqueOrThrow({ where: { id } });
  });
}
