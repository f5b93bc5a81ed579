import type { Context } from "../../context.ts";
import type { AlertSeverity, NotificationChannel } from "../../generated/prisma/client.ts";
import { audienceParams, COUNTS_SQL } from "./alert-audience.ts";
import { checkAudience } from "./check-alert-input.ts";

export interface RecipientCounts {
  email: number;
  sms: number;
  push: number;
  pushCitizens: number;
  citizens: number;
}

/**
 * How many an alert with this audience would reach now, per channel: what the compose form shows while
 * the clerk picks topics, areas and channels (the same SQL the fan-out uses, services/notifications/alert-audience.ts).
 */
export async function countAlertRecipients(
  ctx: Pick<Context, "db" | "services" | "municipality">,
  input: { topicIds: string[]; areaIds: string[]; channels: NotificationChannel[]; severity: AlertSeverity },
): Promise<RecipientCounts> {
  const audience = await checkAudience(ctx, input, { requireTopics: false });
  const [row] = await ctx.services.database.sql.query<{
    email: number;
    sms: number;
    push: number;
    push_citizens: number;
    citizens: number;
  }>(COUNTS_SQL, [...audienceParams({ municipalityId: ctx.municipality.id, ...audience, severity: input.severity }), audience.channels]);
  return {
    email: Number(row?.email ?? 0),
    sms: Number(row?.sms ?? 0),
    push: Number(row?.push ?? 0),
    pushCitizens: Number(row?.push_citizens ?? 0),
    citizens: Number(row?.citizens ?? 0),
  };
}
