import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import {
  czechPublicHolidays,
  dueDateOnWorkingDay,
  easterSunday,
  isCzechPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
} from "./czech-calendar.ts";

describe("Easter", () => {
  // Known Easter Sundays (Gregorian), as church calendars publish them.
  it.each([
    [2001, "2001-04-15"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2016, "2016-03-27"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
  ])("%i: %s", (year, date) => expect(easterSunday(year)).toBe(date));
});

describe("Czech public holidays", () => {
  it("2027 has Good Friday 26 March and Easter Monday 29 March", () => {
    const holidays = czechPublicHolidays(2027).map((holiday) => holiday.date);
    expect(holidays).toContain("2027-03-26");
    expect(holidays).toContain("2027-03-29");
    expect(holidays).toHaveLength(13);
  });

  it("has no Good Friday before 2016", () => {
    expect(isCzechPublicHoliday("2015-04-03")).toBe(false);
    expect(isCzechPublicHoliday("2015-04-06")).toBe(true);
    expect(isCzechPublicHoliday("2016-03-25")).toBe(true);
    expect(czechPublicHolidays(2015)).toHaveLength(12);
  });

  it.each(Array.from({ length: 2040 - 2016 + 1 }, (_, i) => 2016 + i))("%i matches the independent date-holidays package", (year) => {
    const independent = new Holidays("CZ")
      .getHolidays(year)
      .filter((holiday) => holiday.type === "public")
      .map((holiday) => holiday.date.slice(0, 10))
      .sort();
    expect(czechPublicHolidays(year).map((holiday) => holiday.date)).toEqual(independent);
  });

  it("refuses years the law does not cover and malformed dates", () => {
    expect(() => czechPublicHolidays(1999)).toThrow(RangeError);
    expect(() => isWorkingDay("2027-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("27.3.2027")).toThrow(RangeError);
  });
});

describe("working days", () => {
  it.each([
    ["2027-03-24", "2027-03-24"], // Wednesday stays
    ["2027-03-26", "2027-03-30"], // Good Friday → after Easter Monday
    ["2027-03-27", "2027-03-30"], // Saturday of Easter
    ["2027-03-29", "2027-03-30"], // Easter Monday
    ["2026-12-24", "2026-12-28"], // Thursday 24th → Monday 28th
    ["2027-12-24", "2027-12-27"], // Friday 24th, weekend with 25th and 26th → Monday 27th
    ["2027-01-01", "2027-01-04"], // New Year on a Friday
    ["2026-05-08", "2026-05-11"], // Friday holiday
    ["2027-07-05", "2027-07-07"], // Monday 5th and Tuesday 6th July
    ["2026-11-17", "2026-11-18"],
    ["2026-03-29", "2026-03-30"], // Sunday of the DST change
    ["2026-10-25", "2026-10-26"], // Sunday of the DST change
    ["2028-02-29", "2028-02-29"], // leap day, a Tuesday
  ])("a due date on %s moves to %s", (due, expected) => {
    expect(dueDateOnWorkingDay(due)).toBe(expected);
  });

  it("nextWorkingDay is strictly after the given day", () => {
    expect(nextWorkingDay("2027-03-24")).toBe("2027-03-25");
    expect(nextWorkingDay("2027-03-25")).toBe("2027-03-30");
    expect(nextWorkingDay("2027-12-31")).toBe("2028-01-03");
    expect(isWorkingDay("2027-03-30")).toBe(true);
  });
});
