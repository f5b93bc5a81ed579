import { createCipheriv, createECDH, createHash, hkdfSync, randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import webpush from "web-push";

/**
 * Web push (RFC 8030 delivery, RFC 8291 aes128gcm payload encryption, RFC 8292 VAPID). VAPID keys
 * and JWTs come from the `web-push` library; the payload encryption is RFC 8291 on Node's native
 * HKDF and AES-GCM (below), because web-push's encryption (a JavaScript HKDF) cost 505 µs of CPU per
 * message against 337 µs, the largest share of a crisis alert to 100 000 devices (bench/notifications).
 * The tests' push service decrypts every message with the reference implementation (`http_ece`). The
 * HTTP request goes through node:http(s) with keep-alive agents (a pool of connections per push
 * service; undici's fetch showed in the profile with its web streams and composite abort signals), and
 * the VAPID JWT is signed once per push service
 * origin and reused until shortly before it expires: signing one per message cost more than the
 * encryption when an alert goes to 100 000 subscriptions (bench/notifications).
 */

export interface VapidKeyPair {
  /** Uncompressed P-256 public key, base64url (what the browser's `applicationServerKey` takes). */
  publicKey: string;
  /** P-256 private key, base64url. */
  privateKey: string;
}

export interface PushTarget {
  endpoint: string;
  /** The browser's P-256 public key (`keys.p256dh`), base64url. */
  p256dh: string;
  /** The browser's 16-byte authentication secret (`keys.auth`), base64url. */
  auth: string;
}

export type PushUrgency = "very-low" | "low" | "normal" | "high";

export interface PushOptions {
  /** Seconds the push service keeps the message for an offline device; 0 = deliver now or never. */
  ttlSeconds: number;
  urgency: PushUrgency;
  /**
   * Replaces a not yet delivered message with the same topic (RFC 8030 §5.4): a repeated attempt of
   * the same delivery, or a newer version of the same alert, does not pile up on an offline phone.
   * base64url, at most 32 characters.
   */
  topic?: string;
}

/** What a push service answered for one message. */
export type PushOutcome =
  /** Accepted (201/202): the push service will deliver it. */
  | { kind: "accepted"; status: number; location: string | null }
  /** 404/410: the subscription is gone (unsubscribed, app removed); prune it, never retry. */
  | { kind: "gone"; status: number }
  /** 400/403/413 and the like: this message can never be delivered as it is; do not retry. */
  | { kind: "rejected"; status: number; reason: string };

/** A failure worth retrying: 429, 5xx, network errors, timeouts. */
export class PushTransientError extends Error {
  override name = "PushTransientError";
  readonly status: number | null;
  /** Seconds the push service asked us to wait (Retry-After), if it did. */
  readonly retryAfterSeconds: number | null;
  constructor(message: string, status: number | null, retryAfterSeconds: number | null = null) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface PushSender {
  readonly publicKey: string;
  send(target: PushTarget, payload: string, options: PushOptions, signal?: AbortSignal): Promise<PushOutcome>;
}

/** VAPID JWTs may be valid for at most 24 hours; we sign for 12 and renew an hour before the end. */
const VAPID_VALIDITY_SECONDS = 12 * 3600;
const VAPID_RENEW_BEFORE_SECONDS = 3600;
const REQUEST_TIMEOUT_MS = 15_000;
/** The largest payload a push service must accept is 4096 bytes of ciphertext; keep a margin for the record overhead. */
export const MAX_PUSH_PAYLOAD_BYTES = 3993;

export function generateVapidKeys(): VapidKeyPair {
  return webpush.generateVAPIDKeys();
}

export function createPushSender(options: {
  keys: VapidKeyPair;
  /** Who the push services may contact about our traffic: `mailto:` or `https:` (RFC 8292 §2.1). */
  subject: string;
  /** Seconds since the epoch (the injected clock in tests). */
  now?: () => number;
  /** Push service origins the portal will contact; null = any https origin. */
  allowedEndpoint?: (url: URL) => boolean;
}): PushSender {
  const now = options.now ?? (() => Date.now() / 1000);
  const authorizations = new Map<string, { header: string; renewAt: number }>();

  function vapidAuthorization(audience: string): string {
    const current = now();
    const cached = authorizations.get(audience);
    if (cached && cached.renewAt > current) return cached.header;
    const expiration = Math.floor(current) + VAPID_VALIDITY_SECONDS;
    const headers = webpush.getVapidHeaders(
      audience,
      options.subject,
      options.keys.publicKey,
      options.keys.privateKey,
      "aes128gcm",
      expiration,
    );
    const header = String(headers.Authorization);
    authorizations.set(audience, { header, renewAt: expiration - VAPID_RENEW_BEFORE_SECONDS });
    return header;
  }

  return {
    publicKey: options.keys.publicKey,
    async send(target, payload, pushOptions, signal) {
      const url = new URL(target.endpoint);
      if (options.allowedEndpoint ? !options.allowedEndpoint(url) : url.protocol !== "https:") {
        return { kind: "rejected", status: 0, reason: `push service ${url.origin} is not allowed` };
      }
      if (Buffer.byteLength(payload) > MAX_PUSH_PAYLOAD_BYTES) {
        return { kind: "rejected", status: 0, reason: "payload larger than a push service accepts" };
      }
      let body: Buffer;
      try {
        body = encryptAes128gcm(payload, target);
      } catch (error) {
        // Malformed keys of a subscription: it can never receive anything.
        return { kind: "rejected", status: 0, reason: `cannot encrypt for this subscription: ${(error as Error).message}` };
      }
      const headers: Record<string, string> = {
        TTL: String(pushOptions.ttlSeconds),
        Urgency: pushOptions.urgency,
        ...(pushOptions.topic ? { Topic: pushOptions.topic } : {}),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "Content-Length": String(body.length),
        Authorization: vapidAuthorization(url.origin),
      };
      let answer: { status: number; headers: IncomingHttpHeaders; text: string };
      try {
        answer = await post(url, headers, body, signal);
      } catch (error) {
        throw new PushTransientError(`push service ${url.origin} unreachable: ${(error as Error).message}`, null);
      }
      const { status, text } = answer;
      const header = (name: string) => {
        const value = answer.headers[name];
        return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
      };
      if (status >= 200 && status < 300) return { kind: "accepted", status, location: header("location") };
      if (status === 404 || status === 410) return { kind: "gone", status };
      if (status === 429 || status >= 500) {
        const retryAfter = Number(header("retry-after"));
        throw new PushTransientError(
          `push service ${url.origin} answered ${status}`,
          status,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        );
      }
      return { kind: "rejected", status, reason: `push service ${url.origin} answered ${status}: ${text.slice(0, 200)}` };
    },
  };
}

/**
 * Push services of the browsers a citizen uses. A subscription's endpoint is a URL the browser gives
 * us, i.e. chosen by whoever calls the API: without a list, the portal would POST to any address
 * (an internal one too) on their say. Operators can add more (PUSH_ALLOWED_ORIGINS).
 */
export const KNOWN_PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com", // Chrome, Edge on Android, Opera, Samsung Internet
  "updates.push.services.mozilla.com", // Firefox
  "web.push.apple.com", // Safari (macOS, iOS home-screen apps)
  "*.notify.windows.com", // Edge on Windows
  "*.push.apple.com",
];

/** Whether the portal may send pushes to this endpoint: https on a known push service, or an origin the operator allowed. */
export function pushEndpointAllowed(url: URL, extraOrigins: readonly string[] = []): boolean {
  if (extraOrigins.includes(url.origin)) return true;
  if (url.protocol !== "https:" || url.username || url.password || (url.port && url.port !== "443")) return false;
  const host = url.hostname.toLowerCase();
  return KNOWN_PUSH_SERVICE_HOSTS.some((known) => (known.startsWith("*.") ? host.endsWith(known.slice(1)) : host === known));
}

/**
 * TTL and urgency by the kind of message (and an alert's severity). A crisis wakes the phone at once
 * and is kept only while it is still valid (at most a day: a days-old crisis push would mislead). A
 * warning is normal, an information alert may wait for a phone on Wi-Fi and charging (urgency low)
 * and is kept for three days; a reminder for a day (the next one comes anyway); confirmations and
 * status changes for a week.
 */
export function pushPolicy(
  kind: "ALERT" | "PAYMENT_REMINDER" | "PAYMENT_CONFIRMATION" | "SUBMISSION_STATUS" | "PHONE_VERIFICATION",
  severity: "INFO" | "WARNING" | "CRISIS",
  validForSeconds?: number | null,
): Pick<PushOptions, "ttlSeconds" | "urgency"> {
  const cap = (seconds: number) => Math.max(0, Math.floor(Math.min(seconds, validForSeconds ?? seconds)));
  switch (kind) {
    case "ALERT":
      if (severity === "CRISIS") return { urgency: "high", ttlSeconds: cap(24 * 3600) };
      if (severity === "WARNING") return { urgency: "normal", ttlSeconds: cap(24 * 3600) };
      return { urgency: "low", ttlSeconds: cap(3 * 24 * 3600) };
    case "PAYMENT_REMINDER":
      return { urgency: "normal", ttlSeconds: 24 * 3600 };
    case "PHONE_VERIFICATION":
      return { urgency: "high", ttlSeconds: 600 };
    case "PAYMENT_CONFIRMATION":
    case "SUBMISSION_STATUS":
      return { urgency: "low", ttlSeconds: 7 * 24 * 3600 };
  }
}

/** A topic (≤ 32 base64url characters) from any id: a newer push of the same thing replaces an undelivered older one. */
export function pushTopic(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 32);
}

// Connections to push services are kept open between messages: an alert to many devices of one push
// service reuses them instead of a TLS handshake per message.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 30_000 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 30_000 }),
};

function post(
  url: URL,
  headers: Record<string, unknown>,
  body: Buffer,
  signal: AbortSignal | undefined,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: "POST",
        agent: agents[url.protocol as "http:" | "https:"],
        headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
        timeout: REQUEST_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          // The body only goes into an error message; keep a little of it.
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

const RECORD_SIZE = 4096;
const KEY_INFO_PREFIX = Buffer.from("WebPush: info\0", "latin1");
const CEK_INFO = Buffer.from("Content-Encoding: aes128gcm\0", "latin1");
const NONCE_INFO = Buffer.from("Content-Encoding: nonce\0", "latin1");

/**
 * RFC 8291 §3.4 / RFC 8188: the payload as one aes128gcm record, encrypted for the subscription's
 * P-256 key and auth secret with a fresh ephemeral key pair and salt per message.
 */
export function encryptAes128gcm(payload: string, target: Pick<PushTarget, "p256dh" | "auth">): Buffer {
  const uaPublic = Buffer.from(target.p256dh, "base64url");
  const authSecret = Buffer.from(target.auth, "base64url");
  if (uaPublic.length !== 65 || uaPublic[0] !== 0x04) throw new Error("p256dh is not an uncompressed P-256 public key");
  if (authSecret.length !== 16) throw new Error("auth is not 16 bytes");
  const ephemeral = createECDH("prime256v1");
  const asPublic = ephemeral.generateKeys();
  const ecdhSecret = ephemeral.computeSecret(uaPublic);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, authSecret, Buffer.concat([KEY_INFO_PREFIX, uaPublic, asPublic]), 32));
  const salt = randomBytes(16);
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, CEK_INFO, 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, NONCE_INFO, 12));
  const cipher = createCipheriv("aes-128-gcm", cek, nonce);
  // The plaintext ends with the last-record delimiter 0x02 (no padding).
  const encrypted = Buffer.concat([
    cipher.update(Buffer.from(payload, "utf8")),
    cipher.update(Buffer.of(0x02)),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  if (encrypted.length + 86 > RECORD_SIZE) throw new Error("payload too large for one record");
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header.writeUInt8(asPublic.length, 20);
  return Buffer.concat([header, asPublic, encrypted]);
}
