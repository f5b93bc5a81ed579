import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { User } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { fullNameSchema, localeSchema, phoneSchema } from "./account-rules.ts";
import { requireViewer } from "./require-viewer.ts";

const profileSchema = z.object({ fullName: fullNameSchema, phone: phoneSchema, locale: localeSchema });

/** Updates the viewer's own name, phone and language (the e-mail and role are not theirs to change). */
export async function updateProfile(ctx: Context, input: { fullName: string; phone?: string | null; locale: string }): Promise<User> {
  const viewer = requireViewer(ctx);
  const data = parseInput(profileSchema, input);
  const user = await ctx.db.user.update({
    where: { id: viewer.userId },
    data: { fullName: data.fullName, phone: data.phone, locale: data.locale },
  });
  await recordAudit(ctx, { action: "user.profile_updated", subjectType: "User", subjectId: user.id });
  return user;
}
