// Card payments through Stripe Checkout, against the local fake Stripe (real HTTP, Stripe's wire format,
// Stripe-signed webhooks): starting (ownership, amounts, idempotency), the one settle transition from the
// webhook and the return page (replays, out of order, at once, mismatch), bad signatures, reconciliation.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { reconcileCardPayments } from "../../api/src/services/payments/card/reconcile-card-payments.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../kit/fake-stripe.ts";
import type { Client } from "../kit/graphql.ts";
import { assessmentGid, newKey, settle, start, START } from "./card-payments-support.ts";

let app: TestApp;
let fake: FakeStripe;
let server: FastifyInstance;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let citizen: Client;
let citizenId: string;
let payer: Awaited<ReturnType<typeof createPayer>>;

beforeAll(async () => {
  fake = await startFakeStripe({ now: () => Math.floor(app.clock.now().getTime() / 1000) });
  app = await createTestApp({
    CARD_PAYMENTS: "stripe",
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  });
  server = await buildServer(app);
  town = await createMunicipality(app);
  const user = await createUser(app, town.id);
  citizenId = user.id;
  citizen = await signedInClient(app, user, town.hosts[0]!.hostname);
  payer = await createPayer(app, town.id, { userIds: [user.id] });
});
afterAll(async () => {
  await server.close();
  await app.close();
  await fake.close();
});

const webhook = (payload: string, signature: string) =>
  server.inject({
    method: "POST",
    url: "/api/payments/webhooks/stripe",
    headers: { host: town.hosts[0]!.hostname, "content-type": "application/json", "stripe-signature": signature },
    payload,
  });

async function startedPayment(amounts: number[] = [60_000]) {
  const assessments = await Promise.all(amounts.map((amount) => createAssessment(app, payer, { amount, kind: "DOG_FEE" })));
  const result = await start(
    citizen,
    assessments.map((a, i) => ({ assessmentId: assessmentGid(a.id), amount: (amounts[i]! / 100).toFixed(2) })),
  );
  expect(result.__typename).toBe("StartedCardPayment");
  const row = await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { orderId: result.cardPayment.orderId } });
  return { result, row, assessments, session: fake.sessions.get(row.providerPaymentId!)! };
}

const paymentsOf = (cardPaymentId: string) =>
  app.database.prisma.payment.findMany({ where: { cardPaymentId }, include: { allocations: true }, orderBy: { amount: "desc" } });

describe("starting a card payment", () => {
  it("creates one Checkout Session in CZK with a line item per assessment and our order id in the metadata", async () => {
    const { result, row, session, assessments } = await startedPayment([60_000, 90_000]);
    expect(result.redirectUrl).toBe(`${fake.url}/checkout/${session.id}`);
    expect(result.cardPayment.status).toBe("PENDING");
    expect(result.cardPayment.amount).toBe("1500.00");
    expect(row.orderId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(session.currency).toBe("czk");
    expect(session.amount_total).toBe(150_000);
    expect(session.line_items.map((item) => item.amount).sort()).toEqual([60_000, 90_000]);
    expect(session.metadata.orderId).toBe(row.orderId);
    expect(session.success_url).toBe(`http://${town.hosts[0]!.hostname}/platba/${row.orderId}`);
    expect(session.cancel_url).toBe(`http://${town.hosts[0]!.hostname}/platba/${row.orderId}?zruseno=1`);
    const request = fake.requests.find((r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === row.orderId)!;
    expect(request.idempotencyKey).toBe(`card-payment:${row.id}`);
    expect((request.body.payment_intent_data as { metadata: { orderId: string } }).metadata.orderId).toBe(row.orderId);
    const items = await app.database.prisma.cardPaymentItem.findMany({ where: { cardPaymentId: row.id } });
    expect(items.map((i) => [i.assessmentId, i.amount]).sort()).toEqual(
      [
        [assessments[0]!.id, 60_000n],
        [assessments[1]!.id, 90_000n],
      ].sort(),
    );
  });

  it("answers a double click (the same idempotency key, also at once) with the same payment and session", async () => {
    const dog = await createAssessment(app, payer, { amount: 60_000 });
    const key = newKey();
    const items = [{ assessmentId: assessmentGid(dog.id), amount: "600.00" }];
    const sessionsBefore = fake.sessions.size;
    const [a, b] = await Promise.all([start(citizen, items, key), start(citizen, items, key)]);
    const c = await start(citizen, items, key);
    expect(new Set([a.cardPayment.orderId, b.cardPayment.orderId, c.cardPayment.orderId]).size).toBe(1);
    expect(new Set([a.redirectUrl, b.redirectUrl, c.redirectUrl]).size).toBe(1);
    expect(fake.sessions.size).toBe(sessionsBefore + 1);
    expect(await app.database.prisma.cardPayment.count({ where: { idempotencyKey: key } })).toBe(1);
    const reused = await start(citizen, [{ assessmentId: assessmentGid(dog.id), amount: "100.00" }], key);
    expect(reused.fieldErrors).toEqual([expect.objectContaining({ path: ["idempotencyKey"], code: "REUSED" })]);
  });

  it("refuses another person's, an unlinked payer's and another town's assessments as not found", async () => {
    const stranger = await createPayer(app, town.id);
    const theirs = await createAssessment(app, stranger);
    const otherTown = await createMunicipality(app);
    const foreign = await createAssessment(app, await createPayer(app, otherTown.id, { userIds: [citizenId] }));
    const mine = await createAssessment(app, payer);
    for (const id of [theirs.id, foreign.id]) {
      const result = await start(citizen, [
        { assessmentId: assessmentGid(mine.id), amount: "1.00" },
        { assessmentId: assessmentGid(id), amount: "1.00" },
      ]);
      expect(result.__typename).toBe("NotFoundError");
    }
    // A global id of another type, or garbage, is not found either.
    expect((await start(citizen, [{ assessmentId: Buffer.from(`User:${citizenId}`).toString("base64"), amount: "1.00" }])).__typename).toBe(
      "NotFoundError",
    );
    expect((await start(citizen, [{ assessmentId: "nonsense", amount: "1.00" }])).__typename).toBe("NotFoundError");
    expect(
      await app.database.prisma.cardPayment.count({ where: { items: { some: { assessmentId: { in: [theirs.id, foreign.id] } } } } }),
    ).toBe(0);
  });

  it("checks amounts against what remains unpaid, and the list's size", async () => {
    const fine = await createAssessment(app, payer, {
      kind: "FINE",
      amount: 300_000,
      installments: [
        { amount: 100_000, dueDate: "2026-03-31" },
        { amount: 100_000, dueDate: "2026-06-30" },
        { amount: 100_000, dueDate: "2026-09-30" },
      ],
    });
    // The first installment is paid by a bank transfer.
    await app.database.prisma.payment.create({
      data: {
        municipalityId: town.id,
        source: "BANK_STATEMENT",
        amount: 100_000n,
        receivedOn: new Date("2026-03-20T00:00:00Z"),
        allocations: { create: [{ assessmentId: fine.id, amount: 100_000n, method: "AUTO" }] },
      },
    });
    const paid = await createAssessment(app, payer, { amount: 10_000 });
    await app.database.prisma.payment.create({
      data: {
        municipalityId: town.id,
        source: "CASH_DESK",
        amount: 10_000n,
        receivedOn: new Date("2026-03-20T00:00:00Z"),
        allocations: { create: [{ assessmentId: paid.id, amount: 10_000n, method: "MANUAL" }] },
      },
    });
    const cancelled = await createAssessment(app, payer, { lifecycle: "CANCELLED" });
    const result = await start(citizen, [
      { assessmentId: assessmentGid(fine.id), amount: "2000.01" },
      { assessmentId: assessmentGid(paid.id), amount: "1.00" },
      { assessmentId: assessmentGid(cancelled.id), amount: "1.00" },
    ]);
    expect(result.__typename).toBe("ValidationError");
    expect(result.fieldErrors).toEqual([
      { path: ["items", "0", "amount"], code: "TOO_BIG", message: "Zbývá zaplatit nejvýše 2000.00 Kč." },
      { path: ["items", "1", "amount"], code: "TOO_BIG", message: "Tento předpis je už zaplacený." },
      { path: ["items", "2", "assessmentId"], code: "NOT_PAYABLE", message: expect.stringContaining("už se neplatí") },
    ]);
    const zero = await start(citizen, [{ assessmentId: assessmentGid(fine.id), amount: "0.00" }]);
    expect(zero.fieldErrors).toEqual([expect.objectContaining({ path: ["items", "0", "amount"], code: "TOO_SMALL" })]);
    const ok = await start(citizen, [{ assessmentId: assessmentGid(fine.id), amount: "2000.00" }]);
    expect(ok.__typename).toBe("StartedCardPayment");

    const empty = await start(citizen, []);
    expect(empty.fieldErrors).toEqual([expect.objectContaining({ path: ["items"], message: "Vyberte alespoň jednu platbu." })]);
    const twice = await start(citizen, [
      { assessmentId: assessmentGid(fine.id), amount: "1.00" },
      { assessmentId: assessmentGid(fine.id), amount: "1.00" },
    ]);
    expect(twice.fieldErrors).toEqual([expect.objectContaining({ path: ["items", "1", "assessmentId"], code: "DUPLICATE" })]);
    const many = Array.from({ length: 21 }, () => ({ assessmentId: assessmentGid(fine.id), amount: "1.00" }));
    const tooMany = await citizen.request(START, { input: { items: many, idempotencyKey: newKey() } });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(tooMany.errors?.[0]?.message).toContain("Nejvýše 20 položek");
  });

  it("is for signed-in citizens only, and hidden when not configured", async () => {
    const anonymous = await (
      await import("../kit/graphql.ts")
    ).Client.prototype.request.call(new (await import("../kit/graphql.ts")).Client(app, { host: town.hosts[0]!.hostname }), START, {
      input: { items: [], idempotencyKey: newKey() },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const available = await citizen.request("{ cardPaymentsAvailable }");
    expect(available.data?.cardPaymentsAvailable).toBe(true);
    const off = await createTestApp({ CARD_PAYMENTS: "off" });
    try {
      const offTown = await createMunicipality(off);
      const user = await createUser(off, offTown.id);
      const client = await signedInClient(off, user, offTown.hosts[0]!.hostname);
      expect((await client.request("{ cardPaymentsAvailable }")).data?.cardPaymentsAvailable).toBe(false);
      const assessment = await createAssessment(off, await createPayer(off, offTown.id, { userIds: [user.id] }));
      const refused = await start(client, [{ assessmentId: assessmentGid(assessment.id), amount: "1.00" }]);
      expect(refused.code).toBe("CARD_PAYMENTS_UNAVAILABLE");
    } finally {
      await off.close();
    }
  });
});

describe("settling", () => {
  it("marks a payment paid once, however often, out of order and at once the webhooks and the return arrive", async () => {
    const { row, session, assessments } = await startedPayment([60_000, 30_000]);
    const early = fake.event("checkout.session.completed", session.id); // sent while the session is still open
    expect((await webhook(early.payload, fake.signature(early.payload))).statusCode).toBe(200);
    expect((await settle(citizen, row.orderId)).cardPayment.status).toBe("PENDING");

    fake.pay(session.id);
    const events = [fake.event("payment_intent.succeeded", session.id), fake.event("checkout.session.completed", session.id)];
    const deliveries = [early, ...events].flatMap((event) => Array.from({ length: 10 }, () => event));
    const answers = await Promise.all([
      ...deliveries.map((event) => webhook(event.payload, fake.signature(event.payload))),
      settle(citizen, row.orderId),
      settle(citizen, row.orderId),
    ]);
    for (const answer of answers.slice(0, deliveries.length)) expect((answer as { statusCode: number }).statusCode).toBe(200);
    const after = await settle(citizen, row.orderId);
    expect(after.cardPayment.status).toBe("SUCCEEDED");

    const payments = await paymentsOf(row.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ source: "CARD", amount: 90_000n, currency: "CZK", cardPaymentId: row.id, reference: session.id });
    expect(payments[0]!.allocations.map((a) => [a.assessmentId, a.amount, a.method]).sort()).toEqual(
      [
        [assessments[0]!.id, 60_000n, "AUTO"],
        [assessments[1]!.id, 30_000n, "AUTO"],
      ].sort(),
    );
    expect(
      await app.database.prisma.paymentProviderEvent.count({ where: { eventId: { in: [early.id, ...events.map((e) => e.id)] } } }),
    ).toBe(3);
    // One receipt, whatever the number of deliveries.
    await app.jobs.drain();
    const receipts = await app.database.prisma.outboxMessage.findMany({ where: { subject: { startsWith: "Potvrzení platby kartou" } } });
    expect(receipts.filter((m) => m.textBody.includes(row.orderId))).toHaveLength(1);
    expect(receipts.find((m) => m.textBody.includes(row.orderId))!.textBody).toContain("900,00\u00a0Kč");
    // A later "expired" from the provider never moves it back.
    fake.expire(session.id);
    const late = fake.event("checkout.session.expired", session.id);
    expect((await webhook(late.payload, fake.signature(late.payload))).statusCode).toBe(200);
    expect((await settle(citizen, row.orderId)).cardPayment.status).toBe("SUCCEEDED");
    expect(await paymentsOf(row.id)).toHaveLength(1);
  });

  it("flags an amount or currency the provider reports differently as MISMATCH and pays nothing", async () => {
    const first = await startedPayment([60_000]);
    fake.pay(first.session.id, { amountReceived: 100 });
    const event = fake.event("checkout.session.completed", first.session.id);
    expect((await webhook(event.payload, fake.signature(event.payload))).statusCode).toBe(200);
    const second = await startedPayment([60_000]);
    fake.pay(second.session.id, { currency: "eur" });
    expect((await settle(citizen, second.row.orderId)).cardPayment.status).toBe("MISMATCH");
    for (const { row } of [first, second]) {
      const stored = await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } });
      expect(stored.status).toBe("MISMATCH");
      expect(await paymentsOf(row.id)).toHaveLength(0);
    }
  });

  it("records a declined and an abandoned payment as FAILED and CANCELLED", async () => {
    const declined = await startedPayment();
    fake.expire(declined.session.id, { declined: true });
    const failed = await settle(citizen, declined.row.orderId);
    expect(failed.cardPayment).toMatchObject({ status: "FAILED", failureReason: "Your card was declined." });
    const abandoned = await startedPayment();
    fake.expire(abandoned.session.id);
    expect((await settle(citizen, abandoned.row.orderId)).cardPayment.status).toBe("CANCELLED");
  });

  it("shows a payment only to its own user", async () => {
    const { row } = await startedPayment();
    const other = await signedInClient(app, await createUser(app, town.id), town.hosts[0]!.hostname);
    expect((await settle(other, row.orderId)).__typename).toBe("NotFoundError");
    // Another town's citizen (its own session, on its own host) does not find it either.
    const otherTown = await createMunicipality(app);
    const elsewhere = await signedInClient(app, await createUser(app, otherTown.id), otherTown.hosts[0]!.hostname);
    expect((await settle(elsewhere, row.orderId)).__typename).toBe("NotFoundError");
    expect((await settle(citizen, "x".repeat(22))).__typename).toBe("NotFoundError");
  });
});

describe("the webhook", () => {
  it("refuses a bad signature, a tampered body, an old signature and a missing header with 400, changing nothing", async () => {
    const { row, session } = await startedPayment();
    fake.pay(session.id);
    const event = fake.event("checkout.session.completed", session.id);
    const tampered = event.payload.replace('"livemode":false', '"livemode":true');
    const answers = await Promise.all([
      webhook(event.payload, fake.signature(event.payload).replace(/v1=[0-9a-f]+/, `v1=${"0".repeat(64)}`)),
      webhook(tampered, fake.signature(event.payload)),
      webhook(`${event.payload} `, fake.signature(event.payload)),
      webhook(event.payload, fake.signature(event.payload, fake.now() - 301)),
      server.inject({
        method: "POST",
        url: "/api/payments/webhooks/stripe",
        headers: { host: town.hosts[0]!.hostname, "content-type": "application/json" },
        payload: event.payload,
      }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([400, 400, 400, 400, 400]);
    expect(await app.database.prisma.paymentProviderEvent.count({ where: { eventId: event.id } })).toBe(0);
    expect((await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("PENDING");
    expect(
      (
        await server.inject({
          method: "POST",
          url: "/api/payments/webhooks/comgate",
          headers: { host: town.hosts[0]!.hostname },
          payload: "{}",
        })
      ).statusCode,
    ).toBe(404);
    const good = await webhook(event.payload, fake.signature(event.payload));
    expect(good.statusCode).toBe(200);
    expect((await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SUCCEEDED");
  });
});

describe("reconciliation", () => {
  it("marks a payment paid whose webhook never arrived, once it is older than the threshold", async () => {
    const { row, session } = await startedPayment();
    fake.pay(session.id);
    const young = await reconcileCardPayments(app.services, town.id);
    expect(young.checked).toBe(0);
    app.clock.advance({ minutes: 16 });
    const result = await reconcileCardPayments(app.services, town.id);
    expect(result).toMatchObject({ changed: expect.any(Number), failed: 0 });
    expect(result.changed).toBeGreaterThanOrEqual(1);
    expect((await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SUCCEEDED");
    expect(await paymentsOf(row.id)).toHaveLength(1);
    // The job kind does the same, and running it again changes nothing.
    await app.services.jobs.enqueue((await import("../../api/src/jobs/card-payment-reconciliation.ts")).cardPaymentReconciliationJob, {
      municipalityId: town.id,
    });
    expect((await app.jobs.drain()).failed).toBe(0);
    expect(await paymentsOf(row.id)).toHaveLength(1);
  });

  it("processes the gateway's events the portal never received, at once and only once", async () => {
    const { row, session } = await startedPayment();
    fake.pay(session.id);
    // Stripe sent the events, but they never arrived (the portal was down, a proxy dropped them): the fake
    // keeps them in its log without delivering (no webhook URL in these tests).
    expect(fake.webhookUrl).toBeNull();
    const lost = [fake.event("payment_intent.succeeded", session.id), fake.event("checkout.session.completed", session.id)];
    // The payment is young: only the event log can tell (the pending re-check waits 15 minutes).
    const result = await reconcileCardPayments(app.services, town.id);
    expect(result).toMatchObject({ failed: 0 });
    expect(result.missedEvents).toBeGreaterThanOrEqual(2);
    expect((await app.database.prisma.cardPayment.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SUCCEEDED");
    expect(await paymentsOf(row.id)).toHaveLength(1);
    expect(await app.database.prisma.paymentProviderEvent.count({ where: { eventId: { in: lost.map((e) => e.id) } } })).toBe(2);
    // Read back again: nothing new, nothing doubled.
    const again = await reconcileCardPayments(app.services, town.id);
    expect(again).toMatchObject({ missedEvents: 0, failed: 0 });
    expect(await paymentsOf(row.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "GET" && r.path === "/v1/events").length).toBeGreaterThanOrEqual(2);
  });
});
