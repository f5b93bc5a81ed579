import type { EmailTokenPurpose, Prisma } from "../../generated/prisma/client.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";

export const EMAIL_TOKEN_VALIDITY_HOURS: Record<EmailTokenPurpose | "CLERK_INVITE", number> = {
  VERIFY_EMAIL: 48,
  RESET_PASSWORD: 1,
  CLERK_INVITE: 48,
};

/**
 * Creates a one-time e-mail link token and returns it; only its SHA-256 is stored, so the raw
 * token exists only in the e-mail. The account e-mail job calls it in the transaction that records
 * the message, so a token exists exactly when its e-mail does.
 */
export async function issueEmailToken(
  db: Pick<Prisma.TransactionClient, "emailToken">,
  args: { userId: string; purpose: EmailTokenPurpose; validHours: number; now: Date },
): Promise<string> {
  const token = randomToken(32);
  await db.emailToken.create({
    data: {
      userId: args.userId,
      purpose: args.purpose,
      tokenHash: sha256(token),
      createdAt: args.now,
      expiresAt: new Date(args.now.getTime() + args.validHours * 3_600_000),
    },
  });
  return token;
}
