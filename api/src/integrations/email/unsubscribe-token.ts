import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * The one-click unsubscribe token of a notification e-mail (RFC 8058): names the delivery the e-mail
 * was (and through it the citizen, the kind of message and the alert's topics) and carries an HMAC,
 * so a token cannot be made up for someone else nor changed to another delivery. It needs no session:
 * mail providers POST it from their own servers.
 *
 * The key is derived (HKDF-SHA256, its own label) from the town's stored secret, the private VAPID key
 * generated on first start: no configuration to forget, and one town's tokens are worthless in another.
 */
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export function unsubscribeKey(townSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", townSecret, "portal-obcana", "unsubscribe-token v1", 32));
}

function mac(key: Buffer, deliveryId: string): string {
  return createHmac("sha256", key).update(`unsubscribe:${deliveryId}`).digest("base64url").slice(0, 22);
}

function uuidToBase64url(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ""), "hex").toString("base64url");
}

function base64urlToUuid(text: string): string | null {
  const bytes = Buffer.from(text, "base64url");
  if (bytes.length !== 16) return null;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function signUnsubscribeToken(key: Buffer, deliveryId: string): string {
  return `${uuidToBase64url(deliveryId)}.${mac(key, deliveryId)}`;
}

/** The delivery id a token names, without checking its MAC (to find the town whose key checks it). */
export function unsubscribeTokenDelivery(token: string): string | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? base64urlToUuid(match[1]!) : null;
}

export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const deliveryId = base64urlToUuid(match[1]!);
  if (!deliveryId) return null;
  const expected = Buffer.from(mac(key, deliveryId));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? deliveryId : null;
}
