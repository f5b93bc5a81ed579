import type { TenantDb } from "../../db/tenant.ts";
import { Prisma, type BankAccount } from "../../generated/prisma/client.ts";

/**
 * The municipality's bank accounts, the main one first, then by label: the home page's only SQL
 * statement. Raw SQL through Prisma (as services/notices/load-notice-extras.ts does for the board)
 * because this runs for every visitor and Prisma's query building costs more here than the
 * statement itself. The municipality is named explicitly: raw SQL bypasses the tenant filters.
 */
export function listBankAccounts(db: TenantDb, municipalityId: string): Promise<BankAccount[]> {
  return db.$queryRaw<BankAccount[]>(Prisma.sql`
    SELECT "id", "municipalityId", "label", "prefix", "number", "bankCode", "iban", "isPrimary", "createdAt"
      FROM "BankAccount"
     WHERE "municipalityId" = ${municipalityId}::uuid
     ORDER BY "isPrimary" DESC, "label" ASC`);
}
