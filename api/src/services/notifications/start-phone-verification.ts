import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, TooManyAttemptsError } from "../../errors.ts";
import { translate } from "../../i18n/messages.ts";
import { enqueueDeliveries } from "../../jobs/notification-delivery.ts";
import { sha256 } from "../../lib/tokens.ts";
import { phoneSchema } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";

export const PHONE_CODE_VALIDITY_MINUTES = 10;
/** Codes one client address may ask for within an hour (several citizens may share an address). */
const PER_IP_PER_HOUR = 10;

export interface PhoneVerificationStarted {
  phone: string;
  expiresAt: Date;
}

const schema = z.object({
  phone: phoneSchema
    .refine((value) => value !== null, { message: "field.required" })
    // A Czech number must be a mobile one (6xx or 7xx) to receive SMS.
    .refine((value) => !value?.startsWith("+420") || /^\+420[67]/.test(value), { message: "field.phoneNotMobile" }),
});

export function phoneCodeHash(userId: string, code: string): string {
  return sha256(`phone-code:${userId}:${code}`);
}

/**
 * Sends a 6-digit code by SMS to the number the citizen wants SMS at. Rate limited per citizen
 * (PHONE_CODE_MAX_PER_HOUR, at least PHONE_CODE_COOLDOWN_SECONDS apart), per number (the same limit: a
 * number cannot be flooded from many accounts) and per client address; the check and the new code are one
 * transaction under a per-citizen lock, so parallel requests cannot slip past the limit. The SMS goes
 * through the delivery job like every message (the outbox in demo mode); only the code's hash is kept.
 */
export async function startPhoneVerification(ctx: Context, phoneInput: string): Promise<PhoneVerificationStarted> {
  const userId = ctx.viewer!.userId;
  const { phone } = parseInput(schema, { phone: phoneInput });
  const number = phone!;
  const { PHONE_CODE_MAX_PER_HOUR: maxPerHour, PHONE_CODE_COOLDOWN_SECONDS: cooldown } = ctx.services.config;
  const now = ctx.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const expiresAt = new Date(now.getTime() + PHONE_CODE_VALIDITY_MINUTES * 60_000);

  const result = await ctx.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`phone-code:${userId}`}))`;
    const [byUser, byPhone, byIp, latest] = await Promise.all([
      tx.phoneVerification.count({ where: { userId, createdAt: { gt: hourAgo } } }),
      tx.phoneVerification.count({ where: { phone: number, createdAt: { gt: hourAgo } } }),
      ctx.meta.ip ? tx.phoneVerification.count({ where: { ip: ctx.meta.ip, createdAt: { gt: hourAgo } } }) : 0,
      tx.phoneVerification.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    ]);
    const cooling = latest ? latest.createdAt.getTime() + cooldown * 1000 - now.getTime() : 0;
    if (byUser >= maxPerHour || byPhone >= maxPerHour || byIp >= PER_IP_PER_HOUR) return { limited: 3600 } as const;
    if (cooling > 0) return { limited: Math.ceil(cooling / 1000) } as const;

    const verification = await tx.phoneVerification.create({
      data: {
        municipalityId: ctx.municipality.id,
        userId,
        phone: number,
        codeHash: phoneCodeHash(userId, code),
        expiresAt,
        ip: ctx.meta.ip,
        createdAt: now,
      },
    });
    const params = { town: ctx.municipality.name, code, minutes: PHONE_CODE_VALIDITY_MINUTES };
    const message = await tx.message.create({
      data: {
        municipalityId: ctx.municipality.id,
        kind: "PHONE_VERIFICATION",
        dedupKey: `phone-verification:${verification.id}`,
        userId,
        subjectCs: translate("cs", "notifications.phoneCodeSubject"),
        bodyCs: translate("cs", "sms.phoneCode", params),
        subjectEn: translate("en", "notifications.phoneCodeSubject"),
        bodyEn: translate("en", "sms.phoneCode", params),
        path: "/muj-ucet/upozorneni",
        createdAt: now,
      },
    });
    const delivery = await tx.messageDelivery.create({
      data: {
        municipalityId: ctx.municipality.id,
        messageId: message.id,
        userId,
        channel: "SMS",
        recipientKey: userId,
        address: number,
        createdAt: now,
      },
    });
    await enqueueDeliveries(ctx.services, ctx.municipality.id, [delivery.id], { tx });
    await recordAudit({ ...ctx, db: tx as never }, { action: "notifications.phone_code_sent", subjectType: "User", subjectId: userId });
    return { limited: 0 } as const;
  });
  if (result.limited > 0) throw new TooManyAttemptsError(result.limited, "error.tooManyRequests");
  return { phone: number, expiresAt };
}
