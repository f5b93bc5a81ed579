import { z } from "zod";
import { locales, type MessageKey } from "../../i18n/messages.ts";
import { COMMON_PASSWORDS } from "./common-passwords.ts";

// The rules for account fields, shared by every account service (and meant to be shared with the
// PWA's forms). Custom messages are message keys; parseInput turns them into field errors.

/** Roles an admin may give to staff accounts. */
export const STAFF_ROLES = ["CLERK", "ADMIN"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from decoded global ids: anything that is not a UUID cannot exist. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Trimmed and lower-cased: e-mails are unique per municipality regardless of case. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: "field.required", abort: true })
  .max(254, { message: "field.tooLong", abort: true })
  .pipe(z.email({ message: "field.email" }));

export const fullNameSchema = z.string().trim().min(1, { message: "field.required", abort: true }).max(200, { message: "field.tooLong" });

/**
 * Optional phone number: "+420 601 123 456", "601123456" (Czech, +420 assumed) or any
 * international number ("+44 20 7946 0958", "0044..."). Stored as + and digits only.
 */
export const phoneSchema = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    const compact = (value ?? "").replace(/[\s\-()./]/g, "");
    if (compact === "") return null;
    if (/^\d{9}$/.test(compact)) return `+420${compact}`;
    const international = /^(?:\+|00)([1-9]\d{7,14})$/.exec(compact);
    if (international) return `+${international[1]}`;
    ctx.addIssue({ code: "custom", message: "field.phone" });
    return z.NEVER;
  });

export const localeSchema = z.enum(locales, { message: "field.locale" });

/** Any string up to the maximum length; used where a password is checked, not chosen. */
export const presentedPasswordSchema = z
  .string()
  .min(1, { message: "field.required", abort: true })
  .max(PASSWORD_MAX_LENGTH, { message: "field.passwordTooLong" });

/** Why a new password is unacceptable, or null when it is fine. */
export function passwordProblem(password: string, email: string | null): MessageKey | null {
  if (password.length > PASSWORD_MAX_LENGTH) return "field.passwordTooLong";
  if (password.trim().length === 0) return "field.required";
  if (password.length < PASSWORD_MIN_LENGTH) return "field.passwordWeak";
  const lowered = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lowered)) return "field.passwordWeak";
  if (new Set(lowered).size < 4) return "field.passwordWeak";
  const localPart = email?.split("@")[0]?.toLowerCase() ?? "";
  if (localPart.length >= 3 && lowered.includes(localPart)) return "field.passwordWeak";
  return null;
}

/**
 * A new password: length and common-password rules on the field itself (reported together with
 * the other fields' errors); the "contains your e-mail" rule needs the e-mail, see checkNewPassword.
 */
export const newPasswordSchema = z.string().superRefine((password, ctx) => {
  const problem = passwordProblem(password, null);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Adds a field issue when a new password contains the e-mail (object-level zod superRefine helper). */
export function checkNewPassword(ctx: z.RefinementCtx, path: string, password: unknown, email: string | null): void {
  // The other rules are the field's own (newPasswordSchema): report each problem once.
  if (typeof password !== "string" || passwordProblem(password, null)) return;
  const problem = passwordProblem(password, email);
  if (problem) ctx.addIssue({ code: "custom", path: [path], message: problem });
}
