import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { Payer } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireFinanceAccess } from "./account-admin-rules.ts";
import { findManagedPayer } from "./find-managed-payer.ts";

/** A finance clerk removes a citizen account's link to a payer (however it was made: by a clerk or a claim). */
export async function unlinkPayerAccount(ctx: Context, payerId: string, email: string): Promise<Payer> {
  requireFinanceAccess(ctx);
  const payer = await findManagedPayer(ctx, payerId);
  const user = await ctx.db.user.findFirst({
    where: { email: { equals: email.trim(), mode: "insensitive" } },
    select: { id: true, email: true },
  });
  const removed = user ? await ctx.db.payerLink.deleteMany({ where: { payerId: payer.id, userId: user.id } }) : { count: 0 };
  if (removed.count === 0) throw ValidationError.field("email", "field.accountNotLinked", "NOT_LINKED");
  await recordAudit(ctx, {
    action: "payer.account-unlinked",
    subjectType: "Payer",
    subjectId: payer.id,
    details: { userId: user!.id, email: user!.email },
  });
  return payer;
}
