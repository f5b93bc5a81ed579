import { DateTime } from "luxon";
import { TOWN_ZONE } from "./i18n/format.ts";

// Business-date arithmetic in the town's zone (DST-safe) with luxon. Kept apart from the display formatters so
// luxon loads only with the pages that compute dates, not with the shell.

/** The last instant of a calendar day (YYYY-MM-DD) in the town, as an ISO timestamp for the API. */
export function endOfTownDay(date: string): string | null {
  return DateTime.fromISO(date, { zone: TOWN_ZONE }).endOf("day").toUTC().toISO();
}
