// The demo gateway (CARD_PAYMENTS=demo): its page is served by the API, labelled as a test; paying,
// the 3-D Secure challenge and declining all end in the same settle transition; never in production.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../api/src/config.ts";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";
import { assessmentGid, cardPaymentGid, REFUND, settle, start } from "./card-payments-support.ts";

let app: TestApp;
let server: FastifyInstance;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let citizen: Client;
let payer: Awaited<ReturnType<typeof createPayer>>;

beforeAll(async () => {
  app = await createTestApp({ CARD_PAYMENTS: "demo" });
  server = await buildServer(app);
  town = await createMunicipality(app);
  const user = await createUser(app, town.id);
  citizen = await signedInClient(app, user, town.hosts[0]!.hostname);
  payer = await createPayer(app, town.id, { userIds: [user.id] });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const host = () => town.hosts[0]!.hostname;

async function startDemo() {
  const dog = await createAssessment(app, payer, { amount: 60_000, kind: "DOG_FEE" });
  const started = await start(citizen, [{ assessmentId: assessmentGid(dog.id), amount: "600.00" }]);
  expect(started.__typename).toBe("StartedCardPayment");
  const url = new URL(started.redirectUrl);
  expect(url.origin).toBe(`http://${host()}`);
  expect(url.pathname).toMatch(/^\/api\/payments\/demo-gateway\/demo_[A-Za-z0-9_-]{22}$/);
  return { started, path: url.pathname, orderId: started.cardPayment.orderId as string, dog };
}

const choose = (path: string, choice: string) =>
  server.inject({
    method: "POST",
    url: `${path}?lang=cs`,
    headers: { host: host(), "content-type": "application/x-www-form-urlencoded" },
    payload: `choice=${choice}`,
  });

describe("the demo gateway", () => {
  it("shows a page labelled as a test with the amount and the three choices", async () => {
    const { path } = await startDemo();
    const page = await server.inject({ url: `${path}?lang=cs`, headers: { host: host() } });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Testovací platební brána");
    expect(page.body).toContain("Nic se neplatí");
    expect(page.body).toContain("600,00 Kč");
    expect(page.body).toMatch(/value="pay"[\s\S]*value="challenge"[\s\S]*value="decline"/);
    expect((await server.inject({ url: "/api/payments/demo-gateway/demo_nonexistent", headers: { host: host() } })).statusCode).toBe(404);
  });

  it("pays after the 3-D Secure challenge, settles at once and returns to the portal's return page", async () => {
    const { path, orderId, dog } = await startDemo();
    const challenge = await choose(path, "challenge");
    expect(challenge.statusCode).toBe(303);
    const challengePage = await server.inject({ url: challenge.headers.location as string, headers: { host: host() } });
    expect(challengePage.body).toContain("Ověření platby (3-D Secure)");
    const confirmed = await choose(path, "confirm");
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`http://${host()}/platba/${orderId}`);
    const row = await app.database.prisma.cardPayment.findUniqueOrThrow({
      where: { orderId },
      include: { payments: { include: { allocations: true } } },
    });
    expect(row.status).toBe("SUCCEEDED");
    expect(row.payments).toHaveLength(1);
    expect(row.payments[0]!.allocations).toEqual([expect.objectContaining({ assessmentId: dog.id, amount: 60_000n, method: "AUTO" })]);
    // A finance clerk refunds part of it through the demo gateway.
    const finance = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }), host());
    const refunded = await finance.request(REFUND, { input: { id: cardPaymentGid(row.id), amount: "150.00", reason: "Sleva" } });
    expect(refunded.data?.refundCardPayment).toMatchObject({
      __typename: "RefundCardPaymentSuccess",
      cardPayment: { refundedAmount: "150.00" },
    });
    const refund = await app.database.prisma.payment.findFirstOrThrow({ where: { cardPaymentId: row.id, amount: { lt: 0 } } });
    expect(refund.reference).toMatch(/^demo_re_/);
    // A replayed form changes nothing.
    await choose(path, "decline");
    expect((await settle(citizen, orderId)).cardPayment.status).toBe("SUCCEEDED");
    expect(await app.database.prisma.payment.count({ where: { cardPaymentId: row.id, amount: { gt: 0 } } })).toBe(1);
  });

  it("declines and cancels without paying", async () => {
    const declined = await startDemo();
    expect((await choose(declined.path, "decline")).headers.location).toBe(`http://${host()}/platba/${declined.orderId}`);
    expect((await settle(citizen, declined.orderId)).cardPayment).toMatchObject({ status: "FAILED", failureReason: "card_declined" });
    const cancelled = await startDemo();
    expect((await choose(cancelled.path, "cancel")).headers.location).toBe(`http://${host()}/platba/${cancelled.orderId}?zruseno=1`);
    expect((await settle(citizen, cancelled.orderId)).cardPayment.status).toBe("CANCELLED");
  });

  it("is refused in production and chosen by default only on the embedded database in development", () => {
    expect(() => loadConfig({ NODE_ENV: "production", CARD_PAYMENTS: "demo" })).toThrow(/refused in production/);
    expect(loadConfig({ NODE_ENV: "production" }).cardPayments).toBe("off");
    expect(loadConfig({ NODE_ENV: "development" }).cardPayments).toBe("demo");
    expect(loadConfig({ NODE_ENV: "development", DATABASE_URL: "postgresql://db/portal" }).cardPayments).toBe("off");
    expect(loadConfig({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk", STRIPE_WEBHOOK_SECRET: "whsec" }).cardPayments).toBe("stripe");
    expect(() => loadConfig({ CARD_PAYMENTS: "stripe" })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
