/**
 * The budget page's view, kept whole in the URL's query string so every view can be bookmarked, shared and
 * exported exactly as shown: `/rozpocet?year=2026&side=expenditure&group=22&paragraf=2212&sort=actual-desc`.
 *
 * Parameters that do not parse are left out (a hand-edited or stale link opens the nearest sensible view rather
 * than an error), and a deeper level is only kept when the levels above it are present and consistent with it.
 */

export const SIDES = ["expenditure", "revenue", "financing"] as const;
export type Side = (typeof SIDES)[number];

/** How the rows of a level are grouped: the classification's drill path, or by department, action, organisation. */
export const DIMENSIONS = ["structure", "department", "action", "organisation"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SORT_FIELDS = ["code", "approved", "amended", "actual"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = "asc" | "desc";

export interface BudgetView {
  /** null: the latest published year. */
  year: number | null;
  /** 1-12: the state as of that month's report; null: the latest month reported. */
  month: number | null;
  side: Side;
  dimension: Dimension;
  /** The drill path of the classification (dimension "structure"). */
  group: string | null;
  paragraf: string | null;
  polozka: string | null;
  /** The last level: one action (ORG/akce) under a položka, whose documents are then listed. */
  org: string | null;
  /** The chosen department, action or organisation (the other dimensions); its lines are then drilled like the whole. */
  key: string | null;
  /** Only one organisation's data (a school, technical services); null: the town and all its organisations. */
  organisation: string | null;
  /** Leave out transfers between the town's own accounts and funds (consolidated view, the default). */
  consolidated: boolean;
  /** An earlier published version: the data as published at this moment (ISO); null: the current version. */
  asOf: string | null;
  /** Year to compare with; null: no comparison. */
  compare: number | null;
  sort: { field: SortField; direction: SortDirection };
}

export const DEFAULT_SORT = { field: "code", direction: "asc" } as const satisfies BudgetView["sort"];

export const DEFAULT_VIEW: BudgetView = {
  year: null,
  month: null,
  side: "expenditure",
  dimension: "structure",
  group: null,
  paragraf: null,
  polozka: null,
  org: null,
  key: null,
  organisation: null,
  consolidated: true,
  asOf: null,
  compare: null,
  sort: DEFAULT_SORT,
};

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;
/** Codes of the classification, departments and actions are short digit/letter strings; anything else is noise. */
const KEY = /^[\p{L}\p{N}._/-]{1,40}$/u;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
/** The API's code of the "Nezařazeno" bucket: codes the codelist does not know. */
export const UNCLASSIFIED = "UNCLASSIFIED";

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function year(value: string | null): number | null {
  if (value === null || !/^\d{4}$/.test(value)) return null;
  const parsed = Number(value);
  return parsed >= YEAR_MIN && parsed <= YEAR_MAX ? parsed : null;
}

function digits(value: string | null, length: number): string | null {
  return value !== null && new RegExp(`^\\d{${length}}$`).test(value) ? value : null;
}

export function readView(params: URLSearchParams): BudgetView {
  const side = oneOf(SIDES, params.get("side")) ?? DEFAULT_VIEW.side;
  const dimension = oneOf(DIMENSIONS, params.get("by")) ?? DEFAULT_VIEW.dimension;
  const monthText = params.get("month");
  const month = monthText !== null && /^(?:[1-9]|1[0-2])$/.test(monthText) ? Number(monthText) : null;
  const [sortField, sortDirection] = (params.get("sort") ?? "").split("-");
  const field = oneOf(SORT_FIELDS, sortField ?? null);
  const direction = oneOf(["asc", "desc"] as const, sortDirection ?? null);

  // The drill path: expenditure groups are the paragraf's first two digits, revenue and financing groups the
  // položka's; a paragraf outside its group (or a level without the one above) is dropped with what follows.
  // The other breakdowns first choose a department, action or organisation (key), then drill the same way.
  const keyText = params.get("key");
  // "" is the rows without a department or action.
  const key = dimension !== "structure" && keyText !== null && (keyText === "" || KEY.test(keyText)) ? keyText : null;
  const groupText = params.get("group");
  let group = digits(groupText, 2) ?? (groupText === UNCLASSIFIED ? UNCLASSIFIED : null);
  let paragraf = digits(params.get("paragraf"), 4) ?? (params.get("paragraf") === UNCLASSIFIED ? UNCLASSIFIED : null);
  let polozka = digits(params.get("polozka"), 4) ?? (params.get("polozka") === UNCLASSIFIED ? UNCLASSIFIED : null);
  const orgText = params.get("org");
  let org = orgText !== null && (orgText === "" || KEY.test(orgText)) ? orgText : null;
  const within = (code: string | null, parent: string | null) =>
    code === null || code === UNCLASSIFIED || parent === UNCLASSIFIED || code.startsWith(parent!);
  if (dimension !== "structure" && key === null) group = null;
  if (group === null) paragraf = polozka = null;
  if (side !== "expenditure") paragraf = null;
  if (side === "expenditure" && !within(paragraf, group)) paragraf = polozka = null;
  if (side === "expenditure" && paragraf === null) polozka = null;
  if (side !== "expenditure" && !within(polozka, group)) polozka = null;
  if (polozka === null || polozka === UNCLASSIFIED) org = null;

  const organisationText = params.get("organisation");
  const asOfText = params.get("asOf");
  const thisYear = year(params.get("year"));
  const compare = year(params.get("compare"));
  return {
    year: thisYear,
    month,
    side,
    dimension,
    group,
    paragraf,
    polozka,
    org,
    key,
    organisation: organisationText !== null && KEY.test(organisationText) ? organisationText : null,
    consolidated: params.get("consolidated") !== "0",
    asOf: asOfText !== null && ISO_INSTANT.test(asOfText) && !Number.isNaN(Date.parse(asOfText)) ? asOfText : null,
    compare: compare !== null && compare !== thisYear ? compare : null,
    sort: field && direction ? { field, direction } : DEFAULT_SORT,
  };
}

/** The query string of a view; defaults are left out so links stay short. */
export function writeView(view: BudgetView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.year !== null) params.set("year", String(view.year));
  if (view.month !== null) params.set("month", String(view.month));
  if (view.side !== DEFAULT_VIEW.side) params.set("side", view.side);
  if (view.dimension !== DEFAULT_VIEW.dimension) params.set("by", view.dimension);
  if (view.key !== null) params.set("key", view.key);
  if (view.group !== null) params.set("group", view.group);
  if (view.paragraf !== null) params.set("paragraf", view.paragraf);
  if (view.polozka !== null) params.set("polozka", view.polozka);
  if (view.org !== null) params.set("org", view.org);
  if (view.organisation !== null) params.set("organisation", view.organisation);
  if (!view.consolidated) params.set("consolidated", "0");
  if (view.asOf !== null) params.set("asOf", view.asOf);
  if (view.compare !== null) params.set("compare", String(view.compare));
  if (view.sort.field !== DEFAULT_SORT.field || view.sort.direction !== DEFAULT_SORT.direction) {
    params.set("sort", `${view.sort.field}-${view.sort.direction}`);
  }
  return params;
}

/** The levels of the drill path below the current one, cleared (changing side or dimension starts at the top). */
export function withTop(view: BudgetView, change: Partial<Pick<BudgetView, "side" | "dimension" | "organisation">>): BudgetView {
  return { ...view, ...change, group: null, paragraf: null, polozka: null, org: null, key: null };
}

export type Level = "group" | "paragraf" | "polozka" | "org" | "key";

/** Which level the rows of a view are: what a click on a row chooses. Null at the bottom (one action's documents). */
export function rowLevel(view: BudgetView): Level | null {
  if (view.dimension !== "structure" && view.key === null) return "key";
  if (view.group === null) return "group";
  if (view.side === "expenditure" && view.paragraf === null) return "paragraf";
  if (view.polozka === null) return "polozka";
  // Under one action (the "by action" breakdown) the actions' level would be that one row: documents follow.
  if (view.org === null && view.dimension !== "action") return "org";
  return null;
}

/** The view one level deeper, with `code` chosen at the current level. */
export function drillInto(view: BudgetView, code: string): BudgetView {
  const level = rowLevel(view);
  return level === null ? view : { ...view, [level]: code };
}
