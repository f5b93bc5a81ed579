import { useSyncExternalStore } from "react";

/**
 * Whether the API is reachable, and when data last arrived from it. The browser's `navigator.onLine` is only a
 * hint (it says "online" behind a dead Wi-Fi or when the server is down), so failed requests count too.
 */
export interface NetworkStatus {
  online: boolean;
  lastUpdatedAt: number | null;
}

const LAST_UPDATED_KEY = "portal.lastUpdatedAt";
const PROBE_INTERVAL_MS = 10_000;

/**
 * The time of the last answer is kept in localStorage so an offline start can say how old the shown data is. It is
 * read only when the app is offline and written when the page is hidden or closed, never during a normal start:
 * a page's first localStorage access blocks the main thread while the storage loads.
 */
function readLastUpdated(): number | null {
  const stored = Number(localStorage.getItem(LAST_UPDATED_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : null;
}

// Starting offline is exactly when the stored time is needed.
let lastUpdatedLoaded = !navigator.onLine;
let status: NetworkStatus = { online: navigator.onLine, lastUpdatedAt: lastUpdatedLoaded ? readLastUpdated() : null };
let unsavedLastUpdate = false;
const listeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setInterval> | undefined;

function setStatus(next: Partial<NetworkStatus>) {
  const updated = { ...status, ...next };
  if (!updated.online && !lastUpdatedLoaded) {
    lastUpdatedLoaded = true;
    updated.lastUpdatedAt ??= readLastUpdated();
  }
  // The time only shows while offline: online, a newer answer changes nothing on screen.
  const visibleChange = updated.online !== status.online || (!updated.online && updated.lastUpdatedAt !== status.lastUpdatedAt);
  status = visibleChange ? updated : Object.assign(status, updated);
  if (visibleChange) listeners.forEach((listener) => listener());
}

function saveLastUpdated() {
  if (!unsavedLastUpdate || status.lastUpdatedAt === null) return;
  unsavedLastUpdate = false;
  localStorage.setItem(LAST_UPDATED_KEY, String(status.lastUpdatedAt));
}

/** While the API is unreachable, poll the health endpoint so the app recovers without a user action. */
function startProbing() {
  if (probeTimer) return;
  probeTimer = setInterval(() => {
    if (!navigator.onLine) return;
    fetch("/healthz", { cache: "no-store" }).then(
      (response) => response.ok && reportOnline(),
      () => undefined,
    );
  }, PROBE_INTERVAL_MS);
}

function reportOnline() {
  clearInterval(probeTimer);
  probeTimer = undefined;
  if (!status.online) setStatus({ online: true });
}

export function reportSuccessfulResponse() {
  clearInterval(probeTimer);
  probeTimer = undefined;
  lastUpdatedLoaded = true; // a fresher time than any stored one
  unsavedLastUpdate = true;
  setStatus({ online: true, lastUpdatedAt: Date.now() });
}

export function reportNetworkFailure() {
  if (status.online) setStatus({ online: false });
  startProbing();
}

window.addEventListener("online", reportOnline);
// "hidden" is the last event a phone reliably delivers before it may discard the page; pagehide covers reloads.
document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && saveLastUpdated());
window.addEventListener("pagehide", saveLastUpdated);
window.addEventListener("offline", () => {
  setStatus({ online: false });
  startProbing();
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNetworkStatus(): NetworkStatus {
  return useSyncExternalStore(subscribe, () => status);
}
