import type { Context } from "../../context.ts";
import { ensureVapidKeys } from "./ensure-vapid-keys.ts";

/** The town's VAPID public key, which the browser needs to subscribe (`applicationServerKey`). Public by nature. */
export async function getWebPushPublicKey(ctx: Pick<Context, "services" | "municipality">): Promise<string> {
  const keys = await ensureVapidKeys(ctx.services.database.prisma, ctx.municipality.id, ctx.services.config.VAPID_SUBJECT);
  return keys.publicKey;
}
