import { describe, expect, it } from "vitest";
import { blankAssessment, effectInput, initialForm, recomputeDogFee, typedAmount, type ProposedEffect } from "./effect-model.ts";
import { canRecompute } from "./review-model.ts";

const tariff = { year: 2026, firstDog: 60_000, furtherDog: 90_000, pensionerFirstDog: 20_000, pensionerFurtherDog: 30_000 };

const proposal: ProposedEffect = {
  kind: "DOG_REGISTRATION",
  payerExists: false,
  payerName: "Věra Dvořáková",
  payerAddress: "Zahradní 7, 582 32 Lipnice",
  pensioner: true,
  dogs: [
    {
      name: "Rex",
      breed: "Border kolie",
      chipNumber: "203098100777001",
      birthDate: "2023-04-02",
      keptFrom: "2026-01-15",
      exempt: false,
      exemptionReason: null,
      fee: 20_000,
    },
  ],
  endingDogs: [],
  assessment: {
    kind: "DOG_FEE",
    subject: "Poplatek ze psů 2026 – Rex",
    year: 2026,
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    amount: 20_000,
    dueDate: "2027-01-05",
    installmentCount: 1,
  },
  adjustments: [],
};

describe("the clerk's effect editor", () => {
  it("types amounts the Czech way", () => {
    expect(typedAmount(150_000)).toBe("1 500");
    expect(typedAmount(150_050)).toBe("1 500,50");
    expect(typedAmount(5)).toBe("0,05");
  });

  it("recomputes the fee as the clerk refuses the reduced rate or moves the start", () => {
    const form = initialForm(proposal);
    expect(recomputeDogFee(tariff, proposal.dogs, form)?.amount).toBe(20_000);
    expect(recomputeDogFee(tariff, proposal.dogs, { ...form, pensioner: false })?.amount).toBe(60_000);
    // From 1 July: 6 started months of 600 Kč a year.
    expect(recomputeDogFee(tariff, proposal.dogs, { pensioner: false, dogs: [{ keptFrom: "2026-07-01", exempt: false }] })?.amount).toBe(
      30_000,
    );
    expect(recomputeDogFee(tariff, proposal.dogs, { pensioner: false, dogs: [{ keptFrom: "2026-07-01", exempt: true }] })?.amount).toBe(0);
    // Not a date yet, or after the tariff's year: nothing to show rather than a wrong number.
    expect(recomputeDogFee(tariff, proposal.dogs, { pensioner: false, dogs: [{ keptFrom: "", exempt: false }] })).toBeNull();
    expect(recomputeDogFee(tariff, proposal.dogs, { pensioner: false, dogs: [{ keptFrom: "2027-01-01", exempt: false }] })).toBeNull();
  });

  it("recomputes only when its own result matches the API's (the payer keeps no other dog)", () => {
    expect(canRecompute(proposal, tariff)).toBe(true);
    // The API charged a further dog's rate: the payer already keeps one, which the page cannot see.
    expect(canRecompute({ ...proposal, pensioner: false, assessment: { ...proposal.assessment!, amount: 90_000 } }, tariff)).toBe(false);
    expect(canRecompute(proposal, null)).toBe(false);
  });

  it("sends what the form of this kind may carry, amounts as Money", () => {
    const form = { ...initialForm(proposal), pensioner: false };
    form.assessment = { ...form.assessment!, amount: "600", installmentCount: "2" };
    expect(effectInput(proposal, form)).toEqual({
      payerName: "Věra Dvořáková",
      payerAddress: "Zahradní 7, 582 32 Lipnice",
      pensioner: false,
      dogs: [
        {
          name: "Rex",
          breed: "Border kolie",
          chipNumber: "203098100777001",
          birthDate: "2023-04-02",
          keptFrom: "2026-01-15",
          exempt: false,
          exemptionReason: null,
        },
      ],
      assessment: {
        subject: "Poplatek ze psů 2026 – Rex",
        year: 2026,
        periodFrom: "2026-01-01",
        periodTo: "2026-12-31",
        amount: "600.00",
        dueDate: "2027-01-05",
        installmentCount: 2,
      },
    });
    // An existing payer is never named in the input; a dropped assessment is an explicit null.
    const existing = effectInput({ ...proposal, payerExists: true }, { ...form, assessment: null });
    expect(existing).not.toHaveProperty("payerName");
    expect(existing.assessment).toBeNull();
    // A deregistration carries the dogs' end dates and the recalculated amounts, nothing else.
    const deregistration: ProposedEffect = {
      ...proposal,
      kind: "DOG_DEREGISTRATION",
      payerExists: true,
      dogs: [],
      assessment: null,
      endingDogs: [{ dogId: "d1", name: "Alík", chipNumber: null, endedOn: "2026-06-30" }],
      adjustments: [
        { assessmentId: "a1", subject: "Poplatek ze psů 2026", variableSymbol: "2104201", currentAmount: 60_000, newAmount: 30_000 },
      ],
    };
    expect(effectInput(deregistration, initialForm(deregistration))).toEqual({
      pensioner: true,
      endingDogs: [{ dogId: "d1", endedOn: "2026-06-30" }],
      adjustments: [{ assessmentId: "a1", newAmount: "300.00" }],
    });
  });

  it("offers a blank assessment due in 30 days when none was proposed", () => {
    expect(blankAssessment(proposal, "2026-12-06")).toEqual({
      year: 2026,
      subject: "Poplatek ze psů 2026 – Rex",
      amount: "",
      amountEdited: true,
      dueDate: "2027-01-05",
      installmentCount: "1",
    });
  });
});
