import type { Context, Viewer } from "../../context.ts";
import { ForbiddenError } from "../../errors.ts";
import type { Role } from "../../generated/prisma/client.ts";

/**
 * The services' own authorization check. The schema's scopes already guard every field; this
 * second check keeps a service safe when it is called from somewhere else (a job, a script).
 */
export function requireViewer(ctx: Pick<Context, "viewer">, roles?: readonly Role[]): Viewer {
  const viewer = ctx.viewer;
  if (!viewer || (roles && !roles.includes(viewer.role))) throw new ForbiddenError();
  return viewer;
}
