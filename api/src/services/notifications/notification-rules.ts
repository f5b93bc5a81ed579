import { z } from "zod";
import { NotificationChannel } from "../../generated/prisma/enums.ts";

/** "HH:mm", 00:00-23:59. */
export const clockTimeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "field.clockTime" });

export const channelListSchema = z
  .array(z.enum(NotificationChannel))
  .max(3)
  .transform((channels) => [...new Set(channels)]);
