import type { AppServices } from "../../context.ts";
import { CLAIM_LIMITS } from "../account/claim-payer.ts";
import { LOGIN_LIMITS } from "./log-in.ts";

/**
 * Deletes the login attempts, account e-mail requests and payer claim attempts that no limit looks at any more (older
 * than the longest window that reads them), so the tables behind the rate limits stay small.
 */
export async function pruneLimitRecords(
  services: Pick<AppServices, "database" | "clock" | "config" | "logger">,
): Promise<{ loginAttempts: number; accountEmailRequests: number; payerClaimAttempts: number }> {
  const now = services.clock.now().getTime();
  const { config } = services;
  const loginCutoff = new Date(now - LOGIN_LIMITS.windowMinutes * 60_000);
  const emailCutoff = new Date(now - Math.max(config.ACCOUNT_EMAIL_WINDOW_MINUTES, config.ACCOUNT_EMAIL_COOLDOWN_MINUTES) * 60_000);
  const { prisma } = services.database;
  const loginAttempts = await prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: loginCutoff } } });
  const accountEmailRequests = await prisma.accountEmailRequest.deleteMany({ where: { createdAt: { lt: emailCutoff } } });
  const claimCutoff = new Date(now - CLAIM_LIMITS.windowMinutes * 60_000);
  const payerClaimAttempts = await prisma.payerClaimAttempt.deleteMany({ where: { createdAt: { lt: claimCutoff } } });
  const pruned = {
    loginAttempts: loginAttempts.count,
    accountEmailRequests: accountEmailRequests.count,
    payerClaimAttempts: payerClaimAttempts.count,
  };
  if (pruned.loginAttempts + pruned.accountEmailRequests + pruned.payerClaimAttempts > 0)
    services.logger.info(pruned, "expired rate-limit records deleted");
  return pruned;
}
