import { DateTime } from "luxon";
import { GraphQLError } from "graphql";
import type { Context } from "../../context.ts";
import type { NotificationChannel } from "../../generated/prisma/client.ts";
import { translate } from "../../i18n/messages.ts";
import type { CalendarDate } from "../../schema/scalars.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { timelineSources, type TimelineEntry, type TimelineKind } from "./timeline-sources/index.ts";
import type { TimelineBoundary, TimelineQuery } from "./timeline-sources/timeline-source.ts";

export type { TimelineEntry } from "./timeline-sources/index.ts";

export interface TimelineFilter {
  kinds?: readonly TimelineKind[] | null;
  channel?: NotificationChannel | null;
  from?: CalendarDate | null;
  to?: CalendarDate | null;
}

interface PageArgs {
  after?: string | undefined;
  before?: string | undefined;
  limit: number;
  inverted: boolean;
}

function parseBoundary(ctx: Pick<Context, "locale">, cursor: string, argument: string): TimelineBoundary {
  const match = /^(\d{1,15})\|([a-z-]+):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || !isUuid(match[3]!)) {
    throw new GraphQLError(`${argument}: ${translate(ctx.locale, "field.invalid")}`, {
      extensions: { code: "BAD_USER_INPUT", field: [argument] },
    });
  }
  return { at: new Date(Number(match[1])), id: `${match[2]}:${match[3]}` };
}

const pragueDay = (date: CalendarDate, plusDays = 0) =>
  DateTime.fromISO(String(date), { zone: "Europe/Prague" }).startOf("day").plus({ days: plusDays }).toJSDate();

/**
 * One page of the citizen's communication history, newest first: every source (messages, assessments,
 * payments, and whatever else is listed in timeline-sources/index.ts) gives its page past the cursor, and the
 * merge keeps the newest `limit`. Each source reads only the citizen's own records.
 */
export async function listCommunicationHistory(
  ctx: Pick<Context, "db" | "locale" | "municipality">,
  userId: string,
  filter: TimelineFilter,
  page: PageArgs,
): Promise<TimelineEntry[]> {
  const direction = page.inverted ? "newer" : "older";
  const cursor = page.inverted ? page.before : page.after;
  const query: TimelineQuery = {
    userId,
    channel: filter.channel ?? null,
    from: filter.from ? pragueDay(filter.from) : null,
    to: filter.to ? pragueDay(filter.to, 1) : null,
    boundary: cursor ? parseBoundary(ctx, cursor, page.inverted ? "before" : "after") : null,
    direction,
    limit: page.limit,
  };
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
  const sources = timelineSources.filter((source) => !kinds || kinds.has(source.kind));
  const pages = await Promise.all(sources.map((source) => source.list(ctx, query)));
  const sign = direction === "older" ? -1 : 1;
  return pages
    .flat()
    .sort((a, b) => sign * (a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .slice(0, page.limit);
}
