import type { TenantDb } from "../../db/tenant.ts";
import type { FieldIssue } from "../../errors.ts";
import { isUuid } from "../accounts/account-rules.ts";
import type { NoticeTx } from "./notice-tx.ts";

/**
 * Field issues for attachment ids that are not files of this municipality (unknown, malformed or
 * another town's: the tenant-scoped client cannot tell them apart, and neither can the caller).
 */
export async function checkNoticeFiles(
  db: TenantDb | NoticeTx,
  fileIds: readonly string[],
  field = "attachmentIds",
): Promise<FieldIssue[]> {
  const wellFormed = fileIds.filter(isUuid);
  const found = wellFormed.length
    ? new Set((await db.storedFile.findMany({ where: { id: { in: wellFormed } }, select: { id: true } })).map((file) => file.id))
    : new Set<string>();
  return fileIds.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: [field, String(index)], code: "UNKNOWN_FILE", messageKey: "field.fileUnknown" as const }],
  );
}
