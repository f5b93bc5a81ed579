import { describe, expect, it } from "vitest";
import {
  checkDogFeeTariff,
  computeDogFee,
  dogFeeDutyStart,
  dogFeeInputFromRegistration,
  threeMonthsOld,
  type DogFeeTariff,
} from "./dog-fee.ts";

// Lipnice's tariff: 1 500 Kč the first dog, 2 250 Kč each further, 200 / 300 Kč for pensioners (haléře).
const tariff: DogFeeTariff = { year: 2026, firstDog: 150_000, furtherDog: 225_000, pensionerFirstDog: 20_000, pensionerFurtherDog: 30_000 };

describe("computeDogFee", () => {
  it("charges the first dog's yearly rate for a dog kept all year", () => {
    const fee = computeDogFee(tariff, [{ key: "a", since: "2024-05-01" }]);
    expect(fee.total).toBe(150_000);
    expect(fee.lines).toEqual([
      {
        key: "a",
        rate: "FIRST",
        pensioner: false,
        annualRate: 150_000,
        fromMonth: "2026-01",
        toMonth: "2026-12",
        months: 12,
        amount: 150_000,
      },
    ]);
  });

  it("charges the further rate for the second dog, ordered by when the duty began, not by the list", () => {
    const fee = computeDogFee(tariff, [
      { key: "young", name: "Bella", since: "2025-03-01" },
      { key: "old", name: "Alík", since: "2020-01-01" },
    ]);
    expect(fee.lines.map((line) => [line.key, line.rate, line.amount])).toEqual([
      ["young", "FURTHER", 225_000],
      ["old", "FIRST", 150_000],
    ]);
    expect(fee.total).toBe(375_000);
  });

  it("uses the reduced rates for a pensioner", () => {
    const fee = computeDogFee(
      tariff,
      [
        { key: "a", since: "2020-01-01" },
        { key: "b", since: "2021-01-01" },
      ],
      { pensioner: true },
    );
    expect(fee.lines.map((line) => [line.rate, line.annualRate, line.amount, line.pensioner])).toEqual([
      ["FIRST", 20_000, 20_000, true],
      ["FURTHER", 30_000, 30_000, true],
    ]);
    expect(fee.total).toBe(50_000);
  });

  it("counts the month the duty began (started months, § 2 odst. 5) by default", () => {
    const fee = computeDogFee(tariff, [{ key: "a", since: "2026-02-14" }]);
    expect(fee.lines[0]).toMatchObject({ fromMonth: "2026-02", toMonth: "2026-12", months: 11, amount: 137_500 });
  });

  it("charges from the month after the duty began where the town's tariff says so", () => {
    const fee = computeDogFee({ ...tariff, proRata: "FROM_NEXT_MONTH" }, [{ key: "a", since: "2026-02-14" }]);
    expect(fee.lines[0]).toMatchObject({ fromMonth: "2026-03", months: 10, amount: 125_000 });
    // A dog taken on 1 December: nothing this year.
    expect(computeDogFee({ ...tariff, proRata: "FROM_NEXT_MONTH" }, [{ key: "b", since: "2026-12-01" }]).total).toBe(0);
  });

  it("starts the duty for a puppy when it is 3 months old", () => {
    expect(threeMonthsOld("2026-01-10")).toBe("2026-04-10");
    expect(threeMonthsOld("2025-11-30")).toBe("2026-02-28");
    expect(dogFeeDutyStart({ since: "2026-01-20", birthDate: "2026-01-10" })).toBe("2026-04-10");
    expect(dogFeeDutyStart({ since: "2026-06-01", birthDate: "2020-01-10" })).toBe("2026-06-01");
    const fee = computeDogFee(tariff, [{ key: "puppy", since: "2026-01-20", birthDate: "2026-01-10" }]);
    expect(fee.lines[0]).toMatchObject({ fromMonth: "2026-04", months: 9, amount: 112_500 });
  });

  it("rounds each dog's part up to whole crowns", () => {
    // 2 250 Kč × 7 / 12 = 1 312.50 Kč -> 1 313 Kč; 200 Kč × 5 / 12 = 83.33 Kč -> 84 Kč.
    const fee = computeDogFee(tariff, [
      { key: "a", since: "2020-01-01" },
      { key: "b", since: "2026-06-03" },
    ]);
    expect(fee.lines[1]).toMatchObject({ rate: "FURTHER", months: 7, amount: 131_300 });
    const reduced = computeDogFee(tariff, [{ key: "a", since: "2026-08-31" }], { pensioner: true });
    expect(reduced.total).toBe(8_400);
  });

  it("ends the duty with the month the dog stopped being kept, and the next dog becomes the first one", () => {
    const fee = computeDogFee(tariff, [
      { key: "first", since: "2019-01-01", until: "2026-06-10" },
      { key: "second", since: "2022-01-01" },
    ]);
    expect(fee.lines.map((line) => [line.key, line.rate, line.fromMonth, line.toMonth, line.amount])).toEqual([
      ["first", "FIRST", "2026-01", "2026-06", 75_000],
      ["second", "FURTHER", "2026-01", "2026-06", 112_500],
      ["second", "FIRST", "2026-07", "2026-12", 75_000],
    ]);
    expect(fee.total).toBe(262_500);
  });

  it("charges nothing for exempt dogs and does not count them as the first dog", () => {
    const fee = computeDogFee(tariff, [
      { key: "guide", since: "2018-01-01", exempt: true },
      { key: "pet", since: "2023-01-01" },
    ]);
    expect(fee.lines.map((line) => [line.key, line.rate, line.amount])).toEqual([
      ["guide", "EXEMPT", 0],
      ["pet", "FIRST", 150_000],
    ]);
  });

  it("breaks ties between dogs taken on the same day by their order", () => {
    const fee = computeDogFee(tariff, [
      { key: "x", since: "2026-01-01" },
      { key: "y", since: "2026-01-01" },
    ]);
    expect(fee.lines.map((line) => line.rate)).toEqual(["FIRST", "FURTHER"]);
  });

  it("limits the fee to the asked period of the tariff's year", () => {
    const fee = computeDogFee(tariff, [{ key: "a", since: "2020-01-01" }], { from: "2026-07-01", to: "2026-12-31" });
    expect(fee.total).toBe(75_000);
    expect(computeDogFee(tariff, [{ key: "gone", since: "2020-01-01", until: "2025-12-31" }]).lines).toEqual([]);
    expect(() => computeDogFee(tariff, [], { from: "2025-12-01" })).toThrow(RangeError);
    expect(() => computeDogFee(tariff, [], { from: "2026-08-01", to: "2026-07-01" })).toThrow(RangeError);
  });
});

describe("checkDogFeeTariff", () => {
  it("accepts the law's maximum and refuses more, negative or fractional haléře", () => {
    expect(checkDogFeeTariff(tariff)).toEqual([]);
    expect(checkDogFeeTariff({ ...tariff, firstDog: 150_001, pensionerFurtherDog: -1, furtherDog: 1.5, year: 1990 })).toEqual([
      { field: "year", code: "year" },
      { field: "firstDog", code: "max" },
      { field: "furtherDog", code: "integer" },
      { field: "pensionerFurtherDog", code: "integer" },
    ]);
  });
});

describe("dogFeeInputFromRegistration", () => {
  it("reads the dogs and the pensioner claim, skipping dogs still being typed", () => {
    expect(
      dogFeeInputFromRegistration({
        reducedRate: true,
        dogs: [
          { name: "Alík", chipNumber: "203098100123456", keptSince: "2026-02-14", birthDate: "2025-11-02", exempt: false },
          { name: "Bez data", keptSince: "2026-02" },
          { keptSince: "2026-03-01", exempt: true },
          "garbage",
        ],
      }),
    ).toEqual({
      pensioner: true,
      dogs: [
        { key: "203098100123456", name: "Alík", since: "2026-02-14", birthDate: "2025-11-02", exempt: false },
        { key: "dog-3", since: "2026-03-01", birthDate: null, exempt: true },
      ],
    });
    expect(dogFeeInputFromRegistration({})).toEqual({ dogs: [], pensioner: false });
  });
});
