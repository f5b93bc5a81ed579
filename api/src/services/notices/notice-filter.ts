import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../clock.ts";
import { normalizeForSearch } from "../../domain/search-text.ts";
import type { NoticeCategory, Prisma } from "../../generated/prisma/client.ts";

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

/** LIKE treats % and _ as wildcards (Prisma's `contains` does not escape them): a search for "50%" means 50%. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The filters of the board and the archive as a Prisma condition. Search ignores case and
 * diacritics: the query is normalised like the stored `searchText` ("Vyhláška" → "vyhlaska"), and
 * every word must occur. Values only ever travel as bound parameters.
 */
export function noticeFilterWhere(filter: NoticeFilter | null | undefined): Prisma.NoticeWhereInput {
  if (!filter) return {};
  const conditions: Prisma.NoticeWhereInput[] = [];
  if (filter.category) conditions.push({ category: filter.category });
  const originator = filter.originator?.trim();
  if (originator) conditions.push({ originator: { contains: literal(originator.slice(0, MAX_SEARCH_LENGTH)), mode: "insensitive" } });
  if (filter.postedFrom) {
    conditions.push({ postedAt: { gte: DateTime.fromISO(filter.postedFrom, { zone: BUSINESS_ZONE }).startOf("day").toJSDate() } });
  }
  if (filter.postedTo) {
    conditions.push({
      postedAt: { lt: DateTime.fromISO(filter.postedTo, { zone: BUSINESS_ZONE }).plus({ days: 1 }).startOf("day").toJSDate() },
    });
  }
  const words = normalizeForSearch(filter.search?.slice(0, MAX_SEARCH_LENGTH)).split(" ").filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  for (const word of words) conditions.push({ searchText: { contains: literal(word) } });
  return conditions.length > 0 ? { AND: conditions } : {};
}
