import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";
import type { PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { DEMO_ACCOUNTS, startTestServer, type TestServer } from "./server.ts";

/**
 * Flags for every Chromium the tests and benches start. No --disable-web-security and friends (the defaults of
 * @sparticuz/chromium): the tests must see the same security model as a real phone.
 */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** CHROME_PATH, else Debian's chromium, else the binary shipped in the npm package @sparticuz/chromium. */
export async function chromiumExecutablePath(): Promise<string> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const { default: sparticuz } = await import("@sparticuz/chromium");
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutablePath(), args: CHROMIUM_ARGS });
}

/**
 * A browser with a real on-disk profile, for what Chromium refuses in incognito contexts (installability).
 * The profile directory is removed when the context closes.
 */
export async function launchPersistentContext(baseURL: string, viewport: ViewportName = "phone"): Promise<BrowserContext> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: await chromiumExecutablePath(),
    args: CHROMIUM_ARGS,
    baseURL,
    locale: "cs-CZ",
    timezoneId: "Europe/Prague",
    ...VIEWPORTS[viewport],
  });
  context.setDefaultTimeout(10_000);
  // Chromium may still be writing into the profile (the service worker's caches) as the context closes, and the
  // removal then fails with ENOTEMPTY. It is retried in the background; a profile left in the temporary directory
  // is no test failure, whereas an exception thrown here would fail the whole run after every test passed.
  context.on("close", () => {
    fs.promises.rm(userDataDir, { recursive: true, force: true, maxRetries: 20, retryDelay: 250 }).catch((error: Error) => {
      console.warn(`Could not remove the browser profile ${userDataDir}: ${error.message}`);
    });
  });
  return context;
}

export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
  desktop: { viewport: { width: 1366, height: 768 } },
} satisfies Record<string, BrowserContextOptions>;
export type ViewportName = keyof typeof VIEWPORTS;

/** A fresh profile (no cookies, storage or service worker) in the given viewport, with the portal's base URL. */
export async function newContext(browser: Browser, baseURL: string, viewport: ViewportName = "phone", options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ baseURL, locale: "cs-CZ", timezoneId: "Europe/Prague", ...VIEWPORTS[viewport], ...options });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Collects uncaught page errors so a test can assert the app did not crash. */
export function trackPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return errors;
}

/**
 * Waits until the route has settled: the page loaded, and no loading placeholder (components/states.tsx Loading,
 * also the fallback while a page's code loads) left in the main content, so axe or a screenshot does not judge a
 * skeleton. A page still loading after 10 s is judged as it is.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page
    .waitForFunction(() => !document.querySelector('main [role="status"][aria-busy="true"]'), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/**
 * Text whose colour equals its background's, from an axe result. axe files such text under `incomplete`, not
 * `violations` (it cannot tell invisible text from a decorative trick), so a suite that only looks at violations
 * passes a page whose navigation is blue on blue. The color-contrast check's data carries the colours it computed.
 */
export function invisibleText(results: Pick<AxeResults, "incomplete">): { target: string; text: string; color: string }[] {
  return results.incomplete
    .filter((result) => result.id === "color-contrast")
    .flatMap((result) => result.nodes)
    .flatMap((node) => {
      const data = node.any.find((check) => check.id === "color-contrast")?.data as
        { fgColor?: string; bgColor?: string; contrastRatio?: number; messageKey?: string } | undefined;
      if (!data?.fgColor || !data.bgColor) return [];
      const equal = data.fgColor.toLowerCase() === data.bgColor.toLowerCase() || data.messageKey === "equalRatio";
      const text = node.html
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      return equal ? [{ target: node.target.join(" "), text, color: `${data.fgColor} on ${data.bgColor}` }] : [];
    });
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules plus best practices) on the page as it is now and fails on any violation
 * of impact serious or critical, listing each rule and the offending elements, and on any text drawn in its own
 * background's colour (invisibleText).
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  await settled(page);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    // Passed and inapplicable checks are not read: without their node lists a large table is judged much faster
    // (one register list: 4.5 s to 1.1 s on a busy machine).
    .options({ resultTypes: ["violations", "incomplete"] })
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`).join("\n")}`,
  );
  const invisible = invisibleText(results);
  if (invisible.length > 0) {
    report.push(
      `invisible text (color-contrast incomplete, 1:1): text in its background's colour\n${invisible
        .map((node) => `    ${node.target}: "${node.text.slice(0, 80)}" ${node.color}`)
        .join("\n")}`,
    );
  }
  if (report.length > 0) throw new Error(`axe found ${report.length} serious or critical problem(s) on ${label}:\n${report.join("\n")}`);
}

/** Navigates within the app and checks the page with axe. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator("main h1").first().waitFor();
  await expectAccessible(page, `${path} (${page.viewportSize()?.width}px)`);
}

/** Signs in through the login form (the main menu link works in both viewports via the page's own link). */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith("/prihlaseni")) await page.goto("/prihlaseni");
  await field(page, "E-mail").fill(email);
  await field(page, "Heslo").fill(password);
  await page.getByRole("main").getByRole("button", { name: "Přihlásit se" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/prihlaseni"));
}

/** A form control by its visible label; required fields carry a decorative " *" that is not part of the name. */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** The messages a control is described by (its hint and error), as assistive technology reads them. */
export function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}

export type DemoAccount = keyof typeof DEMO_ACCOUNTS;

/** What a browser test file works with: the real portal, one Chromium, and fresh browser profiles on demand. */
export interface Portal {
  readonly server: TestServer;
  readonly browser: Browser;
  /**
   * A fresh profile (no cookies, storage or service worker) in the viewport, with one page open, signed in as the
   * demo account `as` when given. Closed by itself after the test.
   */
  open(
    viewport?: ViewportName,
    options?: { as?: DemoAccount; context?: BrowserContextOptions },
  ): Promise<{ context: BrowserContext; page: Page }>;
  /** A browser with an on-disk profile (see launchPersistentContext), closed by itself after the test. */
  openPersistent(viewport?: ViewportName): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Starts the real server (on its own database with the demo towns) and Chromium for the calling test file, and
 * stops them after its last test; contexts opened through `open` are closed after each test, also a failed one.
 * Call once at the top of a browser test file.
 */
export function usePortal(): Portal {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const openContexts = new Set<BrowserContext>();
  const track = (context: BrowserContext) => {
    openContexts.add(context);
    context.on("close", () => openContexts.delete(context));
    return context;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all([...openContexts].map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`The ${what} is not started yet: use it inside a test or hook`);
    return value;
  };
  return {
    get server() {
      return started(server, "test server");
    },
    get browser() {
      return started(browser, "browser");
    },
    async open(viewport = "phone", options = {}) {
      const context = track(await newContext(this.browser, this.server.url, viewport, options.context));
      const page = await context.newPage();
      if (options.as) await logIn(page, DEMO_ACCOUNTS[options.as].email, DEMO_ACCOUNTS[options.as].password);
      return { context, page };
    },
    async openPersistent(viewport = "phone") {
      const context = track(await launchPersistentContext(this.server.url, viewport));
      const page = context.pages()[0] ?? (await context.newPage());
      return { context, page };
    },
  };
}

/**
 * Signs the profile in as a demo account through a session row and its cookies (as tests/kit/factories.ts
 * signedInClient does for API tests) rather than the login form, which accounts.test.ts covers: tests about what
 * a signed-in user sees stay independent of the login path, and faster. The login form would also switch the
 * language to the account's own.
 */
export async function signInAs(portal: Portal, context: BrowserContext, account: DemoAccount): Promise<void> {
  await signInWithSession(portal.server.database.prisma, portal.server.url, context, DEMO_ACCOUNTS[account].email);
}

/** signInAs for a server that is not the shared portal (its own database client and address). */
export async function signInWithSession(prisma: PrismaClient, url: string, context: BrowserContext, email: string): Promise<void> {
  const user = await prisma.user.findFirstOrThrow({ where: { email } });
  const token = randomToken();
  const csrfToken = randomToken();
  await prisma.session.create({
    data: {
      id: sha256(token),
      municipalityId: user.municipalityId,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  await context.addCookies([
    { name: "portal_session", value: token, url, httpOnly: true, sameSite: "Lax" },
    { name: "portal_csrf", value: csrfToken, url, sameSite: "Lax" },
  ]);
}

/** A fresh profile signed in as the demo clerk (signInAs), on the clerk's home page (/urad). */
export async function openAsClerk(portal: Portal, viewport: ViewportName): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await portal.open(viewport);
  await signInAs(portal, context, "clerk");
  await page.goto("/urad");
  await waitForHeading(page, "Úřad");
  return { context, page };
}

/** Waits for the page's main heading (h1) with this name. */
export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Waits until the service worker is active and controls the page (a reload makes the first visit controlled). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 }).toBe(true);
}

/** The paths of every response in the page's Cache Storage (precache and runtime caches), as the page sees it. */
export function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  });
}

/** How many entries of graphcache's offline copy the page has stored (IndexedDB "portal-graphcache", store "entries"). */
export function persistedGraphcacheEntries(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("portal-graphcache");
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("entries")) return (db.close(), resolve(0));
          const count = db.transaction("entries", "readonly").objectStore("entries").count();
          count.onsuccess = () => (db.close(), resolve(count.result));
          count.onerror = () => (db.close(), resolve(0));
        };
      }),
  );
}
