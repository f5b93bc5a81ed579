import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { AlertSeverity, NotificationChannel } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";

/** The furthest ahead an alert may be scheduled, and the longest validity. */
export const ALERT_LIMITS = { scheduleDaysAhead: 366, validityDays: 366, topics: 20, areas: 100 } as const;

export interface AlertContentInput {
  severity: AlertSeverity;
  titleCs: string;
  bodyCs: string;
  titleEn?: string | null;
  bodyEn?: string | null;
  topicIds: string[];
  areaIds: string[];
  channels: NotificationChannel[];
  validFrom?: Date | null;
  validTo?: Date | null;
  scheduledAt?: Date | null;
}

export interface CheckedAlert {
  severity: AlertSeverity;
  titleCs: string;
  bodyCs: string;
  titleEn: string | null;
  bodyEn: string | null;
  topicIds: string[];
  /** Empty: the whole town. */
  areaIds: string[];
  channels: NotificationChannel[];
  validFrom: Date;
  validTo: Date | null;
  scheduledAt: Date;
  sendNow: boolean;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

const contentSchema = z.object({
  titleCs: z.string().trim().min(1, { message: "field.required" }).max(150),
  bodyCs: z.string().trim().min(1, { message: "field.required" }).max(5000),
  titleEn: optionalText(150),
  bodyEn: optionalText(5000),
});

/**
 * Checks an alert's audience: known, current topics and areas of this town (a forged id of another town's
 * is "unknown", like a made-up one), at least one topic (unless only counting) and one channel.
 */
export async function checkAudience(
  ctx: Pick<Context, "db">,
  input: { topicIds: string[]; areaIds: string[]; channels: NotificationChannel[] },
  options: { requireTopics: boolean },
): Promise<{ topicIds: string[]; areaIds: string[]; channels: NotificationChannel[] }> {
  const issues: FieldIssue[] = [];
  const topicIds = [...new Set(input.topicIds.map((id) => id.toLowerCase()))];
  const areaIds = [...new Set(input.areaIds.map((id) => id.toLowerCase()))];
  const channels = [...new Set(input.channels)];
  if (options.requireTopics && topicIds.length === 0)
    issues.push({ path: ["topicIds"], code: "REQUIRED", messageKey: "field.alertTopicRequired" });
  if (topicIds.length > ALERT_LIMITS.topics)
    issues.push({ path: ["topicIds"], code: "TOO_BIG", messageKey: "field.tooManyItems", params: { max: ALERT_LIMITS.topics } });
  if (areaIds.length > ALERT_LIMITS.areas)
    issues.push({ path: ["areaIds"], code: "TOO_BIG", messageKey: "field.tooManyItems", params: { max: ALERT_LIMITS.areas } });
  if (options.requireTopics && channels.length === 0)
    issues.push({ path: ["channels"], code: "REQUIRED", messageKey: "field.alertChannelRequired" });
  if (issues.length > 0) throw new ValidationError(issues);

  const [topics, areas] = await Promise.all([
    topicIds.every(isUuid)
      ? ctx.db.notificationTopic.findMany({ where: { id: { in: topicIds }, archivedAt: null }, select: { id: true } })
      : Promise.resolve(null),
    areaIds.every(isUuid)
      ? ctx.db.notificationArea.findMany({ where: { id: { in: areaIds }, archivedAt: null }, select: { id: true, kind: true } })
      : Promise.resolve(null),
  ]);
  if (!topics || topics.length !== topicIds.length)
    issues.push({ path: ["topicIds"], code: "UNKNOWN", messageKey: "field.alertUnknownTopic" });
  if (!areas || areas.length !== areaIds.length) issues.push({ path: ["areaIds"], code: "UNKNOWN", messageKey: "field.alertUnknownArea" });
  if (issues.length > 0) throw new ValidationError(issues);
  // The whole town's area is the same as no areas: stored as none.
  const wholeTown = areas!.some((area) => area.kind === "TOWN");
  return { topicIds, areaIds: wholeTown ? [] : areaIds, channels };
}

/** Validates a composed alert: texts, audience, schedule and validity, with field-level messages. */
export async function checkAlertInput(ctx: Pick<Context, "db" | "clock">, input: AlertContentInput): Promise<CheckedAlert> {
  const content = parseInput(contentSchema, input);
  const audience = await checkAudience(ctx, input, { requireTopics: true });
  const now = ctx.clock.now();
  const issues: FieldIssue[] = [];
  // A moment a minute or so in the past (a slow form, clock skew) still means "now".
  const sendNow = !input.scheduledAt || input.scheduledAt.getTime() <= now.getTime() + 60_000;
  if (input.scheduledAt && input.scheduledAt.getTime() < now.getTime() - 5 * 60_000) {
    issues.push({ path: ["scheduledAt"], code: "IN_PAST", messageKey: "field.dateInPast" });
  }
  if (input.scheduledAt && input.scheduledAt.getTime() > now.getTime() + ALERT_LIMITS.scheduleDaysAhead * 86_400_000) {
    issues.push({
      path: ["scheduledAt"],
      code: "TOO_FAR",
      messageKey: "field.alertTooFarAhead",
      params: { days: ALERT_LIMITS.scheduleDaysAhead },
    });
  }
  const scheduledAt = sendNow ? now : input.scheduledAt!;
  const validFrom = input.validFrom ?? scheduledAt;
  const validTo = input.validTo ?? null;
  if (validTo && validTo.getTime() <= validFrom.getTime())
    issues.push({ path: ["validTo"], code: "BEFORE_START", messageKey: "field.alertValidToBeforeFrom" });
  if (validTo && validTo.getTime() <= scheduledAt.getTime())
    issues.push({ path: ["validTo"], code: "IN_PAST", messageKey: "field.alertEndsBeforeSending" });
  if (validTo && validTo.getTime() - validFrom.getTime() > ALERT_LIMITS.validityDays * 86_400_000) {
    issues.push({
      path: ["validTo"],
      code: "TOO_LONG",
      messageKey: "field.alertValidityTooLong",
      params: { days: ALERT_LIMITS.validityDays },
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { severity: input.severity, ...content, ...audience, validFrom, validTo, scheduledAt, sendNow };
}
