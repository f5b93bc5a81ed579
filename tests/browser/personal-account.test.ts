// The citizen's personal account in the browser: last year's paid and this year's unpaid dog fee, the detail with
// transfer details, copy buttons and a QR Platba code decoded from the rendered pixels; offline after one visit
// with "last updated"; gone from the device after logout; claiming a payer; axe and screenshots of every page.
import fs from "node:fs";
import path from "node:path";
import jsQRModule from "jsqr";
import type { BrowserContext, Page } from "playwright-core";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { paths } from "../../api/src/config.ts";
import { parseSpayd } from "../../api/src/domain/spayd.ts";
import {
  expectAccessible,
  logIn,
  persistedGraphcacheEntries,
  settled,
  signInAs,
  usePortal,
  waitForHeading,
  waitForServiceWorker,
  type DemoAccount,
  type ViewportName,
} from "../kit/browser.ts";
import { DEMO_ACCOUNTS } from "../kit/server.ts";

// jsqr is a UMD bundle: under Node's ESM its default export is the function itself, which its declaration
// file (an ES default export of a CommonJS module) does not say.
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const portal = usePortal();
const SCREENS_DIR = path.join(paths.repoRoot, "tests", ".artifacts", "personal-account");

async function openAs(
  viewport: ViewportName,
  who: DemoAccount,
  language: "cs" | "en" = "cs",
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await portal.open(viewport);
  await opened.context.addCookies([{ name: "portal_lang", value: language, url: portal.server.url, sameSite: "Lax" }]);
  await signInAs(portal, opened.context, who);
  return opened;
}

const item = (page: Page, vs: string) => page.locator(`[data-testid="assessment"][data-vs="${vs}"]`);

/** The QR code as the screen shows it, decoded from a screenshot of its element (not from the DOM). */
async function decodeQr(page: Page): Promise<string> {
  const qr = page.getByTestId("qr-platba");
  await qr.locator("svg").waitFor();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(decoded, "the QR code could not be decoded from the screenshot").not.toBeNull();
  return decoded!.data;
}

/** Everything graphcache's offline store holds (IndexedDB "portal-graphcache"), as one text to search. */
function storedGraphcacheText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open("portal-graphcache");
        open.onerror = () => resolve("");
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("entries")) return (db.close(), resolve(""));
          const all = db.transaction("entries", "readonly").objectStore("entries").getAll();
          all.onsuccess = () => (db.close(), resolve(JSON.stringify(all.result)));
          all.onerror = () => (db.close(), resolve(""));
        };
      }),
  );
}

describe("personal account (osobní účet)", () => {
  it("shows last year's paid and this year's overdue dog fee; the detail's QR Platba decodes to the right payment", async () => {
    const { context, page } = await openAs("phone", "citizen");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portal.server.url });
    await page.goto("/");
    // The shell links the account for signed-in users.
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Hlavní menu" }).getByRole("link", { name: "Osobní účet" }).click();
    await waitForHeading(page, "Osobní účet");

    const lastYear = new Date().getFullYear() - 1;
    await expect.poll(() => item(page, "2104100").textContent()).toContain("Zaplaceno");
    await expect.poll(() => item(page, "2104201").textContent()).toContain("Po splatnosti");
    expect(await page.getByRole("heading", { level: 2, name: `Rok ${lastYear}` }).count()).toBe(1);
    // Several payers: each item names its payer.
    expect(await item(page, "2104201").textContent()).toContain("Plátce: Jana Nováková");
    expect(await page.getByTestId("total-overdue").textContent()).toMatch(/[1-9]/);
    expect(await item(page, "2104100").getByRole("checkbox").count()).toBe(0);
    await expectAccessible(page, "/osobni-ucet (phone)");

    // Filters live in the URL; a reload keeps them.
    await page.getByLabel("Druh").selectOption("DOG_FEE");
    await page.waitForURL(/druh=DOG_FEE/);
    await page.reload();
    await waitForHeading(page, "Osobní účet");
    await expect.poll(() => page.getByTestId("assessment").count()).toBe(2);
    expect(await page.getByLabel("Druh").inputValue()).toBe("DOG_FEE");

    // Selecting unpaid items sums them in the bar (where the card payment button will go).
    await item(page, "2104201").getByRole("checkbox").check();
    await page.getByTestId("selection-summary").filter({ hasText: "Vybráno 1 – celkem 600,00 Kč" }).waitFor();

    await item(page, "2104201").getByRole("link").click();
    await waitForHeading(page, /Poplatek ze psů/);
    await page.getByTestId("pay-vs").filter({ hasText: "2104201" }).waitFor();
    expect(await page.getByTestId("pay-account").textContent()).toContain("123456788/0100");
    expect(await page.getByTestId("pay-iban").textContent()).toContain("CZ45 0100 0000 0001 2345 6788");

    const spayd = parseSpayd(await decodeQr(page));
    expect(spayd).toMatchObject({
      iban: "CZ4501000000000123456788",
      amount: 60_000,
      currency: "CZK",
      variableSymbol: "2104201",
      crc32Valid: true,
    });
    expect(await page.getByRole("img", { name: "QR Platba: 600,00 Kč na účet 123456788/0100, VS 2104201" }).count()).toBe(1);

    // Copy by keyboard: the confirmation is announced, the clipboard holds the symbol.
    await page.getByRole("button", { name: "Kopírovat Variabilní symbol" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("copy-status").filter({ hasText: "Variabilní symbol zkopírováno do schránky: 2104201" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("2104201");
    await page.getByRole("button", { name: "Kopírovat IBAN" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("CZ4501000000000123456788");
    await expectAccessible(page, "/osobni-ucet/:id (phone)");

    // Last year's paid fee: no instructions, its payment with a receipt that downloads as a PDF.
    await page.goto("/osobni-ucet");
    await item(page, "2104100").getByRole("link").click();
    await page.getByRole("heading", { level: 2, name: "Přijaté platby" }).waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "Jak zaplatit" }).count()).toBe(0);
    const receipt = page.getByRole("link", { name: /Potvrzení o zaplacení/ }).first();
    const response = await page.request.get((await receipt.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["cache-control"]).toBe("private, no-store");
    await expectAccessible(page, "/osobni-ucet/:id paid (phone)");
  });

  it("works offline once seen, with 'last updated'; logout removes it from the device", async () => {
    const { context, page } = await openAs("phone", "citizen");
    await page.goto("/osobni-ucet");
    await waitForServiceWorker(page);
    await waitForHeading(page, "Osobní účet");
    await item(page, "2104201").waitFor();
    // The detail's code (with the QR library) is precached; opening it once also stores nothing new.
    await item(page, "2104201").getByRole("link").click();
    await page.getByTestId("qr-platba").locator("svg").waitFor();
    await expect.poll(() => persistedGraphcacheEntries(page), { timeout: 10_000 }).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.goto("/osobni-ucet");
    await waitForHeading(page, "Osobní účet");
    await page
      .getByTestId("account-last-updated")
      .filter({ hasText: /Jste offline\. Naposledy aktualizováno \d/ })
      .waitFor();
    await item(page, "2104201").waitFor();
    await item(page, "2104100").waitFor();
    await item(page, "2104201").getByRole("link").click();
    await page.getByTestId("qr-platba").locator("svg").waitFor();
    await expectAccessible(page, "/osobni-ucet/:id offline (phone)");
    await context.setOffline(false);
    expect(await storedGraphcacheText(page)).toContain("2104201");

    await page.goto("/muj-ucet");
    await page.getByRole("button", { name: "Odhlásit se" }).click();
    await expect.poll(async () => (await context.cookies()).some((c) => c.name === "portal_session")).toBe(false);
    // The offline store keeps only what the signed-out app asked since (who is signed in: nobody).
    await expect.poll(() => storedGraphcacheText(page), { timeout: 10_000 }).not.toContain("2104201");
    expect(await storedGraphcacheText(page)).not.toContain("Jana Nov");

    // Offline after logout: nothing of the account is shown, the app asks to sign in.
    await context.setOffline(true);
    await page.goto("/osobni-ucet");
    await page.waitForURL(/\/prihlaseni/);
    expect(await page.getByText("2104201").count()).toBe(0);
    await context.setOffline(false);

    // Another person signing in on this device sees their own (empty) account, never the previous one.
    await signInAs(portal, context, "clerk");
    await page.goto("/osobni-ucet");
    await page.getByText("K vašemu účtu zatím není připojen žádný plátce.").waitFor();
    expect(await page.getByText("Jana Nováková").count()).toBe(0);
    expect(await page.getByText("2104201").count()).toBe(0);
  });

  it("never shows the account kept from a session that ended elsewhere to the next person who logs in here", async () => {
    const { context, page } = await openAs("phone", "citizen");
    await page.goto("/osobni-ucet");
    await waitForServiceWorker(page);
    await item(page, "2104201").waitFor();
    await expect.poll(() => storedGraphcacheText(page), { timeout: 10_000 }).toContain("2104201");
    // The session ends without this device knowing (expired, or signed out on another device): no logout here.
    await context.clearCookies();
    await page.goto("/prihlaseni");
    await logIn(page, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
    // Offline, only the device's copy could answer: the previous person's account must not be in it any more.
    await context.setOffline(true);
    await page.goto("/osobni-ucet");
    await waitForHeading(page, "Osobní účet");
    await page.getByText("Data se nepodařilo načíst").waitFor();
    expect(await page.getByText("Jana Nováková").count()).toBe(0);
    expect(await page.getByTestId("assessment").count()).toBe(0);
    await context.setOffline(false);
    await page.reload();
    await page.getByText("K vašemu účtu zatím není připojen žádný plátce.").waitFor();
  });

  it("claims a payer with the paper assessment's symbol and code (a wrong pair is one error)", async () => {
    const { page } = await openAs("desktop", "admin");
    await page.goto("/osobni-ucet/pripojit");
    await waitForHeading(page, "Připojit plátce");
    await expectAccessible(page, "/osobni-ucet/pripojit (desktop)");
    await page.getByLabel("Variabilní symbol").fill("1104203");
    await page.getByLabel("Přístupový kód").fill("AAAA-BBBB");
    await page.getByRole("button", { name: "Připojit" }).click();
    await page.getByText("Variabilní symbol a přístupový kód k sobě nepatří").waitFor();
    await expectAccessible(page, "/osobni-ucet/pripojit with an error (desktop)");

    await page.getByLabel("Přístupový kód").fill("k7m2 q9xp");
    await page.getByRole("button", { name: "Připojit" }).click();
    await page.waitForURL(/\/osobni-ucet$/);
    await page.getByText("Plátce Marie Veselá je připojen k vašemu účtu.").waitFor();
    await item(page, "1104203").waitFor();
    expect(await page.getByTestId("assessment").count()).toBe(1);
  });

  it("reads well on a phone and a desktop, in Czech and English (axe on each page, screenshots)", { timeout: 240_000 }, async () => {
    const prisma = portal.server.database.prisma;
    const fine = await prisma.assessment.findFirstOrThrow({ where: { variableSymbol: "4104201" } });
    const dog = await prisma.assessment.findFirstOrThrow({ where: { variableSymbol: "2104201" } });
    const globalId = (id: string) => encodeURIComponent(Buffer.from(`Assessment:${id}`).toString("base64"));
    const pages = [
      { name: "overview", path: "/osobni-ucet" },
      { name: "detail-fine", path: `/osobni-ucet/${globalId(fine.id)}` },
      { name: "detail-dog", path: `/osobni-ucet/${globalId(dog.id)}` },
      { name: "claim", path: "/osobni-ucet/pripojit" },
    ];
    for (const viewport of ["phone", "desktop"] as const) {
      for (const language of ["cs", "en"] as const) {
        const { context, page } = await openAs(viewport, "citizen", language);
        const dir = path.join(SCREENS_DIR, `${viewport}-${language}`);
        fs.mkdirSync(dir, { recursive: true });
        for (const shot of pages) {
          await page.goto(shot.path);
          await page.locator("main h1").first().waitFor();
          if (shot.name.startsWith("detail")) await page.getByRole("heading", { level: 2 }).first().waitFor();
          if (shot.name === "detail-fine") await page.getByTestId("qr-platba").locator("svg").waitFor();
          if (shot.name === "overview") await item(page, "2104201").waitFor();
          await settled(page);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
          await expectAccessible(page, `${shot.path} (${viewport}, ${language})`);
          await page.screenshot({ path: path.join(dir, `${shot.name}.png`), fullPage: true, scale: "css", animations: "disabled" });
        }
        await context.close();
      }
    }
  });
});
