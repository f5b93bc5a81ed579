import { z } from "zod";
import type { Context } from "../../context.ts";
import { hashAccessCode, normalizeAccessCode } from "../../domain/access-code.ts";
import { parseInput, TooManyAttemptsError, ValidationError } from "../../errors.ts";
import { safeEqual, sha256 } from "../../lib/tokens.ts";
import { recordAudit } from "../audit/record-audit.ts";

/**
 * Failed claims tolerated per user and per client address within the window. Five per user is plenty for
 * typing mistakes and makes guessing an 8-character code (32^8 ≈ 10^12) hopeless; the address limit is
 * higher because several people may share one (a household's router, a library).
 */
export const CLAIM_LIMITS = { windowMinutes: 60, perUser: 5, perIp: 20 } as const;

const claimSchema = z.object({
  variableSymbol: z
    .string()
    .trim()
    .min(1, { message: "field.required" })
    .regex(/^\d{1,10}$/, { message: "field.variableSymbol" }),
  accessCode: z
    .string()
    .min(1, { message: "field.required" })
    .max(64, { message: "field.claimInvalid" })
    .transform(normalizeAccessCode)
    .refine((code) => code.length > 0, { message: "field.required" }),
});

/** Compared against when no assessment has the symbol, so a wrong VS costs the same work as a wrong code. */
const NO_MATCH_HASH = sha256("assessment-access-code:no-such-assessment");

export interface ClaimedPayer {
  payer: { id: string; name: string; kind: "PERSON" | "HOUSEHOLD"; directDebit: boolean };
  alreadyLinked: boolean;
}

/**
 * Links the payer of the assessment with this variable symbol to the signed-in account, when the access code
 * printed on the paper assessment matches (PayerLink method CLAIM, audited). A wrong symbol and a wrong code
 * are the same field error, so nobody learns which symbols exist; every attempt first passes the rate limit
 * (CLAIM_LIMITS), decided atomically like the login's (services/accounts/log-in.ts). A payer already linked to
 * the account is a success that changes nothing.
 */
export async function claimPayer(ctx: Context, input: { variableSymbol: string; accessCode: string }): Promise<ClaimedPayer> {
  const userId = ctx.viewer!.userId;
  const { variableSymbol, accessCode } = parseInput(claimSchema, input);
  const now = ctx.clock.now();

  const reserved = await reserveClaimAttempt(ctx, userId, now);
  if (reserved.attemptId === null) {
    await recordAudit(ctx, {
      action: "account.payer_claim_failed",
      subjectType: "Payer",
      details: { variableSymbol, reason: "rate_limited" },
    });
    throw new TooManyAttemptsError(reserved.retryAfterSeconds);
  }

  // Several kinds may share a symbol (it is unique per kind); the code decides which one was printed.
  const candidates = await ctx.db.assessment.findMany({
    where: { variableSymbol },
    select: { id: true, payerId: true, accessCodeHash: true },
    orderBy: { createdAt: "asc" },
    take: 10,
  });
  const presented = hashAccessCode(accessCode);
  let match: (typeof candidates)[number] | null = null;
  // Every candidate is compared in constant time and none is skipped, whether or not an earlier one matched.
  for (const candidate of candidates.length > 0 ? candidates : [{ id: "", payerId: "", accessCodeHash: NO_MATCH_HASH }]) {
    const equal = safeEqual(presented, candidate.accessCodeHash ?? NO_MATCH_HASH);
    if (equal && candidate.accessCodeHash && !match) match = candidate;
  }
  if (!match) {
    await recordAudit(ctx, { action: "account.payer_claim_failed", subjectType: "Payer", details: { variableSymbol, reason: "no_match" } });
    throw ValidationError.field("accessCode", "field.claimInvalid", "CLAIM_INVALID");
  }

  const payerId = match.payerId;
  return ctx.db.$transaction(async (tx) => {
    await tx.payerClaimAttempt.updateMany({ where: { id: reserved.attemptId! }, data: { success: true } });
    const payer = await tx.payer.findUniqueOrThrow({
      where: { id: payerId },
      select: { id: true, name: true, kind: true, directDebit: true },
    });
    const created = await tx.payerLink.createMany({
      data: [{ payerId, userId, method: "CLAIM", linkedById: userId, createdAt: now }],
      skipDuplicates: true,
    });
    const alreadyLinked = created.count === 0;
    if (!alreadyLinked) {
      await recordAudit(
        { ...ctx, db: tx as unknown as Context["db"] },
        { action: "account.payer_claimed", subjectType: "Payer", subjectId: payerId, details: { variableSymbol, assessmentId: match.id } },
      );
    }
    return { payer, alreadyLinked };
  });
}

type ClaimTx = Parameters<Parameters<Context["db"]["$transaction"]>[0]>[0];

/**
 * Counts the failures of this user and of this client address in the window under transaction-scoped advisory
 * locks (user first, address second: always that order, so two attempts cannot deadlock), and when neither is
 * over its limit records this attempt as a failure before the code is checked. Parallel attempts queue for the
 * decision, so a burst gets no more than the limit of checks.
 */
async function reserveClaimAttempt(
  ctx: Context,
  userId: string,
  now: Date,
): Promise<{ attemptId: bigint | null; retryAfterSeconds: number }> {
  const ip = ctx.meta.ip;
  const municipalityId = ctx.municipality.id;
  const windowMs = CLAIM_LIMITS.windowMinutes * 60_000;
  const windowStart = new Date(now.getTime() - windowMs);
  return ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`payer-claim:${userId}`}, 0))`;
      if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`payer-claim-ip:${ip}`}, 0))`;
      const unlockAt = Math.max(
        await nthFailureUnlock(tx, { userId }, CLAIM_LIMITS.perUser, windowStart, windowMs),
        ip ? await nthFailureUnlock(tx, { ip }, CLAIM_LIMITS.perIp, windowStart, windowMs) : 0,
      );
      if (unlockAt > now.getTime()) return { attemptId: null, retryAfterSeconds: Math.ceil((unlockAt - now.getTime()) / 1000) };
      const attempt = await tx.payerClaimAttempt.create({
        data: { municipalityId, userId, ip, success: false, createdAt: now },
        select: { id: true },
      });
      return { attemptId: attempt.id, retryAfterSeconds: 0 };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** When the limit's oldest counted failure leaves the window (0 when under the limit). */
async function nthFailureUnlock(
  tx: ClaimTx,
  who: { userId: string } | { ip: string },
  limit: number,
  windowStart: Date,
  windowMs: number,
): Promise<number> {
  const failures = await tx.payerClaimAttempt.findMany({
    where: { ...who, success: false, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    skip: limit - 1,
    take: 1,
    select: { createdAt: true },
  });
  return failures[0] ? failures[0].createdAt.getTime() + windowMs : 0;
}
