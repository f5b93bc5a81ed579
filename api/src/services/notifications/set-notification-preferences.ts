import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { MessageKind, NotificationChannel } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { getNotificationPreferences, type NotificationPreferences } from "./get-notification-preferences.ts";
import { channelListSchema, clockTimeSchema } from "./notification-rules.ts";

export const MAX_SUBSCRIPTIONS = 100;

const preferencesSchema = z
  .object({
    subscriptions: z
      .array(z.object({ topicId: z.string(), areaId: z.string(), channel: z.enum(["EMAIL", "PUSH", "SMS"]) }))
      .max(MAX_SUBSCRIPTIONS, { message: "field.tooManyItems" }),
    reminderChannels: channelListSchema,
    paymentChannels: channelListSchema,
    submissionChannels: channelListSchema,
    quietHoursStart: clockTimeSchema.nullish(),
    quietHoursEnd: clockTimeSchema.nullish(),
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.quietHoursStart) !== Boolean(value.quietHoursEnd)) {
      ctx.addIssue({
        code: "custom",
        path: [value.quietHoursStart ? "quietHoursEnd" : "quietHoursStart"],
        message: "field.quietHoursBoth",
      });
    }
  });

type Input = z.input<typeof preferencesSchema>;

const PERSONAL: { field: "reminderChannels" | "paymentChannels" | "submissionChannels"; kind: MessageKind }[] = [
  { field: "reminderChannels", kind: "PAYMENT_REMINDER" },
  { field: "paymentChannels", kind: "PAYMENT_CONFIRMATION" },
  { field: "submissionChannels", kind: "SUBMISSION_STATUS" },
];

const key = (s: { topicId: string; areaId: string; channel: string }) => `${s.topicId}|${s.areaId}|${s.channel}`;

/**
 * Saves the signed-in citizen's choices: alert subscriptions (topic × area × channel), the channels of
 * personal messages, quiet hours. Every grant and withdrawal is appended to the consent history with the
 * request's address. SMS needs a verified number and push a registered device (the app registers this
 * device when the citizen turns push on, before saving). The legal delivery method is not touched.
 * Concurrent saves of one citizen are serialised on the profile row: the history records what happened.
 */
export async function setNotificationPreferences(ctx: Context, input: Input): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  const data = parseInput(preferencesSchema, input);
  const wanted = new Map(
    data.subscriptions.map((s) => {
      const normalized = { topicId: s.topicId.toLowerCase(), areaId: s.areaId.toLowerCase(), channel: s.channel as NotificationChannel };
      return [key(normalized), normalized];
    }),
  );
  const topicIds = [...new Set([...wanted.values()].map((s) => s.topicId))];
  const areaIds = [...new Set([...wanted.values()].map((s) => s.areaId))];
  const issues: FieldIssue[] = [];
  const [topics, areas, profile, devices] = await Promise.all([
    topicIds.every(isUuid) ? ctx.db.notificationTopic.count({ where: { id: { in: topicIds }, archivedAt: null } }) : -1,
    areaIds.every(isUuid) ? ctx.db.notificationArea.count({ where: { id: { in: areaIds }, archivedAt: null } }) : -1,
    ctx.db.notificationProfile.findFirst({ where: { userId }, select: { smsPhone: true, smsPhoneVerifiedAt: true } }),
    ctx.db.pushSubscription.count({ where: { userId } }),
  ]);
  if (topics !== topicIds.length) issues.push({ path: ["subscriptions"], code: "UNKNOWN", messageKey: "field.alertUnknownTopic" });
  if (areas !== areaIds.length) issues.push({ path: ["subscriptions"], code: "UNKNOWN", messageKey: "field.alertUnknownArea" });
  const chosen = new Set<NotificationChannel>([...wanted.values()].map((s) => s.channel));
  for (const { field } of PERSONAL) for (const channel of data[field]) chosen.add(channel);
  const smsVerified = Boolean(profile?.smsPhone && profile.smsPhoneVerifiedAt);
  if (chosen.has("SMS") && !smsVerified)
    issues.push({ path: ["smsPhone"], code: "SMS_UNVERIFIED", messageKey: "field.smsPhoneUnverified" });
  if (chosen.has("PUSH") && devices === 0) issues.push({ path: ["push"], code: "NO_PUSH_DEVICE", messageKey: "field.pushNoDevice" });
  if (issues.length > 0) throw new ValidationError(issues);

  const now = ctx.clock.now();
  const base = {
    municipalityId: ctx.municipality.id,
    userId,
    source: "PREFERENCES" as const,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent?.slice(0, 500) ?? null,
    createdAt: now,
  };
  await ctx.db.$transaction(async (tx) => {
    // Takes the profile row's lock first: a second save of this citizen waits and diffs against this one.
    const before = await tx.notificationProfile.upsert({
      where: { userId },
      create: { userId, municipalityId: ctx.municipality.id },
      update: { updatedAt: now },
    });
    const current = await tx.notificationPreference.findMany({
      where: { userId },
      select: { id: true, topicId: true, areaId: true, channel: true },
    });
    const currentKeys = new Set(current.map(key));
    const removed = current.filter((s) => !wanted.has(key(s)));
    const added = [...wanted.values()].filter((s) => !currentKeys.has(key(s)));
    if (removed.length) await tx.notificationPreference.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
    if (added.length) {
      await tx.notificationPreference.createMany({
        data: added.map((s) => ({ municipalityId: ctx.municipality.id, userId, ...s, createdAt: now })),
      });
    }
    const events = [
      ...added.map((s) => ({ ...base, channel: s.channel, topicId: s.topicId, areaId: s.areaId, granted: true })),
      ...removed.map((s) => ({ ...base, channel: s.channel, topicId: s.topicId, areaId: s.areaId, granted: false })),
    ];
    for (const { field, kind } of PERSONAL) {
      const was = new Set(before[field]);
      const next = new Set(data[field]);
      for (const channel of next) if (!was.has(channel)) events.push({ ...base, channel, messageKind: kind, granted: true } as never);
      for (const channel of was) if (!next.has(channel)) events.push({ ...base, channel, messageKind: kind, granted: false } as never);
    }
    if (events.length) await tx.consentEvent.createMany({ data: events });
    await tx.notificationProfile.update({
      where: { userId },
      data: {
        reminderChannels: data.reminderChannels,
        paymentChannels: data.paymentChannels,
        submissionChannels: data.submissionChannels,
        quietHoursStart: data.quietHoursStart ?? null,
        quietHoursEnd: data.quietHoursEnd ?? null,
      },
    });
  });
  return getNotificationPreferences(ctx, userId);
}
