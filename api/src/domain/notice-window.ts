import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../clock.ts";

/**
 * The posting window of a notice on the official notice board (úřední deska).
 *
 * Správní řád § 25: a public notice counts as delivered on the 15th day after posting, so the usual
 * minimum is 15 days after the posting day. Days are Prague calendar days whatever the server's zone.
 * A notice stays posted through the whole of its "relevant until" day and leaves the board at the
 * first moment of the next day in Prague (00:00, which DST changes never skip).
 */
export const MINIMUM_POSTING_DAYS = 15;

/** "YYYY-MM-DD" of an instant in Prague. */
export function pragueDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BUSINESS_ZONE }).toISODate()!;
}

/** The earliest lawful "relevant until" date for a notice posted at `postedAt`. */
export function minimumRelevantUntil(postedAt: Date): string {
  return DateTime.fromJSDate(postedAt, { zone: BUSINESS_ZONE }).startOf("day").plus({ days: MINIMUM_POSTING_DAYS }).toISODate()!;
}

/** The moment a notice relevant until `relevantUntil` ("YYYY-MM-DD") leaves the board. */
export function takeDownMoment(relevantUntil: string): Date {
  const day = DateTime.fromISO(relevantUntil, { zone: BUSINESS_ZONE });
  if (!day.isValid) throw new RangeError(`Invalid date: ${relevantUntil}`);
  return day.plus({ days: 1 }).startOf("day").toJSDate();
}

/** A Prisma `@db.Date` value (UTC midnight) for a "YYYY-MM-DD" string, and back. */
export function dateColumn(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00.000Z`);
}
export function fromDateColumn(value: Date): string {
  return value.toISOString().slice(0, 10);
}
