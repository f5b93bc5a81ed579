import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import { Agenda, type User } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { emailSchema, fullNameSchema, STAFF_ROLES } from "./account-rules.ts";
import { isUniqueViolation } from "./is-unique-violation.ts";
import { portalLink } from "./portal-link.ts";
import { requireViewer } from "./require-viewer.ts";
import { enqueueAccountEmail } from "./enqueue-account-email.ts";

const createClerkSchema = z.object({
  email: emailSchema,
  fullName: fullNameSchema,
  role: z.enum(STAFF_ROLES, { message: "field.invalid" }),
  agendas: z.array(z.enum(Object.values(Agenda) as [Agenda, ...Agenda[]], { message: "field.invalid" })).max(20),
});

/**
 * An admin creates a clerk (or another admin). The account has no password: the invitation e-mail
 * carries a link to set one (a reset token valid 48 hours), which also confirms the address.
 */
export async function createClerk(
  ctx: Context,
  input: { email: string; fullName: string; role: string; agendas: readonly string[] },
): Promise<User> {
  requireViewer(ctx, ["ADMIN"]);
  const data = parseInput(createClerkSchema, input);
  let user: User;
  try {
    // The account and its invitation e-mail commit together.
    user = await ctx.db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          municipalityId: ctx.municipality.id,
          email: data.email,
          passwordHash: null,
          fullName: data.fullName,
          role: data.role,
          agendas: [...new Set(data.agendas)],
          locale: "cs",
          createdAt: ctx.clock.now(),
        },
      });
      await enqueueAccountEmail(ctx, { template: "clerkInvite", userId: created.id, link: portalLink(ctx, "/obnova-hesla") }, tx);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("email", "field.emailTaken", "EMAIL_TAKEN");
    throw error;
  }
  await recordAudit(ctx, {
    action: "user.created",
    subjectType: "User",
    subjectId: user.id,
    details: { role: user.role, agendas: user.agendas },
  });
  return user;
}
