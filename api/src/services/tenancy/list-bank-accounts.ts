import type { SqlConnection } from "../../db/database.ts";
import type { BankAccount } from "../../generated/prisma/client.ts";

/**
 * The municipality's bank accounts, the main one first, then by label: the home page's only SQL
 * statement. Read with the driver directly (as the notice lists are, services/notices/list-notices.ts)
 * because this runs for every visitor and Prisma's query building and row mapping cost more here
 * than the statement itself. The municipality is named explicitly: raw SQL bypasses the tenant filters.
 */
export function listBankAccounts(sql: SqlConnection, municipalityId: string): Promise<BankAccount[]> {
  return sql.query<BankAccount>(
    `SELECT "id", "municipalityId", "label", "prefix", "number", "bankCode", "iban", "isPrimary", "createdAt"
       FROM "BankAccount"
      WHERE "municipalityId" = $1::uuid
      ORDER BY "isPrimary" DESC, "label" ASC`,
    [municipalityId],
  );
}
