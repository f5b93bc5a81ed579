import type { Context } from "../../context.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { numberTakenError } from "./register-errors.ts";
import { entryColumns, REGISTER_KINDS, registerDelegate, type RegisterRow } from "./register-kinds.ts";
import type { EntryInputByKind } from "./register-rules.ts";
import { requireRegisterAccess } from "./require-register-access.ts";
import { validateRegisterEntry } from "./validate-register-entry.ts";

/**
 * A clerk records a contract, invoice or order. It starts as a draft: nothing is public until it is
 * published. A number already used in the register is a field error, also when two clerks save the
 * same number at once (the unique index decides, the loser gets the same error).
 */
export async function createRegisterEntry<K extends RegisterKind>(ctx: Context, kind: K, input: EntryInputByKind[K]): Promise<RegisterRow> {
  requireRegisterAccess(ctx);
  const data = await validateRegisterEntry(ctx, kind, input);
  const info = REGISTER_KINDS[kind];
  const entries = registerDelegate(ctx.db, kind);
  if (await entries.findFirst({ where: { number: data.number }, select: { id: true } })) throw numberTakenError();
  const now = ctx.clock.now();
  let row: RegisterRow;
  try {
    row = await entries.create({
      data: {
        municipalityId: ctx.municipality.id,
        ...entryColumns(kind, data),
        status: "DRAFT",
        createdById: ctx.viewer?.userId ?? null,
        createdAt: now,
        updatedAt: now,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTakenError();
    throw error;
  }
  await recordAudit(ctx, {
    action: `${info.auditName}.created`,
    subjectType: info.model,
    subjectId: row.id,
    details: { number: row.number },
  });
  return row;
}
