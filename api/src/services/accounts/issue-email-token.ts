import type { Context } from "../../context.ts";
import type { EmailTokenPurpose } from "../../generated/prisma/client.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";

export const EMAIL_TOKEN_VALIDITY_HOURS: Record<EmailTokenPurpose | "CLERK_INVITE", number> = {
  VERIFY_EMAIL: 48,
  RESET_PASSWORD: 1,
  CLERK_INVITE: 48,
};

/**
 * Creates a one-time e-mail link token and returns it; only its SHA-256 is stored, so the raw
 * token exists only in the e-mail.
 */
export async function issueEmailToken(
  ctx: Pick<Context, "db" | "clock">,
  args: { userId: string; purpose: EmailTokenPurpose; validHours: number },
): Promise<string> {
  const token = randomToken(32);
  const now = ctx.clock.now();
  await ctx.db.emailToken.create({
    data: {
      userId: args.userId,
      purpose: args.purpose,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + args.validHours * 3_600_000),
    },
  });
  return token;
}
