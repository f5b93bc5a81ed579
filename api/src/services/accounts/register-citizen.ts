import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkNewPassword, newPasswordSchema, emailSchema, fullNameSchema, localeSchema, phoneSchema } from "./account-rules.ts";
import { allowAccountEmail } from "./allow-account-email.ts";
import { enqueueAccountEmail } from "./enqueue-account-email.ts";
import { hashPassword } from "./password.ts";
import { portalLink } from "./portal-link.ts";

export interface RegisterCitizenInput {
  email: string;
  password: string;
  fullName: string;
  phone?: string | null;
  locale?: string | null;
}

const registerSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    fullName: fullNameSchema,
    phone: phoneSchema,
    locale: localeSchema.nullish(),
  })
  .superRefine((input, ctx) => checkNewPassword(ctx, "password", input.password, typeof input.email === "string" ? input.email : null));

/**
 * Registers a citizen (unverified) and e-mails the verification link. An e-mail that already has an
 * account gets the same answer, in about the same time (the password is hashed either way), and
 * its owner gets a "you already have an account" e-mail instead: the form cannot be used to find
 * out who is registered. The e-mail is queued in the transaction that creates the account, and is
 * subject to the account e-mail limits (allowAccountEmail).
 */
export async function registerCitizen(ctx: Context, input: RegisterCitizenInput): Promise<{ email: string }> {
  const data = parseInput(registerSchema, input);
  const locale = data.locale ?? ctx.locale;
  // Before the password hash: a client over its limit costs no hashing.
  const emailAllowed = await allowAccountEmail(ctx, "REGISTER", data.email, { refuseOverIpLimit: true });
  const passwordHash = await hashPassword(data.password);
  const userId = randomUUID();
  const created = await ctx.db.$transaction(async (tx) => {
    // skipDuplicates (ON CONFLICT DO NOTHING) instead of catching a unique violation, which would
    // abort the transaction the e-mail is queued in.
    const { count } = await tx.user.createMany({
      data: [
        {
          id: userId,
          municipalityId: ctx.municipality.id,
          email: data.email,
          passwordHash,
          fullName: data.fullName,
          phone: data.phone,
          locale,
          role: "CITIZEN",
          createdAt: ctx.clock.now(),
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) {
      if (emailAllowed) await enqueueAccountEmail(ctx, { template: "verify", userId, link: portalLink(ctx, "/overeni-emailu") }, tx);
      return true;
    }
    if (emailAllowed) {
      const owner = await tx.user.findUnique({
        where: { municipalityId_email: { municipalityId: ctx.municipality.id, email: data.email } },
        select: { id: true },
      });
      if (owner) {
        const links = { loginLink: portalLink(ctx, "/prihlaseni"), resetLink: portalLink(ctx, "/zapomenute-heslo") };
        await enqueueAccountEmail(ctx, { template: "exists", userId: owner.id, ...links }, tx);
      }
    }
    return false;
  });
  if (created) {
    await recordAudit(ctx, {
      action: "user.created",
      subjectType: "User",
      subjectId: userId,
      actorUserId: userId,
      details: { role: "CITIZEN" },
    });
  }
  return { email: data.email };
}
