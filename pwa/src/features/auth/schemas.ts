import { z } from "zod";

// Messages are i18n keys, translated when shown (components/form.tsx), so they follow the UI language.
// Limits mirror the API's; the API re-checks everything and its field errors win.
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 128;
const PHONE_PATTERN = /^\+?[0-9 ]{9,17}$/;

export const email = z.string().trim().min(1, "validation.required").pipe(z.email("validation.email"));
export const requiredText = z.string().trim().min(1, "validation.required").max(200, "validation.tooLong");
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "validation.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "validation.tooLong");
export const phone = z
  .string()
  .trim()
  .refine((value) => value === "" || PHONE_PATTERN.test(value), "validation.phone");
export const locale = z.enum(["cs", "en"]);

export const loginSchema = z.object({ email, password: z.string().min(1, "validation.required") });
export const registerSchema = z.object({ fullName: requiredText, email, phone, password: newPassword });
export const requestResetSchema = z.object({ email });
export const resetPasswordSchema = z.object({ newPassword });
