import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";

/**
 * Marks a token used. The conditional update makes this the single point where two requests
 * racing with the same link are told apart: only one of them spends it.
 */
export async function spendEmailToken(ctx: Pick<Context, "db" | "clock">, tokenId: string): Promise<void> {
  const { count } = await ctx.db.emailToken.updateMany({ where: { id: tokenId, usedAt: null }, data: { usedAt: ctx.clock.now() } });
  if (count !== 1) throw ValidationError.field("token", "field.tokenInvalid", "TOKEN_INVALID");
}
