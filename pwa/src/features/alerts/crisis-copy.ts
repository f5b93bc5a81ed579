/**
 * The device's own copy of the newest valid crisis alert, so the banner shows offline on every page even when the
 * offline GraphQL store has nothing: after a logout (which clears that store), or on a first offline start after
 * a crisis push. It is public data, kept in localStorage under one key, read only when the API cannot answer
 * (a page's first localStorage access blocks while the storage loads, see graphql/network-status.ts).
 */
export interface CrisisCopy {
  id: string;
  title: string;
  validTo: string | null;
  savedAt: number;
}

const KEY = "portal.alerts.crisis";

export function readCrisisCopy(now = Date.now()): CrisisCopy | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "null") as CrisisCopy | null;
    if (!value || typeof value.id !== "string" || typeof value.title !== "string") return null;
    return isStillValid(value.validTo, now) ? value : null;
  } catch {
    return null;
  }
}

export function writeCrisisCopy(alert: { id: string; title: string; validTo: string | null } | null) {
  try {
    if (!alert) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify({ id: alert.id, title: alert.title, validTo: alert.validTo, savedAt: Date.now() }));
  } catch {
    // Storage full or disabled: the banner then relies on the offline GraphQL store alone.
  }
}

/** An alert without an end stays valid until the town ends it (the API then stops answering it). */
export function isStillValid(validTo: string | null, now: number): boolean {
  return validTo === null || Date.parse(validTo) > now;
}
