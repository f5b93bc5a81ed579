import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkNewPassword, newPasswordSchema, presentedPasswordSchema } from "./account-rules.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { requireViewer } from "./require-viewer.ts";

/** Changes the viewer's password; every other session of theirs ends, this one stays. */
export async function changePassword(ctx: Context, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const viewer = requireViewer(ctx);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: viewer.userId } });
  const schema = z
    .object({ currentPassword: presentedPasswordSchema, newPassword: newPasswordSchema })
    .superRefine((value, refine) => checkNewPassword(refine, "newPassword", value.newPassword, user.email));
  const { currentPassword, newPassword } = parseInput(schema, input);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw ValidationError.field("currentPassword", "field.passwordWrong", "WRONG_PASSWORD");
  }
  await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(newPassword) } });
  await ctx.db.session.deleteMany({ where: { userId: user.id, id: { not: viewer.sessionId } } });
  await recordAudit(ctx, { action: "auth.password_changed", subjectType: "User", subjectId: user.id });
}
