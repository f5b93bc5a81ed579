import { z } from "zod";
import { isValidIco } from "@portal/forms";
import type { Context } from "../../context.ts";
import { NotFoundError, parseInput, ValidationError } from "../../errors.ts";
import type { BudgetOrganisation, BudgetOrganisationKind } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { isUniqueViolation } from "../accounts/is-unique-violation.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireBudgetManager } from "./budget-access.ts";

export interface BudgetOrganisationInput {
  kind: BudgetOrganisationKind;
  code: string;
  name: string;
  ico?: string | null;
  consolidated?: boolean | null;
}

const schema = z.object({
  kind: z.enum(["TOWN", "CONTRIBUTORY", "DISTRICT"]),
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,29}$/, { message: "field.budgetOrganisationCode" }),
  name: z.string().trim().min(2, { message: "field.required" }).max(200, { message: "field.tooLong" }),
  ico: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || isValidIco(v), { message: "field.ico" }),
  consolidated: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
});

/** Creates (no id) or changes a town organisation: the town itself, a district or a příspěvková organizace. */
export async function saveBudgetOrganisation(
  ctx: Context,
  input: BudgetOrganisationInput & { id?: string | null },
): Promise<BudgetOrganisation> {
  requireBudgetManager(ctx);
  const data = parseInput(schema, input);
  try {
    if (input.id) {
      const existing = isUuid(input.id) ? await ctx.db.budgetOrganisation.findUnique({ where: { id: input.id } }) : null;
      if (!existing) throw new NotFoundError();
      const updated = await ctx.db.budgetOrganisation.update({ where: { id: existing.id }, data });
      await recordAudit(ctx, {
        action: "budget.organisation.updated",
        subjectType: "BudgetOrganisation",
        subjectId: existing.id,
        details: { code: data.code },
      });
      await ctx.services.publicCache.invalidate(ctx.municipality.id);
      return updated;
    }
    const created = await ctx.db.budgetOrganisation.create({ data: { ...data, municipalityId: ctx.municipality.id } });
    await recordAudit(ctx, {
      action: "budget.organisation.created",
      subjectType: "BudgetOrganisation",
      subjectId: created.id,
      details: { code: data.code },
    });
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw ValidationError.field("code", "budget.organisationCodeTaken", "TAKEN");
    throw error;
  }
}

/** Lets a user of the town upload an organisation's data (its accountant), or takes that away. */
export async function setBudgetOrganisationMember(
  ctx: Context,
  input: { organisationId: string; email: string; member: boolean },
): Promise<BudgetOrganisation> {
  requireBudgetManager(ctx);
  const organisation = isUuid(input.organisationId)
    ? await ctx.db.budgetOrganisation.findUnique({ where: { id: input.organisationId } })
    : null;
  if (!organisation) throw new NotFoundError();
  const email = input.email.trim().toLowerCase();
  const user = email.length <= 254 ? await ctx.db.user.findFirst({ where: { email, disabledAt: null } }) : null;
  if (!user) throw ValidationError.field("email", "field.accountNotFound", "NOT_FOUND");
  if (input.member) {
    await ctx.db.budgetOrganisationMember.upsert({
      where: { organisationId_userId: { organisationId: organisation.id, userId: user.id } },
      create: { organisationId: organisation.id, userId: user.id, municipalityId: ctx.municipality.id },
      update: {},
    });
  } else {
    await ctx.db.budgetOrganisationMember.deleteMany({ where: { organisationId: organisation.id, userId: user.id } });
  }
  await recordAudit(ctx, {
    action: input.member ? "budget.organisation.memberAdded" : "budget.organisation.memberRemoved",
    subjectType: "BudgetOrganisation",
    subjectId: organisation.id,
    details: { userId: user.id },
  });
  return organisation;
}
