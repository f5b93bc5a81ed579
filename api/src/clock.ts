import { DateTime } from "luxon";

/** Business dates are computed in the Czech time zone, whatever the server's zone is. */
export const BUSINESS_ZONE = "Europe/Prague";

/** The source of "now". Injected everywhere so tests can move time (posting windows, expiries). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(duration: { seconds?: number; minutes?: number; hours?: number; days?: number }): void {
    this.current = DateTime.fromJSDate(this.current).plus(duration).toJSDate();
  }
}

export function pragueNow(clock: Clock): DateTime {
  return DateTime.fromJSDate(clock.now(), { zone: BUSINESS_ZONE });
}
