import type { Context } from "../../context.ts";
import type { Payer, Prisma } from "../../generated/prisma/client.ts";
import { requireFinanceAccess } from "./account-admin-rules.ts";

/**
 * The finance clerk's payer list: by name, then id; `search` matches part of the name (case ignored), the
 * external id, or the variable symbol of any of the payer's assessments.
 */
export async function listPayers(ctx: Context, args: { search?: string | null; offset: number; limit: number }): Promise<Payer[]> {
  requireFinanceAccess(ctx);
  const search = args.search?.trim().slice(0, 100) ?? "";
  const where: Prisma.PayerWhereInput = search
    ? {
        OR: [
          { name: { contains: search, mode: "insensitive" } },
          { externalId: search },
          ...(/^\d{1,10}$/.test(search) ? [{ assessments: { some: { variableSymbol: search } } }] : []),
        ],
      }
    : {};
  return ctx.db.payer.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: args.offset, take: args.limit });
}
