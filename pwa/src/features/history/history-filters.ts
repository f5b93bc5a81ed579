import type { introspection_types } from "../../graphql/graphql-env.d.ts";

export type TimelineKind = introspection_types["TimelineEntryKind"]["enumValues"];
export type Channel = introspection_types["NotificationChannel"]["enumValues"];

export const TIMELINE_KINDS = ["MESSAGE", "ASSESSMENT", "PAYMENT", "SUBMISSION"] as const satisfies readonly TimelineKind[];
export const CHANNELS = ["EMAIL", "PUSH", "SMS"] as const satisfies readonly Channel[];

/** The history's filters live in the URL (Czech parameter names), so the back button steps through them. */
export interface HistoryFilterValues {
  kind: TimelineKind | "";
  channel: Channel | "";
  from: string;
  to: string;
}

export const EMPTY_HISTORY_FILTER: HistoryFilterValues = { kind: "", channel: "", from: "", to: "" };
const PARAMS: Record<keyof HistoryFilterValues, string> = { kind: "druh", channel: "kanal", from: "od", to: "do" };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): boolean {
  return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | "" =>
  (values as readonly (string | null)[]).includes(value) ? (value as T) : "";

/** Anything malformed in a hand-edited URL is ignored, never an error. */
export function historyFilterFromParams(params: URLSearchParams): HistoryFilterValues {
  const date = (name: "from" | "to") => {
    const value = params.get(PARAMS[name]) ?? "";
    return isDate(value) ? value : "";
  };
  return {
    kind: oneOf(TIMELINE_KINDS, params.get(PARAMS.kind)),
    channel: oneOf(CHANNELS, params.get(PARAMS.channel)),
    from: date("from"),
    to: date("to"),
  };
}

export function historyFilterToParams(filter: HistoryFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of Object.keys(PARAMS) as (keyof HistoryFilterValues)[]) if (filter[name]) params.set(PARAMS[name], filter[name]);
  return params;
}

/** The API's TimelineFilter without empty values (an unfiltered history shares one cache entry); a channel implies messages. */
export function toApiFilter(filter: HistoryFilterValues) {
  const api: { kinds?: TimelineKind[]; channel?: Channel; from?: string; to?: string } = {};
  if (filter.kind) api.kinds = [filter.kind];
  if (filter.channel) api.channel = filter.channel;
  if (filter.from) api.from = filter.from;
  if (filter.to) api.to = filter.to;
  return Object.keys(api).length > 0 ? api : null;
}
