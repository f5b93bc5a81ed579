import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { Payer } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { payerInputSchema, requireFinanceAccess } from "./account-admin-rules.ts";

export const externalIdTaken = () => ValidationError.field("externalId", "field.externalIdTaken", "TAKEN");

/** A finance clerk records a payer (a person or household the town assesses). */
export async function createPayer(ctx: Context, input: unknown): Promise<Payer> {
  requireFinanceAccess(ctx);
  const data = parseInput(payerInputSchema, input);
  let payer: Payer;
  try {
    payer = await ctx.db.payer.create({ data: { municipalityId: ctx.municipality.id, ...data } });
  } catch (error) {
    if (isUniqueViolation(error)) throw externalIdTaken();
    throw error;
  }
  await recordAudit(ctx, { action: "payer.created", subjectType: "Payer", subjectId: payer.id, details: { name: payer.name } });
  return payer;
}
