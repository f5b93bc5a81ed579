import { Prisma } from "../../generated/prisma/client.ts";
import type { AssessmentKind } from "../../generated/prisma/client.ts";
import type { TenantDb } from "../../db/tenant.ts";
import { KIND_DIGIT } from "./account-admin-rules.ts";

/**
 * The next generated variable symbol for a kind and year: kind digit + two-digit year + a 5-digit sequence
 * (waste fee 2026: 12600001, 12600002, …), unique per municipality and kind like every VS. Symbols typed by
 * a clerk or sent by an integrator in other shapes never collide with the sequence's pattern match. Two
 * creates at once may read the same maximum: the unique index refuses the second, which asks again.
 */
export async function nextVariableSymbol(
  db: Pick<TenantDb, "$queryRaw">,
  municipalityId: string,
  kind: AssessmentKind,
  year: number,
): Promise<string> {
  const prefix = `${KIND_DIGIT[kind]}${String(year % 100).padStart(2, "0")}`;
  const [row] = await db.$queryRaw<{ last: string | null }[]>(Prisma.sql`
    SELECT max("variableSymbol") AS "last" FROM "Assessment"
     WHERE "municipalityId" = ${municipalityId}::uuid AND "kind" = ${kind}::"AssessmentKind"
       AND "variableSymbol" ~ ${`^${prefix}[0-9]{5}$`}`);
  const sequence = row?.last ? Number(row.last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(sequence).padStart(5, "0")}`;
}
