import { z } from "zod";
import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import { Agenda, type User } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isUuid, STAFF_ROLES } from "./account-rules.ts";
import { requireViewer } from "./require-viewer.ts";

const updateClerkSchema = z.object({
  role: z.enum(STAFF_ROLES, { message: "field.invalid" }).nullish(),
  agendas: z
    .array(z.enum(Object.values(Agenda) as [Agenda, ...Agenda[]], { message: "field.invalid" }))
    .max(20)
    .nullish(),
  disabled: z.boolean().nullish(),
});

/**
 * Changes a clerk's role, agendas or access. Role and agendas are read on every request, so the
 * change applies at once; disabling also ends the clerk's sessions. Admins cannot demote or
 * disable themselves (so a municipality always keeps the admin who is acting).
 */
export async function updateClerk(
  ctx: Context,
  input: { id: string; role?: string | null; agendas?: readonly string[] | null; disabled?: boolean | null },
): Promise<User> {
  const viewer = requireViewer(ctx, ["ADMIN"]);
  if (!isUuid(input.id)) throw new NotFoundError();
  const data = parseInput(updateClerkSchema, input);
  const clerk = await ctx.db.user.findFirst({ where: { id: input.id, role: { in: [...STAFF_ROLES] } } });
  if (!clerk) throw new NotFoundError();
  if (clerk.id === viewer.userId) {
    if (data.role && data.role !== "ADMIN") throw ValidationError.field("role", "field.selfDemotion", "SELF_DEMOTION");
    if (data.disabled) throw ValidationError.field("disabled", "field.selfDemotion", "SELF_DEMOTION");
  }
  const now = ctx.clock.now();
  const disabledAt = data.disabled == null ? undefined : data.disabled ? (clerk.disabledAt ?? now) : null;
  const updated = await ctx.db.user.update({
    where: { id: clerk.id },
    data: {
      ...(data.role ? { role: data.role } : {}),
      ...(data.agendas ? { agendas: [...new Set(data.agendas)] } : {}),
      ...(disabledAt !== undefined ? { disabledAt } : {}),
    },
  });
  if (updated.disabledAt && !clerk.disabledAt) await ctx.db.session.deleteMany({ where: { userId: clerk.id } });
  await recordAudit(ctx, {
    action: "clerk.updated",
    subjectType: "User",
    subjectId: clerk.id,
    details: {
      before: { role: clerk.role, agendas: clerk.agendas, disabled: clerk.disabledAt !== null },
      after: { role: updated.role, agendas: updated.agendas, disabled: updated.disabledAt !== null },
    },
  });
  return updated;
}
