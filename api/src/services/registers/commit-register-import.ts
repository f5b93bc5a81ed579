import type { Context } from "../../context.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { RegisterImport } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { restoreRow, type ImportProblem, type StoredImportRow } from "./register-import-rows.ts";
import { entryColumns, registerDelegate } from "./register-kinds.ts";
import { requireRegisterAccess } from "./require-register-access.ts";

export interface CommitRegisterImportInput {
  id: string;
  /** Import the valid rows of a file that also has invalid ones (an explicit decision of the clerk). */
  skipInvalidRows?: boolean | null;
  /** Publish the imported entries at once instead of leaving them as drafts. */
  publish?: boolean | null;
}

/**
 * Imports a previewed file in one transaction: all its valid rows or nothing. A file with problems
 * is imported only when the clerk chooses to skip the invalid rows. The preview's status is
 * switched first, conditionally, so a replayed or concurrent commit imports nothing twice.
 */
export async function commitRegisterImport(ctx: Context, input: CommitRegisterImportInput): Promise<RegisterImport> {
  requireRegisterAccess(ctx);
  const preview = isUuid(input.id) ? await ctx.db.registerImport.findUnique({ where: { id: input.id } }) : null;
  if (!preview) throw new NotFoundError();
  if (preview.status === "IMPORTED") return preview;
  if (preview.status === "DISCARDED") throw ValidationError.field("id", "import.discarded", "DISCARDED");
  const problems = preview.problems as unknown as ImportProblem[];
  const rows = preview.rows as unknown as StoredImportRow[];
  if (problems.length > 0 && !input.skipInvalidRows) {
    const lines = new Set(problems.map((problem) => problem.line)).size;
    throw ValidationError.field("skipInvalidRows", "import.hasProblems", "HAS_PROBLEMS", { lines });
  }
  if (rows.length === 0) throw ValidationError.field("id", "import.nothingToImport", "NOTHING_TO_IMPORT");

  const now = ctx.clock.now();
  const publish = Boolean(input.publish);
  let imported: boolean;
  try {
    imported = await ctx.db.$transaction(
      async (tx) => {
        const claimed = await tx.registerImport.updateMany({
          where: { id: preview.id, status: "PREVIEW" },
          data: { status: "IMPORTED", decidedAt: now },
        });
        if (claimed.count === 0) return false;
        const entries = registerDelegate(tx, preview.kind);
        const numbers = rows.map((row) => String(row.data.number));
        const clashes = await entries.findMany({ where: { number: { in: numbers } }, select: { number: true } });
        if (clashes.length > 0) throw conflictError(clashes.map((row) => row.number));
        await entries.createMany({
          data: rows.map((row) => ({
            municipalityId: ctx.municipality.id,
            ...entryColumns(preview.kind, restoreRow(row)),
            status: publish ? "PUBLISHED" : "DRAFT",
            publishedAt: publish ? now : null,
            createdById: ctx.viewer?.userId ?? null,
            createdAt: now,
            updatedAt: now,
          })),
        });
        return true;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    // An entry with one of the numbers was saved after the preview (the unique index caught it).
    if (isUniqueViolation(error)) throw conflictError([]);
    throw error;
  }
  const decided = (await ctx.db.registerImport.findUnique({ where: { id: preview.id } }))!;
  if (!imported) return decided;
  await recordAudit(ctx, {
    action: "registerImport.committed",
    subjectType: "RegisterImport",
    subjectId: preview.id,
    details: { kind: preview.kind, imported: rows.length, skippedLines: new Set(problems.map((p) => p.line)).size, published: publish },
  });
  if (publish) await ctx.services.publicCache.invalidate(ctx.municipality.id);
  return decided;
}

function conflictError(numbers: string[]): ValidationError {
  const shown = numbers.slice(0, 10).join(", ") + (numbers.length > 10 ? ", …" : "");
  return ValidationError.field("id", "import.conflict", "CONFLICT", { numbers: shown || "?" });
}
