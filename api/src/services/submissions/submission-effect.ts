import type { FormEffect } from "@portal/forms";

/**
 * What approving a submission does, as proposed to the clerk (propose-submission-effect.ts) and as the clerk
 * confirms it, possibly edited (approve-submission.ts). Amounts are integer haléře, dates "YYYY-MM-DD".
 */
export interface EffectDog {
  name: string;
  breed: string | null;
  chipNumber: string | null;
  birthDate: string | null;
  keptFrom: string;
  exempt: boolean;
  exemptionReason: string | null;
  /** The fee for this dog in the proposed assessment (informative). */
  fee: number;
}

export interface EndingDog {
  dogId: string;
  name: string;
  chipNumber: string | null;
  endedOn: string;
}

export interface EffectAssessment {
  kind: "DOG_FEE" | "WASTE_FEE";
  subject: string;
  year: number;
  periodFrom: string | null;
  periodTo: string | null;
  amount: number;
  /** The first installment's due date. */
  dueDate: string;
  installmentCount: number;
}

export interface AssessmentAdjustment {
  assessmentId: string;
  subject: string;
  variableSymbol: string;
  currentAmount: number;
  /** 0 cancels the assessment. */
  newAmount: number;
}

export interface SubmissionEffect {
  kind: FormEffect;
  /** The payer the assessments go to: the citizen's linked payer, or a new one with this name and address. */
  payerId: string | null;
  payerName: string | null;
  payerAddress: string | null;
  pensioner: boolean;
  dogs: EffectDog[];
  endingDogs: EndingDog[];
  assessment: EffectAssessment | null;
  adjustments: AssessmentAdjustment[];
  /** Message keys with params: what the clerk should know (a missing tariff, a paid assessment). */
  warnings: { key: string; params: Record<string, string | number> }[];
}
