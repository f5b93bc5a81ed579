import type { Context } from "../../context.ts";
import { ForbiddenError } from "../../errors.ts";

/** Who acts on a notice: a clerk (user) or an integrator (API token). Recorded in every NoticeEvent. */
export interface NoticeActor {
  userId: string | null;
  tokenId: string | null;
}

export function sameActor(a: NoticeActor, b: NoticeActor): boolean {
  return (a.userId !== null && a.userId === b.userId) || (a.tokenId !== null && a.tokenId === b.tokenId);
}

/**
 * The services' own check (the schema's scopes say the same): clerks of the notices agenda,
 * admins, and integrators whose token carries `notices:write`.
 */
export function requireNoticeActor(ctx: Pick<Context, "viewer" | "apiToken">): NoticeActor {
  const { viewer, apiToken } = ctx;
  if (viewer && (viewer.role === "ADMIN" || (viewer.role === "CLERK" && viewer.agendas.includes("NOTICES")))) {
    return { userId: viewer.userId, tokenId: null };
  }
  if (apiToken?.scopes.includes("notices:write")) return { userId: null, tokenId: apiToken.id };
  throw new ForbiddenError();
}
