import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed outgoing webhooks (the town's records system). Each request carries
 * - `X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the shared secret>`, so the
 *   receiver checks who sent it and that it is fresh (reject a `t` older than a few minutes: replays);
 * - `Idempotency-Key`: our stable key of the step (the submission id and the step), the same on every retry, so
 *   the receiver can do the work once.
 * The body is JSON; a 2xx answer is success (its JSON, if any, is returned), anything else throws.
 */
export const SIGNATURE_HEADER = "x-portal-signature";

export function signWebhook(secret: string, body: string, timestamp: number): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/** For receivers (and tests): true when the header signs this body with the secret and is at most `toleranceSeconds` old. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signWebhook(secret, body, timestamp).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function sendWebhook(options: {
  url: string;
  secret: string;
  payload: unknown;
  idempotencyKey: string;
  now: Date;
  timeoutMs: number;
}): Promise<Record<string, unknown>> {
  const body = JSON.stringify(options.payload);
  const response = await fetch(options.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": options.idempotencyKey,
      [SIGNATURE_HEADER]: signWebhook(options.secret, body, Math.floor(options.now.getTime() / 1000)),
      "user-agent": "portal-obcana-webhooks/1",
    },
    body,
    redirect: "error",
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`The records system answered ${response.status}: ${text.slice(0, 200)}`);
  try {
    const parsed = text ? JSON.parse(text) : {};
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}
