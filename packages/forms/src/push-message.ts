/**
 * The web push message the portal sends and its service worker shows: one contract for the API (which encrypts
 * it per subscription, api/src/integrations/push.ts) and the worker (pwa/src/sw/push.ts), so neither can drift.
 *
 * A push service carries at most 4 KB of ciphertext; the texts are cut to lengths that keep a Czech message
 * (2 bytes per accented letter) well inside it. The worker treats the payload as hostile: whatever arrives, it
 * shows something sensible and never opens a page outside the portal.
 */
export const PUSH_MESSAGE_VERSION = 1;

/** The portal's message kinds (Prisma `MessageKind`) that may go by push, and TEST for the preferences page's trial. */
export const PUSH_MESSAGE_KINDS = ["ALERT", "PAYMENT_REMINDER", "PAYMENT_CONFIRMATION", "SUBMISSION_STATUS", "TEST"] as const;
export type PushMessageKind = (typeof PUSH_MESSAGE_KINDS)[number];

export const PUSH_SEVERITIES = ["INFO", "WARNING", "CRISIS"] as const;
export type PushSeverity = (typeof PUSH_SEVERITIES)[number];

export const PUSH_TITLE_MAX = 120;
export const PUSH_BODY_MAX = 600;

export interface PushMessage {
  v: typeof PUSH_MESSAGE_VERSION;
  kind: PushMessageKind;
  /** Alerts only; a crisis stays on screen until the citizen acts on it. */
  severity?: PushSeverity;
  title: string;
  body: string;
  /** A path inside the portal opened on click, e.g. `/upozorneni/<id>`; never another origin. */
  url: string;
  /**
   * Collapses notifications about the same thing (e.g. `alert:<id>`, `reminder:<assessment>`): a newer one
   * replaces the older on the device instead of piling up.
   */
  tag: string;
  /** The portal's message id, for the app to refresh what the message is about. */
  messageId: string;
  /** ISO 8601 moment the message was created (shown by the system as the notification's time). */
  sentAt: string;
}

/** Cuts a text to `max` characters at a word boundary where one is near, with an ellipsis. */
export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** A same-origin path the app may open: starts with one "/", no scheme, no protocol-relative "//", no backslash. */
export function isPortalPath(url: unknown): url is string {
  return typeof url === "string" && url.length <= 500 && /^\/(?![/\\])[^\s\\]*$/.test(url);
}

/** Builds the message the API encrypts: texts cut to fit, the link checked. */
export function buildPushMessage(input: Omit<PushMessage, "v">): PushMessage {
  if (!isPortalPath(input.url)) throw new Error(`Push message link must be a portal path, got ${JSON.stringify(input.url)}`);
  return {
    v: PUSH_MESSAGE_VERSION,
    kind: input.kind,
    ...(input.severity ? { severity: input.severity } : {}),
    title: truncateText(input.title, PUSH_TITLE_MAX),
    body: truncateText(input.body, PUSH_BODY_MAX),
    url: input.url,
    tag: input.tag.slice(0, 100),
    messageId: input.messageId,
    sentAt: input.sentAt,
  };
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);

/**
 * Reads a received payload (the decrypted push data as text). Unknown versions, missing fields or foreign links
 * give `null`; the worker then shows a generic notice that opens the portal (a push must always show something).
 */
export function parsePushMessage(text: string | null | undefined): PushMessage | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== "object") return null;
  const value = data as Record<string, unknown>;
  if (value.v !== PUSH_MESSAGE_VERSION || !oneOf(PUSH_MESSAGE_KINDS, value.kind)) return null;
  if (typeof value.title !== "string" || !value.title.trim() || typeof value.body !== "string") return null;
  if (!isPortalPath(value.url) || typeof value.tag !== "string" || typeof value.messageId !== "string") return null;
  if (value.severity !== undefined && !oneOf(PUSH_SEVERITIES, value.severity)) return null;
  const sentAt = typeof value.sentAt === "string" && !Number.isNaN(Date.parse(value.sentAt)) ? value.sentAt : new Date(0).toISOString();
  return {
    v: PUSH_MESSAGE_VERSION,
    kind: value.kind,
    ...(value.severity ? { severity: value.severity } : {}),
    title: truncateText(value.title, PUSH_TITLE_MAX),
    body: truncateText(value.body, PUSH_BODY_MAX),
    url: value.url,
    tag: value.tag.slice(0, 100),
    messageId: value.messageId.slice(0, 100),
    sentAt,
  };
}
