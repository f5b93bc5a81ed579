import { z } from "zod";
import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { Assessment, Installment, Payer } from "../../generated/prisma/client.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import {
  ASSESSMENTS_WRITE_SCOPE,
  assessmentInputSchema,
  crowns,
  externalIdSchema,
  payerInputSchema,
  planInstallments,
  requireFinanceAccess,
  type PlannedInstallment,
} from "./account-admin-rules.ts";
import { notActive } from "./close-assessment.ts";
import { assessmentColumns, checkPeriod, installmentRows, variableSymbolTaken } from "./create-assessment.ts";
import { nextVariableSymbol } from "./next-variable-symbol.ts";

export type UpsertStatus = "CREATED" | "UPDATED" | "UNCHANGED" | "FAILED";

export interface UpsertItemResult {
  externalId: string;
  status: UpsertStatus;
  assessmentId: string | null;
  error: ValidationError | null;
}

const itemSchema = assessmentInputSchema.omit({ bankAccountId: true, generateAccessCode: true }).extend({
  externalId: externalIdSchema,
  payer: payerInputSchema.extend({ externalId: externalIdSchema }),
  bankAccountIban: z
    .string()
    .nullish()
    .transform((value) => value?.replace(/\s+/g, "").toUpperCase() || null),
});
type Item = z.output<typeof itemSchema>;

type Tx = Parameters<Parameters<Context["db"]["$transaction"]>[0]>[0];

/**
 * The accounting system sends assessments under its own ids (at most 100 per call). Each item stands on
 * its own: it is validated and written in its own transaction, so one bad item is reported with its field
 * errors and the others are still written (the answer lists every item's outcome in input order). An item
 * identical to what is stored changes nothing and reports UNCHANGED, so a replayed call is harmless.
 *
 * Once payments are paired with an assessment, an update may not move it to another payer or kind, nor
 * change its variable symbol (the payments were paired by it), nor lower the amount below what is paid
 * (field errors); a cancelled or written-off assessment is not updated at all.
 */
export async function upsertAssessments(ctx: Context, items: unknown[]): Promise<UpsertItemResult[]> {
  requireFinanceAccess(ctx, ASSESSMENTS_WRITE_SCOPE);
  const results: UpsertItemResult[] = [];
  for (const raw of items) {
    const externalId = String((raw as { externalId?: unknown }).externalId ?? "");
    try {
      const item = parseInput(itemSchema, raw);
      const installments = planInstallments(item);
      checkPeriod(item);
      let outcome: { status: UpsertStatus; assessmentId: string; details: Record<string, unknown> } | null = null;
      // A concurrent call may create the same payer or assessment first: the retry then updates it.
      for (let attempt = 1; !outcome; attempt++) {
        try {
          outcome = await ctx.db.$transaction((tx) => upsertOne(ctx, tx, item, installments));
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 3) {
            if (isUniqueViolation(error)) throw variableSymbolTaken();
            throw error;
          }
        }
      }
      if (outcome.status !== "UNCHANGED") {
        await recordAudit(ctx, {
          action: outcome.status === "CREATED" ? "assessment.created" : "assessment.updated",
          subjectType: "Assessment",
          subjectId: outcome.assessmentId,
          details: { externalId: item.externalId, ...outcome.details } as Prisma.InputJsonObject,
        });
      }
      results.push({ externalId: item.externalId, status: outcome.status, assessmentId: outcome.assessmentId, error: null });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      results.push({ externalId, status: "FAILED", assessmentId: null, error });
    }
  }
  return results;
}

async function upsertOne(ctx: Context, tx: Tx, item: Item, installments: PlannedInstallment[]) {
  const bankAccount = item.bankAccountIban
    ? await tx.bankAccount.findFirst({ where: { iban: item.bankAccountIban }, select: { id: true } })
    : await tx.bankAccount.findFirst({ orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true } });
  if (!bankAccount) throw ValidationError.field("bankAccountIban", "field.bankAccountUnknown", "UNKNOWN");
  const { payer, payerChanged } = await upsertPayer(ctx, tx, item.payer);
  const columns = { ...assessmentColumns(item, installments), payerId: payer.id, bankAccountId: bankAccount.id };
  const existing = await tx.assessment.findFirst({ where: { externalId: item.externalId }, include: { installments: true } });
  if (!existing) {
    if (item.variableSymbol && (await tx.assessment.findFirst({ where: { kind: item.kind, variableSymbol: item.variableSymbol } }))) {
      throw variableSymbolTaken();
    }
    const variableSymbol = item.variableSymbol ?? (await nextVariableSymbol(tx, ctx.municipality.id, item.kind, item.year));
    const created = await tx.assessment.create({
      data: {
        municipalityId: ctx.municipality.id,
        ...columns,
        variableSymbol,
        externalId: item.externalId,
        installments: { create: installmentRows(installments) },
      },
    });
    return { status: "CREATED" as const, assessmentId: created.id, details: { variableSymbol, amount: String(created.amount) } };
  }
  const variableSymbol = item.variableSymbol ?? existing.variableSymbol;
  const changed = changedFields(existing, { ...columns, variableSymbol }, installments);
  if (changed.length === 0)
    return { status: payerChanged ? ("UPDATED" as const) : ("UNCHANGED" as const), assessmentId: existing.id, details: { payer: true } };
  if (existing.lifecycle !== "ACTIVE") throw notActive("externalId");
  const paid = await paidTowards(tx, ctx.municipality.id, existing.id);
  if (paid > 0n) {
    const frozen: FieldIssue[] = (["payerId", "kind", "variableSymbol"] as const)
      .filter((field) => changed.includes(field))
      .map((field) => ({ path: [field === "payerId" ? "payer" : field], code: "PAIRED", messageKey: "field.assessmentPaired" }));
    if (columns.amount < paid) {
      frozen.push({ path: ["amount"], code: "BELOW_PAID", messageKey: "field.amountBelowPaid", params: { paid: crowns(Number(paid)) } });
    }
    if (frozen.length > 0) throw new ValidationError(frozen);
  }
  if (changed.includes("kind") || changed.includes("variableSymbol")) {
    const holder = await tx.assessment.findFirst({ where: { kind: columns.kind, variableSymbol }, select: { id: true } });
    if (holder && holder.id !== existing.id) throw variableSymbolTaken();
  }
  await tx.installment.deleteMany({ where: { assessmentId: existing.id } });
  await tx.assessment.update({
    where: { id: existing.id },
    data: { ...columns, variableSymbol, installments: { create: installmentRows(installments) } },
  });
  return { status: "UPDATED" as const, assessmentId: existing.id, details: { changed } };
}

async function upsertPayer(
  ctx: Context,
  tx: Tx,
  data: z.output<typeof itemSchema>["payer"],
): Promise<{ payer: Payer; payerChanged: boolean }> {
  const existing = await tx.payer.findFirst({ where: { externalId: data.externalId } });
  if (!existing) return { payer: await tx.payer.create({ data: { municipalityId: ctx.municipality.id, ...data } }), payerChanged: true };
  const differs = (Object.keys(data) as (keyof typeof data)[]).some((key) => data[key] !== existing[key]);
  if (!differs) return { payer: existing, payerChanged: false };
  return { payer: await tx.payer.update({ where: { id: existing.id }, data }), payerChanged: true };
}

async function paidTowards(tx: Tx, municipalityId: string, assessmentId: string): Promise<bigint> {
  // Locks the assessment while its terms change, so a pairing cannot slip in between the check and the write.
  const [row] = await tx.$queryRaw<{ paid: string | null }[]>(Prisma.sql`
    SELECT (SELECT sum(al."amount")::text FROM "PaymentAllocation" al WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL) AS "paid"
      FROM "Assessment" a WHERE a."id" = ${assessmentId}::uuid AND a."municipalityId" = ${municipalityId}::uuid FOR UPDATE`);
  return BigInt(row?.paid ?? "0");
}

function changedFields(
  existing: Assessment & { installments: Installment[] },
  desired: ReturnType<typeof assessmentColumns> & { payerId: string; bankAccountId: string; variableSymbol: string },
  installments: PlannedInstallment[],
): string[] {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  const changed: string[] = (Object.keys(desired) as (keyof typeof desired)[]).filter((key) => !same(existing[key], desired[key]));
  const stored = [...existing.installments]
    .sort((a, b) => a.position - b.position)
    .map((i) => `${i.amount}@${i.dueDate.toISOString().slice(0, 10)}`)
    .join(",");
  if (stored !== installments.map((i) => `${i.amount}@${i.dueDate}`).join(",")) changed.push("installments");
  return changed;
}
