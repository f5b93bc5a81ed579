import type { Context } from "../../../context.ts";
import { NotFoundError } from "../../../errors.ts";
import type { CardPayment } from "../../../generated/prisma/client.ts";
import { requireViewer } from "../../accounts/require-viewer.ts";
import { settleCardPayment } from "./settle-card-payment.ts";

const ORDER_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The viewer's own card payment by its order id (the return page's URL), brought up to date with the
 * provider through the one settle transition while it is not final. Anyone else's order id, or another
 * town's, is "not found".
 */
export async function findOwnCardPayment(ctx: Context, orderId: string, options: { settle: boolean }): Promise<CardPayment> {
  const viewer = requireViewer(ctx);
  const found = ORDER_ID.test(orderId)
    ? await ctx.services.database.prisma.cardPayment.findFirst({
        where: { orderId, municipalityId: ctx.municipality.id, userId: viewer.userId },
      })
    : null;
  if (!found) throw new NotFoundError();
  if (!options.settle || found.status === "SUCCEEDED" || found.status === "MISMATCH") return found;
  return (await settleCardPayment(ctx.services, found.id)).cardPayment;
}
