import { isNoticeCategory, type NoticeCategory } from "./notice-model.ts";

/**
 * The board's and the archive's filters live in the URL's query string, with Czech parameter names, so a filtered
 * list can be shared and bookmarked and the back button steps through earlier searches.
 */
export interface NoticeFilterValues {
  search: string;
  category: NoticeCategory | "";
  originator: string;
  postedFrom: string;
  postedTo: string;
}

const PARAMS: Record<keyof NoticeFilterValues, string> = {
  search: "hledat",
  category: "kategorie",
  originator: "puvodce",
  postedFrom: "od",
  postedTo: "do",
};

export const EMPTY_FILTER: NoticeFilterValues = { search: "", category: "", originator: "", postedFrom: "", postedTo: "" };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Reads the filters from a query string; anything malformed (a hand-edited URL) is ignored, never an error. */
export function filterFromParams(params: URLSearchParams): NoticeFilterValues {
  const text = (name: keyof NoticeFilterValues) => (params.get(PARAMS[name]) ?? "").trim().slice(0, 200);
  const date = (name: "postedFrom" | "postedTo") => (isDate(text(name)) ? text(name) : "");
  const category = params.get(PARAMS.category);
  return {
    search: text("search"),
    category: isNoticeCategory(category) ? category : "",
    originator: text("originator"),
    postedFrom: date("postedFrom"),
    postedTo: date("postedTo"),
  };
}

export function filterToParams(filter: NoticeFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of Object.keys(PARAMS) as (keyof NoticeFilterValues)[]) {
    const value = filter[name].trim();
    if (value) params.set(PARAMS[name], value);
  }
  return params;
}

export function isFiltered(filter: NoticeFilterValues): boolean {
  return Object.values(filter).some((value) => value !== "");
}

/** The API's NoticeFilter input, without empty values (so an unfiltered board shares one cache entry). */
export function toApiFilter(filter: NoticeFilterValues) {
  const api = {
    search: filter.search || undefined,
    category: filter.category || undefined,
    originator: filter.originator || undefined,
    postedFrom: filter.postedFrom || undefined,
    postedTo: filter.postedTo || undefined,
  };
  return isFiltered(filter) ? api : undefined;
}
