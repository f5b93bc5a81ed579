import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, TooManyAttemptsError, ValidationError } from "../../errors.ts";
import { safeEqual } from "../../lib/tokens.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { getNotificationPreferences, type NotificationPreferences } from "./get-notification-preferences.ts";
import { phoneCodeHash } from "./start-phone-verification.ts";

/** Wrong codes tolerated per code sent: a 6-digit code is not guessable in five tries. */
export const PHONE_CODE_MAX_ATTEMPTS = 5;

const schema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: "field.phoneCodeFormat" }),
});

/**
 * Confirms the citizen's number with the newest code sent to it: SMS go to it from now on (for the
 * alerts and messages the citizen chose SMS for). Each try counts (atomically), whatever its outcome.
 */
export async function confirmPhoneVerification(ctx: Context, codeInput: string): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  const { code } = parseInput(schema, { code: codeInput });
  const now = ctx.clock.now();
  const verification = await ctx.db.phoneVerification.findFirst({
    where: { userId, verifiedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  if (!verification) throw ValidationError.field("code", "field.phoneCodeExpired", "EXPIRED");
  const counted = await ctx.db.phoneVerification.updateMany({
    where: { id: verification.id, attempts: { lt: PHONE_CODE_MAX_ATTEMPTS }, verifiedAt: null },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count === 0)
    throw new TooManyAttemptsError(Math.max(60, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000)));
  if (!safeEqual(phoneCodeHash(userId, code), verification.codeHash)) {
    throw ValidationError.field("code", "field.phoneCodeWrong", "WRONG_CODE", {
      left: PHONE_CODE_MAX_ATTEMPTS - verification.attempts - 1,
    });
  }

  await ctx.db.$transaction(async (tx) => {
    const done = await tx.phoneVerification.updateMany({ where: { id: verification.id, verifiedAt: null }, data: { verifiedAt: now } });
    if (done.count === 0) return;
    await tx.notificationProfile.upsert({
      where: { userId },
      create: { userId, municipalityId: ctx.municipality.id, smsPhone: verification.phone, smsPhoneVerifiedAt: now },
      update: { smsPhone: verification.phone, smsPhoneVerifiedAt: now },
    });
    await recordAudit({ ...ctx, db: tx as never }, { action: "notifications.phone_verified", subjectType: "User", subjectId: userId });
  });
  return getNotificationPreferences(ctx, userId);
}
