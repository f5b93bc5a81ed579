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

/**
 * The automatic pairing of fresh bank payments, in one SQL statement whatever their number (100 000
 * lines of a statement are one join, not 100 000 queries), inside the caller's transaction.
 *
 * Rules: the payment's variable symbol equals the assessment's (leading zeros ignored, as banks drop
 * them) within the municipality; an assessment with a constant or specific symbol only matches a
 * payment that carries the same one or none at all (people often leave KS out; a *different* KS means
 * a different payment). Among the matches, those on the bank account the statement belongs to win;
 * exactly one left pairs the whole payment to it (a partial payment makes it partly paid, an
 * over-payment leaves a credit on it, a payment to a cancelled assessment is all credit: the derived
 * state in domain/installments.ts says so). None or several: the payment stays unpaired for a clerk.
 * Statuses are never stored: the allocation rows are the only thing written.
 */
export async function pairPaymentsBySymbol(
  tx: PaymentTx,
  input: { municipalityId: string; paymentIds: string[]; bankAccountId: string | null; actorId: string | null; at: Date },
): Promise<AutomaticPairingResult> {
  if (input.paymentIds.length === 0) return { total: 0, paired: 0, ambiguous: 0, unmatched: 0, withoutSymbol: 0 };
  const [row] = await tx.$queryRaw<
    { total: number; paired: number; matched: number; withoutSymbol: number }[]
  >(Prisma.sql`
    WITH pay AS (
      SELECT p."id", p."amount", p."variableSymbol" AS vs, p."constantSymbol" AS ks, p."specificSymbol" AS ss
      FROM "Payment" p
      WHERE p."municipalityId" = ${input.municipalityId}::uuid
        AND p."id" IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(input.paymentIds)}::json))
    ),
    candidates AS (
      SELECT pay."id" AS payment_id, pay."amount", a."id" AS assessment_id,
             (a."bankAccountId" IS NOT DISTINCT FROM ${input.bankAccountId}::uuid) AS same_account
      FROM pay
      JOIN "Assessment" a ON a."municipalityId" = ${input.municipalityId}::uuid AND ltrim(a."variableSymbol", '0') = pay.vs
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
    inserted AS (
      INSERT INTO "PaymentAllocation" ("id", "paymentId", "assessmentId", "amount", "method", "createdById", "createdAt")
      SELECT gen_random_uuid(), payment_id, assessment_id, "amount", 'AUTO'::"AllocationMethod", ${input.actorId}::uuid, ${input.at}::timestamptz
      FROM chosen
      RETURNING "paymentId"
    )
    SELECT (SELECT count(*) FROM pay)::int AS total,
           (SELECT count(*) FROM inserted)::int AS paired,
           (SELECT count(DISTINCT payment_id) FROM candidates)::int AS matched,
           (SELECT count(*) FROM pay WHERE vs IS NULL)::int AS "withoutSymbol"
  `);
  const { total, paired, matched, withoutSymbol } = row!;
  return { total, paired, ambiguous: matched - paired, unmatched: total - matched - withoutSymbol, withoutSymbol };
}
