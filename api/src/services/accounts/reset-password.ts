import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { passwordProblem } from "./account-rules.ts";
import { findEmailToken } from "./find-email-token.ts";
import { hashPassword } from "./password.ts";
import { spendEmailToken } from "./spend-email-token.ts";

const resetSchema = z.object({ token: z.string().trim().max(200, { message: "field.tokenInvalid" }), newPassword: z.string() });

/**
 * Sets a new password from a reset (or clerk invitation) link. The link proves the e-mail, so the
 * address counts as verified. Every session of the user ends: whoever knew the old password is out.
 * A weak password does not spend the link.
 */
export async function resetPassword(ctx: Context, input: { token: string; newPassword: string }): Promise<void> {
  const { token, newPassword } = parseInput(resetSchema, input);
  const emailToken = await findEmailToken(ctx, token, "RESET_PASSWORD");
  const problem = passwordProblem(newPassword, emailToken.user.email);
  if (problem) throw ValidationError.field("newPassword", problem, "WEAK_PASSWORD");
  const passwordHash = await hashPassword(newPassword);
  await spendEmailToken(ctx, emailToken.id);
  const now = ctx.clock.now();
  const user = emailToken.user;
  await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now } });
  await ctx.db.session.deleteMany({ where: { userId: user.id } });
  // Older reset links for the same account stop working too.
  await ctx.db.emailToken.updateMany({ where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null }, data: { usedAt: now } });
  await recordAudit(ctx, { action: "auth.password_reset", subjectType: "User", subjectId: user.id, actorUserId: user.id });
}
