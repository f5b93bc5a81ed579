// A signed-in demo citizen pays the demo dog fee (VS 2104201) by card through the fake Stripe Checkout with a
// 3-D Secure challenge and lands on /platba/<order> showing it paid; then a waste fee through the demo gateway.
// The payment is started from the page with the same GraphQL request the PWA's client sends (x-portal-csrf and
// the CSRF token header): the account page, which places <PayByCard>, belongs to another change. Axe on our pages.
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../api/src/app.ts";
import { loadConfig } from "../../api/src/config.ts";
import { buildServer } from "../../api/src/server.ts";
import { DEMO_ACCOUNTS, seedDemo } from "../../prisma/seed/demo.ts";
import { expectAccessible, launchBrowser, newContext, settled } from "../kit/browser.ts";
import { createTestDatabase, type TestDatabase } from "../kit/database.ts";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../kit/fake-stripe.ts";
import { ensurePwaBuild, PWA_DIST } from "../kit/server.ts";
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";

interface CardServer {
  app: App;
  server: FastifyInstance;
  url: string;
}

let database: TestDatabase;
let browser: Browser;
let fake: FakeStripe;
const servers: CardServer[] = [];

/** The real portal on a port, on the shared seeded database, with the given card gateway configuration. */
async function startCardServer(overrides: Record<string, string>): Promise<CardServer> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SEED_DEMO: "false", PWA_DIST, ...overrides });
  const app = await createApp({ config, database, prepareDatabase: false, logger: pino({ level: "silent" }) });
  const server = await buildServer(app);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const started = { app, server, url: `http://localhost:${(server.server.address() as AddressInfo).port}` };
  servers.push(started);
  return started;
}

beforeAll(async () => {
  ensurePwaBuild();
  [database, browser, fake] = await Promise.all([createTestDatabase(), launchBrowser(), startFakeStripe()]);
  await seedDemo(database.prisma);
});
afterAll(async () => {
  for (const { server, app } of servers) {
    await server.close();
    await app.jobs.stop();
  }
  await browser?.close();
  await fake?.close();
  await database?.destroy();
});

/** A phone-sized profile signed in as the demo citizen on `card.url`, whose links the town's public URL now points to. */
async function citizenPage(card: CardServer): Promise<Page> {
  const prisma = database.prisma;
  const user = await prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.citizen.email } });
  // Return URLs are built from the municipality's canonical URL: here, this test server.
  await prisma.municipality.update({ where: { id: user.municipalityId }, data: { publicUrl: card.url } });
  const token = randomToken();
  const csrfToken = randomToken();
  await prisma.session.create({
    data: { id: sha256(token), municipalityId: user.municipalityId, userId: user.id, csrfToken, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const context = await newContext(browser, card.url, "phone");
  await context.addCookies([
    { name: "portal_session", value: token, url: card.url, httpOnly: true, sameSite: "Lax" },
    { name: "portal_csrf", value: csrfToken, url: card.url, sameSite: "Lax" },
  ]);
  const page = await context.newPage();
  await page.goto("/");
  await settled(page);
  return page;
}

/** startCardPayment from the page, as the PWA's urql client sends it; answers the gateway URL. */
async function startPayment(page: Page, variableSymbol: string, amount: string): Promise<{ redirectUrl: string; orderId: string }> {
  const assessment = await database.prisma.assessment.findFirstOrThrow({ where: { variableSymbol } });
  const assessmentId = Buffer.from(`Assessment:${assessment.id}`).toString("base64");
  const answer = await page.evaluate(
    async ({ assessmentId, amount }) => {
      const csrf = document.cookie.match(/(?:^|; )portal_csrf=([^;]+)/)?.[1] ?? "";
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-portal-csrf": "1", "x-csrf-token": decodeURIComponent(csrf) },
        body: JSON.stringify({
          query: `mutation ($input: StartCardPaymentInput!) { startCardPayment(input: $input) {
            __typename ... on StartedCardPayment { redirectUrl cardPayment { orderId } } ... on Error { message } } }`,
          variables: { input: { items: [{ assessmentId, amount }], idempotencyKey: crypto.randomUUID().replaceAll("-", "") } },
        }),
      });
      return (await response.json()) as { data: { startCardPayment: { __typename: string; redirectUrl: string; cardPayment: { orderId: string }; message?: string } } };
    },
    { assessmentId, amount },
  );
  const started = answer.data.startCardPayment;
  expect(started.__typename, started.message).toBe("StartedCardPayment");
  return { redirectUrl: started.redirectUrl, orderId: started.cardPayment.orderId };
}

async function expectPaid(page: Page, orderId: string, subject: RegExp) {
  await page.getByRole("heading", { level: 1, name: "Zaplaceno" }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/platba/${orderId}`);
  await expect.poll(() => page.getByText(subject).count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByRole("link", { name: "Zpět na osobní účet" }).getAttribute("href")).toBe("/osobni-ucet");
  await settled(page);
  await expectAccessible(page, `/platba/${orderId}`);
  const payment = await database.prisma.cardPayment.findUniqueOrThrow({ where: { orderId }, include: { payments: true } });
  expect(payment.status).toBe("SUCCEEDED");
  expect(payment.payments).toHaveLength(1);
}

describe("card payments in the browser", () => {
  it("pays the dog fee through Stripe Checkout with a 3-D Secure challenge and shows it paid", async () => {
    const card = await startCardServer({
      CARD_PAYMENTS: "stripe",
      STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
    });
    fake.webhookUrl = `${card.url}/api/payments/webhooks/stripe`;
    const page = await citizenPage(card);
    const { redirectUrl, orderId } = await startPayment(page, "2104201", "600.00");
    expect(redirectUrl.startsWith(`${fake.url}/checkout/`)).toBe(true);
    await page.goto(redirectUrl);
    await page.getByRole("button", { name: /3-D Secure/ }).click();
    await page.getByRole("heading", { name: "3D Secure 2 Test Page" }).waitFor();
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await expectPaid(page, orderId, /Poplatek ze psů/);
    // The signed webhooks reached the portal too (recorded once each).
    expect(await database.prisma.paymentProviderEvent.count({ where: { provider: "stripe" } })).toBe(2);
  });

  it("pays a waste fee through the demo gateway's 3-D Secure choice and shows it paid", async () => {
    const card = await startCardServer({ CARD_PAYMENTS: "demo" });
    const page = await citizenPage(card);
    const { redirectUrl, orderId } = await startPayment(page, "1104201", "900.00");
    expect(new URL(redirectUrl).pathname).toMatch(/^\/api\/payments\/demo-gateway\//);
    await page.goto(redirectUrl);
    await page.getByRole("heading", { name: "Testovací platební brána" }).waitFor();
    await expectAccessible(page, "demo gateway");
    await page.getByRole("button", { name: "Zaplatit s ověřením 3-D Secure" }).click();
    await page.getByRole("heading", { name: "Ověření platby (3-D Secure)" }).waitFor();
    await expectAccessible(page, "demo gateway 3-D Secure");
    await page.getByRole("button", { name: "Potvrdit platbu" }).click();
    await expectPaid(page, orderId, /odpad/i);
  });
});
