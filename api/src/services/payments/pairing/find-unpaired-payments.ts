import type { Context } from "../../../context.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { requireFinanceAccess } from "../require-finance-access.ts";

export interface UnpairedFilter {
  statementId?: string | null;
  /** "YYYY-MM-DD", inclusive. */
  receivedFrom?: string | null;
  receivedTo?: string | null;
  amountMin?: bigint | null;
  amountMax?: bigint | null;
  /** Part of the counterparty's name or account, the message, or a symbol. */
  text?: string | null;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The exceptions list: payments of the municipality with an unpaired remainder (never paired, paired
 * in part, or whose pairing was reversed), newest first, one statement for the page and its total.
 */
export async function findUnpairedPayments(
  ctx: Context,
  filter: UnpairedFilter,
  page: { limit: number; offset: number },
): Promise<{ ids: string[]; total: number }> {
  requireFinanceAccess(ctx);
  const conditions: Prisma.Sql[] = [Prisma.sql`p."municipalityId" = ${ctx.municipality.id}::uuid`];
  if (filter.statementId) conditions.push(Prisma.sql`p."statementId" = ${filter.statementId}::uuid`);
  if (filter.receivedFrom) conditions.push(Prisma.sql`p."receivedOn" >= ${filter.receivedFrom}::date`);
  if (filter.receivedTo) conditions.push(Prisma.sql`p."receivedOn" <= ${filter.receivedTo}::date`);
  if (filter.amountMin != null) conditions.push(Prisma.sql`p."amount" >= ${filter.amountMin}::bigint`);
  if (filter.amountMax != null) conditions.push(Prisma.sql`p."amount" <= ${filter.amountMax}::bigint`);
  const text = filter.text
    ?.replace(/\p{Cc}+/gu, " ")
    .trim()
    .slice(0, 100);
  if (text) {
    const pattern = likePattern(text);
    conditions.push(Prisma.sql`(p."counterpartyName" ILIKE ${pattern} OR p."message" ILIKE ${pattern}
      OR p."counterpartyAccount" ILIKE ${pattern} OR p."variableSymbol" LIKE ${pattern} OR p."specificSymbol" LIKE ${pattern})`);
  }
  const rows = await ctx.db.$queryRaw<{ id: string; total: number }[]>(Prisma.sql`
    SELECT p."id", (count(*) OVER ())::int AS total
    FROM "Payment" p
    WHERE ${Prisma.join(conditions, " AND ")}
      AND p."amount" <> COALESCE((SELECT sum(pa."amount") FROM "PaymentAllocation" pa WHERE pa."paymentId" = p."id" AND pa."reversedAt" IS NULL), 0)
    ORDER BY p."receivedOn" DESC, p."createdAt" DESC, p."id"
    LIMIT ${page.limit} OFFSET ${page.offset}`);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    // Past the end: the window function had no row to ride on.
    const [count] = await ctx.db.$queryRaw<{ total: number }[]>(Prisma.sql`
      SELECT count(*)::int AS total FROM "Payment" p WHERE ${Prisma.join(conditions, " AND ")}
        AND p."amount" <> COALESCE((SELECT sum(pa."amount") FROM "PaymentAllocation" pa WHERE pa."paymentId" = p."id" AND pa."reversedAt" IS NULL), 0)`);
    total = count?.total ?? 0;
  }
  return { ids: rows.map((row) => row.id), total };
}
