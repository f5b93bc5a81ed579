import { isUuid } from "../services/accounts/account-rules.ts";

/**
 * How `node(id:)` finds a Prisma-backed record: through the tenant-scoped client (so another
 * town's id answers null), and null rather than a database error for unknown or malformed ids.
 */
export const nodeLookup = {
  id: { field: "id" },
  nullable: true,
  findUnique: (id: string) => ({ id: isUuid(id) ? id : "00000000-0000-0000-0000-000000000000" }),
} as const;
