import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";
import { emailSchema } from "./account-rules.ts";
import { EMAIL_TOKEN_VALIDITY_HOURS } from "./issue-email-token.ts";
import { portalLink } from "./portal-link.ts";
import { sendAccountEmail } from "./send-account-email.ts";

const requestResetSchema = z.object({ email: emailSchema });

/**
 * E-mails a password-reset link (valid 1 hour) when the address has an active account. The answer
 * is the same either way; the token is generated and hashed either way so the work done differs
 * only by the two inserts.
 */
export async function requestPasswordReset(ctx: Context, input: { email: string }): Promise<void> {
  const { email } = parseInput(requestResetSchema, input);
  const token = randomToken(32);
  const tokenHash = sha256(token);
  const user = await ctx.db.user.findUnique({
    where: { municipalityId_email: { municipalityId: ctx.municipality.id, email } },
    select: { id: true, email: true, locale: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return;
  const now = ctx.clock.now();
  await ctx.db.emailToken.create({
    data: {
      userId: user.id,
      purpose: "RESET_PASSWORD",
      tokenHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_TOKEN_VALIDITY_HOURS.RESET_PASSWORD * 3_600_000),
    },
  });
  await sendAccountEmail(ctx, {
    to: user.email,
    locale: user.locale,
    template: "reset",
    params: { link: portalLink(ctx, "/obnova-hesla", { token }) },
  });
}
