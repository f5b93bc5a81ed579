import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { sha256, randomToken } from "../../lib/tokens.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkNewPassword, newPasswordSchema, emailSchema, fullNameSchema, localeSchema, phoneSchema } from "./account-rules.ts";
import { EMAIL_TOKEN_VALIDITY_HOURS } from "./issue-email-token.ts";
import { isUniqueViolation } from "./is-unique-violation.ts";
import { hashPassword } from "./password.ts";
import { portalLink } from "./portal-link.ts";
import { sendAccountEmail } from "./send-account-email.ts";

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
 * out who is registered.
 */
export async function registerCitizen(ctx: Context, input: RegisterCitizenInput): Promise<{ email: string }> {
  const data = parseInput(registerSchema, input);
  const locale = data.locale ?? ctx.locale;
  const passwordHash = await hashPassword(data.password);
  const verifyToken = randomToken(32);
  const now = ctx.clock.now();
  try {
    // One statement creates the user and the token: a failed e-mail never leaves half an account.
    const user = await ctx.db.user.create({
      data: {
        municipalityId: ctx.municipality.id,
        email: data.email,
        passwordHash,
        fullName: data.fullName,
        phone: data.phone,
        locale,
        role: "CITIZEN",
        createdAt: now,
        emailTokens: {
          create: {
            purpose: "VERIFY_EMAIL",
            tokenHash: sha256(verifyToken),
            createdAt: now,
            expiresAt: new Date(now.getTime() + EMAIL_TOKEN_VALIDITY_HOURS.VERIFY_EMAIL * 3_600_000),
          },
        },
      },
    });
    await recordAudit(ctx, {
      action: "user.created",
      subjectType: "User",
      subjectId: user.id,
      actorUserId: user.id,
      details: { role: "CITIZEN" },
    });
    await sendAccountEmail(ctx, {
      to: user.email,
      locale,
      template: "verify",
      params: { link: portalLink(ctx, "/overeni-emailu", { token: verifyToken }) },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const owner = await ctx.db.user.findUnique({
      where: { municipalityId_email: { municipalityId: ctx.municipality.id, email: data.email } },
      select: { email: true, locale: true, disabledAt: true },
    });
    if (owner && !owner.disabledAt) {
      await sendAccountEmail(ctx, {
        to: owner.email,
        locale: owner.locale,
        template: "exists",
        params: { loginLink: portalLink(ctx, "/prihlaseni"), resetLink: portalLink(ctx, "/zapomenute-heslo") },
      });
    }
  }
  return { email: data.email };
}
