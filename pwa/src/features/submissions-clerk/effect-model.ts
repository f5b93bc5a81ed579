import { computeDogFee, equalInstallments, type DogFeeDog, type DogFeeTariff, type FormEffect } from "@portal/forms";
import { parseMoneyInput, toHaler } from "../account-clerk/money.ts";

// The effect of approving a submission as the clerk edits it: the API's proposal turned into form state (texts as
// typed), the dog fee recomputed as the clerk changes what it depends on, and the edit turned back into the API's
// input. Amounts inside are haléře.

export interface ProposedDog {
  name: string;
  breed: string | null;
  chipNumber: string | null;
  birthDate: string | null;
  keptFrom: string;
  exempt: boolean;
  exemptionReason: string | null;
  fee: number;
}

export interface ProposedEffect {
  kind: FormEffect;
  /** The citizen already has a payer (linked to the account); otherwise approval creates one with this name. */
  payerExists: boolean;
  payerName: string | null;
  payerAddress: string | null;
  pensioner: boolean;
  dogs: readonly ProposedDog[];
  endingDogs: readonly { dogId: string; name: string; chipNumber: string | null; endedOn: string }[];
  assessment: {
    kind: "DOG_FEE" | "WASTE_FEE";
    subject: string;
    year: number;
    periodFrom: string | null;
    periodTo: string | null;
    amount: number;
    dueDate: string;
    installmentCount: number;
  } | null;
  adjustments: readonly { assessmentId: string; subject: string; variableSymbol: string; currentAmount: number; newAmount: number }[];
}

export interface EffectForm {
  payerName: string;
  payerAddress: string;
  pensioner: boolean;
  dogs: { keptFrom: string; exempt: boolean }[];
  endingDogs: { endedOn: string }[];
  assessment: { year: number; subject: string; amount: string; amountEdited: boolean; dueDate: string; installmentCount: string } | null;
  adjustments: { newAmount: string }[];
  note: string;
}

/** "1 500" for 150 000 haléře, "1 500,50" for 150 050: how a Czech clerk reads and types it. */
export function typedAmount(haler: number): string {
  const crowns = Math.floor(Math.abs(haler) / 100);
  const rest = Math.abs(haler) % 100;
  const grouped = String(crowns).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  return `${haler < 0 ? "-" : ""}${grouped}${rest ? `,${String(rest).padStart(2, "0")}` : ""}`;
}

export function initialForm(effect: ProposedEffect): EffectForm {
  return {
    payerName: effect.payerName ?? "",
    payerAddress: effect.payerAddress ?? "",
    pensioner: effect.pensioner,
    dogs: effect.dogs.map((dog) => ({ keptFrom: dog.keptFrom, exempt: dog.exempt })),
    endingDogs: effect.endingDogs.map((dog) => ({ endedOn: dog.endedOn })),
    assessment: effect.assessment && {
      year: effect.assessment.year,
      subject: effect.assessment.subject,
      amount: typedAmount(effect.assessment.amount),
      amountEdited: false,
      dueDate: effect.assessment.dueDate,
      installmentCount: String(effect.assessment.installmentCount),
    },
    adjustments: effect.adjustments.map((adjustment) => ({ newAmount: typedAmount(adjustment.newAmount) })),
    note: "",
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dog fee of the new dogs for the year, as the API computes it for a payer without other dogs. Null when it
 * cannot be computed (no tariff, a date not filled in or after the year).
 */
export function recomputeDogFee(
  tariff: DogFeeTariff | null,
  dogs: readonly Pick<ProposedDog, "name" | "birthDate">[],
  form: Pick<EffectForm, "dogs" | "pensioner">,
) {
  if (!tariff) return null;
  if (form.dogs.some((dog) => !ISO.test(dog.keptFrom) || dog.keptFrom > `${tariff.year}-12-31`)) return null;
  const added: DogFeeDog[] = dogs.map((dog, index) => ({
    key: `new-${index}`,
    name: dog.name,
    since: form.dogs[index]!.keptFrom,
    birthDate: dog.birthDate,
    exempt: form.dogs[index]!.exempt,
  }));
  try {
    const fee = computeDogFee(tariff, added, { pensioner: form.pensioner });
    return { amount: fee.total, lines: fee.lines };
  } catch {
    return null;
  }
}

/** Forms whose approval may issue an assessment (the clerk may add one the proposal lacks, e.g. without a tariff). */
export function issuesAssessment(effect: Pick<ProposedEffect, "kind">): boolean {
  return effect.kind === "DOG_REGISTRATION" || effect.kind === "WASTE_FEE_REGISTRATION";
}

/**
 * An assessment for the clerk to fill in when none was proposed: the subject as the API words it (in Czech: it is
 * the town's record, printed on the assessment), due in 30 days, one payment.
 */
export function blankAssessment(effect: ProposedEffect, today: string): NonNullable<EffectForm["assessment"]> {
  const year = Number(today.slice(0, 4));
  const names = effect.dogs.map((dog) => dog.name).join(", ");
  const subject =
    effect.kind === "DOG_REGISTRATION" ? `Poplatek ze psů ${year}${names ? ` – ${names}` : ""}` : `Poplatek za komunální odpad ${year}`;
  const due = new Date(`${today}T12:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 30);
  return { year, subject, amount: "", amountEdited: true, dueDate: due.toISOString().slice(0, 10), installmentCount: "1" };
}

/** The installments the assessment would be split into, or [] while the fields do not make a plan. */
export function installmentPreview(assessment: EffectForm["assessment"]) {
  if (!assessment) return [];
  const amount = parseMoneyInput(assessment.amount);
  return amount ? equalInstallments(toHaler(amount), Number(assessment.installmentCount) || 0, assessment.dueDate) : [];
}

/** The approval's effect input: only what the form of this kind may carry; the payer is never sent by id. */
export function effectInput(effect: ProposedEffect, form: EffectForm) {
  // The API's Money: a decimal string; what the clerk typed was checked before (parseMoneyInput).
  const haler = (text: string): `${number}` => parseMoneyInput(text) ?? "0.00";
  return {
    ...(effect.payerExists ? {} : { payerName: form.payerName.trim() || null, payerAddress: form.payerAddress.trim() || null }),
    pensioner: form.pensioner,
    ...(effect.kind === "DOG_REGISTRATION"
      ? {
          dogs: effect.dogs.map((dog, index) => ({
            name: dog.name,
            breed: dog.breed,
            chipNumber: dog.chipNumber,
            birthDate: dog.birthDate,
            keptFrom: form.dogs[index]!.keptFrom,
            exempt: form.dogs[index]!.exempt,
            exemptionReason: form.dogs[index]!.exempt ? dog.exemptionReason : null,
          })),
        }
      : {}),
    ...(effect.kind === "DOG_DEREGISTRATION"
      ? { endingDogs: effect.endingDogs.map((dog, index) => ({ dogId: dog.dogId, endedOn: form.endingDogs[index]!.endedOn })) }
      : {}),
    ...(effect.kind === "DOG_REGISTRATION" || effect.kind === "WASTE_FEE_REGISTRATION"
      ? {
          assessment: form.assessment
            ? {
                subject: form.assessment.subject.trim(),
                year: form.assessment.year,
                periodFrom: effect.assessment?.periodFrom ?? null,
                periodTo: effect.assessment?.periodTo ?? null,
                amount: haler(form.assessment.amount),
                dueDate: form.assessment.dueDate,
                installmentCount: Number(form.assessment.installmentCount),
              }
            : null,
        }
      : {}),
    ...(effect.kind === "DOG_DEREGISTRATION" || effect.kind === "WASTE_FEE_EXEMPTION"
      ? {
          adjustments: effect.adjustments.map((adjustment, index) => ({
            assessmentId: adjustment.assessmentId,
            newAmount: haler(form.adjustments[index]!.newAmount),
          })),
        }
      : {}),
  };
}
