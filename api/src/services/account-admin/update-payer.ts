import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { Payer } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { payerInputSchema, requireFinanceAccess } from "./account-admin-rules.ts";
import { externalIdTaken } from "./create-payer.ts";
import { findManagedPayer } from "./find-managed-payer.ts";

/** A finance clerk edits a payer; the audit entry lists the fields that changed (old and new values). */
export async function updatePayer(ctx: Context, payerId: string, input: unknown): Promise<Payer> {
  requireFinanceAccess(ctx);
  const payer = await findManagedPayer(ctx, payerId);
  const data = parseInput(payerInputSchema, input);
  const changes = Object.fromEntries(
    (Object.keys(data) as (keyof typeof data)[])
      .filter((key) => data[key] !== payer[key])
      .map((key) => [key, { from: payer[key], to: data[key] }]),
  );
  if (Object.keys(changes).length === 0) return payer;
  let updated: Payer;
  try {
    updated = await ctx.db.payer.update({ where: { id: payer.id }, data });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken();
    throw error;
  }
  await recordAudit(ctx, { action: "payer.updated", subjectType: "Payer", subjectId: payer.id, details: changes });
  return updated;
}
