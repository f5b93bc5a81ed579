import { Prisma } from "../../generated/prisma/client.ts";
import type { PayerLinkMethod } from "../../generated/prisma/client.ts";
import type { TenantDb } from "../../db/tenant.ts";
import {
  ASSESSMENT_JSON,
  ASSESSMENT_ORDER,
  toAccountAssessment,
  type AccountAssessment,
  type RawAssessment,
} from "../account/load-personal-account.ts";

/** A citizen account linked to a payer, as the finance clerk sees it. */
export interface PayerAccountLink {
  userId: string;
  email: string;
  fullName: string;
  method: PayerLinkMethod;
  linkedAt: string;
}

export interface ManagedPayerDetail {
  id: string;
  links: PayerAccountLink[];
  assessments: AccountAssessment[];
}

interface Row {
  id: string;
  links: PayerAccountLink[];
  assessments: RawAssessment[];
}

/**
 * The finance clerk's view of the given payers of one municipality: their linked accounts and every
 * assessment with the state derived exactly as the citizen's account derives it (the same JSON and the same
 * parsing, services/account/load-personal-account.ts) - in ONE SQL statement whatever the number of payers
 * and assessments. Raw SQL bypasses the tenant filters, so the municipality is named explicitly; ids of
 * another town's payers simply return nothing.
 */
export async function loadManagedPayers(
  db: Pick<TenantDb, "$queryRaw">,
  scope: { municipalityId: string; payerIds: readonly string[]; today: string },
): Promise<Map<string, ManagedPayerDetail>> {
  const result = new Map<string, ManagedPayerDetail>();
  if (scope.payerIds.length === 0) return result;
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
SELECT p."id",
  COALESCE((
    SELECT json_agg(json_build_object('userId', u."id", 'email', u."email", 'fullName', u."fullName",
        'method', l."method", 'linkedAt', l."createdAt") ORDER BY l."createdAt", u."email")
    FROM "PayerLink" l JOIN "User" u ON u."id" = l."userId"
    WHERE l."payerId" = p."id" AND u."municipalityId" = ${scope.municipalityId}::uuid
  ), '[]'::json) AS "links",
  COALESCE((
    SELECT json_agg(${ASSESSMENT_JSON} ORDER BY ${ASSESSMENT_ORDER})
    FROM "Assessment" a JOIN "BankAccount" b ON b."id" = a."bankAccountId"
    WHERE a."payerId" = p."id" AND a."municipalityId" = ${scope.municipalityId}::uuid
  ), '[]'::json) AS "assessments"
FROM "Payer" p
WHERE p."municipalityId" = ${scope.municipalityId}::uuid AND p."id" = ANY(${[...scope.payerIds]}::uuid[])`);
  for (const row of rows) {
    result.set(row.id, {
      id: row.id,
      links: row.links,
      assessments: row.assessments.map((raw) => toAccountAssessment(raw, scope.today)),
    });
  }
  return result;
}

/** Assessments by id (one municipality), derived as the citizen sees them; one SQL statement. */
export async function loadManagedAssessments(
  db: Pick<TenantDb, "$queryRaw">,
  scope: { municipalityId: string; assessmentIds: readonly string[]; today: string },
): Promise<AccountAssessment[]> {
  if (scope.assessmentIds.length === 0) return [];
  const rows = await db.$queryRaw<{ assessment: RawAssessment }[]>(Prisma.sql`
SELECT ${ASSESSMENT_JSON} AS "assessment"
FROM "Assessment" a JOIN "BankAccount" b ON b."id" = a."bankAccountId"
WHERE a."municipalityId" = ${scope.municipalityId}::uuid AND a."id" = ANY(${[...scope.assessmentIds]}::uuid[])`);
  const byId = new Map(rows.map(({ assessment }) => [assessment.id, toAccountAssessment(assessment, scope.today)]));
  return scope.assessmentIds.flatMap((id) => byId.get(id) ?? []);
}
