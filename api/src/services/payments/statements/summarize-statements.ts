import type { TenantDb } from "../../../db/tenant.ts";
import { Prisma } from "../../../generated/prisma/client.ts";

export interface StatementSummary {
  statementId: string;
  paymentCount: number;
  pairedCount: number;
  unpairedCount: number;
  unpairedAmount: bigint;
}

/** Paired and unpaired payments of several statements, in one statement (derived, never stored). */
export async function summarizeStatements(
  db: TenantDb,
  municipalityId: string,
  statementIds: readonly string[],
): Promise<StatementSummary[]> {
  const rows = statementIds.length
    ? await db.$queryRaw<{ statementId: string; paymentCount: number; pairedCount: number; unpairedAmount: bigint }[]>(Prisma.sql`
        SELECT p."statementId", count(*)::int AS "paymentCount",
          (count(*) FILTER (WHERE p."amount" = COALESCE(s.allocated, 0)))::int AS "pairedCount",
          COALESCE(sum(p."amount" - COALESCE(s.allocated, 0)), 0)::bigint AS "unpairedAmount"
        FROM "Payment" p
        LEFT JOIN (
          SELECT pa."paymentId", sum(pa."amount") AS allocated FROM "PaymentAllocation" pa
          JOIN "Payment" q ON q."id" = pa."paymentId"
          WHERE pa."reversedAt" IS NULL AND q."statementId" IN (${Prisma.join(statementIds.map((id) => Prisma.sql`${id}::uuid`))})
          GROUP BY pa."paymentId"
        ) s ON s."paymentId" = p."id"
        WHERE p."municipalityId" = ${municipalityId}::uuid
          AND p."statementId" IN (${Prisma.join(statementIds.map((id) => Prisma.sql`${id}::uuid`))})
        GROUP BY p."statementId"`)
    : [];
  const byId = new Map(rows.map((row) => [row.statementId, row]));
  return statementIds.map((statementId) => {
    const row = byId.get(statementId);
    return {
      statementId,
      paymentCount: row?.paymentCount ?? 0,
      pairedCount: row?.pairedCount ?? 0,
      unpairedCount: (row?.paymentCount ?? 0) - (row?.pairedCount ?? 0),
      unpairedAmount: row?.unpairedAmount ?? 0n,
    };
  });
}
