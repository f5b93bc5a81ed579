import type { Context } from "../../context.ts";
import { NotFoundError, parseInput } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { externalIdSchema } from "./upsert-notice-by-external-id.ts";

/** The municipality's notice with an integrator's `externalId`, or NotFoundError. */
export async function findNoticeByExternalId(ctx: Pick<Context, "db">, externalId: string): Promise<Notice> {
  const id = parseInput(externalIdSchema, externalId);
  const notice = await ctx.db.notice.findFirst({ where: { externalId: id } });
  if (!notice) throw new NotFoundError();
  return notice;
}
