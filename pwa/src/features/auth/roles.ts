import type { Viewer } from "./session.tsx";

export type Role = Viewer["role"];
export type Agenda = Viewer["agendas"][number];

export const STAFF_ROLES: readonly Role[] = ["CLERK", "ADMIN"];
export const ADMIN_ROLES: readonly Role[] = ["ADMIN"];

/** Every agenda the schema knows, in the order the UI lists them. */
export const AGENDAS: readonly Agenda[] = ["NOTICES", "REGISTERS", "FINANCE", "SUBMISSIONS", "ALERTS", "BUDGET", "GRANTS"];

/** Where each role starts after signing in. */
export function homePathFor(role: Role): string {
  return role === "CITIZEN" ? "/muj-ucet" : "/urad";
}
