import type { Context } from "../../context.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { requireViewer } from "../accounts/require-viewer.ts";

/** Deletes one of the viewer's drafts; deleting one that is gone already is no error (offline replays). */
export async function deleteFormDraft(ctx: Context, clientId: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  if (!isUuid(clientId)) return false;
  const { count } = await ctx.db.formDraft.deleteMany({ where: { userId: viewer.userId, clientId } });
  return count > 0;
}
