import { useCallback, useEffect, useState } from "react";
import { readCookie } from "../../cookies.ts";
import { CSRF_COOKIE } from "../../graphql/client.ts";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { currentLanguage } from "../../i18n/setup.ts";
import { listOutbox, putOutboxEntry, type OutboxEntry } from "./local-store.ts";
import { flushOutbox, OUTBOX_CHANGED_MESSAGE, SUBMISSIONS_SYNC_TAG, type FlushOutcome } from "./outbox-sync.ts";

/** The Background Sync registration (Chromium); elsewhere the page's own flush is what sends. */
interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Queues a submission made offline and asks the browser to send it when the connection returns. */
export async function queueSubmission(entry: Omit<OutboxEntry, "csrfToken" | "language" | "queuedAt" | "state" | "error">): Promise<void> {
  await putOutboxEntry({
    ...entry,
    queuedAt: Date.now(),
    state: "QUEUED",
    error: null,
    csrfToken: readCookie(CSRF_COOKIE) ?? null,
    language: currentLanguage(),
  });
  await requestBackgroundSync();
}

async function requestBackgroundSync() {
  try {
    const registration = (await navigator.serviceWorker?.getRegistration()) as SyncRegistration | undefined;
    await registration?.sync?.register(SUBMISSIONS_SYNC_TAG);
  } catch {
    // No service worker or no permission: the page flushes when it is open and online.
  }
}

/** Sends the queue now from the page, with this session's CSRF token and language. */
export function flushNow(ownerId: string): Promise<FlushOutcome[]> {
  return flushOutbox(ownerId, { csrfToken: readCookie(CSRF_COOKIE) ?? null, language: currentLanguage() });
}

/**
 * The signed-in user's queued submissions, kept fresh: the queue is flushed when the page opens, when the API is
 * reachable again and when the service worker reports a change; `onSent` hears of each submission that went out.
 */
export function useOutbox(ownerId: string | null, onSent?: (outcomes: FlushOutcome[]) => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const { online } = useNetworkStatus();

  const reload = useCallback(async () => {
    if (!ownerId) return;
    setEntries((await listOutbox(ownerId)).sort((a, b) => a.queuedAt - b.queuedAt));
  }, [ownerId]);

  const flush = useCallback(async () => {
    if (!ownerId) return;
    const outcomes = await flushNow(ownerId);
    await reload();
    if (outcomes.some((o) => o.kind !== "WAITING")) onSent?.(outcomes);
  }, [ownerId, reload, onSent]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (online) void flush().catch(() => undefined);
  }, [online, flush]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === OUTBOX_CHANGED_MESSAGE) {
        void reload();
        onSent?.([]);
      }
    };
    const onOnline = () => void flush().catch(() => undefined);
    navigator.serviceWorker?.addEventListener("message", onMessage);
    window.addEventListener("online", onOnline);
    return () => {
      navigator.serviceWorker?.removeEventListener("message", onMessage);
      window.removeEventListener("online", onOnline);
    };
  }, [reload, flush, onSent]);

  return { entries, reload, flush };
}
