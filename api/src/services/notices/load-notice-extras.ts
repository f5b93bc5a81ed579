import type { SqlConnection } from "../../db/database.ts";
import { Prisma, type NoticeCategory } from "../../generated/prisma/client.ts";

export interface PublicAttachment {
  fileId: string;
  fileName: string;
  mimeType: string;
  size: number;
}

export interface PublicRevision {
  revision: number;
  title: string;
  description: string;
  category: NoticeCategory;
  originator: string;
  referenceNumber: string | null;
  fileMark: string | null;
  reason: string | null;
  createdAt: Date;
}

interface ExtrasRow {
  id: string;
  attachments: (Omit<PublicAttachment, "size"> & { size: number | string })[];
  revisions: (Omit<PublicRevision, "createdAt"> & { createdAt: string })[];
}

export type NoticeExtraPart = "attachments" | "revisions";

/** A request for one part of one notice's extras; the batch reads only the parts asked for. */
export interface NoticeExtraKey {
  noticeId: string;
  part: NoticeExtraPart;
}

/** A notice's attachments as a JSON array, on `n` (the "Notice" row); read them with `parseAttachments`. */
export const ATTACHMENTS = Prisma.sql`COALESCE((
        SELECT json_agg(json_build_object('fileId', f."id", 'fileName', f."fileName", 'mimeType', f."mimeType", 'size', f."size")
                        ORDER BY a."position", f."fileName", f."id")
        FROM "NoticeAttachment" a JOIN "StoredFile" f ON f."id" = a."fileId" AND f."municipalityId" = n."municipalityId"
        WHERE a."noticeId" = n."id"), '[]'::json)`;
const REVISIONS = Prisma.sql`COALESCE((
        SELECT json_agg(json_build_object('revision', r."revision", 'title', r."title", 'description', r."description",
                                          'category', r."category", 'originator', r."originator",
                                          'referenceNumber', r."referenceNumber", 'fileMark', r."fileMark",
                                          'reason', r."reason", 'createdAt', r."createdAt")
                        ORDER BY r."revision")
        FROM "NoticeRevision" r
        WHERE r."noticeId" = n."id"), '[]'::json)`;
const NOTHING = Prisma.sql`'[]'::json`;

/**
 * The attachments (with their files) and/or the approved revisions of many notices in ONE statement.
 * Prisma would need three (notices' attachments, their files, revisions); the board list and the
 * notice detail are the portal's hottest pages and are held to two statements in all (the notices,
 * then this). Batched per request by a dataloader (schema/notices.ts) whose keys say which part each
 * field needs, so the board's list (attachments only) does not aggregate every revision's texts.
 * Read with the driver directly, like the lists (services/notices/list-notices.ts). The municipality
 * is named explicitly: raw SQL does not pass through the tenant-scoped client's filters.
 */
export async function loadNoticeExtras(
  sql: SqlConnection,
  municipalityId: string,
  keys: readonly NoticeExtraKey[],
): Promise<(PublicAttachment[] | PublicRevision[])[]> {
  if (keys.length === 0) return [];
  const ids = [...new Set(keys.map((key) => key.noticeId))];
  const wants = (part: NoticeExtraPart) => keys.some((key) => key.part === part);
  const query = Prisma.sql`
    SELECT n."id",
      ${wants("attachments") ? ATTACHMENTS : NOTHING} AS "attachments",
      ${wants("revisions") ? REVISIONS : NOTHING} AS "revisions"
    FROM "Notice" n
    WHERE n."municipalityId" = ${municipalityId}::uuid AND n."id" IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})`;
  const rows = await sql.query<ExtrasRow>(query.text, query.values);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return keys.map(({ noticeId, part }) => {
    const row = byId.get(noticeId);
    if (!row) return [];
    return part === "attachments"
      ? parseAttachments(row.attachments)
      : parseJson(row.revisions).map((revision) => ({ ...revision, createdAt: new Date(revision.createdAt) }));
  });
}

export function parseAttachments(value: ExtrasRow["attachments"] | string): PublicAttachment[] {
  return parseJson(value).map((attachment) => ({ ...attachment, size: Number(attachment.size) }));
}

/** Drivers hand json columns back parsed (pg) or as text (some adapters). */
function parseJson<T>(value: T[] | string): T[] {
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}
