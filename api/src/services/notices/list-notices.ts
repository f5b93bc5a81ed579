import { GraphQLError } from "graphql";
import type { Context } from "../../context.ts";
import { dateColumn } from "../../domain/notice-window.ts";
import { Prisma, type Notice, type NoticeStatus } from "../../generated/prisma/client.ts";
import { translate } from "../../i18n/messages.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { ATTACHMENTS, parseAttachments, type PublicAttachment } from "./load-notice-extras.ts";
import { noticeFilterSql, type NoticeFilter } from "./notice-filter.ts";
import { archivedAtSql, postedAtSql } from "./visibility.ts";

/** Which notices a list shows: the board now, the archive now, or (for clerks) every notice, optionally by status. */
export type NoticeListScope = { kind: "board" } | { kind: "archive" } | { kind: "all"; statuses?: readonly NoticeStatus[] | null };

/** A page as @pothos/plugin-relay's resolveCursorConnection asks for it. */
export interface NoticePageArgs {
  after?: string | undefined;
  before?: string | undefined;
  limit: number;
  /** `last`: read from the end, in the opposite order (the helper reverses the rows back). */
  inverted: boolean;
}

type NoticeListContext = Pick<Context, "services" | "municipality" | "clock" | "locale">;

// Every column of "Notice"; the check below fails to compile when the model gains one.
const COLUMNS = [
  "id",
  "municipalityId",
  "externalId",
  "status",
  "title",
  "description",
  "category",
  "originator",
  "originatorIco",
  "referenceNumber",
  "fileMark",
  "postedAt",
  "relevantUntil",
  "takeDownAt",
  "revision",
  "searchText",
  "createdById",
  "proposedById",
  "approvedById",
  "approvedAt",
  "withdrawnById",
  "withdrawnAt",
  "withdrawalReason",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof Notice)[];
const everyColumnListed: Exclude<keyof Notice, (typeof COLUMNS)[number]> extends never ? true : false = true;
void everyColumnListed;

// "relevantUntil" is a date: read as text, so that no driver turns it into a local midnight.
const SELECT_COLUMNS = Prisma.raw(
  COLUMNS.map((column) => (column === "relevantUntil" ? `n."relevantUntil"::text AS "relevantUntil"` : `n."${column}"`)).join(", "),
);

/** Boards and the archive are newest posting first; the clerks' list newest created first. Ties by id. */
function sortColumn(scope: NoticeListScope): "postedAt" | "createdAt" {
  return scope.kind === "all" ? "createdAt" : "postedAt";
}

function scopeSql(scope: NoticeListScope, now: Date): Prisma.Sql[] {
  if (scope.kind === "board") return [postedAtSql(now)];
  if (scope.kind === "archive") return [archivedAtSql(now)];
  if (!scope.statuses?.length) return [];
  return [Prisma.sql`n."status" IN (${Prisma.join(scope.statuses.map((status) => Prisma.sql`CAST(${status} AS "NoticeStatus")`))})`];
}

function whereSql(ctx: NoticeListContext, scope: NoticeListScope, filter: NoticeFilter | null | undefined): Prisma.Sql {
  // The municipality first, always: raw SQL does not pass through the tenant-scoped client.
  const conditions = [
    Prisma.sql`n."municipalityId" = ${ctx.municipality.id}::uuid`,
    ...scopeSql(scope, ctx.clock.now()),
    ...noticeFilterSql(filter),
  ];
  return Prisma.join(conditions, " AND ");
}

/** An opaque cursor: the row's sort moment and id (keyset pagination, stable while rows are added). */
export function noticeCursor(notice: Notice, scope: NoticeListScope): string {
  return Buffer.from(`${notice[sortColumn(scope)].getTime()}:${notice.id}`).toString("base64url");
}

function parseCursor(ctx: NoticeListContext, cursor: string, argument: "after" | "before"): { moment: Date; id: string } {
  const match = /^(\d{1,15}):([0-9a-fA-F-]{36})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || !isUuid(match[2]!)) {
    throw new GraphQLError(`${argument}: ${translate(ctx.locale, "field.invalid")}`, {
      extensions: { code: "BAD_USER_INPUT", field: [argument] },
    });
  }
  return { moment: new Date(Number(match[1])), id: match[2]! };
}

export interface NoticeListPage {
  notices: Notice[];
  /** Each listed notice's attachments, when asked for. */
  attachments: Map<string, PublicAttachment[]>;
}

/**
 * One page of a notice list in ONE statement (with the attachments when asked), read with the
 * driver directly rather than through Prisma: the board is the portal's hottest public read, and
 * Prisma's query building and row mapping cost more than the rest of the request
 * (docs/ARCHITECTURE.md, "Notice board"). The rows have the shape Prisma gives a Notice, so the
 * GraphQL type resolves them like any other.
 */
export async function listNotices(
  ctx: NoticeListContext,
  scope: NoticeListScope,
  filter: NoticeFilter | null | undefined,
  page: NoticePageArgs,
  options: { attachments: boolean },
): Promise<NoticeListPage> {
  const column = Prisma.raw(`n."${sortColumn(scope)}"`);
  const keyset: Prisma.Sql[] = [];
  if (page.after) {
    const { moment, id } = parseCursor(ctx, page.after, "after");
    keyset.push(Prisma.sql`(${column}, n."id") < (${moment}::timestamptz, ${id}::uuid)`);
  }
  if (page.before) {
    const { moment, id } = parseCursor(ctx, page.before, "before");
    keyset.push(Prisma.sql`(${column}, n."id") > (${moment}::timestamptz, ${id}::uuid)`);
  }
  const where = Prisma.join([whereSql(ctx, scope, filter), ...keyset], " AND ");
  const direction = Prisma.raw(page.inverted ? "ASC" : "DESC");
  const attachmentsColumn = options.attachments ? Prisma.sql`, ${ATTACHMENTS} AS "attachments"` : Prisma.empty;
  const query = Prisma.sql`SELECT ${SELECT_COLUMNS}${attachmentsColumn} FROM "Notice" n WHERE ${where}
    ORDER BY ${column} ${direction}, n."id" ${direction} LIMIT ${page.limit}`;
  type Row = Omit<Notice, "relevantUntil"> & { relevantUntil: string; attachments?: string | [] };
  const rows = await ctx.services.database.sql.query<Row>(query.text, query.values);
  const attachments = new Map<string, PublicAttachment[]>();
  const notices = rows.map(({ attachments: files, ...row }) => {
    if (files !== undefined) attachments.set(row.id, parseAttachments(files));
    return { ...row, relevantUntil: dateColumn(row.relevantUntil) };
  });
  return { notices, attachments };
}

/** How many notices a list has in all (only when a client asks for totalCount). */
export async function countNotices(
  ctx: NoticeListContext,
  scope: NoticeListScope,
  filter: NoticeFilter | null | undefined,
): Promise<number> {
  const query = Prisma.sql`SELECT count(*)::int AS "count" FROM "Notice" n WHERE ${whereSql(ctx, scope, filter)}`;
  const [row] = await ctx.services.database.sql.query<{ count: number }>(query.text, query.values);
  return row?.count ?? 0;
}
