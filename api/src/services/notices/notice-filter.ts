import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../clock.ts";
import { normalizeForSearch } from "../../domain/search-text.ts";
import { Prisma, type NoticeCategory } from "../../generated/prisma/client.ts";

export interface NoticeFilter {
  category?: NoticeCategory | null;
  /** Part of the originator's name, ignoring case. */
  originator?: string | null;
  /** Posted on or after this Prague day (YYYY-MM-DD). */
  postedFrom?: string | null;
  /** Posted on or before this Prague day. */
  postedTo?: string | null;
  /** Words that must all occur in the title, description, originator, číslo jednací or spisová značka. */
  search?: string | null;
}

const MAX_SEARCH_LENGTH = 200;
const MAX_SEARCH_WORDS = 8;

/** LIKE treats % and _ as wildcards: a search for "50%" means 50% (backslash is PostgreSQL's LIKE escape). */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The filters of the notice lists as SQL conditions on `n` (the "Notice" row), joined with AND.
 * Search ignores case and diacritics: the query is normalised like the stored `searchText`
 * ("Vyhláška" → "vyhlaska"), and every word must occur. Values only ever travel as bound parameters.
 */
export function noticeFilterSql(filter: NoticeFilter | null | undefined): Prisma.Sql[] {
  if (!filter) return [];
  const conditions: Prisma.Sql[] = [];
  if (filter.category) conditions.push(Prisma.sql`n."category" = CAST(${filter.category} AS "NoticeCategory")`);
  const originator = filter.originator?.trim();
  if (originator) conditions.push(Prisma.sql`n."originator" ILIKE ${`%${literal(originator.slice(0, MAX_SEARCH_LENGTH))}%`}`);
  if (filter.postedFrom) {
    const from = DateTime.fromISO(filter.postedFrom, { zone: BUSINESS_ZONE }).startOf("day").toJSDate();
    conditions.push(Prisma.sql`n."postedAt" >= ${from}::timestamptz`);
  }
  if (filter.postedTo) {
    const to = DateTime.fromISO(filter.postedTo, { zone: BUSINESS_ZONE }).plus({ days: 1 }).startOf("day").toJSDate();
    conditions.push(Prisma.sql`n."postedAt" < ${to}::timestamptz`);
  }
  const words = normalizeForSearch(filter.search?.slice(0, MAX_SEARCH_LENGTH)).split(" ").filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  for (const word of words) conditions.push(Prisma.sql`n."searchText" LIKE ${`%${literal(word)}%`}`);
  return conditions;
}
