import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError } from "../../errors.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findRegisterEntry, type RegisterTarget } from "./find-register-entry.ts";
import { REGISTER_KINDS, registerDelegate, type RegisterRow } from "./register-kinds.ts";
import { reasonSchema } from "./register-rules.ts";
import { requireRegisterAccess } from "./require-register-access.ts";

const unpublishSchema = z.object({ reason: reasonSchema });

/**
 * Withdraws a published entry from the public registers, with the reason on record. Withdrawing an
 * entry that is already withdrawn changes nothing; a draft was never public, so it cannot be.
 */
export async function unpublishRegisterEntry(
  ctx: Context,
  kind: RegisterKind,
  target: RegisterTarget,
  input: { reason: string },
): Promise<RegisterRow> {
  requireRegisterAccess(ctx);
  const { reason } = parseInput(unpublishSchema, input);
  const row = await findRegisterEntry(ctx, kind, target);
  if (row.status === "UNPUBLISHED") return row;
  if (row.status === "DRAFT") throw ValidationError.field("id" in target ? "id" : "externalId", "field.notPublished", "NOT_PUBLISHED");
  const entries = registerDelegate(ctx.db, kind);
  const now = ctx.clock.now();
  const { count } = await entries.updateMany({
    where: { id: row.id, status: "PUBLISHED" },
    data: { status: "UNPUBLISHED", unpublishedAt: now, unpublishReason: reason, updatedAt: now },
  });
  const withdrawn = (await entries.findUnique({ where: { id: row.id } }))!;
  if (count === 0) return withdrawn;
  const info = REGISTER_KINDS[kind];
  await recordAudit(ctx, {
    action: `${info.auditName}.unpublished`,
    subjectType: info.model,
    subjectId: row.id,
    details: { number: row.number, reason },
  });
  await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return withdrawn;
}
