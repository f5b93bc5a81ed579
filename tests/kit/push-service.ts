import { createECDH, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";

/**
 * A local push service speaking the real protocol (RFC 8030/8291/8292): it hands out subscriptions
 * (an endpoint plus the browser's P-256 key and auth secret, as `PushManager.subscribe` would), and
 * on each POST checks the VAPID JWT (ES256 signature with the key in `k`, audience = this origin,
 * not expired), reads TTL/Urgency/Topic, and decrypts the aes128gcm payload with the subscription's
 * private key. A message it cannot verify or decrypt is refused (400/401/403) and not recorded.
 *
 * `respond` lets a test make the service answer otherwise per subscription: 410 (gone), 500/429
 * (transient), a delay.
 */
export interface ReceivedPush {
  subscriptionId: string;
  payload: string;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  vapidPublicKey: string;
  receivedAt: number;
}

export interface TestSubscription {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function startPushService(options: { verify?: boolean } = {}) {
  const verifyRequests = options.verify ?? true;
  const keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  const received: ReceivedPush[] = [];
  /** Per subscription id: the status to answer instead of 201 (null: accept). */
  const respond: { status: (subscriptionId: string, attempt: number) => number | null } = { status: () => null };
  const attemptsBySubscription = new Map<string, number>();
  const verifiedJwts = new Map<string, string>();
  let refused = 0;
  let origin = "";

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const match = /^\/push\/([A-Za-z0-9_-]+)$/.exec(request.url ?? "");
    const end = (status: number, text = "") => {
      if (status >= 400) refused++;
      response.writeHead(status, { "content-type": "text/plain" }).end(text);
    };
    if (request.method !== "POST" || !match) return end(404);
    const id = match[1]!;
    const subscription = keys.get(id);
    if (!subscription) return end(404, "no such subscription");
    const attempt = (attemptsBySubscription.get(id) ?? 0) + 1;
    attemptsBySubscription.set(id, attempt);
    const override = respond.status(id, attempt);
    if (override !== null) return end(override, "test says so");

    const ttl = Number(request.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return end(400, "TTL header missing");
    if (request.headers["content-encoding"] !== "aes128gcm") return end(415, "aes128gcm expected");
    const authorization = String(request.headers.authorization ?? "");
    const vapid = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
    if (!vapid) return end(401, "VAPID authorization missing");
    const [, jwt, publicKey] = vapid as unknown as [string, string, string];
    if (verifyRequests && verifiedJwts.get(jwt) !== publicKey) {
      const problem = checkVapidJwt(jwt, publicKey, origin);
      if (problem) return end(403, problem);
      verifiedJwts.set(jwt, publicKey);
    }
    let payload: string;
    try {
      payload = ece
        .decrypt(body, { version: "aes128gcm", privateKey: subscription.ecdh, authSecret: subscription.auth.toString("base64url") })
        .toString("utf8");
    } catch (error) {
      return end(400, `cannot decrypt: ${(error as Error).message}`);
    }
    received.push({
      subscriptionId: id,
      payload,
      ttl,
      urgency: (request.headers.urgency as string | undefined) ?? null,
      topic: (request.headers.topic as string | undefined) ?? null,
      vapidPublicKey: publicKey,
      receivedAt: Date.now(),
    });
    response.writeHead(201, { location: `${origin}/message/${id}/${received.length}` }).end();
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => response.writeHead(500).end(error.message));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    received,
    respond,
    get refused() {
      return refused;
    },
    /** A new browser subscription: the keys stay here (to decrypt), the public parts go to the portal. */
    subscribe(): TestSubscription {
      const id = randomBytes(12).toString("base64url");
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      keys.set(id, { ecdh, auth });
      return { id, endpoint: `${origin}/push/${id}`, p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") };
    },
    /** The messages one subscription received, parsed. */
    messagesOf(subscriptionId: string): unknown[] {
      return received.filter((r) => r.subscriptionId === subscriptionId).map((r) => JSON.parse(r.payload) as unknown);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RFC 8292: an ES256 JWT signed with the key in `k`, `aud` the push service's origin, `exp` within 24 h, a `sub`. Null when valid. */
export function checkVapidJwt(jwt: string, publicKey: string, audience: string): string | null {
  const parts = jwt.split(".");
  if (parts.length !== 3) return "malformed JWT";
  const [header, claims, signature] = parts as [string, string, string];
  try {
    const head = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: string };
    if (head.alg !== "ES256") return "JWT not ES256";
    const body = JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
    if (body.aud !== audience) return `JWT audience ${body.aud} is not ${audience}`;
    const now = Date.now() / 1000;
    if (!body.exp || body.exp < now || body.exp > now + 24 * 3600 + 60) return "JWT expired or valid too long";
    if (!body.sub || !/^(mailto:|https:)/.test(body.sub)) return "JWT subject missing";
    const raw = Buffer.from(publicKey, "base64url");
    const key = createPublicKey({
      key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") },
      format: "jwk",
    });
    const ok = verify(
      "sha256",
      Buffer.from(`${header}.${claims}`),
      { key, dsaEncoding: "ieee-p1363" },
      Buffer.from(signature, "base64url"),
    );
    return ok ? null : "bad JWT signature";
  } catch (error) {
    return `bad JWT: ${(error as Error).message}`;
  }
}
