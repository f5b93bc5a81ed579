import { useEffect, useState } from "react";
import type { Client } from "urql";
import { NOTICE_ATTACHMENTS_CACHE } from "./attachment-cache.ts";
import { NoticeFreshnessQuery } from "./operations.ts";

/**
 * The notices this device keeps for offline reading, and their attachments.
 *
 * The notices' data lives in graphcache's offline store; their attachments in the service worker's cache (rule
 * "notice-attachments" in sw/runtime-caching.ts), keyed by URL, which does not say whose file it is. This index
 * remembers, for each notice opened here, its take-down moment and the attachment URLs, so that attachments of a
 * notice no longer on the board can be deleted from the device: at its take-down moment by the device's clock,
 * and, for a notice withdrawn early, as soon as the board is refreshed online.
 */
const INDEX_KEY = "portal.notices.offline";
/** Bounded like the attachment cache: the oldest entries go first. */
const MAX_ENTRIES = 100;

interface OfflineNotice {
  takeDownAt: string;
  files: string[];
  seenAt: number;
}
type OfflineIndex = Record<string, OfflineNotice>;

function readIndex(): OfflineIndex {
  try {
    const parsed = JSON.parse(localStorage.getItem(INDEX_KEY) ?? "{}") as unknown;
    return parsed && typeof parsed === "object" ? (parsed as OfflineIndex) : {};
  } catch {
    return {};
  }
}

function writeIndex(index: OfflineIndex) {
  const entries = Object.entries(index)
    .sort(([, a], [, b]) => b.seenAt - a.seenAt)
    .slice(0, MAX_ENTRIES);
  try {
    localStorage.setItem(INDEX_KEY, JSON.stringify(Object.fromEntries(entries)));
  } catch {
    // Storage full or disabled: offline clean-up falls back to the cache's own expiration.
  }
}

/** Records a notice (by its global id) as opened on this device, with its attachments' URLs. */
export function rememberOfflineNotice(id: string, notice: { takeDownAt: string; attachments: ReadonlyArray<{ url: string }> }) {
  const index = readIndex();
  index[id] = { takeDownAt: notice.takeDownAt, files: notice.attachments.map((file) => file.url), seenAt: Date.now() };
  writeIndex(index);
}

async function deleteCachedFiles(urls: readonly string[]) {
  if (urls.length === 0 || !("caches" in window)) return;
  const cache = await caches.open(NOTICE_ATTACHMENTS_CACHE);
  await Promise.all(urls.map((url) => cache.delete(url, { ignoreSearch: true })));
}

let pruning: Promise<void> | null = null;

/**
 * Deletes the cached attachments of every remembered notice that has left the board: first those whose take-down
 * moment has passed (device clock), then, when online, those the API no longer shows as posted (withdrawn early,
 * or gone). Called after the board was refreshed from the network. At most one run at a time.
 */
export function pruneOfflineNotices(client: Client, options: { online: boolean }): Promise<void> {
  pruning ??= (async () => {
    try {
      const index = readIndex();
      const now = Date.now();
      const gone = new Set(Object.keys(index).filter((id) => Date.parse(index[id]!.takeDownAt) <= now));
      const remaining = Object.keys(index).filter((id) => !gone.has(id));
      if (options.online && remaining.length > 0) {
        const result = await client.query(NoticeFreshnessQuery, { ids: remaining }, { requestPolicy: "network-only" }).toPromise();
        const nodes = result.data?.nodes;
        if (nodes) {
          remaining.forEach((id, position) => {
            const node = nodes[position];
            if (!node || node.__typename !== "Notice" || !("takeDownAt" in node)) return gone.add(id);
            if (Date.parse(node.takeDownAt) <= Date.now()) gone.add(id);
            else index[id] = { ...index[id]!, takeDownAt: node.takeDownAt };
          });
        }
      }
      await deleteCachedFiles([...gone].flatMap((id) => index[id]?.files ?? []));
      const latest = readIndex();
      for (const id of gone) delete latest[id];
      for (const id of remaining) if (!gone.has(id) && latest[id] && index[id]) latest[id].takeDownAt = index[id].takeDownAt;
      writeIndex(latest);
    } finally {
      pruning = null;
    }
  })();
  return pruning;
}

/**
 * The device's time at each render, with a re-render at the next of `moments` still ahead (and at least every
 * `maxDelayMs`): a notice on an open page disappears at its take-down moment without a reload.
 */
export function useNowUntil(moments: readonly string[], maxDelayMs = 60 * 60 * 1000): number {
  const [tick, setTick] = useState(0);
  const key = moments.join(",");
  useEffect(() => {
    const upcoming = key
      .split(",")
      .map((moment) => Date.parse(moment) - Date.now())
      .filter((delay) => delay > 0);
    const timer = setTimeout(() => setTick((value) => value + 1), Math.min(maxDelayMs, ...upcoming) + 50);
    return () => clearTimeout(timer);
  }, [key, tick, maxDelayMs]);
  // Read at render time, not kept in state: data arriving later is judged by the clock of that moment.
  return Date.now();
}
