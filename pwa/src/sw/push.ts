/// <reference lib="webworker" />
import { isPortalPath, parsePushMessage, type PushMessage } from "@portal/forms";
import { PUSH_RECEIVED_MESSAGE } from "./cache-names.ts";
import { notificationFor } from "./push-notification.ts";

declare const self: ServiceWorkerGlobalScope;

/**
 * Web push in the service worker: shows what the portal sends (sw/push-notification.ts decides how) and opens the
 * right page when the citizen taps it. Every push must show a notification (the browser's userVisibleOnly rule;
 * Chromium otherwise shows its own "site updated in the background"), so a payload that cannot be read still
 * shows a generic one that opens the portal.
 */
export function registerPushHandlers() {
  self.addEventListener("push", (event: PushEvent) => {
    let text: string | null;
    try {
      text = event.data?.text() ?? null;
    } catch {
      text = null;
    }
    const message = parsePushMessage(text);
    event.waitUntil(Promise.all([showNotification(message), tellOpenPages(message)]));
  });

  self.addEventListener("notificationclick", (event: NotificationEvent) => {
    event.notification.close();
    const data = event.notification.data as { url?: unknown } | null;
    const path = isPortalPath(data?.url) ? data.url : "/";
    event.waitUntil(openPortalPage(path));
  });
}

async function showNotification(message: PushMessage | null) {
  const language = self.navigator.language.startsWith("cs") ? "cs" : "en";
  const { title, options } = notificationFor(message, language);
  await self.registration.showNotification(title, options);
}

/** An open app refreshes what the message is about (the crisis banner, the alert list, the history). */
async function tellOpenPages(message: PushMessage | null) {
  if (!message) return;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: false });
  for (const client of windows) client.postMessage({ type: PUSH_RECEIVED_MESSAGE, kind: message.kind, messageId: message.messageId });
}

/**
 * Focuses a window of the portal that already shows the page, else takes over a portal window and navigates it
 * there, else opens a new one. Only paths of the portal are ever opened (checked by isPortalPath).
 */
async function openPortalPage(path: string) {
  const target = new URL(path, self.location.origin);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const same = windows.find((client) => client.url === target.href);
  // Focusing may be refused (it needs the click's user activation); the page is shown either way.
  if (same) {
    await same.focus().catch(() => undefined);
    return;
  }
  for (const client of windows) {
    if (new URL(client.url).origin !== self.location.origin) continue;
    // A window the worker does not control cannot be navigated: the next one is tried, else a new one opened.
    const navigated = await client.navigate(target.href).catch(() => null);
    if (navigated) {
      await navigated.focus().catch(() => undefined);
      return;
    }
  }
  await self.clients.openWindow(target.href);
}
