// Alerts end to end in a real Chromium, against a portal that delivers push for real (NOTIFICATION_DELIVERY=live)
// to the test kit's local push service, which checks VAPID and decrypts the aes128gcm payload with the
// subscription's keys:
//
// 1. A citizen visits pages: the browser is never asked for notification permission. Turning push on in the
//    alert settings asks (once, on that click); the device's subscription reaches the portal; the citizen picks
//    the crisis topic by push and saves.
// 2. The demo clerk composes a crisis alert on the desk, sees one device among the recipients, sends it.
// 3. The jobs run: the push service receives the encrypted message. Its decrypted payload is handed to the
//    citizen's service worker through the DevTools protocol (ServiceWorker.deliverPushMessage), which shows the
//    notification (title, crisis stays on screen, link); a click on it opens the alert's page.
// 4. The crisis banner is on every page, also offline after a reload; the communication history lists the push.
//
// Chromium's own PushManager.subscribe needs Google's push service, unreachable here: the page's PushManager is
// replaced by one that hands out the local push service's subscription (the browser-side keys the service holds).
// Everything after the subscription (the portal, the encryption, the service worker) is the real thing.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp, type App } from "../../api/src/app.ts";
import { loadConfig } from "../../api/src/config.ts";
import { buildServer } from "../../api/src/server.ts";
import { DEMO_ACCOUNTS, seedDemo } from "../../prisma/seed/demo.ts";
import {
  expectAccessible,
  field,
  launchBrowser,
  newContext,
  settled,
  signInWithSession,
  waitForHeading,
  waitForServiceWorker,
} from "../kit/browser.ts";
import { createTestDatabase, type TestDatabase } from "../kit/database.ts";
import { startPushService, type TestSubscription } from "../kit/push-service.ts";
import { ensurePwaBuild, PWA_DIST } from "../kit/server.ts";

let database: TestDatabase;
let browser: Browser;
let push: Awaited<ReturnType<typeof startPushService>>;
let app: App;
let server: FastifyInstance;
let url: string;
let snapshot: string;

beforeAll(async () => {
  ensurePwaBuild();
  [database, browser, push] = await Promise.all([createTestDatabase(), launchBrowser(), startPushService()]);
  await seedDemo(database.prisma);
  // A snapshot of the build, as startTestServer serves: a `vite build` elsewhere meanwhile would empty pwa/dist.
  snapshot = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pwa-dist-"));
  fs.cpSync(PWA_DIST, snapshot, { recursive: true, filter: (source) => !source.endsWith(".map") });
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    PWA_DIST: snapshot,
    NOTIFICATION_DELIVERY: "live",
    PUSH_ALLOWED_ORIGINS: push.origin,
  });
  app = await createApp({ config, database, prepareDatabase: false, logger: pino({ level: "silent" }) });
  server = await buildServer(app);
  await server.listen({ host: "127.0.0.1", port: 0 });
  url = `http://localhost:${(server.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await app?.jobs.stop();
  await browser?.close();
  await push?.close();
  await database?.destroy();
  if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true });
});

/**
 * Counts the page's permission requests (across reloads, in sessionStorage) and replaces PushManager with one that
 * hands out `subscription` (what PushManager.subscribe would answer, with keys the local push service holds).
 */
async function instrumentPush(context: BrowserContext, subscription: TestSubscription) {
  await context.addInitScript((sub) => {
    // The permission prompt is played by the test: a request is counted and answered with what the test granted
    // (context.grantPermissions), else left unanswered ("default", as a dismissed prompt). Headless Chromium would
    // deny a real request for good. (Notifications need a full Chromium, e.g. Debian's, which .ci/run installs:
    // the headless shell of @sparticuz/chromium denies them whatever is granted.)
    const realPermission = Object.getOwnPropertyDescriptor(Notification, "permission")!.get!;
    const permission = () => (realPermission.call(Notification) === "granted" ? "granted" : "default");
    Object.defineProperty(Notification, "permission", { get: permission, configurable: true });
    Notification.requestPermission = async () => {
      sessionStorage.setItem("test.permissionRequests", String(Number(sessionStorage.getItem("test.permissionRequests") ?? 0) + 1));
      return permission();
    };
    const KEY = "test.pushSubscribed";
    const decode = (value: string) => Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    const fake = () => {
      const serverKey = localStorage.getItem(KEY);
      return {
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: serverKey ? decode(serverKey).buffer : null },
        getKey: () => null,
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } }),
        unsubscribe: async () => {
          localStorage.removeItem(KEY);
          return true;
        },
      };
    };
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      if (Notification.permission !== "granted") throw new DOMException("Registration failed - permission denied", "NotAllowedError");
      const key = new Uint8Array(options?.applicationServerKey as ArrayBuffer);
      localStorage.setItem(KEY, btoa(String.fromCharCode(...key)));
      return fake() as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async function () {
      return (localStorage.getItem(KEY) ? fake() : null) as unknown as PushSubscription | null;
    };
  }, subscription);
}

const permissionRequests = (page: Page) => page.evaluate(() => Number(sessionStorage.getItem("test.permissionRequests") ?? 0));

it(
  "push only on opt-in, a clerk's crisis alert as a notification that opens its page, the banner everywhere offline too",
  { timeout: 180_000 },
  async () => {
    const prisma = database.prisma;
    const citizen = await prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.citizen.email } });
    const municipalityId = citizen.municipalityId;
    await prisma.municipality.update({ where: { id: municipalityId }, data: { publicUrl: url } });
    // A topic of this test's own, so the counts and deliveries are the test's alone.
    const word = `Zkouska${Date.now().toString(36)}`;
    const topic = await prisma.notificationTopic.create({
      data: { municipalityId, code: `crisis-${word}`, nameCs: `Krize ${word}`, nameEn: `Crisis ${word}`, isCrisis: true, position: 999 },
    });
    if ((await prisma.notificationArea.count({ where: { municipalityId, kind: "TOWN" } })) === 0) {
      await prisma.notificationArea.create({ data: { municipalityId, kind: "TOWN", code: "obec", name: "Lipnice" } });
    }
    const subscription = push.subscribe();

    // 1. The citizen: visits ask nothing; turning push on asks once, and the subscription reaches the portal.
    const citizenContext = await newContext(browser, url, "phone");
    await instrumentPush(citizenContext, subscription);
    await signInWithSession(prisma, url, citizenContext, DEMO_ACCOUNTS.citizen.email);
    const page = await citizenContext.newPage();
    await page.goto("/");
    await waitForServiceWorker(page);
    for (const path of ["/upozorneni", "/osobni-ucet", "/muj-ucet/upozorneni"]) {
      await page.goto(path);
      await settled(page);
    }
    await waitForHeading(page, "Nastavení upozornění");
    expect(await permissionRequests(page)).toBe(0);
    expect(await page.evaluate(() => Notification.permission)).toBe("default");
    await expectAccessible(page, "/muj-ucet/upozorneni (phone)");

    // Headless Chromium answers the prompt by itself (not granted, as a dismissed prompt): the page says so and
    // nothing is registered.
    await page.getByRole("button", { name: "Zapnout oznámení v tomto zařízení" }).click();
    await page.getByText("Prohlížeč oznámení nepovolil").waitFor();
    expect(await permissionRequests(page)).toBe(1);
    expect(await prisma.pushSubscription.count({ where: { userId: citizen.id } })).toBe(0);

    // Granted (as the citizen would in the prompt): turned on, registered with the kit's endpoint and keys.
    await citizenContext.grantPermissions(["notifications"]);
    await page.getByRole("button", { name: "Zapnout oznámení v tomto zařízení" }).click();
    await page.getByText("V tomto zařízení jsou oznámení zapnutá.").first().waitFor();
    const stored = await prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: subscription.endpoint } });
    expect(stored).toMatchObject({ userId: citizen.id, p256dh: subscription.p256dh, auth: subscription.auth });

    // The crisis topic by push, for the whole town.
    const pushBox = page.getByRole("checkbox", { name: `Krize ${word}: Oznámení v zařízení (push)` });
    await pushBox.check();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await page.getByText("Nastavení upozornění je uložené.").waitFor();
    expect(
      await prisma.notificationPreference.count({ where: { userId: citizen.id, topicId: topic.id, channel: "PUSH" } }),
    ).toBeGreaterThan(0);

    // 2. The clerk composes a crisis alert for that topic and sends it now.
    const clerkContext = await newContext(browser, url, "desktop");
    await signInWithSession(prisma, url, clerkContext, DEMO_ACCOUNTS.clerk.email);
    const desk = await clerkContext.newPage();
    await desk.goto("/urad");
    await desk.getByRole("main").getByRole("link", { name: "Upozornění", exact: true }).click();
    await waitForHeading(desk, /^Upozornění$/);
    await desk.getByRole("link", { name: "Nové upozornění" }).click();
    await waitForHeading(desk, "Nové upozornění");
    const title = `Únik chlóru v úpravně vody ${word}`;
    await desk.getByRole("radio", { name: /^Krizová situace/ }).check();
    await field(desk, "Nadpis").fill(title);
    await field(desk, "Text").fill("Zůstaňte doma, zavřete okna a sledujte rozhlas.");
    await desk.getByRole("checkbox", { name: `Krize ${word}` }).check();
    await expect.poll(() => desk.getByTestId("recipient-counts").textContent(), { timeout: 15_000 }).toContain("Push: 1 zařízení");
    await expectAccessible(desk, "/urad/upozorneni/nove (desktop)");
    await desk.getByRole("button", { name: "Odeslat upozornění" }).click();
    await desk.getByRole("dialog").getByRole("button", { name: "Odeslat upozornění" }).click();
    await desk.waitForURL(/\/urad\/upozorneni\/[0-9a-f-]{36}$/);
    await waitForHeading(desk, title);
    const alertId = desk.url().split("/").at(-1)!;

    // 3. The jobs publish, fan out and deliver: the push service decrypts what the portal sent.
    await expect
      .poll(
        async () => {
          await app.jobs.drain();
          return push.received.filter((message) => message.subscriptionId === subscription.id).length;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const received = push.received.find((message) => message.subscriptionId === subscription.id)!;
    const payload = JSON.parse(received.payload) as { title: string; url: string; severity: string };
    // The crisis says so in the title itself (lock screens show little else).
    expect(payload).toMatchObject({ title: `KRIZOVÁ SITUACE: ${title}`, url: `/upozorneni/${alertId}`, severity: "CRISIS" });
    expect(received.urgency).toBe("high");

    // The clerk's detail counts it sent.
    await desk.getByRole("button", { name: "Aktualizovat" }).click();
    await expect
      .poll(() => desk.getByRole("row", { name: /Oznámení v zařízení/ }).textContent())
      .toMatch(/Oznámení v zařízení \(push\)\s*1\s*1/);

    // The decrypted payload goes to the citizen's service worker as the push service would deliver it.
    const cdp = await citizenContext.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const registration = registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(url));
        if (registration) resolve(registration.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: new URL(url).origin,
      registrationId: await registrationId,
      data: received.payload,
    });
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          requireInteraction: n.requireInteraction,
          data: n.data as { url: string },
        })),
      );
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      {
        title: payload.title,
        body: "Zůstaňte doma, zavřete okna a sledujte rozhlas.",
        tag: `alert:${alertId}`,
        requireInteraction: true,
        data: expect.objectContaining({ url: `/upozorneni/${alertId}` }),
      },
    ]);

    // A tap on it: the worker's notificationclick takes the open window to the alert's page.
    await page.goto("/uredni-deska");
    await waitForHeading(page, "Úřední deska");
    const worker = citizenContext.serviceWorkers()[0] ?? (await citizenContext.waitForEvent("serviceworker"));
    await worker.evaluate(async () => {
      // (The worker's globals, which the tests' DOM typings do not declare.)
      const scope = self as unknown as {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      };
      const [notification] = await scope.registration.getNotifications();
      scope.dispatchEvent(new scope.NotificationEvent("notificationclick", { notification: notification! }));
    });
    await page.waitForURL(`${url}/upozorneni/${alertId}`);
    await waitForHeading(page, title);
    expect(await shown()).toEqual([]);

    // 4. The crisis banner on every page, offline too after a reload.
    const banner = page.getByRole("region", { name: "Krizová situace" });
    await expect.poll(() => banner.textContent()).toContain(title);
    await expectAccessible(page, "/upozorneni/:id with the crisis banner (phone)");
    await page.goto("/historie-komunikace");
    await waitForHeading(page, "Historie komunikace s úřadem");
    await page.getByRole("heading", { level: 2, name: title }).waitFor();
    await expect.poll(() => page.getByRole("list", { name: "Doručení zprávy" }).first().textContent()).toMatch(/push\): odesláno/);
    await expectAccessible(page, "/historie-komunikace (phone)");

    await citizenContext.setOffline(true);
    for (const path of ["/", "/uredni-deska", "/historie-komunikace"]) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      await expect.poll(() => banner.textContent()).toContain(title);
    }
    // The history opened online reads offline too, and the alert's page.
    await page.getByRole("heading", { level: 2, name: title }).waitFor();
    await page.goto(`/upozorneni/${alertId}`);
    await waitForHeading(page, title);
    await citizenContext.setOffline(false);

    // The clerk ends the alert: it leaves the banner once the app asks again (the town's other crisis, if any, stays).
    await desk.getByRole("button", { name: "Ukončit platnost" }).click();
    await desk.getByRole("dialog").getByRole("button", { name: "Ukončit platnost" }).click();
    await desk.getByText("Platnost upozornění je ukončená.").waitFor();
    await page.goto("/upozorneni");
    await waitForHeading(page, "Upozornění obce");
    await expect
      .poll(() => page.getByTestId("crisis-banner").allTextContents(), { timeout: 10_000 })
      .not.toContainEqual(expect.stringContaining(title));

    await citizenContext.close();
    await clerkContext.close();
  },
);
