import type { Context, Viewer } from "../../context.ts";
import type { Agenda, ApiToken } from "../../generated/prisma/client.ts";

/** The agendas whose clerks upload attachments and may read every file of their municipality. */
export const FILE_AGENDAS: readonly Agenda[] = ["NOTICES", "REGISTERS"];
const FILE_TOKEN_SCOPES = ["notices:write", "registers:write"];

/** A clerk of the notices or registers agenda (or an admin). */
export function isFileClerk(viewer: Pick<Viewer, "role" | "agendas"> | null): boolean {
  if (!viewer) return false;
  return viewer.role === "ADMIN" || (viewer.role === "CLERK" && viewer.agendas.some((agenda) => FILE_AGENDAS.includes(agenda)));
}

/**
 * Who may upload files: clerks of the notices or registers agenda, admins, and integrators whose
 * token may write notices or register entries. The schema's scopes say the same; services check
 * again so they stay safe when called from elsewhere.
 */
export function canManageFiles(ctx: { viewer: Context["viewer"]; apiToken: Pick<ApiToken, "scopes"> | null }): boolean {
  if (isFileClerk(ctx.viewer)) return true;
  return ctx.apiToken?.scopes.some((scope) => FILE_TOKEN_SCOPES.includes(scope)) ?? false;
}
