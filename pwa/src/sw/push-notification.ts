import type { PushMessage } from "@portal/forms";

/**
 * How a push message looks on the device, as a pure function so it can be unit-tested outside a worker.
 *
 * - A crisis stays on screen until the citizen acts (requireInteraction), vibrates longer and alerts again even
 *   when it replaces an earlier notification of the same alert (renotify).
 * - The tag collapses messages about the same thing: a corrected alert replaces the old one on the device.
 * - The texts come from the portal in the citizen's language; only the fallback for an unreadable payload is
 *   worded here, in the device's language (a worker has no access to the app's language setting).
 */
export interface ShownNotification {
  title: string;
  options: NotificationOptions & { renotify?: boolean; vibrate?: number[]; timestamp?: number };
}

const FALLBACK = {
  cs: { title: "Portál občana", body: "Máte nové oznámení. Otevřete portál." },
  en: { title: "Citizen portal", body: "You have a new message. Open the portal." },
};

const ICON = "/icons/icon-192.png";
const BADGE = "/icons/badge-96.png";

export function notificationFor(message: PushMessage | null, language: "cs" | "en"): ShownNotification {
  if (!message) {
    return {
      title: FALLBACK[language].title,
      options: { body: FALLBACK[language].body, icon: ICON, badge: BADGE, tag: "portal", lang: language, data: { url: "/" } },
    };
  }
  const crisis = message.kind === "ALERT" && message.severity === "CRISIS";
  const sentAt = Date.parse(message.sentAt);
  return {
    title: message.title,
    options: {
      body: message.body,
      icon: ICON,
      badge: BADGE,
      tag: message.tag,
      data: { url: message.url, kind: message.kind, messageId: message.messageId },
      requireInteraction: crisis,
      renotify: crisis,
      vibrate: crisis ? [300, 100, 300, 100, 600] : [200],
      ...(sentAt > 0 ? { timestamp: sentAt } : {}),
    },
  };
}
