import type { Context } from "../../context.ts";
import type { TenantDb } from "../../db/tenant.ts";
import { canManageBudget } from "./budget-access.ts";

/** Whether a request may send a budget file at all: the budget office, or a member of some organisation. */
export async function mayUploadBudget(db: Pick<TenantDb, "budgetOrganisationMember">, auth: Pick<Context, "viewer">): Promise<boolean> {
  if (!auth.viewer) return false;
  if (canManageBudget(auth)) return true;
  return (await db.budgetOrganisationMember.count({ where: { userId: auth.viewer.userId } })) > 0;
}
