import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import type { EmailToken, EmailTokenPurpose, User } from "../../generated/prisma/client.ts";
import { sha256 } from "../../lib/tokens.ts";

/**
 * The still-usable e-mail token behind a link, with its user. Unknown, used, expired, wrong-purpose
 * and other municipalities' tokens all answer the same field error on "token".
 */
export async function findEmailToken(
  ctx: Pick<Context, "db" | "clock" | "municipality">,
  rawToken: string,
  purpose: EmailTokenPurpose,
): Promise<EmailToken & { user: User }> {
  const invalid = ValidationError.field("token", "field.tokenInvalid", "TOKEN_INVALID");
  if (!rawToken) throw invalid;
  // EmailToken carries no municipality of its own: its user's municipality is checked here.
  const token = await ctx.db.emailToken.findUnique({ where: { tokenHash: sha256(rawToken) }, include: { user: true } });
  if (
    !token ||
    token.purpose !== purpose ||
    token.usedAt ||
    token.expiresAt <= ctx.clock.now() ||
    token.user.municipalityId !== ctx.municipality.id
  ) {
    throw invalid;
  }
  return token;
}
