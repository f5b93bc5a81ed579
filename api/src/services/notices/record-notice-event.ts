import type { NoticeEventType } from "../../generated/prisma/client.ts";
import type { NoticeActor } from "./notice-actor.ts";
import type { NoticeTx } from "./notice-tx.ts";

/**
 * Appends one entry to a notice's legal record (NoticeEvent, append-only by trigger): what
 * happened, who did it, when, and the posting window and revision in force afterwards.
 */
export async function recordNoticeEvent(
  tx: NoticeTx,
  event: {
    noticeId: string;
    type: NoticeEventType;
    actor: NoticeActor;
    at: Date;
    postedAt?: Date | null;
    takeDownAt?: Date | null;
    revision?: number | null;
    reason?: string | null;
  },
): Promise<void> {
  await tx.noticeEvent.create({
    data: {
      noticeId: event.noticeId,
      type: event.type,
      actorUserId: event.actor.userId,
      actorTokenId: event.actor.tokenId,
      postedAt: event.postedAt ?? null,
      takeDownAt: event.takeDownAt ?? null,
      revision: event.revision ?? null,
      reason: event.reason ?? null,
      createdAt: event.at,
    },
  });
}
