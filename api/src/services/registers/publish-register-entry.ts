import type { Context } from "../../context.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findRegisterEntry, type RegisterTarget } from "./find-register-entry.ts";
import { REGISTER_KINDS, registerDelegate, type RegisterRow } from "./register-kinds.ts";
import { requireRegisterAccess } from "./require-register-access.ts";

/**
 * Makes a draft (or a withdrawn entry) public. Publishing what is already public changes nothing,
 * so a replayed request or a double click records a single publication.
 */
export async function publishRegisterEntry(ctx: Context, kind: RegisterKind, target: RegisterTarget): Promise<RegisterRow> {
  requireRegisterAccess(ctx);
  const row = await findRegisterEntry(ctx, kind, target);
  if (row.status === "PUBLISHED") return row;
  const entries = registerDelegate(ctx.db, kind);
  const now = ctx.clock.now();
  // Conditional on the status read above: of two concurrent publications only one writes and audits.
  const { count } = await entries.updateMany({
    where: { id: row.id, status: row.status },
    data: { status: "PUBLISHED", publishedAt: now, unpublishedAt: null, unpublishReason: null, updatedAt: now },
  });
  const published = (await entries.findUnique({ where: { id: row.id } }))!;
  if (count === 0) return published;
  const info = REGISTER_KINDS[kind];
  await recordAudit(ctx, {
    action: `${info.auditName}.published`,
    subjectType: info.model,
    subjectId: row.id,
    details: { number: row.number },
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return published;
}
