import type { Context } from "../../context.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

/** What the public sees of alerts: published ones (sending or sent), never scheduled or cancelled. */
export function publicAlertWhere(): Prisma.AlertWhereInput {
  return { status: { in: ["SENDING", "SENT"] }, publishedAt: { not: null } };
}

/** Clerks of the alerts agenda (and admins, and integrators with alerts:write) see every alert of their town. */
export function seesAllAlerts(ctx: Pick<Context, "viewer" | "apiToken">): boolean {
  const { viewer, apiToken } = ctx;
  if (viewer?.role === "ADMIN" || (viewer?.role === "CLERK" && viewer.agendas.includes("ALERTS"))) return true;
  return apiToken?.scopes.includes("alerts:write") ?? false;
}
