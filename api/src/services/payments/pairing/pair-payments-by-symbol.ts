import { Prisma } from "../../../generated/prisma/client.ts";
import type { PaymentTx } from "./payment-tx.ts";

export interface AutomaticPairingResult {
  /** Payments considered. */
  total: number;
  /** Paired to exactly one assessment (the whole amount; an over-payment stays there as credit). */
  paired: number;
  /** Several assessments (of different kinds) share the variable symbol: left for a clerk. */
  ambiguous: number;
  /** A variable symbol that matches no assessment (or only ones whose KS/SS differ). */
  unmatched: number;
  /** No variable symbol at all. */
  withoutSymbol: number;
}

export interface PairingScope {
  municipalityId: string;
  /** The account the payments arrived at: its assessments win over others with the same VS. */
  bankAccountId: string | null;
  actorId: string | null;
  at: Date;
}

/**
 * The automatic pairing as common table expressions, to be put after a CTE named `pay` with the
 * columns (id, amount, vs, ks, ss) of the payments to pair: the import puts it right after its
 * INSERT of the payments, so 100 000 lines are inserted and paired in one SQL statement (one join,
 * not a query per line). Defines `candidates` and `paired` (the allocations written); select the
 * figures with `PAIRING_FIGURES`.
 *
 * Rules: the payment's variable symbol equals the assessment's (leading zeros ignored, as banks drop
 * them) within the municipality; an assessment with a constant or specific symbol only matches a
 * payment that carries the same one or none at all (people often leave KS out; a *different* KS means
 * a different payment). Among the matches, those on the bank account the payment arrived at win;
 * exactly one left pairs the whole payment to it (a partial payment makes it partly paid, an
 * over-payment leaves a credit on it, a payment to a cancelled assessment is all credit: the derived
 * state in domain/installments.ts says so). None or several: the payment stays unpaired for a clerk.
 * Statuses are never stored: the allocation rows are the only thing written.
 */
export function automaticPairingCtes(scope: PairingScope): Prisma.Sql {
  return Prisma.sql`
    candidates AS (
      SELECT pay."id" AS payment_id, pay."amount", a."id" AS assessment_id,
             (a."bankAccountId" IS NOT DISTINCT FROM ${scope.bankAccountId}::uuid) AS same_account
      FROM pay
      JOIN "Assessment" a ON a."municipalityId" = ${scope.municipalityId}::uuid AND ltrim(a."variableSymbol", '0') = pay.vs
      WHERE (a."constantSymbol" IS NULL OR pay.ks IS NULL OR ltrim(a."constantSymbol", '0') = pay.ks)
        AND (a."specificSymbol" IS NULL OR pay.ss IS NULL OR ltrim(a."specificSymbol", '0') = pay.ss)
    ),
    preferred AS (
      SELECT *, bool_or(same_account) OVER (PARTITION BY payment_id) AS any_same_account FROM candidates
    ),
    chosen AS (
      SELECT payment_id, min("amount") AS "amount", (array_agg(assessment_id))[1] AS assessment_id
      FROM preferred
      WHERE same_account OR NOT any_same_account
      GROUP BY payment_id
      HAVING count(*) = 1
    ),
    paired AS (
      INSERT INTO "PaymentAllocation" ("id", "paymentId", "assessmentId", "amount", "method", "createdById", "createdAt")
      SELECT gen_random_uuid(), payment_id, assessment_id, "amount", 'AUTO'::"AllocationMethod", ${scope.actorId}::uuid, ${scope.at}::timestamptz
      FROM chosen
      RETURNING "paymentId", "assessmentId"
    )`;
}

/** The figures of a pairing run, as columns of the final SELECT. */
export const PAIRING_FIGURES = Prisma.sql`
  (SELECT count(*) FROM pay)::int AS total,
  (SELECT count(*) FROM paired)::int AS paired,
  (SELECT count(DISTINCT payment_id) FROM candidates)::int AS matched,
  (SELECT count(*) FROM pay WHERE vs IS NULL)::int AS "withoutSymbol"`;

export function pairingResult(row: { total: number; paired: number; matched: number; withoutSymbol: number }): AutomaticPairingResult {
  const { total, paired, matched, withoutSymbol } = row;
  return { total, paired, ambiguous: matched - paired, unmatched: total - matched - withoutSymbol, withoutSymbol };
}

/** Pairs the given payments that have no pairing yet (e.g. after assessments were added), in one statement. */
export async function pairPaymentsBySymbol(tx: PaymentTx, scope: PairingScope & { paymentIds: string[] }): Promise<AutomaticPairingResult> {
  if (scope.paymentIds.length === 0) return { total: 0, paired: 0, ambiguous: 0, unmatched: 0, withoutSymbol: 0 };
  const [row] = await tx.$queryRaw<{ total: number; paired: number; matched: number; withoutSymbol: number }[]>(Prisma.sql`
    WITH pay AS (
      SELECT p."id", p."amount", p."variableSymbol" AS vs, p."constantSymbol" AS ks, p."specificSymbol" AS ss
      FROM "Payment" p
      WHERE p."municipalityId" = ${scope.municipalityId}::uuid
        AND p."id" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(scope.paymentIds)}::json))
        AND NOT EXISTS (SELECT 1 FROM "PaymentAllocation" pa WHERE pa."paymentId" = p."id" AND pa."reversedAt" IS NULL)
    ),
    ${automaticPairingCtes(scope)}
    SELECT ${PAIRING_FIGURES}`);
  return pairingResult(row!);
}
