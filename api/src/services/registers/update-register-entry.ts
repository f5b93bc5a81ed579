import type { Context } from "../../context.ts";
import { NotFoundError } from "../../errors.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { applyRegisterChanges } from "./apply-register-changes.ts";
import { entryColumns, registerDelegate, type RegisterRow } from "./register-kinds.ts";
import type { EntryInputByKind } from "./register-rules.ts";
import { requireRegisterAccess } from "./require-register-access.ts";
import { validateRegisterEntry } from "./validate-register-entry.ts";

/**
 * A clerk corrects an entry (all its fields, as in the form). Saving the same values again changes
 * nothing and records nothing; a published entry stays published and the public cache is refreshed.
 */
export async function updateRegisterEntry<K extends RegisterKind>(
  ctx: Context,
  kind: K,
  id: string,
  input: EntryInputByKind[K],
): Promise<RegisterRow> {
  requireRegisterAccess(ctx);
  const entries = registerDelegate(ctx.db, kind);
  const row = isUuid(id) ? await entries.findUnique({ where: { id } }) : null;
  if (!row) throw new NotFoundError();
  const data = await validateRegisterEntry(ctx, kind, input);
  return applyRegisterChanges(ctx, kind, row, entryColumns(kind, data));
}
