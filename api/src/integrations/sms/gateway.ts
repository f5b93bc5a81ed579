/**
 * SMS through an HTTP gateway (the Czech operators' and aggregators' gateways all take a JSON or form
 * POST with a bearer token; the adapter speaks one documented shape, see README "Notifications"):
 *
 *   POST SMS_GATEWAY_URL
 *   Authorization: Bearer SMS_GATEWAY_TOKEN
 *   Idempotency-Key: <reference>
 *   { "to": "+420601123456", "text": "...", "sender": "LIPNICE", "reference": "<delivery id>" }
 *   -> 2xx { "id": "<gateway's message id>" }
 *
 * `reference` is the portal's delivery id: the same on every attempt, so a gateway that deduplicates
 * (or an operator reading its log) can tell a repeat from a new message.
 */
export interface SmsMessage {
  /** E.164 without spaces, e.g. +420601123456. */
  to: string;
  text: string;
  reference: string;
}

export type SmsOutcome =
  | { kind: "accepted"; providerId: string | null }
  /** The gateway refused this message for good (invalid number, blocked, malformed): do not retry. */
  | { kind: "rejected"; status: number; reason: string };

/** 408, 429, 5xx, network errors, timeouts: try again later. */
export class SmsTransientError extends Error {
  override name = "SmsTransientError";
}

export interface SmsGateway {
  send(message: SmsMessage, signal?: AbortSignal): Promise<SmsOutcome>;
}

const REQUEST_TIMEOUT_MS = 15_000;

export function createHttpSmsGateway(options: { url: string; token?: string | undefined; sender?: string | undefined }): SmsGateway {
  const origin = new URL(options.url).origin;
  return {
    async send(message, signal) {
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            "idempotency-key": message.reference,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({
            to: message.to,
            text: message.text,
            reference: message.reference,
            ...(options.sender ? { sender: options.sender } : {}),
          }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
          redirect: "error",
        });
      } catch (error) {
        throw new SmsTransientError(`SMS gateway ${origin} unreachable: ${(error as Error).message}`);
      }
      const body = await response.text().catch(() => "");
      if (response.ok) {
        let id: unknown = null;
        try {
          id = (JSON.parse(body) as { id?: unknown }).id;
        } catch {
          // A gateway that answers 2xx without JSON still accepted the message.
        }
        return { kind: "accepted", providerId: typeof id === "string" || typeof id === "number" ? String(id).slice(0, 200) : null };
      }
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        throw new SmsTransientError(`SMS gateway ${origin} answered ${response.status}`);
      }
      return {
        kind: "rejected",
        status: response.status,
        reason: `SMS gateway ${origin} answered ${response.status}: ${body.slice(0, 200)}`,
      };
    },
  };
}

/** "+420 601 123 456" (how the portal stores numbers) -> "+420601123456" (what gateways take). */
export function toE164(phone: string): string {
  return phone.replace(/[\s\-().]/g, "").replace(/^00/, "+");
}

/** GSM-7 segments: 160 characters alone, 153 each when concatenated. */
const SEGMENT = 153;

/**
 * The text as an SMS: without diacritics (one accented letter would switch the whole message to
 * UCS-2, 70 characters a segment, and more than double its price; Czech reads fine without them, as
 * Czech SMS customarily are), on one line per paragraph, at most `maxSegments` segments, cut at a
 * word with "...".
 */
export function smsText(text: string, maxSegments = 3): string {
  const plain = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[„“”]/g, '"')
    .replace(/[‚‘’]/g, "'")
    .replace(/[–—]/g, "-")
    .replace(/…/g, "...")
    .replace(/\u00a0/g, " ")
    // Whatever is left outside printable ASCII would still force UCS-2.
    .replace(/[^\x20-\x7e\n]/g, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
  const max = maxSegments <= 1 ? 160 : SEGMENT * maxSegments;
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 3);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}...`;
}
