/// <reference lib="webworker" />
import { flushOutbox, OUTBOX_CHANGED_MESSAGE, SUBMISSIONS_SYNC_TAG } from "../features/life-situations/outbox-sync.ts";

declare const self: ServiceWorkerGlobalScope;

/** What a Background Sync event carries (the lib's typings lack it). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

/**
 * Background Sync of submissions made offline: the page queues them in IndexedDB and registers the sync tag; the
 * browser wakes this worker when the connection returns, even if the app was closed meanwhile, and the worker sends
 * them (features/life-situations/outbox-sync.ts). An entry that cannot be sent yet makes the sync fail, so the
 * browser retries later with backoff. Open windows hear about it and refresh "Moje podání". Browsers without
 * Background Sync are covered by the page, which flushes the same queue when it starts or comes back online.
 */
export function registerSubmissionSync(): void {
  self.addEventListener("sync", (event) => {
    const sync = event as SyncEvent;
    if (sync.tag !== SUBMISSIONS_SYNC_TAG) return;
    sync.waitUntil(
      flushOutbox().then(async (outcomes) => {
        if (outcomes.some((outcome) => outcome.kind !== "WAITING")) {
          for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage({ type: OUTBOX_CHANGED_MESSAGE });
        }
        if (outcomes.some((outcome) => outcome.kind === "WAITING") && !sync.lastChance) throw new Error("Submissions still waiting");
      }),
    );
  });
}
