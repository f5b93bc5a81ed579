import type { NoticeTx } from "./notice-tx.ts";

/** Makes `fileIds` (already checked to be this municipality's files) the notice's attachments, in that order. */
export async function replaceNoticeAttachments(tx: NoticeTx, noticeId: string, fileIds: readonly string[]): Promise<void> {
  await tx.noticeAttachment.deleteMany({ where: { noticeId } });
  if (fileIds.length > 0) {
    await tx.noticeAttachment.createMany({ data: fileIds.map((fileId, position) => ({ noticeId, fileId, position })) });
  }
}
