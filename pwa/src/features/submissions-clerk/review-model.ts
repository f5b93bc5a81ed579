import type { DogFeeTariff } from "@portal/forms";
import type { ResultOf } from "../../graphql/graphql.ts";
import { toHaler } from "../account-clerk/money.ts";
import { initialForm, recomputeDogFee, type ProposedEffect } from "./effect-model.ts";
import type { SubmissionReviewQuery } from "./operations.ts";

type Data = ResultOf<typeof SubmissionReviewQuery>;
type ApiEffect = NonNullable<Data["submissionReview"]>["proposedEffect"];
type ApiTariff = Data["dogFeeTariffs"][number];

/** The API's proposal with amounts in haléře (Money arrives as a decimal string). */
export function proposedEffectOf(effect: ApiEffect): ProposedEffect {
  return {
    kind: effect.kind,
    payerExists: effect.payerExists,
    payerName: effect.payerName,
    payerAddress: effect.payerAddress,
    pensioner: effect.pensioner,
    dogs: effect.dogs.map((dog) => ({ ...dog, fee: toHaler(dog.fee) })),
    endingDogs: effect.endingDogs,
    assessment: effect.assessment && {
      ...effect.assessment,
      kind: effect.assessment.kind === "WASTE_FEE" ? "WASTE_FEE" : "DOG_FEE",
      amount: toHaler(effect.assessment.amount),
    },
    adjustments: effect.adjustments.map((adjustment) => ({
      ...adjustment,
      currentAmount: toHaler(adjustment.currentAmount),
      newAmount: toHaler(adjustment.newAmount),
    })),
  };
}

/** The dog fee tariff of the year the proposal is for, as @portal/forms computes with it. */
export function tariffFor(tariffs: readonly ApiTariff[], year: number): DogFeeTariff | null {
  const tariff = tariffs.find((candidate) => candidate.year === year);
  if (!tariff) return null;
  return {
    year: tariff.year,
    firstDog: toHaler(tariff.firstDog),
    furtherDog: toHaler(tariff.furtherDog),
    pensionerFirstDog: toHaler(tariff.pensionerFirstDog),
    pensionerFurtherDog: toHaler(tariff.pensionerFurtherDog),
    proRata: tariff.proRata === "FROM_NEXT_MONTH" ? "FROM_NEXT_MONTH" : "STARTED_MONTHS",
  };
}

/**
 * Whether the page can recompute the fee as the clerk edits: the API counts the dogs the payer already keeps (a
 * new dog may then be a further dog), which the page does not know. When its own computation of the unedited
 * proposal gives the API's amount, the payer keeps no dog that changes it, and the page's recomputation is exact;
 * otherwise the amount stays the clerk's to check.
 */
export function canRecompute(effect: ProposedEffect, tariff: DogFeeTariff | null): boolean {
  if (effect.kind !== "DOG_REGISTRATION" || !effect.assessment || !tariff) return false;
  const fee = recomputeDogFee(tariff, effect.dogs, initialForm(effect));
  return fee !== null && fee.amount === effect.assessment.amount;
}
