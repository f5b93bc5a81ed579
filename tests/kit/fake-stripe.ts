import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local stand-in for the parts of Stripe's API the portal uses, speaking its wire protocol:
 * form-encoded requests as stripe-node sends them (`line_items[0][price_data][currency]=czk`), JSON
 * answers in Stripe's shapes, the Idempotency-Key header honoured, a hosted checkout page that pays
 * with or without a 3-D Secure challenge (or declines) and redirects to success_url / cancel_url, and
 * webhook events signed with the test webhook secret (`stripe.webhooks.generateTestHeaderString`).
 *
 * Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id (expand[]=payment_intent),
 * POST /v1/refunds; pages GET|POST /checkout/:id.
 */
export const FAKE_STRIPE_SECRET_KEY = "sk_test_fake_portal";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_fake_portal_test_secret";

export interface FakeSession {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  success_url: string;
  cancel_url: string;
  url: string | null;
  locale: string | null;
  line_items: { name: string; amount: number }[];
  payment_intent: string | null;
}

export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: "requires_payment_method" | "requires_action" | "succeeded" | "canceled";
  metadata: Record<string, string>;
  last_payment_error: { code: string; message: string } | null;
}

export interface FakeEvent {
  id: string;
  type: string;
  payload: string;
}

export interface FakeStripe {
  url: string;
  sessions: Map<string, FakeSession>;
  intents: Map<string, FakePaymentIntent>;
  refunds: { id: string; payment_intent: string; amount: number; idempotencyKey: string | null }[];
  /** Requests received, e.g. "POST /v1/checkout/sessions". */
  requests: { method: string; path: string; idempotencyKey: string | null; body: Record<string, unknown> }[];
  /** Where events are delivered (the portal's webhook URL); null: kept in `events` only. */
  webhookUrl: string | null;
  /** Seconds since the epoch the signatures carry (tests give the portal's clock). */
  now: () => number;
  events: FakeEvent[];
  /** Completes a session as paid (optionally with a tampered amount or currency, as a buggy or hostile gateway might). */
  pay(sessionId: string, options?: { amountReceived?: number; currency?: string }): FakePaymentIntent;
  expire(sessionId: string, options?: { declined?: boolean }): void;
  /** A Stripe-signed event about a session (checkout.session.*) or its PaymentIntent (payment_intent.*). */
  event(type: string, sessionId: string): FakeEvent;
  signature(payload: string, timestamp?: number): string;
  deliver(event: FakeEvent): Promise<number>;
  close(): Promise<void>;
}

/** `a[b][0][c]=v` pairs into nested objects and arrays, as Stripe's API reads them. */
function parseForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(parts[index + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

export async function startFakeStripe(options: { webhookUrl?: string; now?: () => number } = {}): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>();
  const intents = new Map<string, FakePaymentIntent>();
  const refunds: FakeStripe["refunds"] = [];
  const requests: FakeStripe["requests"] = [];
  const idempotent = new Map<string, string>();
  const events: FakeEvent[] = [];

  function sessionJson(session: FakeSession, expand: boolean) {
    const { line_items: _items, ...rest } = session;
    return { ...rest, payment_intent: expand && session.payment_intent ? intents.get(session.payment_intent) : session.payment_intent };
  }

  function ensureIntent(session: FakeSession): FakePaymentIntent {
    if (session.payment_intent) return intents.get(session.payment_intent)!;
    const intent: FakePaymentIntent = {
      id: id("pi"),
      object: "payment_intent",
      amount: session.amount_total,
      amount_received: 0,
      currency: session.currency,
      status: "requires_payment_method",
      metadata: { ...session.metadata },
      last_payment_error: null,
    };
    intents.set(intent.id, intent);
    session.payment_intent = intent.id;
    return intent;
  }

  const fake: FakeStripe = {
    url: "",
    sessions,
    intents,
    refunds,
    requests,
    events,
    webhookUrl: options.webhookUrl ?? null,
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
    pay(sessionId, payOptions = {}) {
      const session = sessions.get(sessionId)!;
      const intent = ensureIntent(session);
      intent.status = "succeeded";
      intent.amount_received = payOptions.amountReceived ?? intent.amount;
      if (payOptions.currency) intent.currency = payOptions.currency;
      session.status = "complete";
      session.payment_status = "paid";
      return intent;
    },
    expire(sessionId, expireOptions = {}) {
      const session = sessions.get(sessionId)!;
      if (expireOptions.declined) {
        const intent = ensureIntent(session);
        intent.last_payment_error = { code: "card_declined", message: "Your card was declined." };
        intent.status = "canceled";
      }
      session.status = "expired";
      session.url = null;
    },
    event(type, sessionId) {
      const session = sessions.get(sessionId)!;
      const object = type.startsWith("payment_intent.") ? ensureIntent(session) : sessionJson(session, false);
      const event = {
        id: id("evt"),
        object: "event",
        api_version: "2026-11-18.endive",
        created: fake.now(),
        type,
        livemode: false,
        data: { object },
      };
      const made = { id: event.id, type, payload: JSON.stringify(event) };
      events.push(made);
      return made;
    },
    signature(payload, timestamp) {
      return Stripe.webhooks.generateTestHeaderString({ payload, secret: FAKE_STRIPE_WEBHOOK_SECRET, timestamp: timestamp ?? fake.now() });
    },
    async deliver(event) {
      if (!fake.webhookUrl) return 0;
      const response = await fetch(fake.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": fake.signature(event.payload) },
        body: event.payload,
      });
      return response.status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  async function finishCheckout(session: FakeSession, outcome: "paid" | "declined") {
    if (outcome === "paid") {
      fake.pay(session.id);
      for (const type of ["payment_intent.succeeded", "checkout.session.completed"]) await fake.deliver(fake.event(type, session.id));
    } else {
      const intent = ensureIntent(session);
      intent.last_payment_error = { code: "card_declined", message: "Your card was declined." };
      await fake.deliver(fake.event("payment_intent.payment_failed", session.id));
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const url = new URL(request.url ?? "/", fake.url);
        const text = Buffer.concat(chunks).toString("utf8");
        const json = (status: number, body: unknown) => {
          response.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
          response.end(JSON.stringify(body));
        };
        const html = (body: string) => {
          response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          response.end(body);
        };
        const redirect = (location: string) => {
          response.writeHead(303, { location });
          response.end();
        };
        const key = (request.headers["idempotency-key"] as string | undefined) ?? null;

        if (url.pathname.startsWith("/v1/")) {
          if (request.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) {
            return json(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
          }
          const body = request.method === "POST" ? parseForm(text) : parseForm(url.search.slice(1));
          requests.push({ method: request.method!, path: url.pathname, idempotencyKey: key, body });
          const replay = key ? idempotent.get(`${url.pathname}:${key}`) : undefined;
          if (request.method === "POST" && replay) {
            response.writeHead(200, { "content-type": "application/json", "idempotent-replayed": "true" });
            return response.end(replay);
          }
          const remember = (status: number, value: unknown) => {
            if (key) idempotent.set(`${url.pathname}:${key}`, JSON.stringify(value));
            json(status, value);
          };
          if (request.method === "POST" && url.pathname === "/v1/checkout/sessions") {
            const items =
              (body.line_items as {
                quantity: string;
                price_data: { currency: string; unit_amount: string; product_data: { name: string } };
              }[]) ?? [];
            const session: FakeSession = {
              id: id("cs_test"),
              object: "checkout.session",
              mode: "payment",
              status: "open",
              payment_status: "unpaid",
              amount_total: items.reduce((sum, item) => sum + Number(item.price_data.unit_amount) * Number(item.quantity), 0),
              currency: String(body.currency ?? items[0]?.price_data.currency ?? "czk"),
              client_reference_id: (body.client_reference_id as string) ?? null,
              metadata: (body.metadata as Record<string, string>) ?? {},
              success_url: String(body.success_url),
              cancel_url: String(body.cancel_url),
              url: null,
              locale: (body.locale as string) ?? null,
              line_items: items.map((item) => ({ name: item.price_data.product_data.name, amount: Number(item.price_data.unit_amount) })),
              payment_intent: null,
            };
            const intentMetadata = (body.payment_intent_data as { metadata?: Record<string, string> } | undefined)?.metadata;
            if (intentMetadata) session.metadata = { ...session.metadata, ...intentMetadata };
            session.url = `${fake.url}/checkout/${session.id}`;
            sessions.set(session.id, session);
            return remember(200, sessionJson(session, false));
          }
          const sessionMatch = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
          if (request.method === "GET" && sessionMatch) {
            const session = sessions.get(sessionMatch[1]!);
            if (!session)
              return json(404, { error: { type: "invalid_request_error", code: "resource_missing", message: "No such checkout.session" } });
            const expand = Object.values((body.expand as string[] | undefined) ?? []).includes("payment_intent");
            return json(200, sessionJson(session, expand));
          }
          if (request.method === "GET" && url.pathname === "/v1/events") {
            // Newest first, as Stripe lists them; created[gte] and types[] filter; one page (has_more false).
            const since = Number((body.created as { gte?: string } | undefined)?.gte ?? 0);
            const types = Object.values((body.types as string[] | undefined) ?? []);
            const data = events
              .map((event) => JSON.parse(event.payload) as { created: number; type: string })
              .filter((event) => event.created >= since && (types.length === 0 || types.includes(event.type)))
              .reverse();
            return json(200, { object: "list", url: "/v1/events", has_more: false, data });
          }
          if (request.method === "POST" && url.pathname === "/v1/refunds") {
            const intent = intents.get(String(body.payment_intent));
            const amount = Number(body.amount);
            const refunded = refunds.filter((r) => r.payment_intent === intent?.id).reduce((sum, r) => sum + r.amount, 0);
            if (!intent || intent.status !== "succeeded" || refunded + amount > intent.amount_received) {
              return json(400, {
                error: { type: "invalid_request_error", code: "charge_already_refunded", message: "Refund exceeds the charge" },
              });
            }
            const refund = { id: id("re"), payment_intent: intent.id, amount, idempotencyKey: key };
            refunds.push(refund);
            return remember(200, {
              id: refund.id,
              object: "refund",
              amount,
              currency: intent.currency,
              payment_intent: intent.id,
              status: "succeeded",
            });
          }
          return json(404, {
            error: { type: "invalid_request_error", message: `Unrecognized request URL (${request.method}: ${url.pathname})` },
          });
        }

        // The hosted checkout page: a test card, with or without the bank's 3-D Secure challenge.
        const pageMatch = /^\/checkout\/([\w]+)$/.exec(url.pathname);
        const session = pageMatch ? sessions.get(pageMatch[1]!) : undefined;
        if (!session) {
          response.writeHead(404, { "content-type": "text/plain" });
          return response.end("no such session");
        }
        if (request.method === "GET") {
          if (url.searchParams.get("step") === "3ds") {
            return html(
              page(
                "3D Secure 2 Test Page",
                `<p>Complete the authentication of ${session.amount_total / 100} ${session.currency.toUpperCase()}.</p>
              <form method="post"><button name="action" value="3ds-complete">Complete authentication</button>
              <button name="action" value="3ds-fail">Fail authentication</button></form>`,
              ),
            );
          }
          return html(
            page(
              "Fake Stripe Checkout",
              `<p>Pay ${session.amount_total / 100} ${session.currency.toUpperCase()}</p>
            <ul>${session.line_items.map((item) => `<li>${item.name}: ${item.amount / 100}</li>`).join("")}</ul>
            <form method="post">
              <button name="action" value="pay">Pay with 4242 4242 4242 4242</button>
              <button name="action" value="pay-3ds">Pay with 4000 0027 6000 3184 (3-D Secure)</button>
              <button name="action" value="decline">Pay with 4000 0000 0000 0002 (declined)</button>
              <button name="action" value="back">Back</button>
            </form>`,
            ),
          );
        }
        const action = new URLSearchParams(text).get("action");
        const success = session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id);
        if (action === "pay-3ds") {
          const intent = ensureIntent(session);
          intent.status = "requires_action";
          return redirect(`/checkout/${session.id}?step=3ds`);
        }
        if (action === "pay" || action === "3ds-complete") {
          await finishCheckout(session, "paid");
          return redirect(success);
        }
        if (action === "decline" || action === "3ds-fail") {
          await finishCheckout(session, "declined");
          return redirect(`/checkout/${session.id}`);
        }
        return redirect(session.cancel_url);
      })().catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
