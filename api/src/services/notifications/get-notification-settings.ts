import type { TenantDb } from "../../db/tenant.ts";
import type { NotificationSettings, PrismaClient } from "../../generated/prisma/client.ts";

export type TownNotificationSettings = Omit<NotificationSettings, "updatedAt" | "updatedById">;

/** The defaults of a town that never changed its settings (the model's defaults). */
export function defaultNotificationSettings(municipalityId: string): TownNotificationSettings {
  return {
    municipalityId,
    remindersEnabled: true,
    reminderOffsetsDays: [-14, -3, 7],
    reminderSendHour: 8,
    reminderLateWindowDays: 3,
    reminderMaxOverdueDays: 60,
    paymentConfirmationsEnabled: true,
    quietHoursStart: "21:00",
    quietHoursEnd: "07:00",
  };
}

/** A town's notification settings (reminder offsets and hour, quiet hours), or the defaults. */
export async function getNotificationSettings(db: TenantDb | PrismaClient, municipalityId: string): Promise<TownNotificationSettings> {
  const stored = await (db as PrismaClient).notificationSettings.findUnique({ where: { municipalityId } });
  return stored ?? defaultNotificationSettings(municipalityId);
}
