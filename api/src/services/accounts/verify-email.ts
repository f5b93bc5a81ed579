import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { User } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findEmailToken } from "./find-email-token.ts";
import { spendEmailToken } from "./spend-email-token.ts";

const verifySchema = z.object({ token: z.string().trim().max(200, { message: "field.tokenInvalid" }) });

/** Confirms the e-mail address behind a verification link (single use). */
export async function verifyEmail(ctx: Context, input: { token: string }): Promise<User> {
  const { token } = parseInput(verifySchema, input);
  const emailToken = await findEmailToken(ctx, token, "VERIFY_EMAIL");
  await spendEmailToken(ctx, emailToken.id);
  const user = emailToken.user.emailVerifiedAt
    ? emailToken.user
    : await ctx.db.user.update({ where: { id: emailToken.userId }, data: { emailVerifiedAt: ctx.clock.now() } });
  await recordAudit(ctx, { action: "auth.email_verified", subjectType: "User", subjectId: user.id, actorUserId: user.id });
  return user;
}
