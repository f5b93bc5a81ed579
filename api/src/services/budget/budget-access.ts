import type { Context } from "../../context.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { BudgetOrganisation } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";

type Who = Pick<Context, "viewer">;

/** The town's budget office: a clerk with the BUDGET agenda, or an admin. They approve and publish. */
export function canManageBudget(ctx: Who): boolean {
  const viewer = ctx.viewer;
  return viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes("BUDGET"));
}

export function requireBudgetManager(ctx: Who): void {
  if (!canManageBudget(ctx)) throw new ForbiddenError();
}

/** The organisations whose data the viewer uploads (their accountant's membership). */
export async function memberOrganisationIds(ctx: Pick<Context, "viewer" | "db">): Promise<string[]> {
  if (!ctx.viewer) return [];
  const rows = await ctx.db.budgetOrganisationMember.findMany({ where: { userId: ctx.viewer.userId }, select: { organisationId: true } });
  return rows.map((row) => row.organisationId);
}

/**
 * The organisation an upload or a data set belongs to, when the viewer may work with its data: the budget
 * office with every organisation of the town, an organisation's member with its own only. Another town's
 * id, or one of another organisation, is "not found" for a member (nothing learnt about it).
 */
export async function requireOrganisationAccess(ctx: Pick<Context, "viewer" | "db">, organisationId: string): Promise<BudgetOrganisation> {
  if (!ctx.viewer) throw new ForbiddenError();
  const organisation = isUuid(organisationId) ? await ctx.db.budgetOrganisation.findUnique({ where: { id: organisationId } }) : null;
  if (!organisation) throw new NotFoundError();
  if (canManageBudget(ctx)) return organisation;
  const ids = await memberOrganisationIds(ctx);
  if (!ids.includes(organisation.id)) throw new NotFoundError();
  return organisation;
}
