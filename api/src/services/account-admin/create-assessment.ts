import type { Context } from "../../context.ts";
import { parseInput, ValidationError, type FieldIssue } from "../../errors.ts";
import type { Assessment } from "../../generated/prisma/client.ts";
import { hashAccessCode } from "../../domain/access-code.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import {
  assessmentInputSchema,
  dateColumn,
  planInstallments,
  requireFinanceAccess,
  type AssessmentInputData,
  type PlannedInstallment,
} from "./account-admin-rules.ts";
import { findManagedPayer } from "./find-managed-payer.ts";
import { generateAccessCode } from "./generate-access-code.ts";
import { nextVariableSymbol } from "./next-variable-symbol.ts";

export interface CreatedAssessment {
  assessment: Assessment;
  /** The access code in clear text: returned once, only its hash is stored. */
  accessCode: string | null;
}

export const variableSymbolTaken = (path = "variableSymbol") =>
  new ValidationError([{ path: [path], code: "TAKEN", messageKey: "field.variableSymbolTaken" }]);

/**
 * A finance clerk issues an assessment (předpis) to a payer. Everything is checked before anything is
 * written; the installments are written with it in one statement (the database's deferred trigger checks
 * their sum again). A VS typed by the clerk that is already used for the kind is a field error, also when
 * two clerks save it at once (the unique index decides, the loser gets the same error); a generated VS is
 * simply generated again.
 */
export async function createAssessment(ctx: Context, payerId: string, input: unknown): Promise<CreatedAssessment> {
  requireFinanceAccess(ctx);
  const payer = await findManagedPayer(ctx, payerId);
  const data = parseInput(assessmentInputSchema, input);
  const installments = planInstallments(data);
  const bankAccountId = await resolveBankAccount(ctx, data.bankAccountId);
  checkPeriod(data);
  if (data.variableSymbol && (await variableSymbolUsed(ctx, data.kind, data.variableSymbol))) throw variableSymbolTaken();
  const accessCode = data.generateAccessCode ? generateAccessCode() : null;
  for (let attempt = 1; ; attempt++) {
    const variableSymbol = data.variableSymbol ?? (await nextVariableSymbol(ctx.db, ctx.municipality.id, data.kind, data.year));
    try {
      const assessment = await ctx.db.assessment.create({
        data: {
          municipalityId: ctx.municipality.id,
          payerId: payer.id,
          ...assessmentColumns(data, installments),
          variableSymbol,
          bankAccountId,
          accessCodeHash: accessCode ? hashAccessCode(accessCode) : null,
          createdById: ctx.viewer?.userId ?? null,
          installments: { create: installmentRows(installments) },
        },
      });
      await recordAudit(ctx, {
        action: "assessment.created",
        subjectType: "Assessment",
        subjectId: assessment.id,
        details: {
          payerId: payer.id,
          kind: assessment.kind,
          amount: String(assessment.amount),
          variableSymbol,
          installments: installments.length,
          accessCode: accessCode !== null,
        },
      });
      return { assessment, accessCode };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (data.variableSymbol || attempt >= 5) throw variableSymbolTaken();
    }
  }
}

export function assessmentColumns(data: AssessmentInputData, installments: PlannedInstallment[]) {
  return {
    kind: data.kind,
    subject: data.subject,
    year: data.year,
    periodFrom: data.periodFrom ? dateColumn(data.periodFrom) : null,
    periodTo: data.periodTo ? dateColumn(data.periodTo) : null,
    amount: BigInt(data.amount),
    dueDate: dateColumn(installments.at(-1)!.dueDate),
    constantSymbol: data.constantSymbol,
    specificSymbol: data.specificSymbol,
  };
}

export function installmentRows(installments: PlannedInstallment[]) {
  return installments.map((i, index) => ({ position: index + 1, amount: BigInt(i.amount), dueDate: dateColumn(i.dueDate) }));
}

export function checkPeriod(data: Pick<AssessmentInputData, "periodFrom" | "periodTo">, prefix: string[] = []): void {
  if (data.periodFrom && data.periodTo && data.periodTo < data.periodFrom) {
    throw new ValidationError([{ path: [...prefix, "periodTo"], code: "PERIOD_ORDER", messageKey: "field.periodOrder" }]);
  }
}

export async function variableSymbolUsed(ctx: Pick<Context, "db">, kind: Assessment["kind"], variableSymbol: string, exceptId?: string) {
  const holder = await ctx.db.assessment.findFirst({ where: { kind, variableSymbol }, select: { id: true } });
  return holder !== null && holder.id !== exceptId;
}

/** The town's account by id, or its primary account; another town's account id is a field error. */
export async function resolveBankAccount(
  ctx: Pick<Context, "db">,
  id: string | null | undefined,
  path: string[] = ["bankAccountId"],
): Promise<string> {
  const account = id
    ? isUuid(id)
      ? await ctx.db.bankAccount.findFirst({ where: { id }, select: { id: true } })
      : null
    : await ctx.db.bankAccount.findFirst({ orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true } });
  if (!account) {
    const issue: FieldIssue = { path, code: "UNKNOWN", messageKey: "field.bankAccountUnknown" };
    throw new ValidationError([issue]);
  }
  return account.id;
}
