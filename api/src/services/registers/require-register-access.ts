import type { Context } from "../../context.ts";
import { ForbiddenError } from "../../errors.ts";

/** The API token scope integrators need for the registers. */
export const REGISTERS_SCOPE = "registers:write";

/**
 * The services' own authorization check (the schema's scopes guard every field already): a clerk
 * with the registers agenda, an admin, or an integrator token with `registers:write`.
 */
export function requireRegisterAccess(ctx: Pick<Context, "viewer" | "apiToken">): void {
  if (canManageRegisters(ctx)) return;
  throw new ForbiddenError();
}

export function canManageRegisters(ctx: Pick<Context, "viewer" | "apiToken">): boolean {
  const viewer = ctx.viewer;
  if (viewer?.role === "ADMIN") return true;
  if (viewer?.role === "CLERK" && viewer.agendas.includes("REGISTERS")) return true;
  return ctx.apiToken?.scopes.includes(REGISTERS_SCOPE) ?? false;
}
