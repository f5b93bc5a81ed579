import type { Context } from "../../../context.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { requireFinanceAccess } from "../require-finance-access.ts";

export interface PairingCandidate {
  id: string;
  kind: string;
  subject: string;
  year: number;
  variableSymbol: string;
  constantSymbol: string | null;
  specificSymbol: string | null;
  lifecycle: string;
  amount: bigint;
  /** Active pairings so far. */
  paidAmount: bigint;
  dueDate: Date;
  payerName: string;
}

export const PAIRING_SEARCH_MAX = 20;

/**
 * Assessments a clerk may pair a payment with: by variable symbol (digits: a prefix of the VS), or by
 * the payer's name or the subject (a part of it, case-insensitive). At most 20, unpaid first.
 */
export async function searchAssessmentsForPairing(ctx: Context, query: string, limit: number): Promise<PairingCandidate[]> {
  requireFinanceAccess(ctx);
  const text = query
    .replace(/\p{Cc}+/gu, " ")
    .trim()
    .slice(0, 100);
  if (!text) return [];
  const take = Math.min(Math.max(limit, 1), PAIRING_SEARCH_MAX);
  const digits = /^\d{1,10}$/.test(text) ? text.replace(/^0+(?=\d)/, "") : null;
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = digits
    ? Prisma.sql`ltrim(a."variableSymbol", '0') LIKE ${`${digits.replace(/^0+/, "")}%`}`
    : Prisma.sql`(pr."name" ILIKE ${pattern} OR a."subject" ILIKE ${pattern})`;
  return ctx.db.$queryRaw<PairingCandidate[]>(Prisma.sql`
    SELECT a."id", a."kind"::text AS "kind", a."subject", a."year", a."variableSymbol", a."constantSymbol", a."specificSymbol",
      a."lifecycle"::text AS "lifecycle", a."amount", a."dueDate", pr."name" AS "payerName",
      COALESCE((SELECT sum(pa."amount") FROM "PaymentAllocation" pa WHERE pa."assessmentId" = a."id" AND pa."reversedAt" IS NULL), 0)::bigint
        AS "paidAmount"
    FROM "Assessment" a JOIN "Payer" pr ON pr."id" = a."payerId"
    WHERE a."municipalityId" = ${ctx.municipality.id}::uuid AND ${match}
    ORDER BY (a."lifecycle" = 'ACTIVE') DESC, a."year" DESC, a."variableSymbol"
    LIMIT ${take}`);
}
