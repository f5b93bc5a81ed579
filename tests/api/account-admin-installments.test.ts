// The PWA previews equal installments before the API computes them: both must split the same way, for any
// amount, count and first due date (month ends included). Also the clerk's money input parsing.
import { describe, expect, it } from "vitest";
import { equalInstallments } from "../../api/src/services/account-admin/account-admin-rules.ts";
import { parseMoneyInput, previewInstallments } from "../../pwa/src/features/account-clerk/money.ts";

describe("installment preview", () => {
  it("equals the API's split for every count and a spread of amounts and dates", () => {
    const dates = ["2026-01-31", "2026-02-28", "2027-11-30", "2028-01-29", "2026-05-15"];
    const amounts = [1, 99, 100, 2_399, 90_000, 100_000, 123_456, 1_000_001, 99_999_999];
    for (const date of dates)
      for (const amount of amounts)
        for (let count = 1; count <= 24; count++) {
          const api = equalInstallments(amount, count, date);
          expect(previewInstallments(amount, count, date), `${amount}/${count} from ${date}`).toEqual(api);
          expect(api.reduce((sum, i) => sum + i.amount, 0)).toBe(amount);
          expect(api.every((i) => i.amount > 0 || amount < count)).toBe(true);
        }
  });

  it("splits in whole crowns with the remainder on the first installment and clamps month ends", () => {
    expect(equalInstallments(100_000, 3, "2027-01-31")).toEqual([
      { amount: 33_400, dueDate: "2027-01-31" },
      { amount: 33_300, dueDate: "2027-02-28" },
      { amount: 33_300, dueDate: "2027-03-31" },
    ]);
    expect(equalInstallments(300_000, 3, "2026-10-31").map((i) => i.amount)).toEqual([100_000, 100_000, 100_000]);
  });

  it("reads amounts as a Czech clerk types them", () => {
    expect(parseMoneyInput("1 234,50")).toBe("1234.50");
    expect(parseMoneyInput("900")).toBe("900.00");
    expect(parseMoneyInput("900 Kč")).toBe("900.00");
    expect(parseMoneyInput("12,345")).toBeNull();
    expect(parseMoneyInput("abc")).toBeNull();
  });
});
