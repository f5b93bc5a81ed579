import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import { checkPolicy } from "../../domain/reminders.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { getNotificationSettings, type TownNotificationSettings } from "./get-notification-settings.ts";
import { clockTimeSchema } from "./notification-rules.ts";

const schema = z.object({
  remindersEnabled: z.boolean(),
  reminderOffsetsDays: z
    .array(z.number().int().min(-366).max(366))
    .min(1, { message: "field.reminderOffsets" })
    .max(10, { message: "field.tooManyItems" })
    .refine((offsets) => !offsets.includes(0) && new Set(offsets).size === offsets.length, { message: "field.reminderOffsets" })
    .transform((offsets) => [...offsets].sort((a, b) => a - b)),
  reminderSendHour: z.number().int().min(0, { message: "field.hour" }).max(23, { message: "field.hour" }),
  reminderLateWindowDays: z.number().int().min(0).max(30, { message: "field.invalid" }),
  reminderMaxOverdueDays: z.number().int().min(1).max(3650, { message: "field.invalid" }),
  paymentConfirmationsEnabled: z.boolean(),
  quietHoursStart: clockTimeSchema,
  quietHoursEnd: clockTimeSchema,
});

/** A finance clerk or admin sets the town's reminder offsets, hour and quiet hours (audited). */
export async function updateNotificationSettings(ctx: Context, input: z.input<typeof schema>): Promise<TownNotificationSettings> {
  const data = parseInput(schema, input);
  checkPolicy({ offsetsDays: data.reminderOffsetsDays, sendHour: data.reminderSendHour, lateWindowDays: data.reminderLateWindowDays });
  const municipalityId = ctx.municipality.id;
  await ctx.db.$transaction(async (tx) => {
    await tx.notificationSettings.upsert({
      where: { municipalityId },
      create: { municipalityId, ...data, updatedById: ctx.viewer?.userId ?? null },
      update: { ...data, updatedById: ctx.viewer?.userId ?? null },
    });
    await recordAudit(
      { ...ctx, db: tx as never },
      { action: "notifications.settings_updated", subjectType: "Municipality", subjectId: municipalityId, details: data },
    );
  });
  return getNotificationSettings(ctx.db, municipalityId);
}
