import type { TenantDb } from "../../db/tenant.ts";
import { NotFoundError } from "../../errors.ts";
import type { Notice } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import type { NoticeTx } from "./notice-tx.ts";

/**
 * A notice of the request's municipality (the tenant-scoped client makes another town's id
 * unknown) with its attachments' file ids in order, or NotFoundError.
 */
export async function findNotice(db: TenantDb | NoticeTx, id: string): Promise<Notice & { attachmentIds: string[] }> {
  const notice = isUuid(id)
    ? await db.notice.findUnique({ where: { id }, include: { attachments: { select: { fileId: true }, orderBy: { position: "asc" } } } })
    : null;
  if (!notice) throw new NotFoundError();
  const { attachments, ...rest } = notice;
  return { ...rest, attachmentIds: attachments.map((attachment) => attachment.fileId) };
}
