import { z } from "zod";
import type { Context } from "../../context.ts";
import { ConflictError, parseInput, ValidationError } from "../../errors.ts";
import type { FormDraft, Prisma } from "../../generated/prisma/client.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { jsonBytes, SUBMISSION_LIMITS } from "../submissions/submission-rules.ts";
import { compatibilityOf, findFormDefinition } from "./form-registry.ts";

const input = z.object({
  clientId: z.uuid({ message: "field.invalid" }),
  formId: z.string().max(100),
  formVersion: z.string().max(20),
  values: z.record(z.string(), z.unknown(), { message: "field.invalid" }),
  currentStep: z.string().trim().max(100).nullish(),
  /** The revision the client's copy started from; a mismatch is a conflict (another device saved meanwhile). */
  expectedRevision: z.number().int().min(0).nullish(),
});

/**
 * Autosave of a draft on the server, keyed by the app's own draft id (`clientId`), so a save replayed by the
 * offline queue or sent twice is one draft. Drafts are not validated (they may be half-filled) but must belong to
 * a known form with a parseable version and stay small. With `expectedRevision` a save over a newer server copy
 * (typed on another device) is refused with a ConflictError instead of overwriting it.
 */
export async function saveFormDraft(ctx: Context, raw: unknown): Promise<FormDraft> {
  const viewer = requireViewer(ctx);
  const data = parseInput(input, raw);
  const definition = findFormDefinition(data.formId);
  if (!definition) throw ValidationError.field("formId", "field.formUnknown", "UNKNOWN_FORM");
  if (compatibilityOf(definition, data.formVersion) === "INVALID") throw ValidationError.field("formVersion", "field.invalid");
  const max = SUBMISSION_LIMITS.valuesBytes;
  if (jsonBytes(data.values) > max) throw ValidationError.field("values", "field.draftTooLarge", "TOO_LARGE", { max: max / 1024 });
  const values = data.values as Prisma.InputJsonObject;
  const where = { userId_clientId: { userId: viewer.userId, clientId: data.clientId } };
  for (let attempt = 0; ; attempt++) {
    const existing = await ctx.db.formDraft.findUnique({ where });
    if (existing) {
      if (existing.formId !== data.formId) throw ValidationError.field("clientId", "field.invalid");
      if (data.expectedRevision != null && data.expectedRevision !== existing.revision) throw new ConflictError();
      const { count } = await ctx.db.formDraft.updateMany({
        where: { id: existing.id, revision: existing.revision },
        data: {
          formVersion: data.formVersion,
          values,
          currentStep: data.currentStep ?? null,
          revision: { increment: 1 },
          updatedAt: ctx.clock.now(),
        },
      });
      if (count === 0) throw new ConflictError();
      return ctx.db.formDraft.findUniqueOrThrow({ where });
    }
    const drafts = await ctx.db.formDraft.count({ where: { userId: viewer.userId } });
    if (drafts >= SUBMISSION_LIMITS.draftsPerUser) {
      // The oldest draft makes room: a citizen never loses what they are typing now.
      const oldest = await ctx.db.formDraft.findFirst({ where: { userId: viewer.userId }, orderBy: { updatedAt: "asc" } });
      if (oldest) await ctx.db.formDraft.deleteMany({ where: { id: oldest.id } });
    }
    try {
      const now = ctx.clock.now();
      return await ctx.db.formDraft.create({
        data: {
          municipalityId: ctx.municipality.id,
          userId: viewer.userId,
          clientId: data.clientId,
          formId: data.formId,
          formVersion: data.formVersion,
          values,
          currentStep: data.currentStep ?? null,
          createdAt: now,
          updatedAt: now,
        },
      });
    } catch (error) {
      // Two saves of a new draft at once: the second becomes an update of the first.
      if (!isUniqueViolation(error) || attempt > 0) throw error;
    }
  }
}
