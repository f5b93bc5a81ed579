import { describe, expect, it } from "vitest";
import { deriveAssessmentState, InstallmentError } from "./installments.ts";

// A fine of 3 000 Kč in three installments of 1 000 Kč.
const FINE = [
  { amount: 100_000, dueDate: "2027-01-31" }, // Sunday → Monday 1 February
  { amount: 100_000, dueDate: "2027-02-28" }, // Sunday → Monday 1 March
  { amount: 100_000, dueDate: "2027-03-26" }, // Good Friday → Tuesday 30 March
];

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof InstallmentError) return error.code;
    throw error;
  }
  return "no error";
}

describe("deriveAssessmentState", () => {
  it("nothing paid before the first due date: unpaid, nothing overdue", () => {
    const state = deriveAssessmentState({ total: 300_000, installments: FINE, payments: [], today: "2027-01-15" });
    expect(state).toMatchObject({ status: "UNPAID", paid: 0, remaining: 300_000, credit: 0, overdue: 0 });
    expect(state.installments.map((i) => i.status)).toEqual(["UNPAID", "UNPAID", "UNPAID"]);
    expect(state.installments.map((i) => i.effectiveDueDate)).toEqual(["2027-02-01", "2027-03-01", "2027-03-30"]);
  });

  it("a due date on a weekend or holiday is met on the next working day, overdue the day after", () => {
    expect(deriveAssessmentState({ installments: FINE, payments: [], today: "2027-02-01" }).installments[0]!.status).toBe("UNPAID");
    expect(deriveAssessmentState({ installments: FINE, payments: [], today: "2027-02-02" }).installments[0]!.status).toBe("OVERDUE");
    const easter = deriveAssessmentState({ installments: FINE, payments: [{ amount: 200_000, date: "2027-02-20" }], today: "2027-03-30" });
    expect(easter.installments[2]!.status).toBe("UNPAID");
    expect(deriveAssessmentState({ installments: FINE, payments: [], today: "2027-03-31" }).overdue).toBe(300_000);
  });

  it("applies payments in date order to the oldest installment first, recording when each was paid", () => {
    const state = deriveAssessmentState({
      total: 300_000,
      installments: FINE,
      payments: [
        { amount: 50_000, date: "2027-02-15" },
        { amount: 100_000, date: "2027-01-20" },
      ],
      today: "2027-03-10",
    });
    expect(state).toMatchObject({ status: "PARTLY_PAID", paid: 150_000, remaining: 150_000, overdue: 50_000 });
    expect(state.installments.map((i) => [i.status, i.paid, i.paidOn])).toEqual([
      ["PAID", 100_000, "2027-01-20"],
      ["OVERDUE", 50_000, null],
      ["UNPAID", 0, null],
    ]);
  });

  it("a partial payment before its due date is partly paid", () => {
    const state = deriveAssessmentState({ installments: FINE, payments: [{ amount: 30_000, date: "2027-01-02" }], today: "2027-01-10" });
    expect(state.installments[0]).toMatchObject({ status: "PARTLY_PAID", paid: 30_000, remaining: 70_000 });
    expect(state.status).toBe("PARTLY_PAID");
  });

  it("an exact sum in one payment before the first due date pays everything", () => {
    const state = deriveAssessmentState({
      total: 300_000,
      installments: FINE,
      payments: [{ amount: 300_000, date: "2026-12-20" }],
      today: "2027-06-01",
    });
    expect(state).toMatchObject({ status: "PAID", paid: 300_000, remaining: 0, credit: 0, overdue: 0 });
    expect(state.installments.every((i) => i.status === "PAID" && i.paidOn === "2026-12-20")).toBe(true);
  });

  it("paying more than the total leaves a credit", () => {
    const state = deriveAssessmentState({
      installments: [{ amount: 50_000, dueDate: "2027-03-31" }],
      payments: [
        { amount: 50_000, date: "2027-03-01" },
        { amount: 50_001, date: "2027-03-02" },
      ],
      today: "2027-04-01",
    });
    expect(state).toMatchObject({ status: "OVERPAID", paid: 100_001, remaining: 0, credit: 50_001, overdue: 0 });
    expect(state.installments[0]).toMatchObject({ status: "PAID", paidOn: "2027-03-01" });
  });

  it("a refund takes money back from the newest covered installment", () => {
    const state = deriveAssessmentState({
      installments: FINE,
      payments: [
        { amount: 200_000, date: "2027-01-10" },
        { amount: -60_000, date: "2027-01-12" },
      ],
      today: "2027-01-15",
    });
    expect(state.paid).toBe(140_000);
    expect(state.installments.map((i) => [i.status, i.paid, i.paidOn])).toEqual([
      ["PAID", 100_000, "2027-01-10"],
      ["PARTLY_PAID", 40_000, null],
      ["UNPAID", 0, null],
    ]);
  });

  it("everything paid to a cancelled assessment is a credit, and nothing is owed or overdue", () => {
    const state = deriveAssessmentState({
      installments: FINE,
      payments: [{ amount: 120_000, date: "2027-01-20" }],
      today: "2027-06-01",
      cancelled: true,
    });
    expect(state).toMatchObject({ paid: 120_000, remaining: 0, credit: 120_000, overdue: 0, status: "OVERPAID" });
    expect(state.installments.map((i) => [i.status, i.paid, i.remaining])).toEqual([
      ["CANCELLED", 0, 0],
      ["CANCELLED", 0, 0],
      ["CANCELLED", 0, 0],
    ]);
    expect(deriveAssessmentState({ installments: FINE, payments: [], today: "2027-06-01", cancelled: true })).toMatchObject({
      status: "UNPAID",
      credit: 0,
    });
  });

  it("orders installments by due date whatever order they come in, and keeps their indexes", () => {
    const state = deriveAssessmentState({
      installments: [FINE[2]!, FINE[0]!, FINE[1]!],
      payments: [{ amount: 100_000, date: "2027-01-05" }],
      today: "2027-01-06",
    });
    expect(state.installments.map((i) => [i.index, i.status])).toEqual([
      [1, "PAID"],
      [2, "UNPAID"],
      [0, "UNPAID"],
    ]);
  });

  it.each([
    [{ installments: [], payments: [], today: "2027-01-01" }, "installments.empty"],
    [{ installments: [{ amount: 0, dueDate: "2027-01-01" }], payments: [], today: "2027-01-01" }, "installments.amount"],
    [{ installments: [{ amount: 10.5, dueDate: "2027-01-01" }], payments: [], today: "2027-01-01" }, "installments.amount"],
    [{ installments: [{ amount: 100, dueDate: "2027-02-29" }], payments: [], today: "2027-01-01" }, "installments.date"],
    [{ installments: [{ amount: 100, dueDate: "2027-01-01" }], payments: [], today: "yesterday" }, "installments.date"],
    [{ total: 101, installments: [{ amount: 100, dueDate: "2027-01-01" }], payments: [], today: "2027-01-01" }, "installments.sumMismatch"],
    [
      { installments: [{ amount: 100, dueDate: "2027-01-01" }], payments: [{ amount: 0, date: "2027-01-01" }], today: "2027-01-01" },
      "installments.payment",
    ],
    [
      { installments: [{ amount: 100, dueDate: "2027-01-01" }], payments: [{ amount: 1, date: "2027-13-01" }], today: "2027-01-01" },
      "installments.payment",
    ],
  ])("refuses %o with %s", (input, code) => {
    expect(codeOf(() => deriveAssessmentState(input))).toBe(code);
  });
});
