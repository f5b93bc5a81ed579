import type { Context } from "../../../context.ts";
import type { DeliveryStatus, MessageKind, NotificationChannel } from "../../../generated/prisma/client.ts";

/** What the history can show; a feature adds its kind here and its source in ./index.ts. */
export const TIMELINE_KINDS = ["MESSAGE", "ASSESSMENT", "PAYMENT", "SUBMISSION"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** "<kind prefix>:<uuid>", unique across sources. */
  id: string;
  kind: TimelineKind;
  occurredAt: Date;
  title: string;
  summary: string;
  path: string | null;
  amount: bigint | null;
  status: string | null;
  messageKind: MessageKind | null;
  deliveries: { channel: NotificationChannel; status: DeliveryStatus; sentAt: Date | null }[];
  cursor: string;
}

/** The position a page continues from: entries strictly older (or newer, for `before`) than (at, id). */
export interface TimelineBoundary {
  at: Date;
  id: string;
}

export interface TimelineQuery {
  userId: string;
  channel: NotificationChannel | null;
  from: Date | null;
  /** Exclusive upper bound (the day after the filter's `to`). */
  to: Date | null;
  boundary: TimelineBoundary | null;
  /** "older": newest first, before the boundary; "newer": oldest first, after it (a `last`/`before` page). */
  direction: "older" | "newer";
  limit: number;
}

/**
 * One kind of item in the citizen's communication history. `list` returns at most `limit` entries past
 * the boundary in the query's direction, sorted that way by (occurredAt, id); the history merges the
 * sources. Each source reads only the citizen's own records (through the tenant-scoped `ctx.db`).
 */
export interface TimelineSource {
  kind: TimelineKind;
  /** The prefix of its entries' ids; it orders entries of the same moment between sources. */
  prefix: string;
  list(ctx: Pick<Context, "db" | "locale" | "municipality">, query: TimelineQuery): Promise<TimelineEntry[]>;
}

export function entryCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}|${id}`).toString("base64url");
}

/** A condition on the `createdAt` and `id` columns every source's rows have. */
export interface TimeCondition {
  createdAt?: Date | { gte?: Date; lt?: Date; gt?: Date };
  id?: { lt?: string; gt?: string };
  OR?: TimeCondition[];
}

/**
 * The condition on (createdAt, uuid) of a source's rows for the query's time filter and keyset boundary.
 * Entries of the same moment are ordered by their full id ("<prefix>:<uuid>"), so a source whose prefix
 * sorts before the boundary's takes all of that moment (going older), one after it none.
 */
export function timeWhere(prefix: string, query: TimelineQuery): TimeCondition[] {
  const conditions: TimeCondition[] = [];
  if (query.from) conditions.push({ createdAt: { gte: query.from } });
  if (query.to) conditions.push({ createdAt: { lt: query.to } });
  const b = query.boundary;
  if (b) {
    const older = query.direction === "older";
    const split = b.id.indexOf(":");
    const [boundaryPrefix, boundaryUuid] = [b.id.slice(0, split), b.id.slice(split + 1)];
    const sameMoment: TimeCondition[] =
      prefix === boundaryPrefix
        ? [{ createdAt: b.at, id: older ? { lt: boundaryUuid } : { gt: boundaryUuid } }]
        : (older ? prefix < boundaryPrefix : prefix > boundaryPrefix)
          ? [{ createdAt: b.at }]
          : [];
    conditions.push({ OR: [{ createdAt: older ? { lt: b.at } : { gt: b.at } }, ...sameMoment] });
  }
  return conditions;
}

export function orderOf(query: TimelineQuery): [{ createdAt: "asc" | "desc" }, { id: "asc" | "desc" }] {
  const direction = query.direction === "older" ? "desc" : "asc";
  return [{ createdAt: direction }, { id: direction }];
}
