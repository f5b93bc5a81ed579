import type { NoticeEventType } from "../../generated/prisma/client.ts";
import { sameActor, type NoticeActor } from "./notice-actor.ts";

/** The events by which someone authors the content that is approved next: writing it, changing it, proposing it. */
export const AUTHORING_EVENTS = ["CREATED", "EDITED", "PROPOSED"] as const satisfies NoticeEventType[];

interface RecordedEvent {
  type: NoticeEventType;
  actorUserId: string | null;
  actorTokenId: string | null;
}

/**
 * The two-person rule: nobody who wrote, changed or proposed the content waiting for approval may
 * approve it. Every authoring event since the last approved content counts (a notice is approved
 * once; corrections after it are revisions), not only the last one: the author of a draft that a
 * colleague proposed, or who edits it after the proposal, is still its author. An integrator is
 * known by its API token. `events` are the notice's events in their order.
 */
export function isNoticeAuthor(actor: NoticeActor, events: readonly RecordedEvent[]): boolean {
  const lastApproval = events.findLastIndex((event) => event.type === "APPROVED" || event.type === "REVISED");
  return events
    .slice(lastApproval + 1)
    .some(
      (event) =>
        (AUTHORING_EVENTS as readonly NoticeEventType[]).includes(event.type) &&
        sameActor(actor, { userId: event.actorUserId, tokenId: event.actorTokenId }),
    );
}
