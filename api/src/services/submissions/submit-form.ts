import { collectAttachments, summarize, validateForm, type AttachmentValue, type FormDefinition, type FormValues } from "@portal/forms";
import { z } from "zod";
import { Prisma } from "../../generated/prisma/client.ts";
import { pragueNow } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { parseInput, TooManyAttemptsError, ValidationError, type FieldIssue } from "../../errors.ts";
import type { Submission } from "../../generated/prisma/client.ts";
import { requireViewer } from "../accounts/require-viewer.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { compatibilityOf, findFormDefinition } from "../forms/form-registry.ts";
import { scanFormAttachment } from "../forms/scan-form-attachment.ts";
import { recordSubmissionEvent, type Tx } from "./record-submission-event.ts";
import { scheduleDelivery } from "./schedule-delivery.ts";
import { FormVersionError, IdentityNotVerifiedError } from "./submission-errors.ts";
import { keptDogChips } from "./kept-dog-chips.ts";
import { formFieldIssue, jsonBytes, SUBMISSION_LIMITS } from "./submission-rules.ts";

const input = z.object({
  formId: z.string().max(100),
  formVersion: z.string().max(20),
  values: z.record(z.string(), z.unknown(), { message: "field.invalid" }),
  draftClientId: z.uuid({ message: "field.invalid" }).nullish(),
  idempotencyKey: z.string().trim().min(8).max(SUBMISSION_LIMITS.idempotencyKey),
});

export interface SubmitResult {
  submission: Submission;
  /** True when the key was used before: this is the first submission, nothing new was created. */
  replayed: boolean;
}

/**
 * A citizen sends a form. The server trusts nothing the app checked: the definition (by id) must be current or a
 * patch behind (a minor or major change answers FormVersionError), the send policy holds, the whole payload is
 * validated again, and every attachment must be the sender's own upload, not used elsewhere, and clean (a file
 * still in quarantine is checked now). The values as validated (with the attachments' names, sizes and types as
 * the server recorded them) and the summary built from them are frozen with the submission.
 *
 * The same idempotency key again (a double click, a replay by the offline queue after a lost answer) returns the
 * first submission; two at once are decided by the unique index. In one transaction: the receipt number, the
 * submission, its attachments, the event (timeline, audit, receipt e-mail), the delivery to the records system, and
 * the draft deleted.
 */
export async function submitForm(ctx: Context, raw: unknown): Promise<SubmitResult> {
  const viewer = requireViewer(ctx);
  const data = parseInput(input, raw);
  const previous = await findByKey(ctx, viewer.userId, data.idempotencyKey);
  if (previous) return { submission: previous, replayed: true };

  await checkRate(ctx, viewer.userId);
  const definition = findFormDefinition(data.formId);
  if (!definition) throw ValidationError.field("formId", "field.formUnknown", "UNKNOWN_FORM");
  const compatibility = compatibilityOf(definition, data.formVersion);
  if (compatibility !== "SAME" && compatibility !== "PATCH") throw new FormVersionError(definition.version, compatibility);
  if (definition.sendPolicy.verifiedIdentity) {
    const user = await ctx.db.user.findFirst({ where: { id: viewer.userId }, select: { emailVerifiedAt: true } });
    if (!user?.emailVerifiedAt) throw new IdentityNotVerifiedError();
  }
  if (jsonBytes(data.values) > SUBMISSION_LIMITS.valuesBytes) {
    throw ValidationError.field("values", "field.draftTooLarge", "TOO_LARGE", { max: SUBMISSION_LIMITS.valuesBytes / 1024 });
  }
  const today = pragueNow(ctx.clock).toISODate()!;
  const first = validateForm(definition, data.values, { today });
  if (first.issues.length > 0) throw new ValidationError(first.issues.map((issue) => formFieldIssue(issue)));
  // The attachments as the server knows them replace what the app said about them; then the slots' limits again.
  const { values, attachmentIds } = await checkAttachments(ctx, definition, first.values, viewer.userId);
  const second = validateForm(definition, values, { today });
  if (second.issues.length > 0) throw new ValidationError(second.issues.map((issue) => formFieldIssue(issue)));
  await checkDogChips(ctx, definition, second.values);
  const summary = summarize(definition, second.values);

  try {
    const submission = await ctx.db.$transaction(async (tx) => {
      const now = ctx.clock.now();
      const number = await nextSubmissionNumber(tx, ctx.municipality.id, pragueNow(ctx.clock).year);
      const created = await tx.submission.create({
        data: {
          municipalityId: ctx.municipality.id,
          number,
          userId: viewer.userId,
          formId: definition.id,
          formVersion: definition.version,
          agenda: definition.agenda,
          values: second.values as Prisma.InputJsonObject,
          summary: summary as unknown as Prisma.InputJsonObject,
          idempotencyKey: data.idempotencyKey,
          draftClientId: data.draftClientId ?? null,
          submittedAt: now,
        },
      });
      if (attachmentIds.length > 0) {
        const { count } = await tx.submissionFile.updateMany({
          where: { id: { in: attachmentIds }, userId: viewer.userId, submissionId: null },
          data: { submissionId: created.id },
        });
        // Sent meanwhile with another submission (two tabs): this one fails whole.
        if (count !== attachmentIds.length)
          throw ValidationError.field("values", "field.attachmentUnknown", "ATTACHMENT_USED", { file: "" });
      }
      if (data.draftClientId) await tx.formDraft.deleteMany({ where: { userId: viewer.userId, clientId: data.draftClientId } });
      await recordSubmissionEvent(ctx, tx, {
        submissionId: created.id,
        citizenId: viewer.userId,
        type: "SUBMITTED",
        details: { formId: definition.id, formVersion: definition.version, attachments: attachmentIds.length },
      });
      await scheduleDelivery(ctx, tx, created.id, "submitted");
      return created;
    });
    return { submission, replayed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByKey(ctx, viewer.userId, data.idempotencyKey);
    if (!winner) throw error;
    return { submission: winner, replayed: true };
  }
}

/**
 * A dog registration may not list a dog the town's registry keeps now (by anyone: the message does not say whose):
 * an issue on each such chip number's field. Repeats within the form are the form engine's (`unique`). The clerk's
 * approval checks again, under a lock, since another submission may be approved meanwhile.
 */
async function checkDogChips(ctx: Context, definition: FormDefinition, values: FormValues): Promise<void> {
  if (definition.effect !== "DOG_REGISTRATION" || !Array.isArray(values.dogs)) return;
  const dogs = values.dogs as FormValues[];
  const kept = await keptDogChips(
    ctx.db,
    ctx.municipality.id,
    dogs.map((dog) => dog.chipNumber as string | undefined),
  );
  if (kept.size === 0) return;
  const group = definition.steps.flatMap((step) => step.fields).find((field) => field.type === "group" && field.name === "dogs");
  const label = (group?.type === "group" ? group.fields.find((field) => field.name === "chipNumber")?.label : undefined) ?? {
    cs: "Číslo čipu",
    en: "Chip number",
  };
  const issues = dogs.flatMap((dog, index) =>
    typeof dog.chipNumber === "string" && kept.has(dog.chipNumber)
      ? [formFieldIssue({ path: `dogs.${index}.chipNumber`, code: "alreadyRegistered", label })]
      : [],
  );
  throw new ValidationError(issues);
}

/** Each submission e-mails a receipt: an account sends at most SUBMISSION_LIMITS.submissionsPerHour an hour. */
async function checkRate(ctx: Context, userId: string): Promise<void> {
  const hourAgo = new Date(ctx.clock.now().getTime() - 3_600_000);
  const recent = await ctx.db.submission.findMany({
    where: { userId, submittedAt: { gt: hourAgo } },
    orderBy: { submittedAt: "asc" },
    select: { submittedAt: true },
    take: SUBMISSION_LIMITS.submissionsPerHour,
  });
  if (recent.length < SUBMISSION_LIMITS.submissionsPerHour) return;
  const retryAfter = Math.ceil((recent[0]!.submittedAt.getTime() + 3_600_000 - ctx.clock.now().getTime()) / 1000);
  throw new TooManyAttemptsError(Math.max(1, retryAfter), "error.tooManyRequests");
}

function findByKey(ctx: Context, userId: string, idempotencyKey: string) {
  return ctx.db.submission.findFirst({ where: { userId, idempotencyKey } });
}

/**
 * Each attachment of the values must be an upload of this user not sent with another submission, and not infected;
 * one still in quarantine is checked now. Returns the values with the server's file names, sizes and types.
 */
async function checkAttachments(
  ctx: Context,
  definition: FormDefinition,
  values: FormValues,
  userId: string,
): Promise<{ values: FormValues; attachmentIds: string[] }> {
  const found = collectAttachments(definition, values);
  if (found.length === 0) return { values, attachmentIds: [] };
  const ids = [...new Set(found.map((entry) => entry.file.id))];
  const rows = await ctx.db.submissionFile.findMany({
    where: { id: { in: ids.filter(isUuidLike) }, userId, submissionId: null },
    include: { file: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const issues: FieldIssue[] = [];
  const known = new Map<string, AttachmentValue>();
  for (const { path, file } of found) {
    let row = byId.get(file.id);
    const fieldPath = ["values", ...path.split(".")];
    if (!row) {
      issues.push({ path: fieldPath, code: "ATTACHMENT_UNKNOWN", messageKey: "field.attachmentUnknown", params: { file: file.fileName } });
      continue;
    }
    if (row.scanStatus === "PENDING") {
      try {
        const scanned = await scanFormAttachment(ctx.services, row.id);
        if (scanned) row = { ...row, scanStatus: scanned.scanStatus };
      } catch (error) {
        ctx.services.logger.warn({ err: error, attachmentId: row.id }, "antivirus check at submit failed");
      }
    }
    if (row.scanStatus === "INFECTED") {
      issues.push({
        path: fieldPath,
        code: "ATTACHMENT_INFECTED",
        messageKey: "field.attachmentInfected",
        params: { file: row.file.fileName },
      });
    } else if (row.scanStatus !== "CLEAN") {
      issues.push({
        path: fieldPath,
        code: "ATTACHMENT_UNCHECKED",
        messageKey: "field.attachmentUnchecked",
        params: { file: row.file.fileName },
      });
    }
    known.set(row.id, { id: row.id, fileName: row.file.fileName, size: row.file.size, mimeType: row.file.mimeType });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { values: replaceAttachments(values, known) as FormValues, attachmentIds: ids };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuidLike = (value: string) => UUID.test(value);

/** A deep copy of the values in which every attachment value is the server's record of it. */
function replaceAttachments(value: unknown, known: Map<string, AttachmentValue>): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceAttachments(item, known));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.id === "string" && typeof record.fileName === "string" && known.has(record.id)) return { ...known.get(record.id)! };
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, replaceAttachments(item, known)]));
}

/**
 * "P-2026-00042": the town's yearly sequence, numbered under a lock per town and year so two submits at once
 * never take the same number (the unique index stays the last word).
 */
async function nextSubmissionNumber(tx: Tx, municipalityId: string, year: number): Promise<string> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`submission-number:${municipalityId}:${year}`}))`);
  const prefix = `P-${year}-`;
  const [row] = await tx.$queryRaw<{ last: string | null }[]>(Prisma.sql`
    SELECT max("number") AS "last" FROM "Submission"
     WHERE "municipalityId" = ${municipalityId}::uuid AND "number" LIKE ${`${prefix}%`}`);
  const sequence = row?.last ? Number(row.last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(sequence).padStart(5, "0")}`;
}
