import { Prisma } from "../../generated/prisma/client.ts";
import type { AssessmentKind, AssessmentLifecycle, PayerKind, PaymentSource } from "../../generated/prisma/client.ts";
import { deriveAssessmentState, type AssessmentState } from "../../domain/installments.ts";
import type { SqlConnection } from "../../db/database.ts";

/**
 * The personal account (osobní účet): every payer linked to a citizen account, with every assessment, its
 * installments, the town's account it is paid to, and the payments paired with it - in ONE SQL statement
 * whatever the number of assessments (the page's budget is three statements including the session).
 * Statuses are derived here from the active pairings (api/src/domain/installments.ts), never stored.
 */

export interface AccountBankAccount {
  label: string;
  prefix: string | null;
  number: string;
  bankCode: string;
  iban: string;
}

export interface AccountPayment {
  paymentId: string;
  /** Haléře paired with this assessment (negative for a refund). */
  amount: number;
  receivedOn: string;
  source: PaymentSource;
}

export interface AccountAssessment {
  id: string;
  payerId: string;
  kind: AssessmentKind;
  subject: string;
  year: number;
  amount: number;
  dueDate: string;
  variableSymbol: string;
  constantSymbol: string | null;
  specificSymbol: string | null;
  lifecycle: AssessmentLifecycle;
  lifecycleReason: string | null;
  externalId: string | null;
  /** When the assessment row last changed (ISO instant), for the integrators' incremental read. */
  updatedAt: string;
  periodFrom: string | null;
  periodTo: string | null;
  bankAccountId: string;
  bankAccount: AccountBankAccount;
  installments: { amount: number; dueDate: string }[];
  payments: AccountPayment[];
  state: AssessmentState;
}

export interface AccountPayer {
  id: string;
  name: string;
  kind: PayerKind;
  directDebit: boolean;
  assessments: AccountAssessment[];
}

export interface PersonalAccount {
  payers: AccountPayer[];
  /** Every assessment of every payer, newest year first, then by due date. */
  assessments: AccountAssessment[];
}

interface Row {
  id: string;
  name: string;
  kind: PayerKind;
  directDebit: boolean;
  assessments: RawAssessment[];
}

/** An assessment as ASSESSMENT_JSON returns it: amounts as text, no derived state yet. */
export type RawAssessment = Omit<AccountAssessment, "state" | "amount" | "installments" | "payments"> & {
  amount: string;
  installments: { amount: string; dueDate: string }[] | null;
  payments: (Omit<AccountPayment, "amount"> & { amount: string })[];
};

/**
 * Installments and payments come back ordered; amounts are cast to text in SQL (BigInt in JSON would lose
 * precision past 2^53, which haléře never reach, but text keeps the driver honest) and parsed here.
 */
/**
 * One assessment as a JSON object (alias `a` for the assessment, `b` for its bank account): shared by the
 * citizen's account below and the finance clerk's views (services/account-admin), so both see the same
 * assessment the same way.
 */
export const ASSESSMENT_JSON = Prisma.sql`json_build_object(
      'id', a."id", 'payerId', a."payerId", 'kind', a."kind", 'subject', a."subject", 'year', a."year",
      'amount', a."amount"::text, 'dueDate', a."dueDate"::text, 'variableSymbol', a."variableSymbol",
      'constantSymbol', a."constantSymbol", 'specificSymbol', a."specificSymbol", 'lifecycle', a."lifecycle",
      'lifecycleReason', a."lifecycleReason", 'externalId', a."externalId", 'updatedAt', a."updatedAt",
      'periodFrom', a."periodFrom"::text, 'periodTo', a."periodTo"::text, 'bankAccountId', a."bankAccountId",
      'bankAccount', json_build_object('label', b."label", 'prefix', b."prefix", 'number', b."number",
        'bankCode', b."bankCode", 'iban', b."iban"),
      'installments', (SELECT json_agg(json_build_object('amount', i."amount"::text, 'dueDate', i."dueDate"::text)
          ORDER BY i."position") FROM "Installment" i WHERE i."assessmentId" = a."id"),
      'payments', COALESCE((SELECT json_agg(json_build_object('paymentId', pm."id", 'amount', al."amount"::text,
          'receivedOn', pm."receivedOn"::text, 'source', pm."source") ORDER BY pm."receivedOn", al."createdAt")
        FROM "PaymentAllocation" al JOIN "Payment" pm ON pm."id" = al."paymentId"
        WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL), '[]'::json)
    )`;

/** The order assessments are listed in: newest year first, then by due date. */
export const ASSESSMENT_ORDER = Prisma.sql`a."year" DESC, a."dueDate", a."createdAt"`;

const QUERY = (municipalityId: string, userId: string, payerId: string | null) => Prisma.sql`
SELECT p."id", p."name", p."kind", p."directDebit",
  COALESCE((
    SELECT json_agg(${ASSESSMENT_JSON} ORDER BY ${ASSESSMENT_ORDER})
    FROM "Assessment" a JOIN "BankAccount" b ON b."id" = a."bankAccountId"
    WHERE a."payerId" = p."id" AND a."municipalityId" = ${municipalityId}::uuid
  ), '[]'::json) AS "assessments"
FROM "PayerLink" l JOIN "Payer" p ON p."id" = l."payerId"
WHERE l."userId" = ${userId}::uuid AND p."municipalityId" = ${municipalityId}::uuid
  ${payerId ? Prisma.sql`AND p."id" = ${payerId}::uuid` : Prisma.empty}
ORDER BY l."createdAt", p."name", p."id"`;

/**
 * Read through the database driver (`Database.sql`), not Prisma's `$queryRaw`: the statement is the same
 * parameterised SQL (Prisma.sql renders it with $n placeholders), but the answer is one JSON column that
 * Prisma's raw-query row mapping would walk again for nothing (it cost more CPU than the statement itself:
 * bench/account). The municipality is a parameter of the statement, as tenant scoping requires.
 */
export async function loadPersonalAccount(
  db: Pick<SqlConnection, "query">,
  scope: { municipalityId: string; userId: string; today: string; payerId?: string },
): Promise<PersonalAccount> {
  const statement = QUERY(scope.municipalityId, scope.userId, scope.payerId ?? null);
  const rows = await db.query<Row>(statement.text, statement.values);
  const payers: AccountPayer[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    directDebit: row.directDebit,
    assessments: row.assessments.map((raw) => toAccountAssessment(raw, scope.today)),
  }));
  const assessments = payers.flatMap((payer) => payer.assessments).sort((a, b) => b.year - a.year || a.dueDate.localeCompare(b.dueDate));
  return { payers, assessments };
}

/** Parses an ASSESSMENT_JSON object and derives its state (statuses, credit, overdue) as of `today`. */
export function toAccountAssessment(raw: RawAssessment, today: string): AccountAssessment {
  const installments = (raw.installments ?? []).map((i) => ({ amount: Number(i.amount), dueDate: i.dueDate }));
  const payments = raw.payments.map((p) => ({ ...p, amount: Number(p.amount) }));
  const amount = Number(raw.amount);
  const state = deriveAssessmentState({
    total: amount,
    installments,
    payments: payments.map((p) => ({ amount: p.amount, date: p.receivedOn })),
    today,
    cancelled: raw.lifecycle === "CANCELLED",
  });
  return { ...raw, amount, installments, payments, state };
}
