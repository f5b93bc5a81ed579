import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { RegisterKind } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { applyRegisterChanges } from "./apply-register-changes.ts";
import { numberTakenError } from "./register-errors.ts";
import { entryColumns, REGISTER_KINDS, registerDelegate, type RegisterRow } from "./register-kinds.ts";
import { externalIdSchema, type EntryDataByKind, type EntryInputByKind } from "./register-rules.ts";
import { requireRegisterAccess } from "./require-register-access.ts";
import { validateRegisterEntry } from "./validate-register-entry.ts";

export interface UpsertResult {
  entry: RegisterRow;
  /** True when this call created the entry. */
  created: boolean;
  /** True when this call created or changed anything; a replay answers false. */
  changed: boolean;
}

const externalIdInput = z.object({ externalId: externalIdSchema });

/**
 * An integrator's back-office system sends an entry under its own id. The first call creates a
 * draft, later calls update it, and a replay of the same content changes nothing. Two concurrent
 * calls with the same external id cannot create two entries: the unique index on (municipality,
 * external id) refuses the second insert, which then retries as an update of the first.
 */
export async function upsertRegisterEntry<K extends RegisterKind>(
  ctx: Context,
  kind: K,
  externalIdValue: string,
  input: EntryInputByKind[K],
): Promise<UpsertResult> {
  requireRegisterAccess(ctx);
  // The external id and the fields are both checked before answering, so every problem is reported at once.
  const issues: FieldIssue[] = [];
  const collect = (error: unknown) => {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  };
  let externalId = "";
  try {
    externalId = parseInput(externalIdInput, { externalId: externalIdValue }).externalId;
  } catch (error) {
    collect(error);
  }
  let data: EntryDataByKind[K] | null = null;
  try {
    data = await validateRegisterEntry(ctx, kind, input);
  } catch (error) {
    collect(error);
  }
  if (issues.length > 0 || !data) throw new ValidationError(issues);
  const columns = entryColumns(kind, data);
  const entries = registerDelegate(ctx.db, kind);
  const info = REGISTER_KINDS[kind];
  for (let attempt = 1; ; attempt++) {
    const existing = await entries.findFirst({ where: { externalId } });
    if (existing) {
      const updated = await applyRegisterChanges(ctx, kind, existing, columns);
      return { entry: updated, created: false, changed: updated !== existing };
    }
    const holder = await entries.findFirst({ where: { number: data.number }, select: { id: true, externalId: true } });
    if (holder && holder.externalId !== externalId) throw numberTakenError();
    const now = ctx.clock.now();
    try {
      const entry = await entries.create({
        data: {
          municipalityId: ctx.municipality.id,
          ...columns,
          externalId,
          status: "DRAFT",
          createdById: ctx.viewer?.userId ?? null,
          createdAt: now,
          updatedAt: now,
        },
      });
      await recordAudit(ctx, {
        action: `${info.auditName}.created`,
        subjectType: info.model,
        subjectId: entry.id,
        details: { number: entry.number, externalId },
      });
      return { entry, created: true, changed: true };
    } catch (error) {
      // Lost a race: either the same external id (retry as an update) or the number (field error).
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= 2) throw numberTakenError();
    }
  }
}
