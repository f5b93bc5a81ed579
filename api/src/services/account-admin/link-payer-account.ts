import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { Payer } from "../../generated/prisma/client.ts";
import { emailSchema } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireFinanceAccess } from "./account-admin-rules.ts";
import { findManagedPayer } from "./find-managed-payer.ts";

const input = z.object({ email: emailSchema });

/**
 * A finance clerk links a citizen account to a payer by the account's e-mail: the account must exist in
 * the same town (the tenant-scoped client never finds another town's users). Linking an account that is
 * already linked changes nothing.
 */
export async function linkPayerAccount(ctx: Context, payerId: string, email: string): Promise<Payer> {
  requireFinanceAccess(ctx);
  const payer = await findManagedPayer(ctx, payerId);
  const data = parseInput(input, { email });
  const user = await ctx.db.user.findFirst({
    where: { email: { equals: data.email, mode: "insensitive" }, disabledAt: null },
    select: { id: true, email: true },
  });
  if (!user) throw ValidationError.field("email", "field.accountNotFound", "NOT_FOUND");
  const { count } = await ctx.db.payerLink.createMany({
    data: [{ payerId: payer.id, userId: user.id, method: "CLERK", linkedById: ctx.viewer?.userId ?? null }],
    skipDuplicates: true,
  });
  if (count > 0) {
    await recordAudit(ctx, {
      action: "payer.account-linked",
      subjectType: "Payer",
      subjectId: payer.id,
      details: { userId: user.id, email: user.email },
    });
  }
  return payer;
}
