import { equalInstallments, normalizeChipNumber, type FormDefinition } from "@portal/forms";
import { DateTime } from "luxon";
import { z } from "zod";
import { pragueNow } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { ConflictError, parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import { Prisma, type Submission } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { LIMITS, dateColumn } from "../account-admin/account-admin-rules.ts";
import { installmentRows, resolveBankAccount } from "../account-admin/create-assessment.ts";
import { nextVariableSymbol } from "../account-admin/next-variable-symbol.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findFormDefinition } from "../forms/form-registry.ts";
import { findReviewable, transitionSubmission } from "./decide-submission.ts";
import { keptDogChips } from "./kept-dog-chips.ts";
import { proposeSubmissionEffect } from "./propose-submission-effect.ts";
import { recordSubmissionEvent, type Tx } from "./record-submission-event.ts";
import { scheduleDelivery } from "./schedule-delivery.ts";
import type { SubmissionEffect } from "./submission-effect.ts";
import { SUBMISSION_LIMITS } from "./submission-rules.ts";

const isoDate = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid, { message: "field.date" });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const amount = z.number().int().min(0).max(LIMITS.amount);

const effectInput = z.object({
  payerName: optionalText(LIMITS.name),
  payerAddress: optionalText(LIMITS.address),
  pensioner: z.boolean().nullish(),
  dogs: z
    .array(
      z.object({
        name: text(60),
        breed: optionalText(80),
        chipNumber: optionalText(40).refine((v) => v === null || normalizeChipNumber(v) !== null, { message: "field.chipNumber" }),
        birthDate: isoDate.nullish().transform((v) => v ?? null),
        keptFrom: isoDate,
        exempt: z
          .boolean()
          .nullish()
          .transform((v) => v ?? false),
        exemptionReason: optionalText(100),
      }),
    )
    .max(SUBMISSION_LIMITS.dogsPerApproval)
    .nullish(),
  endingDogs: z
    .array(z.object({ dogId: z.uuid({ message: "field.invalid" }), endedOn: isoDate }))
    .max(SUBMISSION_LIMITS.dogsPerApproval)
    .nullish(),
  assessment: z
    .object({
      subject: text(LIMITS.subject),
      year: z.number().int().min(2000, { message: "field.year" }).max(2100, { message: "field.year" }),
      periodFrom: isoDate.nullish().transform((v) => v ?? null),
      periodTo: isoDate.nullish().transform((v) => v ?? null),
      amount: amount.refine((v) => v > 0, { message: "field.amountPositive" }),
      dueDate: isoDate,
      installmentCount: z
        .number()
        .int()
        .min(1, { message: "field.installmentCount" })
        .max(LIMITS.installments, { message: "field.installmentCount" }),
    })
    .nullish(),
  adjustments: z
    .array(z.object({ assessmentId: z.uuid({ message: "field.invalid" }), newAmount: amount }))
    .max(SUBMISSION_LIMITS.dogsPerApproval)
    .nullish(),
});

const input = z.object({
  expectedRevision: z.number().int().min(1),
  note: optionalText(SUBMISSION_LIMITS.reason),
  effect: effectInput.nullish(),
});

export type ApprovalInput = z.input<typeof input>;

/**
 * A reviewer approves a submission with its effect: the one proposed (propose-submission-effect.ts) or the
 * clerk's edit of it. What the effect may contain depends on the form (dogs only for a dog registration, ...), and
 * what it refers to must be the citizen's own (their payer's dogs and assessments); the payer is never taken from
 * the input. In one transaction: the status (only from the revision the clerk saw: a second clerk gets a
 * ConflictError and nothing of theirs is written), the payer (created and linked to the citizen when there is none),
 * the dog records, the assessment with its VS and installments, the recalculated assessments, the event (timeline,
 * audit, e-mail) and the delivery to the records system.
 */
export async function approveSubmission(ctx: Context, id: string, raw: unknown): Promise<Submission> {
  const submission = await findReviewable(ctx, id);
  const data = parseInput(input, raw);
  const definition = findFormDefinition(submission.formId);
  if (!definition) throw ValidationError.field("effect", "field.formUnknown", "UNKNOWN_FORM");
  if (submission.revision !== data.expectedRevision || !["SUBMITTED", "INFORMATION_REQUESTED"].includes(submission.status)) {
    throw new ConflictError();
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.db.$transaction(async (tx) => {
        const proposal = await proposeSubmissionEffect(ctx, tx, submission, definition);
        const effect = data.effect ? mergeEffect(definition, proposal, data.effect) : proposal;
        await transitionSubmission(ctx, tx, submission, data.expectedRevision, {
          status: "APPROVED",
          decidedAt: ctx.clock.now(),
          decidedById: ctx.viewer!.userId,
          decisionNote: data.note,
        });
        const applied = await applyEffect(ctx, tx, submission, effect);
        await tx.submission.update({ where: { id: submission.id }, data: { effect: applied as Prisma.InputJsonObject } });
        await recordSubmissionEvent(ctx, tx, {
          submissionId: submission.id,
          citizenId: submission.userId,
          type: "APPROVED",
          message: data.note,
          details: applied as Prisma.InputJsonObject,
        });
        await scheduleDelivery(ctx, tx, submission.id, "decided");
      });
      break;
    } catch (error) {
      // A finance clerk took the generated VS meanwhile: number again (the whole approval is one transaction).
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
  return ctx.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
}

type EffectInput = z.output<typeof effectInput>;

/** The clerk's edit over the proposal, refusing parts the form cannot have. */
function mergeEffect(definition: FormDefinition, proposal: SubmissionEffect, edit: EffectInput): SubmissionEffect {
  const kind = definition.effect;
  const refuse = (field: string) => {
    throw ValidationError.field(field, "field.effectNotAllowed", "NOT_ALLOWED");
  };
  if (edit.dogs?.length && kind !== "DOG_REGISTRATION") refuse("dogs");
  if (edit.endingDogs?.length && kind !== "DOG_DEREGISTRATION") refuse("endingDogs");
  if (edit.assessment && kind !== "DOG_REGISTRATION" && kind !== "WASTE_FEE_REGISTRATION") refuse("assessment");
  if (edit.adjustments?.length && kind !== "DOG_DEREGISTRATION" && kind !== "WASTE_FEE_EXEMPTION") refuse("adjustments");
  const assessmentKind = kind === "WASTE_FEE_REGISTRATION" ? "WASTE_FEE" : "DOG_FEE";
  return {
    ...proposal,
    payerName: edit.payerName ?? proposal.payerName,
    payerAddress: edit.payerAddress ?? proposal.payerAddress,
    pensioner: edit.pensioner ?? proposal.pensioner,
    dogs: edit.dogs
      ? edit.dogs.map((dog) => ({ ...dog, chipNumber: dog.chipNumber ? normalizeChipNumber(dog.chipNumber) : null, fee: 0 }))
      : proposal.dogs,
    endingDogs: edit.endingDogs
      ? edit.endingDogs.map((dog) => ({ dogId: dog.dogId, endedOn: dog.endedOn, name: "", chipNumber: null }))
      : proposal.endingDogs,
    // An explicit null drops the proposed assessment (e.g. every dog is exempt).
    assessment: edit.assessment === undefined ? proposal.assessment : edit.assessment ? { kind: assessmentKind, ...edit.assessment } : null,
    adjustments: edit.adjustments
      ? edit.adjustments.map((a) => ({
          assessmentId: a.assessmentId,
          newAmount: a.newAmount,
          subject: "",
          variableSymbol: "",
          currentAmount: 0,
        }))
      : proposal.adjustments,
  };
}

async function applyEffect(ctx: Context, tx: Tx, submission: Submission, effect: SubmissionEffect) {
  await checkDogChips(ctx, tx, effect);
  const needsPayer = effect.dogs.length > 0 || effect.assessment !== null;
  let payerId = effect.payerId;
  if (needsPayer && !payerId) {
    if (!effect.payerName) throw ValidationError.field("payerName", "field.required", "REQUIRED");
    const payer = await tx.payer.create({
      data: { municipalityId: ctx.municipality.id, kind: "PERSON", name: effect.payerName, address: effect.payerAddress },
    });
    await tx.payerLink.create({ data: { payerId: payer.id, userId: submission.userId, method: "CLERK", linkedById: ctx.viewer!.userId } });
    await recordAudit(
      { ...ctx, db: tx as never },
      { action: "payer.created", subjectType: "Payer", subjectId: payer.id, details: { name: payer.name, submissionId: submission.id } },
    );
    payerId = payer.id;
  }

  let assessmentId: string | null = null;
  let variableSymbol: string | null = null;
  if (effect.assessment) {
    const a = effect.assessment;
    const installments = equalInstallments(a.amount, a.installmentCount, a.dueDate);
    if (installments.length === 0) throw ValidationError.field("assessment", "field.installmentCount", "INSTALLMENT_COUNT");
    await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`assessment-vs:${ctx.municipality.id}:${a.kind}`}))`);
    variableSymbol = await nextVariableSymbol(tx, ctx.municipality.id, a.kind, a.year);
    const bankAccountId = await resolveBankAccount({ db: tx as never }, null);
    const created = await tx.assessment.create({
      data: {
        municipalityId: ctx.municipality.id,
        payerId: payerId!,
        kind: a.kind,
        subject: a.subject,
        year: a.year,
        periodFrom: a.periodFrom ? dateColumn(a.periodFrom) : null,
        periodTo: a.periodTo ? dateColumn(a.periodTo) : null,
        amount: BigInt(a.amount),
        dueDate: dateColumn(installments.at(-1)!.dueDate),
        variableSymbol,
        bankAccountId,
        createdById: ctx.viewer!.userId,
        installments: { create: installmentRows(installments) },
      },
    });
    assessmentId = created.id;
    await recordAudit(
      { ...ctx, db: tx as never },
      {
        action: "assessment.created",
        subjectType: "Assessment",
        subjectId: created.id,
        details: {
          payerId,
          kind: a.kind,
          amount: String(a.amount),
          variableSymbol,
          installments: installments.length,
          submissionId: submission.id,
        },
      },
    );
  }

  const dogIds: string[] = [];
  for (const dog of effect.dogs) {
    const created = await tx.dog.create({
      data: {
        municipalityId: ctx.municipality.id,
        payerId: payerId!,
        name: dog.name,
        breed: dog.breed,
        chipNumber: dog.chipNumber,
        birthDate: dog.birthDate ? dateColumn(dog.birthDate) : null,
        keptFrom: dateColumn(dog.keptFrom),
        pensioner: effect.pensioner,
        exempt: dog.exempt,
        exemptionReason: dog.exemptionReason,
        assessmentId,
        submissionId: submission.id,
      },
    });
    dogIds.push(created.id);
  }

  const owned = payerId ? { payerId } : { payerId: "00000000-0000-0000-0000-000000000000" };
  for (const [index, ending] of effect.endingDogs.entries()) {
    const { count } = await tx.dog.updateMany({
      where: { id: ending.dogId, ...owned, endedOn: null },
      data: { endedOn: dateColumn(ending.endedOn), endReason: "deregistered", endSubmissionId: submission.id },
    });
    if (count === 0)
      throw new ValidationError([{ path: ["endingDogs", String(index), "dogId"], code: "UNKNOWN", messageKey: "field.dogUnknown" }]);
  }

  for (const [index, adjustment] of effect.adjustments.entries()) {
    await adjustAssessment(ctx, tx, submission, payerId, adjustment, index);
  }

  return {
    kind: effect.kind,
    payerId,
    dogIds,
    endedDogIds: effect.endingDogs.map((d) => d.dogId),
    assessmentId,
    variableSymbol,
    amount: effect.assessment?.amount ?? null,
    adjustments: effect.adjustments.map((a) => ({ assessmentId: a.assessmentId, newAmount: a.newAmount })),
  };
}

/**
 * One chip, one kept dog in the town: not twice in this approval, and not a dog the registry keeps now, checked
 * under the town's dog-registry lock (another submission with the same chip may have been approved since this one
 * was sent; the second approval gets this error and writes nothing).
 */
async function checkDogChips(ctx: Context, tx: Tx, effect: SubmissionEffect) {
  if (effect.dogs.length === 0) return;
  const kept = await keptDogChips(
    tx,
    ctx.municipality.id,
    effect.dogs.map((dog) => dog.chipNumber),
    { lock: true },
  );
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  effect.dogs.forEach((dog, index) => {
    if (!dog.chipNumber) return;
    const path = ["dogs", String(index), "chipNumber"];
    if (kept.has(dog.chipNumber)) issues.push({ path, code: "ALREADY_REGISTERED", messageKey: "field.chipAlreadyRegistered" });
    else if (seen.has(dog.chipNumber)) issues.push({ path, code: "DUPLICATE", messageKey: "field.chipDuplicate" });
    seen.add(dog.chipNumber);
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A recalculated assessment: a new amount over the same installments' plan, or cancelled when nothing is owed. */
async function adjustAssessment(
  ctx: Context,
  tx: Tx,
  submission: Submission,
  payerId: string | null,
  adjustment: { assessmentId: string; newAmount: number },
  index: number,
) {
  const path = ["adjustments", String(index), "assessmentId"];
  const [row] = await tx.$queryRaw<{ lifecycle: string; paired: boolean; amount: bigint; kind: string }[]>(Prisma.sql`
    SELECT a."lifecycle", a."amount", a."kind",
           EXISTS (SELECT 1 FROM "PaymentAllocation" al WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL) AS "paired"
      FROM "Assessment" a
     WHERE a."id" = ${adjustment.assessmentId}::uuid AND a."municipalityId" = ${ctx.municipality.id}::uuid
       AND a."payerId" = ${payerId}::uuid
       FOR UPDATE`);
  if (!row) throw new ValidationError([{ path, code: "UNKNOWN", messageKey: "error.notFound" }]);
  if (row.lifecycle !== "ACTIVE") throw new ValidationError([{ path, code: "NOT_ACTIVE", messageKey: "field.assessmentNotActive" }]);
  if (row.paired) throw new ValidationError([{ path, code: "PAIRED", messageKey: "field.assessmentPaired" }]);
  if (adjustment.newAmount === Number(row.amount)) return;
  if (adjustment.newAmount === 0) {
    await tx.assessment.update({
      where: { id: adjustment.assessmentId },
      data: { lifecycle: "CANCELLED", lifecycleReason: `Přepočet podle podání ${submission.number}`, lifecycleChangedAt: ctx.clock.now() },
    });
  } else {
    const current = await tx.installment.findMany({ where: { assessmentId: adjustment.assessmentId }, orderBy: { position: "asc" } });
    const first = current[0]?.dueDate.toISOString().slice(0, 10) ?? pragueNow(ctx.clock).toISODate()!;
    const installments = equalInstallments(adjustment.newAmount, Math.max(1, Math.min(current.length, adjustment.newAmount)), first);
    await tx.installment.deleteMany({ where: { assessmentId: adjustment.assessmentId } });
    await tx.assessment.update({
      where: { id: adjustment.assessmentId },
      data: {
        amount: BigInt(adjustment.newAmount),
        dueDate: dateColumn(installments.at(-1)!.dueDate),
        installments: { create: installmentRows(installments) },
      },
    });
  }
  await recordAudit(
    { ...ctx, db: tx as never },
    {
      action: adjustment.newAmount === 0 ? "assessment.cancelled" : "assessment.updated",
      subjectType: "Assessment",
      subjectId: adjustment.assessmentId,
      details: { amount: String(adjustment.newAmount), previousAmount: String(row.amount), submissionId: submission.id },
    },
  );
}
