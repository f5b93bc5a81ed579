import type { Context } from "../../context.ts";
import { ForbiddenError } from "../../errors.ts";

/** API token scope of integrators that read payments and their pairings. */
export const PAYMENTS_READ_SCOPE = "payments:read";

/** A finance clerk (agenda FINANCE) or an admin: the only people who import statements and pair payments. */
export function isFinanceClerk(ctx: Pick<Context, "viewer">): boolean {
  const viewer = ctx.viewer;
  return viewer !== null && (viewer.role === "ADMIN" || (viewer.role === "CLERK" && viewer.agendas.includes("FINANCE")));
}

/** Finance clerks, and integrators whose token carries `payments:read`. */
export function canReadPayments(ctx: Pick<Context, "viewer" | "apiToken">): boolean {
  return isFinanceClerk(ctx) || (ctx.apiToken?.scopes.includes(PAYMENTS_READ_SCOPE) ?? false);
}

/** The schema's scopes say the same; services check again so they stay safe when called from elsewhere. */
export function requireFinanceAccess(ctx: Pick<Context, "viewer">): void {
  if (!isFinanceClerk(ctx)) throw new ForbiddenError();
}
