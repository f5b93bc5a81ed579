import { describe, expect, it } from "vitest";
import { equalInstallments } from "./installments.ts";

describe("equal installments", () => {
  it("add up to the amount for every count and a spread of amounts and dates", () => {
    const dates = ["2026-01-31", "2026-02-28", "2027-11-30", "2028-01-29", "2026-05-15"];
    const amounts = [24, 99, 100, 2_399, 90_000, 100_000, 123_456, 1_000_001, 99_999_999];
    for (const date of dates)
      for (const amount of amounts)
        for (let count = 1; count <= 24; count++) {
          const plan = equalInstallments(amount, count, date);
          expect(plan).toHaveLength(count);
          expect(
            plan.reduce((sum, i) => sum + i.amount, 0),
            `${amount}/${count} from ${date}`,
          ).toBe(amount);
          expect(plan.every((i) => i.amount > 0)).toBe(true);
          expect(plan.every((i, n) => n === 0 || i.dueDate > plan[n - 1]!.dueDate)).toBe(true);
        }
  });

  it("splits in whole crowns with the remainder on the first, and keeps the day of month, clamped to month ends", () => {
    expect(equalInstallments(100_000, 3, "2027-01-31")).toEqual([
      { amount: 33_400, dueDate: "2027-01-31" },
      { amount: 33_300, dueDate: "2027-02-28" },
      { amount: 33_300, dueDate: "2027-03-31" },
    ]);
    expect(equalInstallments(300_000, 2, "2027-12-31").map((i) => i.dueDate)).toEqual(["2027-12-31", "2028-01-31"]);
    expect(equalInstallments(200, 2, "2028-01-30").map((i) => i.dueDate)).toEqual(["2028-01-30", "2028-02-29"]);
    expect(equalInstallments(101, 2, "2026-05-15").map((i) => i.amount)).toEqual([51, 50]);
  });

  it("is empty for what is not a plan", () => {
    expect(equalInstallments(100, 0, "2026-01-01")).toEqual([]);
    expect(equalInstallments(100, 25, "2026-01-01")).toEqual([]);
    expect(equalInstallments(0, 1, "2026-01-01")).toEqual([]);
    expect(equalInstallments(100, 1, "1. 1. 2026")).toEqual([]);
    expect(equalInstallments(100.5, 1, "2026-01-01")).toEqual([]);
  });
});
