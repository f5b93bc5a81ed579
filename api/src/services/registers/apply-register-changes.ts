import type { Context } from "../../context.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { numberTakenError } from "./register-errors.ts";
import { changedColumns, REGISTER_KINDS, registerDelegate, type RegisterRow } from "./register-kinds.ts";

/** Writes the columns that differ from the stored row; shared with the integrators' upsert. */
export async function applyRegisterChanges(
  ctx: Context,
  kind: RegisterKind,
  row: RegisterRow,
  columns: Record<string, unknown>,
): Promise<RegisterRow> {
  const info = REGISTER_KINDS[kind];
  const entries = registerDelegate(ctx.db, kind);
  const changed = changedColumns(row, columns);
  if (changed.length === 0) return row;
  if (changed.includes("number")) {
    const holder = await entries.findFirst({ where: { number: columns.number }, select: { id: true } });
    if (holder && holder.id !== row.id) throw numberTakenError();
  }
  let updated: RegisterRow;
  try {
    updated = await entries.update({
      where: { id: row.id },
      data: { ...Object.fromEntries(changed.map((column) => [column, columns[column]])), updatedAt: ctx.clock.now() },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTakenError();
    throw error;
  }
  await recordAudit(ctx, {
    action: `${info.auditName}.updated`,
    subjectType: info.model,
    subjectId: row.id,
    details: { number: updated.number, changed: changed.filter((column) => column !== "searchText") },
  });
  if (updated.status === "PUBLISHED") await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return updated;
}
