import type { TenantDb } from "../../db/tenant.ts";
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

export interface NoticeExtras {
  attachments: PublicAttachment[];
  revisions: PublicRevision[];
}

interface ExtrasRow {
  id: string;
  attachments: (Omit<PublicAttachment, "size"> & { size: number | string })[];
  revisions: (Omit<PublicRevision, "createdAt"> & { createdAt: string })[];
}

/**
 * The attachments (with their files) and the approved revisions of many notices in ONE statement.
 * Prisma would need three (notices' attachments, their files, revisions); the board list and the
 * notice detail are the portal's hottest pages and are held to two statements in all (the notices,
 * then this). Batched per request by a dataloader (schema/notices.ts). The municipality is named
 * explicitly: raw SQL does not pass through the tenant-scoped client's filters.
 */
export async function loadNoticeExtras(db: TenantDb, municipalityId: string, noticeIds: readonly string[]): Promise<NoticeExtras[]> {
  if (noticeIds.length === 0) return [];
  const rows = await db.$queryRaw<ExtrasRow[]>(Prisma.sql`
    SELECT n."id",
      COALESCE((
        SELECT json_agg(json_build_object('fileId', f."id", 'fileName', f."fileName", 'mimeType', f."mimeType", 'size', f."size")
                        ORDER BY a."position", f."fileName", f."id")
        FROM "NoticeAttachment" a JOIN "StoredFile" f ON f."id" = a."fileId" AND f."municipalityId" = n."municipalityId"
        WHERE a."noticeId" = n."id"), '[]'::json) AS "attachments",
      COALESCE((
        SELECT json_agg(json_build_object('revision', r."revision", 'title', r."title", 'description', r."description",
                                          'category', r."category", 'originator', r."originator",
                                          'referenceNumber', r."referenceNumber", 'fileMark', r."fileMark",
                                          'reason', r."reason", 'createdAt', r."createdAt")
                        ORDER BY r."revision")
        FROM "NoticeRevision" r
        WHERE r."noticeId" = n."id"), '[]'::json) AS "revisions"
    FROM "Notice" n
    WHERE n."municipalityId" = ${municipalityId}::uuid AND n."id" IN (${Prisma.join(noticeIds.map((id) => Prisma.sql`${id}::uuid`))})`);
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        attachments: parseJson(row.attachments).map((attachment) => ({ ...attachment, size: Number(attachment.size) })),
        revisions: parseJson(row.revisions).map((revision) => ({ ...revision, createdAt: new Date(revision.createdAt) })),
      },
    ]),
  );
  return noticeIds.map((id) => byId.get(id) ?? { attachments: [], revisions: [] });
}

/** Drivers hand json columns back parsed (pg) or as text (some adapters). */
function parseJson<T>(value: T[] | string): T[] {
  return typeof value === "string" ? (JSON.parse(value) as T[]) : value;
}
