import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { Payer } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";

/** A payer of the request's municipality (tenant-scoped client); another town's id is simply not found. */
export async function findManagedPayer(ctx: Pick<Context, "db">, payerId: string): Promise<Payer> {
  const payer = isUuid(payerId) ? await ctx.db.payer.findFirst({ where: { id: payerId } }) : null;
  if (!payer) throw new NotFoundError();
  return payer;
}
