import { z } from "zod";
import type { Context } from "../../context.ts";
import { InvalidCredentialsError, parseInput, TooManyAttemptsError, ValidationError } from "../../errors.ts";
import type { User } from "../../generated/prisma/client.ts";
import { CSRF_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from "../../lib/cookies.ts";
import { randomToken, sha256 } from "../../lib/tokens.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { emailSchema, presentedPasswordSchema } from "./account-rules.ts";
import { dummyPasswordHash, verifyPassword } from "./password.ts";
import { portalLink } from "./portal-link.ts";
import { allowAccountEmail } from "./allow-account-email.ts";
import { enqueueAccountEmail } from "./enqueue-account-email.ts";

/** Failed logins tolerated per (municipality, e-mail) and per client address within the window. */
export const LOGIN_LIMITS = { windowMinutes: 15, perEmail: 10, perIp: 50 } as const;

const loginSchema = z.object({ email: emailSchema, password: presentedPasswordSchema });

/**
 * Checks the credentials and starts a new session (rotation: the session the browser presented,
 * if any, is ended). Unknown e-mails cost a password verification too, and answer exactly as a
 * wrong password does. Too many failures lock the e-mail (and a noisy address) for a while; a
 * correct password does not get through a lock.
 */
export async function logIn(ctx: Context, input: { email: string; password: string }): Promise<User> {
  const { email, password } = parseInput(loginSchema, input);
  const now = ctx.clock.now();

  const { retryAfterSeconds, attemptId } = await reserveLoginAttempt(ctx, email, now);
  if (attemptId === null) {
    await recordAudit(ctx, {
      action: "auth.login_failed",
      subjectType: "User",
      details: { email, reason: "rate_limited" },
      actorUserId: null,
    });
    throw new TooManyAttemptsError(retryAfterSeconds);
  }

  const user = await ctx.db.user.findUnique({ where: { municipalityId_email: { municipalityId: ctx.municipality.id, email } } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !passwordOk || user.disabledAt) {
    // The reserved attempt stays a failure.
    const reason = !user ? "unknown_email" : user.disabledAt && passwordOk ? "disabled" : "wrong_password";
    await recordAudit(ctx, {
      action: "auth.login_failed",
      subjectType: "User",
      subjectId: user?.id,
      details: { email, reason },
      actorUserId: null,
    });
    throw new InvalidCredentialsError();
  }

  // The right password: the reserved attempt was no failure (a login below records it as the success).
  if (!user.emailVerifiedAt) await ctx.db.loginAttempt.deleteMany({ where: { id: attemptId } });
  if (!user.emailVerifiedAt) {
    // Only someone who knows the password learns that the address is unconfirmed. The link is
    // sent again within the account e-mail limits (a repeated login within them sends nothing).
    const link = portalLink(ctx, "/overeni-emailu");
    await allowAccountEmail(ctx, "VERIFY_RESEND", email, {
      refuseOverIpLimit: false,
      whenAllowed: (tx) => enqueueAccountEmail(ctx, { template: "verify", userId: user.id, link }, tx),
    });
    throw ValidationError.field("email", "field.emailUnverified", "EMAIL_UNVERIFIED");
  }

  const presented = parseCookies(ctx.request.headers.get("cookie")).get(SESSION_COOKIE);
  if (presented) await ctx.db.session.deleteMany({ where: { id: sha256(presented) } });

  const sessionToken = randomToken(32);
  const csrfToken = randomToken(32);
  const ttlHours = ctx.services.config.SESSION_TTL_HOURS;
  const session = await ctx.db.session.create({
    data: {
      id: sha256(sessionToken),
      municipalityId: ctx.municipality.id,
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ttlHours * 3_600_000),
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
    },
  });
  await ctx.db.loginAttempt.updateMany({ where: { id: attemptId }, data: { success: true } });
  const maxAgeSeconds = ttlHours * 3600;
  ctx.responseCookies.push(
    serializeCookie(SESSION_COOKIE, sessionToken, { httpOnly: true, secure: ctx.meta.secure, maxAgeSeconds }),
    serializeCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, secure: ctx.meta.secure, maxAgeSeconds }),
  );
  await recordAudit(ctx, { action: "auth.login", subjectType: "Session", subjectId: session.id.slice(0, 12), actorUserId: user.id });
  return user;
}

/**
 * Decides whether this attempt may check a password, atomically: under a transaction-scoped
 * advisory lock per (municipality, e-mail) and per client address, it counts the failures and, when
 * not locked, records this attempt as a failure before any password is checked. Concurrent attempts
 * for the same e-mail thus queue for the decision and each sees the ones before it, so a burst gets
 * at most the limit of real password checks (a count read before the check, as before, let every
 * parallel attempt through). A correct password turns the reserved failure into the success.
 * The locks are always taken e-mail first, address second, so two attempts cannot deadlock.
 */
async function reserveLoginAttempt(
  ctx: Context,
  email: string,
  now: Date,
): Promise<{ retryAfterSeconds: number; attemptId: bigint | null }> {
  const municipalityId = ctx.municipality.id;
  const ip = ctx.meta.ip;
  return ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login:${municipalityId}:${email}`}, 0))`;
    if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`login-ip:${ip}`}, 0))`;
    const retryAfterSeconds = await lockedForSeconds(tx, email, ip, now);
    if (retryAfterSeconds > 0) return { retryAfterSeconds, attemptId: null };
    const attempt = await tx.loginAttempt.create({
      data: { municipalityId, email, ip, success: false, createdAt: now },
      select: { id: true },
    });
    return { retryAfterSeconds: 0, attemptId: attempt.id };
    // Each decision is a few short statements; in a burst the queue for one e-mail (and the pool)
    // may take longer than Prisma's defaults (2 s to get a connection, 5 s in all).
  }, LOGIN_DECISION_TX);
}

const LOGIN_DECISION_TX = { maxWait: 15_000, timeout: 15_000 } as const;

type LoginTx = Parameters<Parameters<Context["db"]["$transaction"]>[0]>[0];

/**
 * Seconds until the next attempt may be made, 0 when not locked. The e-mail's counter restarts
 * after a successful login; the address counter does not (it catches spraying across e-mails).
 */
async function lockedForSeconds(tx: LoginTx, email: string, ip: string | null, now: Date): Promise<number> {
  const windowMs = LOGIN_LIMITS.windowMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  const lastSuccess = await tx.loginAttempt.findFirst({
    where: { email, success: true, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const emailFailures = await tx.loginAttempt.findMany({
    where: { email, success: false, createdAt: { gt: lastSuccess?.createdAt ?? windowStart } },
    orderBy: { createdAt: "desc" },
    take: LOGIN_LIMITS.perEmail,
    select: { createdAt: true },
  });
  let unlockAt = 0;
  if (emailFailures.length >= LOGIN_LIMITS.perEmail) unlockAt = emailFailures[LOGIN_LIMITS.perEmail - 1]!.createdAt.getTime() + windowMs;
  if (ip) {
    const ipFailures = await tx.loginAttempt.findMany({
      where: { ip, success: false, createdAt: { gt: windowStart } },
      orderBy: { createdAt: "desc" },
      skip: LOGIN_LIMITS.perIp - 1,
      take: 1,
      select: { createdAt: true },
    });
    if (ipFailures[0]) unlockAt = Math.max(unlockAt, ipFailures[0].createdAt.getTime() + windowMs);
  }
  return Math.max(0, Math.ceil((unlockAt - now.getTime()) / 1000));
}
