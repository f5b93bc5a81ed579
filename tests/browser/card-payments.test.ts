// A signed-in demo citizen sees last year's dog fee paid and this year's unpaid in the personal account, pays it
// from its detail page by card through the fake Stripe Checkout with a 3-D Secure challenge, lands on
// /platba/<order> showing it paid and sees it paid back in the account; then pays two selected items at once
// through the demo gateway. The declined case starts the payment with the GraphQL request the PWA's client
// sends. Axe on our pages.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../api/src/app.ts";
import { loadConfig, paths } from "../../api/src/config.ts";
import { buildServer } from "../../api/src/server.ts";
import { DEMO_ACCOUNTS, seedDemo } from "../../prisma/seed/demo.ts";
import { expectAccessible, launchBrowser, newContext, settled, signInWithSession } from "../kit/browser.ts";
import { createTestDatabase, type TestDatabase } from "../kit/database.ts";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../kit/fake-stripe.ts";
import { ensurePwaBuild, PWA_DIST } from "../kit/server.ts";

/** Pictures of the pages for a person to look at (git-ignored, as the screenshot pass's). */
const SHOTS = path.join(paths.repoRoot, "tests", ".artifacts", "card-payments");
async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, scale: "css", animations: "disabled" });
}

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
  const context = await newContext(browser, card.url, "phone");
  await signInWithSession(prisma, card.url, context, DEMO_ACCOUNTS.citizen.email);
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
      return (await response.json()) as {
        data: { startCardPayment: { __typename: string; redirectUrl: string; cardPayment: { orderId: string }; message?: string } };
      };
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
    // The personal account: last year's dog fee paid, this year's not; its detail page offers the card.
    await page.goto("/osobni-ucet");
    const lastYearsDogFee = page.locator('[data-testid="assessment"][data-vs="2104100"]');
    const dogFee = page.locator('[data-testid="assessment"][data-vs="2104201"]');
    // The account loads after the app shell (and the crisis banner's query): wait for it before reading.
    await lastYearsDogFee.waitFor({ timeout: 20_000 });
    await expect.poll(() => lastYearsDogFee.textContent()).toContain("Zaplaceno");
    await expect.poll(() => dogFee.textContent()).toContain("Po splatnosti");
    expect(await dogFee.textContent()).not.toContain("Zaplaceno");
    await dogFee.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /Poplatek ze psů/ }).waitFor();
    await page.getByRole("button", { name: "Zaplatit kartou" }).click();
    await page.waitForURL((url) => url.href.startsWith(`${fake.url}/checkout/`));
    await page.getByRole("button", { name: /3-D Secure/ }).click();
    await page.getByRole("heading", { name: "3D Secure 2 Test Page" }).waitFor();
    await page.getByRole("button", { name: "Complete authentication" }).click();
    await page.waitForURL(/\/platba\//);
    const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
    await expectPaid(page, orderId, /Poplatek ze psů/);
    await shoot(page, "phone-return-paid");
    // Back in the personal account, the dog fee is paid.
    await page.getByRole("link", { name: "Zpět na osobní účet" }).click();
    await expect.poll(() => dogFee.textContent()).toContain("Zaplaceno");
    expect(await dogFee.textContent()).not.toContain("Po splatnosti");
    // The signed webhooks reached the portal too (recorded once each).
    expect(await database.prisma.paymentProviderEvent.count({ where: { provider: "stripe" } })).toBe(2);
  });

  it("pays a waste fee through the demo gateway's 3-D Secure choice and shows it paid", async () => {
    const card = await startCardServer({ CARD_PAYMENTS: "demo" });
    const page = await citizenPage(card);
    // Two items selected in the personal account, paid at once: one card payment split to both.
    await page.goto("/osobni-ucet");
    await page.getByRole("checkbox", { name: /VS 1104201$/ }).check();
    await page.getByRole("checkbox", { name: /VS 4104201$/ }).check();
    await expect.poll(() => page.getByTestId("selection-summary").textContent()).toMatch(/Vybráno 2 – celkem 2\s900,00\sKč/);
    await page.getByRole("region", { name: "Vybrané předpisy" }).getByRole("button", { name: "Zaplatit kartou" }).click();
    await page.waitForURL(/\/api\/payments\/demo-gateway\//);
    await page.getByRole("heading", { name: "Testovací platební brána" }).waitFor();
    await expectAccessible(page, "demo gateway");
    await shoot(page, "phone-demo-gateway");
    await page.getByRole("button", { name: "Zaplatit s ověřením 3-D Secure" }).click();
    await page.getByRole("heading", { name: "Ověření platby (3-D Secure)" }).waitFor();
    await expectAccessible(page, "demo gateway 3-D Secure");
    await shoot(page, "phone-demo-gateway-3ds");
    await page.getByRole("button", { name: "Potvrdit platbu" }).click();
    await page.waitForURL(/\/platba\//);
    const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
    await expectPaid(page, orderId, /odpad/i);
    const items = await database.prisma.cardPaymentItem.findMany({ where: { cardPayment: { orderId } }, include: { assessment: true } });
    expect(items.map((item) => [item.assessment.variableSymbol, item.amount]).sort()).toEqual([
      ["1104201", 90_000n],
      ["4104201", 200_000n],
    ]);
  });

  it("a declined payment offers a retry; the finance clerk sees the payments and refunds part of one", async () => {
    const card = servers.find((server) => server.app.services.config.cardPayments === "demo")!;
    const page = await citizenPage(card);
    const { redirectUrl, orderId } = await startPayment(page, "1104202", "900.00");
    await page.goto(redirectUrl);
    await page.getByRole("button", { name: "Zamítnout platbu (karta odmítnuta)" }).click();
    await page.getByRole("heading", { level: 1, name: "Platba se nezdařila" }).waitFor();
    await page.getByRole("button", { name: "Zaplatit kartou" }).waitFor();
    await settled(page);
    await expectAccessible(page, "/platba failed");
    await shoot(page, "phone-return-failed");
    expect((await database.prisma.cardPayment.findUniqueOrThrow({ where: { orderId } })).status).toBe("FAILED");

    const prisma = database.prisma;
    const context = await newContext(browser, card.url, "desktop");
    await signInWithSession(prisma, card.url, context, DEMO_ACCOUNTS.clerk.email);
    const clerkPage = await context.newPage();
    await clerkPage.goto("/urad/platby-kartou");
    await clerkPage.getByRole("heading", { level: 1, name: "Platby kartou" }).waitFor();
    await settled(clerkPage);
    await expect.poll(() => clerkPage.getByRole("button", { name: /^Vrátit peníze z platby/ }).count(), { timeout: 20_000 }).toBe(2);
    await expectAccessible(clerkPage, "/urad/platby-kartou");
    await shoot(clerkPage, "desktop-clerk-card-payments");
    // This server's gateway is the demo one: the payment made through it is refunded through it.
    const paidWaste = await prisma.cardPayment.findFirstOrThrow({ where: { status: "SUCCEEDED", provider: "demo" } });
    await clerkPage.getByRole("button", { name: `Vrátit peníze z platby ${paidWaste.orderId}` }).click();
    const dialog = clerkPage.getByRole("dialog");
    await dialog.getByLabel("Vracená částka (Kč)").fill("100,00");
    await dialog.getByLabel("Důvod vrácení").fill("Část poplatku prominuta");
    await expectAccessible(clerkPage, "refund dialog");
    await shoot(clerkPage, "desktop-clerk-refund-dialog");
    await dialog.getByRole("button", { name: "Vrátit peníze" }).click();
    await expect
      .poll(async () => (await prisma.cardPayment.findUniqueOrThrow({ where: { id: paidWaste.id } })).refundedAmount)
      .toBe(10_000n);
    await expect.poll(() => clerkPage.getByRole("cell", { name: /^100,00\sKč$/ }).count()).toBeGreaterThan(0);
    await shoot(clerkPage, "desktop-clerk-card-payments-refunded");
    const refund = await prisma.payment.findFirstOrThrow({
      where: { cardPaymentId: paidWaste.id, amount: { lt: 0 } },
      include: { allocations: true },
    });
    expect(refund.allocations.map((allocation) => allocation.amount)).toEqual([-10_000n]);
  });
});
