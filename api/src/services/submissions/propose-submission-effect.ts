import { computeDogFee, normalizeChipNumber, type DogFeeDog, type DogFeeTariff as DogFeeRates, type FormDefinition } from "@portal/forms";
import { DateTime } from "luxon";
import { Prisma } from "../../generated/prisma/client.ts";
import type { Dog, DogFeeTariff, Submission } from "../../generated/prisma/client.ts";
import { pragueNow } from "../../clock.ts";
import type { Context } from "../../context.ts";
import { translate } from "../../i18n/messages.ts";
import type { TenantDb, TenantTx } from "../../db/tenant.ts";
import { keptDogChips } from "./kept-dog-chips.ts";
import type { AssessmentAdjustment, EffectAssessment, EffectDog, EndingDog, SubmissionEffect } from "./submission-effect.ts";

type Db = TenantDb | TenantTx;
type Values = Record<string, unknown>;

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);
const str = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);

export function dogFeeRates(tariff: DogFeeTariff): DogFeeRates {
  return {
    year: tariff.year,
    firstDog: Number(tariff.firstDog),
    furtherDog: Number(tariff.furtherDog),
    pensionerFirstDog: Number(tariff.pensionerFirstDog),
    pensionerFurtherDog: Number(tariff.pensionerFurtherDog),
    proRata: tariff.proRata === "FROM_NEXT_MONTH" ? "FROM_NEXT_MONTH" : "STARTED_MONTHS",
  };
}

export function registryDog(dog: Dog): DogFeeDog {
  return {
    key: dog.id,
    name: dog.name,
    since: isoDate(dog.keptFrom)!,
    until: isoDate(dog.endedOn),
    birthDate: isoDate(dog.birthDate),
    exempt: dog.exempt,
  };
}

/**
 * The effect approving the submission would have, computed from the submission's frozen values and the town's
 * records: for a dog registration the dogs and the year's assessment from the tariff (dogs the payer already keeps
 * count, so a new dog may be a "further" dog); for a deregistration the dogs ended and the year's assessment
 * recalculated; for the waste fee the assessment for the household, or its reduction for an exemption. The clerk
 * sees it, may edit it, and confirms it.
 */
export async function proposeSubmissionEffect(
  ctx: Context,
  db: Db,
  submission: Submission,
  definition: FormDefinition,
): Promise<SubmissionEffect> {
  const values = (submission.values ?? {}) as Values;
  const now = pragueNow(ctx.clock);
  const year = now.year;
  const payer = await citizenPayer(db, submission.userId);
  const address = [str(values.street), [str(values.postalCode), str(values.city)].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const effect: SubmissionEffect = {
    kind: definition.effect,
    payerId: payer?.id ?? null,
    payerName: payer?.name ?? str(values.fullName),
    payerAddress: payer?.address ?? (address || null),
    pensioner: values.reducedRate === true,
    dogs: [],
    endingDogs: [],
    assessment: null,
    adjustments: [],
    warnings: [],
  };
  const kept = payer
    ? await db.dog.findMany({
        where: { payerId: payer.id, OR: [{ endedOn: null }, { endedOn: { gte: new Date(`${year}-01-01T00:00:00Z`) } }] },
        orderBy: { keptFrom: "asc" },
      })
    : [];

  if (definition.effect === "DOG_REGISTRATION") {
    const listed = Array.isArray(values.dogs) ? (values.dogs as Values[]) : [];
    effect.dogs = listed.map((dog) => ({
      name: str(dog.name) ?? "",
      breed: str(dog.breed),
      chipNumber: str(dog.chipNumber),
      birthDate: str(dog.birthDate),
      keptFrom: str(dog.keptSince) ?? now.toISODate()!,
      exempt: dog.exempt === true,
      exemptionReason: str(dog.exemptionReason),
      fee: 0,
    }));
    // Registered meanwhile through another submission: the clerk sees it before approving (approval refuses it).
    const registered = await keptDogChips(
      db,
      ctx.municipality.id,
      effect.dogs.map((dog) => dog.chipNumber),
    );
    for (const dog of effect.dogs) {
      if (dog.chipNumber && registered.has(dog.chipNumber))
        effect.warnings.push({ key: "effect.chipAlreadyRegistered", params: { name: dog.name, chip: dog.chipNumber } });
    }
    const tariff = await db.dogFeeTariff.findFirst({ where: { year } });
    if (!tariff) {
      effect.warnings.push({ key: "effect.noTariff", params: { year } });
      return effect;
    }
    const fee = dogFeeForRegistration(tariff, kept, effect.dogs, effect.pensioner);
    effect.dogs.forEach((dog, index) => (dog.fee = fee.perDog[index] ?? 0));
    if (fee.amount > 0) {
      effect.assessment = {
        kind: "DOG_FEE",
        subject: translate("cs", "submission.dogFeeSubject", { year, dogs: effect.dogs.map((d) => d.name).join(", ") }).slice(0, 200),
        year,
        periodFrom: fee.periodFrom,
        periodTo: `${year}-12-31`,
        amount: fee.amount,
        ...duePlan(tariff.dueDate, tariff.installmentCount, now),
      };
    }
    return effect;
  }

  if (definition.effect === "DOG_DEREGISTRATION") {
    const listed = Array.isArray(values.dogs) ? (values.dogs as Values[]) : [];
    const active = kept.filter((dog) => dog.endedOn === null);
    for (const entry of listed) {
      const chip = str(entry.chipNumber);
      const normalized = chip ? normalizeChipNumber(chip) : null;
      const match = active.find(
        (dog) => dog.chipNumber && dog.chipNumber === normalized && !effect.endingDogs.some((e) => e.dogId === dog.id),
      );
      if (!match) {
        effect.warnings.push({ key: "effect.dogNotFound", params: { name: str(entry.name) ?? "", chip: chip ?? "" } });
        continue;
      }
      effect.endingDogs.push({
        dogId: match.id,
        name: match.name,
        chipNumber: match.chipNumber,
        endedOn: str(entry.keptUntil) ?? now.toISODate()!,
      });
    }
    if (payer && effect.endingDogs.length > 0)
      effect.adjustments = await dogFeeAdjustments(ctx, db, payer.id, year, kept, effect.endingDogs, effect);
    return effect;
  }

  if (definition.effect === "WASTE_FEE_REGISTRATION") {
    const tariff = await db.wasteFeeTariff.findFirst({ where: { year } });
    if (!tariff) {
      effect.warnings.push({ key: "effect.noWasteTariff", params: { year } });
      return effect;
    }
    const persons = 1 + (Array.isArray(values.members) ? values.members.length : 0);
    const since = str(values.liableSince) ?? now.toISODate()!;
    const fromMonth = since < `${year}-01-01` ? 1 : Number(since.slice(5, 7));
    const months = since > `${year}-12-31` ? 0 : 13 - fromMonth;
    const amount = Math.ceil((Number(tariff.perPerson) * persons * months) / 12 / 100) * 100;
    if (amount > 0) {
      effect.assessment = {
        kind: "WASTE_FEE",
        subject: translate("cs", "submission.wasteFeeSubject", { year, persons }).slice(0, 200),
        year,
        periodFrom: `${year}-${String(fromMonth).padStart(2, "0")}-01`,
        periodTo: `${year}-12-31`,
        amount,
        ...duePlan(tariff.dueDate, tariff.installmentCount, now),
      };
    }
    return effect;
  }

  if (definition.effect === "WASTE_FEE_EXEMPTION") {
    const tariff = await db.wasteFeeTariff.findFirst({ where: { year } });
    if (!tariff) {
      effect.warnings.push({ key: "effect.noWasteTariff", params: { year } });
      return effect;
    }
    const from = str(values.from) ?? now.toISODate()!;
    const until = str(values.until) ?? `${year}-12-31`;
    const first = from < `${year}-01-01` ? 1 : Number(from.slice(5, 7));
    const last = until > `${year}-12-31` ? 12 : Number(until.slice(5, 7));
    const months = from > `${year}-12-31` || until < `${year}-01-01` ? 0 : Math.max(0, last - first + 1);
    const reduction = Math.floor((Number(tariff.perPerson) * months) / 12 / 100) * 100;
    if (payer && reduction > 0) {
      const assessments = await adjustableAssessments(db, ctx.municipality.id, payer.id, "WASTE_FEE", year, effect);
      const target = assessments[0];
      if (target) {
        effect.adjustments.push({ ...target, newAmount: Math.max(0, target.currentAmount - reduction) });
      }
    }
    if (effect.adjustments.length === 0) effect.warnings.push({ key: "effect.noAssessment", params: { year } });
    return effect;
  }
  return effect;
}

/** The citizen's own payer (a person linked to the account), the earliest linked when there are several. */
export async function citizenPayer(db: Db, userId: string) {
  const link = await db.payerLink.findFirst({
    where: { userId, payer: { kind: "PERSON" } },
    orderBy: { createdAt: "asc" },
    include: { payer: true },
  });
  return link?.payer ?? null;
}

/**
 * The fee the new dogs add for the year: the payer's dogs with the new ones, minus the dogs already kept (the new
 * ones take the "further dog" rate when the payer already keeps a dog).
 */
export function dogFeeForRegistration(tariff: DogFeeTariff, kept: Dog[], dogs: EffectDog[], pensioner: boolean) {
  const rates = dogFeeRates(tariff);
  const existing = kept.map(registryDog);
  const added: DogFeeDog[] = dogs.map((dog, index) => ({
    key: `new-${index}`,
    name: dog.name,
    since: dog.keptFrom,
    birthDate: dog.birthDate,
    exempt: dog.exempt,
  }));
  const withNew = computeDogFee(rates, [...existing, ...added], { pensioner });
  const before = computeDogFee(rates, existing, { pensioner });
  const perDog = added.map((dog) => withNew.lines.filter((line) => line.key === dog.key).reduce((sum, line) => sum + line.amount, 0));
  const firstMonth = withNew.lines
    .filter((line) => line.key.startsWith("new-"))
    .map((line) => line.fromMonth)
    .sort()[0];
  return {
    amount: Math.max(0, withNew.total - before.total),
    perDog,
    periodFrom: firstMonth ? `${firstMonth}-01` : `${tariff.year}-01-01`,
  };
}

/** The dog fee of the year after the dogs end, spread over the payer's active, unpaired dog fee assessments. */
async function dogFeeAdjustments(
  ctx: Context,
  db: Db,
  payerId: string,
  year: number,
  kept: Dog[],
  ending: EndingDog[],
  effect: SubmissionEffect,
): Promise<AssessmentAdjustment[]> {
  const tariff = await db.dogFeeTariff.findFirst({ where: { year } });
  if (!tariff) {
    effect.warnings.push({ key: "effect.noTariff", params: { year } });
    return [];
  }
  const rates = dogFeeRates(tariff);
  const after = kept.map((dog) => {
    const end = ending.find((e) => e.dogId === dog.id);
    return { ...registryDog(dog), ...(end ? { until: end.endedOn < `${year}-01-01` ? `${year}-01-01` : end.endedOn } : {}) };
  });
  const expected = computeDogFee(rates, after, { pensioner: kept.some((dog) => dog.pensioner) }).total;
  const assessments = await adjustableAssessments(db, ctx.municipality.id, payerId, "DOG_FEE", year, effect);
  if (assessments.length === 0) {
    effect.warnings.push({ key: "effect.noAssessment", params: { year } });
    return [];
  }
  let reduction = assessments.reduce((sum, a) => sum + a.currentAmount, 0) - expected;
  const adjustments: AssessmentAdjustment[] = [];
  // The newest assessments are reduced first (the fee of the most recently registered dogs).
  for (const assessment of [...assessments].reverse()) {
    if (reduction <= 0) break;
    const cut = Math.min(reduction, assessment.currentAmount);
    adjustments.push({ ...assessment, newAmount: assessment.currentAmount - cut });
    reduction -= cut;
  }
  return adjustments;
}

/** The payer's active assessments of the kind and year with no payment paired (those a recalculation may rewrite). */
async function adjustableAssessments(
  db: Db,
  municipalityId: string,
  payerId: string,
  kind: "DOG_FEE" | "WASTE_FEE",
  year: number,
  effect: SubmissionEffect,
): Promise<Omit<AssessmentAdjustment, "newAmount">[]> {
  const rows = await db.$queryRaw<{ id: string; subject: string; variableSymbol: string; amount: bigint; paired: boolean }[]>(Prisma.sql`
    SELECT a."id", a."subject", a."variableSymbol", a."amount",
           EXISTS (SELECT 1 FROM "PaymentAllocation" al WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL) AS "paired"
      FROM "Assessment" a
     WHERE a."municipalityId" = ${municipalityId}::uuid AND a."payerId" = ${payerId}::uuid AND a."kind" = ${kind}::"AssessmentKind"
       AND a."year" = ${year} AND a."lifecycle" = 'ACTIVE'
     ORDER BY a."createdAt" ASC`);
  for (const row of rows.filter((r) => r.paired))
    effect.warnings.push({ key: "effect.paidAssessment", params: { vs: row.variableSymbol } });
  return rows
    .filter((row) => !row.paired)
    .map((row) => ({ assessmentId: row.id, subject: row.subject, variableSymbol: row.variableSymbol, currentAmount: Number(row.amount) }));
}

/** The tariff's first due date and installments; when it has passed, one payment due in 30 days. */
export function duePlan(dueDate: Date, installmentCount: number, now: DateTime): Pick<EffectAssessment, "dueDate" | "installmentCount"> {
  const due = isoDate(dueDate)!;
  const today = now.toISODate()!;
  if (due >= today) return { dueDate: due, installmentCount };
  return { dueDate: now.plus({ days: 30 }).toISODate()!, installmentCount: 1 };
}

export type { EffectAssessment, EffectDog };
