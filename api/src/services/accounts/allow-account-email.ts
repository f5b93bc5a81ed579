import type { PrismaTransactionLike } from "pg-boss";
import type { Context } from "../../context.ts";
import { TooManyAttemptsError } from "../../errors.ts";
import type { AccountEmailAction } from "../../generated/prisma/client.ts";

/**
 * Limits the account e-mails anyone can cause without a session (sign-up, password reset,
 * verification resent at login), in a sliding window kept in the database so that it holds across
 * instances:
 * - per client address: ACCOUNT_EMAIL_MAX_PER_IP requests per window, all kinds and towns together;
 *   past it the request is refused with TooManyAttemptsError (or, with `refuseOverIpLimit: false`,
 *   silently sends nothing);
 * - per e-mail address and kind: ACCOUNT_EMAIL_MAX_PER_ADDRESS e-mails per window, at least
 *   ACCOUNT_EMAIL_COOLDOWN_MINUTES apart. Past that the request is answered as usual and sends
 *   nothing: the limit counts requests for the address, never whether it has an account, so it
 *   answers alike for known and unknown addresses.
 *
 * Returns whether the e-mail may be sent. Transaction-scoped advisory locks on the client address
 * and on the e-mail address make count-and-record atomic: of parallel requests, exactly as many as
 * the limits allow get through.
 */
export async function allowAccountEmail(
  ctx: Pick<Context, "services" | "municipality" | "meta" | "clock">,
  action: AccountEmailAction,
  email: string,
  options: {
    refuseOverIpLimit: boolean;
    /** Runs in the limit's transaction when the e-mail is allowed (queue it there: both commit together). */
    whenAllowed?: (tx: PrismaTransactionLike) => Promise<void>;
  },
): Promise<boolean> {
  const config = ctx.services.config;
  const now = ctx.clock.now();
  const windowMs = config.ACCOUNT_EMAIL_WINDOW_MINUTES * 60_000;
  const cooldownMs = config.ACCOUNT_EMAIL_COOLDOWN_MINUTES * 60_000;
  const municipalityId = ctx.municipality.id;
  const ip = ctx.meta.ip;
  // The client address counts across municipalities, so this uses the unscoped client.
  const outcome = await ctx.services.database.prisma.$transaction(
    async (tx) => {
      // Always in this order (address of the client, then e-mail address): no two requests wait on each other in a cycle.
      if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account-email-ip:${ip}`}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account-email:${municipalityId}:${action}:${email}`}))`;
      if (ip) {
        const [limiting] = await tx.accountEmailRequest.findMany({
          where: { ip, createdAt: { gt: new Date(now.getTime() - windowMs) } },
          orderBy: { createdAt: "desc" },
          skip: config.ACCOUNT_EMAIL_MAX_PER_IP - 1,
          take: 1,
          select: { createdAt: true },
        });
        // Refused requests are not recorded: the client is free again once its window has slid by.
        if (limiting) {
          return {
            emailAllowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((limiting.createdAt.getTime() + windowMs - now.getTime()) / 1000)),
          };
        }
      }
      const sent = await tx.accountEmailRequest.findMany({
        where: {
          municipalityId,
          action,
          email,
          emailAllowed: true,
          createdAt: { gt: new Date(now.getTime() - Math.max(windowMs, cooldownMs)) },
        },
        orderBy: { createdAt: "desc" },
        take: config.ACCOUNT_EMAIL_MAX_PER_ADDRESS,
        select: { createdAt: true },
      });
      const inWindow = sent.filter((request) => request.createdAt.getTime() > now.getTime() - windowMs).length;
      const coolingDown = sent[0] !== undefined && sent[0].createdAt.getTime() > now.getTime() - cooldownMs;
      const emailAllowed = inWindow < config.ACCOUNT_EMAIL_MAX_PER_ADDRESS && !coolingDown;
      await tx.accountEmailRequest.create({ data: { municipalityId, action, email, ip, emailAllowed, createdAt: now } });
      if (emailAllowed) await options.whenAllowed?.(tx);
      return { emailAllowed, retryAfterSeconds: undefined };
      // A burst queues on the locks; each holder is done in a few statements, so waiting is short but
      // may exceed Prisma's 2-second default for getting a connection under load.
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
  if (outcome.retryAfterSeconds === undefined) return outcome.emailAllowed;
  if (options.refuseOverIpLimit) throw new TooManyAttemptsError(outcome.retryAfterSeconds, "error.tooManyRequests");
  return false;
}
