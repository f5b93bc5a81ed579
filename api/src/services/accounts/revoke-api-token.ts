import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { ApiToken } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { isUuid } from "./account-rules.ts";
import { requireViewer } from "./require-viewer.ts";

/** Revokes a token at once (requests with it are refused from now on); revoking twice is harmless. */
export async function revokeApiToken(ctx: Context, input: { id: string }): Promise<ApiToken> {
  requireViewer(ctx, ["ADMIN"]);
  if (!isUuid(input.id)) throw new NotFoundError();
  const existing = await ctx.db.apiToken.findFirst({ where: { id: input.id } });
  if (!existing) throw new NotFoundError();
  if (existing.revokedAt) return existing;
  const apiToken = await ctx.db.apiToken.update({ where: { id: existing.id }, data: { revokedAt: ctx.clock.now() } });
  await recordAudit(ctx, {
    action: "api_token.revoked",
    subjectType: "ApiToken",
    subjectId: apiToken.id,
    details: { name: apiToken.name },
  });
  return apiToken;
}
