import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput } from "../../errors.ts";
import type { OfficialDeliveryMethod } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { getNotificationPreferences, type NotificationPreferences } from "./get-notification-preferences.ts";

const schema = z
  .object({
    method: z.enum(["DATA_BOX", "POST", "IN_PERSON"]),
    address: z
      .string()
      .trim()
      .max(300)
      .nullish()
      .transform((value) => value || null),
  })
  .superRefine((value, ctx) => {
    // A datová schránka id is 7 characters of a-z and 2-9 (no 0, 1, o, l).
    if (value.method === "DATA_BOX" && !/^[a-km-np-z2-9]{7}$/i.test(value.address ?? "")) {
      ctx.addIssue({ code: "custom", path: ["address"], message: "field.dataBoxId" });
    }
  });

/**
 * How official documents reach the citizen (datová schránka, post, in person). Kept apart from the
 * notification channels on purpose: unsubscribing from e-mails or push never changes it. Audited.
 */
export async function setOfficialDelivery(
  ctx: Context,
  input: { method: OfficialDeliveryMethod; address: string | null },
): Promise<NotificationPreferences> {
  const userId = ctx.viewer!.userId;
  const data = parseInput(schema, input);
  const address = data.method === "IN_PERSON" ? null : data.address;
  await ctx.db.$transaction(async (tx) => {
    await tx.notificationProfile.upsert({
      where: { userId },
      create: { userId, municipalityId: ctx.municipality.id, officialDelivery: data.method, officialDeliveryAddress: address },
      update: { officialDelivery: data.method, officialDeliveryAddress: address },
    });
    await recordAudit(
      { ...ctx, db: tx as never },
      { action: "notifications.official_delivery_set", subjectType: "User", subjectId: userId, details: { method: data.method } },
    );
  });
  return getNotificationPreferences(ctx, userId);
}
