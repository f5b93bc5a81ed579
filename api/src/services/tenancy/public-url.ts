import { z } from "zod";
import { publicOriginOf } from "../../domain/public-url.ts";

/** A municipality's canonical public URL (see domain/public-url.ts), normalised to its origin. */
export const publicUrlSchema = z
  .string()
  .trim()
  .min(1, { message: "field.required" })
  .max(300, { message: "field.publicUrl" })
  .transform((value, context) => {
    const origin = publicOriginOf(value);
    if (!origin) {
      context.addIssue({ code: "custom", message: "field.publicUrl" });
      return z.NEVER;
    }
    return origin;
  });

/** The host name (without port) that a public URL's requests arrive with. */
export function publicHostnameOf(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}
