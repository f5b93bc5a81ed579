import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../clock.ts";

/**
 * Czech public holidays and working days, computed (never a hand-kept table that goes stale).
 *
 * Zákon 245/2000 Sb. (státní svátky a ostatní svátky, days off): 1 January, Easter Monday, 1 May, 8 May,
 * 5 and 6 July, 28 September, 28 October, 17 November, 24, 25 and 26 December; Good Friday since 2016
 * (amendment 359/2015 Sb.). The rules hold from 2001; earlier years are refused rather than guessed.
 * Dates are "YYYY-MM-DD" calendar days in Prague.
 */
export const FIRST_SUPPORTED_YEAR = 2001;
export const GOOD_FRIDAY_SINCE = 2016;

export interface CzechHoliday {
  date: string;
  name: string;
}

const FIXED_HOLIDAYS: ReadonlyArray<readonly [month: number, day: number, name: string]> = [
  [1, 1, "Den obnovy samostatného českého státu; Nový rok"],
  [5, 1, "Svátek práce"],
  [5, 8, "Den vítězství"],
  [7, 5, "Den slovanských věrozvěstů Cyrila a Metoděje"],
  [7, 6, "Den upálení mistra Jana Husa"],
  [9, 28, "Den české státnosti"],
  [10, 28, "Den vzniku samostatného československého státu"],
  [11, 17, "Den boje za svobodu a demokracii"],
  [12, 24, "Štědrý den"],
  [12, 25, "1. svátek vánoční"],
  [12, 26, "2. svátek vánoční"],
];

/** Easter Sunday of the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > 9999) {
    throw new RangeError(`Czech holidays are computed for ${FIRST_SUPPORTED_YEAR}-9999, not ${year}`);
  }
}

const cache = new Map<number, CzechHoliday[]>();

/** The year's public holidays (days off), sorted by date. */
export function czechPublicHolidays(year: number): CzechHoliday[] {
  checkYear(year);
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = DateTime.fromISO(easterSunday(year), { zone: BUSINESS_ZONE });
  const holidays: CzechHoliday[] = FIXED_HOLIDAYS.map(([month, day, name]) => ({
    date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    name,
  }));
  if (year >= GOOD_FRIDAY_SINCE) holidays.push({ date: easter.minus({ days: 2 }).toISODate()!, name: "Velký pátek" });
  holidays.push({ date: easter.plus({ days: 1 }).toISODate()!, name: "Velikonoční pondělí" });
  holidays.sort((x, y) => (x.date < y.date ? -1 : 1));
  cache.set(year, holidays);
  return holidays;
}

function day(isoDate: string): DateTime {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: BUSINESS_ZONE }) : null;
  if (!parsed?.isValid) throw new RangeError(`Invalid date: ${isoDate}`);
  return parsed;
}

export function isCzechPublicHoliday(isoDate: string): boolean {
  const parsed = day(isoDate);
  return czechPublicHolidays(parsed.year).some((holiday) => holiday.date === isoDate);
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(isoDate: string): boolean {
  return day(isoDate).weekday <= 5 && !isCzechPublicHoliday(isoDate);
}

/** The first working day strictly after `isoDate`. */
export function nextWorkingDay(isoDate: string): string {
  let current = day(isoDate);
  // At most four days off in a row (e.g. Good Friday to Easter Monday, or 24-26 December with a weekend).
  do current = current.plus({ days: 1 });
  while (!isWorkingDay(current.toISODate()!));
  return current.toISODate()!;
}

/**
 * Remembered answers of dueDateOnWorkingDay: a personal account derives every installment's effective due date on
 * each read, and luxon's zoned parsing made that ~100 µs per date (a third of a millisecond per assessment, most of
 * the account's CPU time). The answer for a date never changes; the map is bounded (cleared when full).
 */
const workingDueDates = new Map<string, string>();
const WORKING_DUE_DATES_MAX = 20_000;

/** A due date that falls on a weekend or public holiday moves to the next working day; otherwise it stays. */
export function dueDateOnWorkingDay(isoDate: string): string {
  const known = workingDueDates.get(isoDate);
  if (known !== undefined) return known;
  const result = isWorkingDay(isoDate) ? isoDate : nextWorkingDay(isoDate);
  if (workingDueDates.size >= WORKING_DUE_DATES_MAX) workingDueDates.clear();
  workingDueDates.set(isoDate, result);
  return result;
}
