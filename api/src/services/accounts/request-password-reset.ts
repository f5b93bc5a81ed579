import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { emailSchema } from "./account-rules.ts";
import { allowAccountEmail } from "./allow-account-email.ts";
import { enqueueAccountEmail } from "./enqueue-account-email.ts";
import { portalLink } from "./portal-link.ts";

const requestResetSchema = z.object({ email: emailSchema });

/**
 * E-mails a password-reset link (valid 1 hour) when the address has an active account. The request
 * does the same work whatever the address: it applies the rate limits and queues one job; the job
 * looks the account up and writes (or does not). So neither the answer nor its timing tells whether
 * the address is registered.
 */
export async function requestPasswordReset(ctx: Context, input: { email: string }): Promise<void> {
  const { email } = parseInput(requestResetSchema, input);
  const link = portalLink(ctx, "/obnova-hesla");
  await allowAccountEmail(ctx, "PASSWORD_RESET", email, {
    refuseOverIpLimit: true,
    whenAllowed: (tx) => enqueueAccountEmail(ctx, { template: "reset", email, link }, tx),
  });
}
