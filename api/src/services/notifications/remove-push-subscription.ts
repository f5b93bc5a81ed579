import type { Context } from "../../context.ts";
import { ValidationError } from "../../errors.ts";
import { getNotificationPreferences, type NotificationPreferences } from "./get-notification-preferences.ts";

/**
 * Stops push to one of the citizen's devices (by this browser's endpoint or the device's id). Another
 * citizen's device is never touched (answered as if it were already gone). When the last device goes, the
 * push choices stay: they apply again once a device is registered.
 */
export async function removePushSubscription(
  ctx: Context,
  input: { endpoint: string | null; id: string | null },
): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  if (!input.endpoint && !input.id) throw ValidationError.field("endpoint", "field.required", "REQUIRED");
  await ctx.db.pushSubscription.deleteMany({
    where: { userId, ...(input.endpoint ? { endpoint: input.endpoint.slice(0, 1000) } : { id: input.id! }) },
  });
  return getNotificationPreferences(ctx, userId);
}
