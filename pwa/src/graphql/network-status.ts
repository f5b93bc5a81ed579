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

function readLastUpdated(): number | null {
  const stored = Number(localStorage.getItem(LAST_UPDATED_KEY));
  return Number.isFinite(stored) && stored > 0 ? stored : null;
}

let status: NetworkStatus = { online: navigator.onLine, lastUpdatedAt: readLastUpdated() };
const listeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setInterval> | undefined;

function setStatus(next: Partial<NetworkStatus>) {
  status = { ...status, ...next };
  listeners.forEach((listener) => listener());
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
  const now = Date.now();
  localStorage.setItem(LAST_UPDATED_KEY, String(now));
  clearInterval(probeTimer);
  probeTimer = undefined;
  setStatus({ online: true, lastUpdatedAt: now });
}

export function reportNetworkFailure() {
  if (status.online) setStatus({ online: false });
  startProbing();
}

window.addEventListener("online", reportOnline);
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
