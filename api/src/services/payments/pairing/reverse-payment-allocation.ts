import type { Context } from "../../../context.ts";
import type { TenantDb } from "../../../db/tenant.ts";
import { NotFoundError, ValidationError } from "../../../errors.ts";
import { Prisma, type PaymentAllocation } from "../../../generated/prisma/client.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { requireFinanceAccess } from "../require-finance-access.ts";

export const REVERSAL_REASON_MAX = 500;

/**
 * Reverses a pairing (automatic or manual) with a reason. Nothing is deleted: the row gets
 * `reversedAt`, `reversedById` and the reason (the database allows exactly that, once), and the
 * audit log records who did it. A second reversal is a field error; another town's id is not found.
 */
export async function reversePaymentAllocation(ctx: Context, input: { allocationId: string; reason: string }): Promise<PaymentAllocation> {
  requireFinanceAccess(ctx);
  const reason = input.reason.replace(/\p{Cc}+/gu, " ").trim();
  if (!reason) throw ValidationError.field("reason", "pairing.reasonRequired", "REQUIRED");
  if (reason.length > REVERSAL_REASON_MAX) throw ValidationError.field("reason", "field.tooLong", "TOO_LONG", { max: REVERSAL_REASON_MAX });
  const municipalityId = ctx.municipality.id;
  const at = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { id: string; reversedAt: Date | null; paymentId: string; assessmentId: string; amount: bigint; method: string }[]
    >(
      Prisma.sql`
        SELECT pa."id", pa."reversedAt", pa."paymentId", pa."assessmentId", pa."amount", pa."method"::text AS "method"
        FROM "PaymentAllocation" pa JOIN "Payment" p ON p."id" = pa."paymentId"
        WHERE pa."id" = ${input.allocationId}::uuid AND p."municipalityId" = ${municipalityId}::uuid
        FOR UPDATE OF pa`,
    );
    if (!row) throw new NotFoundError();
    if (row.reversedAt) throw ValidationError.field("allocationId", "pairing.alreadyReversed", "ALREADY_REVERSED");
    const reversed = await tx.paymentAllocation.update({
      where: { id: row.id },
      data: { reversedAt: at, reversedById: ctx.viewer?.userId ?? null, reversalReason: reason },
    });
    await recordAudit(
      { ...ctx, db: tx as unknown as TenantDb },
      {
        action: "payment.pairingReversed",
        subjectType: "PaymentAllocation",
        subjectId: row.id,
        details: { paymentId: row.paymentId, assessmentId: row.assessmentId, amount: row.amount.toString(), method: row.method, reason },
      },
    );
    return reversed;
  });
}
