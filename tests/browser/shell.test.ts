import { describe, expect, it } from "vitest";
import {
  expectAccessible,
  logIn,
  persistedGraphcacheEntries,
  trackPageErrors,
  usePortal,
  waitForHeading,
  waitForServiceWorker,
} from "../kit/browser.ts";
import { DEMO_ACCOUNTS } from "../kit/server.ts";

// The shell every feature lives in: offline start, language, installability, 404, expired sessions.

const portal = usePortal();

describe("offline", () => {
  it("opens the shell offline, says so with the time of the last data, and recovers by itself", async () => {
    const { context, page } = await portal.open("phone");
    const errors = trackPageErrors(page);
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await waitForServiceWorker(page);
    await waitForHeading(page, "Město Lipnice");
    await page.waitForLoadState("networkidle");
    // graphcache writes its offline copy to IndexedDB asynchronously: wait until it is there.
    await expect.poll(() => persistedGraphcacheEntries(page), { timeout: 10_000 }).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    // The shell comes from the precache, the town's data from the offline cache.
    await page.getByRole("link", { name: "Přeskočit na obsah" }).waitFor({ state: "attached" });
    await page.getByRole("main").waitFor();
    const banner = page.getByRole("status").filter({ hasText: "Jste offline." });
    await banner.waitFor();
    // "Zobrazené údaje jsou z 26. 11. 2026 10:00." — a Czech date and time.
    expect(await banner.textContent()).toMatch(/Zobrazené údaje jsou z \d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}/);
    await page
      .getByRole("heading", { level: 1, name: "Město Lipnice" })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        throw new Error(`The town's data did not show offline; the page shows:\n${await page.locator("body").innerText()}`, {
          cause: error,
        });
      });
    await expectAccessible(page, "/ offline (phone)");

    await context.setOffline(false);
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});

describe("language", () => {
  it("switches Czech and English: texts, <html lang>, date formats; the choice survives a reload", async () => {
    const { page } = await portal.open("desktop", { as: "admin" });
    await page.goto("/sprava/urednici");
    await waitForHeading(page, "Úředníci");
    expect(await page.locator("html").getAttribute("lang")).toBe("cs");
    const created = () => page.locator("table td:nth-child(6)").first().textContent();
    await page.locator("table td").first().waitFor();
    expect(await created()).toMatch(/^\d{1,2}\. \d{1,2}\. \d{4}$/);

    await page.getByRole("navigation", { name: "Hlavní menu" }).getByRole("button", { name: "English" }).click();
    await waitForHeading(page, "Clerks");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "My account" }).waitFor();
    // The month named, as "12/6/2026" means different days to different readers of English.
    expect(await created()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    await expectAccessible(page, "/sprava/urednici in English (desktop)");

    await page.reload();
    await waitForHeading(page, "Clerks");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // For a signed-in user the language is also the profile's (e-mails follow it).
    await expect
      .poll(async () => (await portal.server.database.prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.admin.email } })).locale)
      .toBe("en");

    await page.goto("/");
    await page.getByRole("heading", { level: 2, name: "Contact" }).waitFor();
    await expectAccessible(page, "/ in English (desktop)");
    await page.getByRole("navigation", { name: "Main menu" }).getByRole("button", { name: "Čeština" }).click();
    await page.getByRole("heading", { level: 2, name: "Kontakt" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("cs");
  });

  it("an anonymous visitor's choice persists too", async () => {
    const { page } = await portal.open("phone");
    await page.goto("/prihlaseni");
    await waitForHeading(page, "Přihlášení");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("button", { name: "English" }).click();
    await waitForHeading(page, "Sign in");
    await page.reload();
    await waitForHeading(page, "Sign in");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectAccessible(page, "/prihlaseni in English (phone)");
  });
});

describe("installability", () => {
  it("Chromium reports no installability or manifest errors; the manifest is complete", async () => {
    // A regular (not incognito) profile: Chromium refuses to install anything from an incognito context.
    const { context, page } = await portal.openPersistent("phone");
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await waitForServiceWorker(page);

    const cdp = await context.newCDPSession(page);
    const installability = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: { errorId: string }[] };
    expect(installability.installabilityErrors).toEqual([]);
    const manifestReport = (await cdp.send("Page.getAppManifest")) as { url: string; errors: unknown[]; data: string };
    expect(manifestReport.errors).toEqual([]);
    expect(manifestReport.url).toBe(`${portal.server.url}/manifest.webmanifest`);

    const manifest = JSON.parse(manifestReport.data) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: { src: string; sizes: string; purpose?: string }[];
      screenshots: { src: string; sizes: string; form_factor?: string }[];
    };
    expect(manifest.name).toBeTruthy();
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.display).toBe("standalone");
    expect(manifest.start_url).toBe("/");
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icon = (size: string, purpose: string) =>
      manifest.icons.find((i) => i.sizes === size && (i.purpose ?? "any").split(" ").includes(purpose));
    for (const size of ["192x192", "512x512"]) {
      expect(icon(size, "any"), `icon ${size}`).toBeDefined();
      expect(icon(size, "maskable"), `maskable icon ${size}`).toBeDefined();
    }
    expect(manifest.screenshots.map((s) => s.form_factor).sort()).toEqual(["narrow", "wide"]);

    // Every icon and screenshot is served as a PNG of the declared size.
    for (const image of [...manifest.icons, ...manifest.screenshots]) {
      const response = await fetch(new URL(image.src, portal.server.url));
      expect(response.status, image.src).toBe(200);
      const png = Buffer.from(await response.arrayBuffer());
      expect(png.subarray(1, 4).toString(), image.src).toBe("PNG");
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, image.src).toBe(image.sizes);
    }
  });
});

describe("unknown routes and expired sessions", () => {
  it("shows a 404 page for an unknown address", async () => {
    for (const viewport of ["phone", "desktop"] as const) {
      const { page } = await portal.open(viewport);
      await page.goto("/tato-stranka-neexistuje");
      await waitForHeading(page, "Stránka nenalezena");
      await page.getByRole("link", { name: "Zpět na úvodní stránku" }).waitFor();
      await expectAccessible(page, `404 (${viewport})`);
    }
  });

  it("an expired session on the account page leads to login and back", async () => {
    const { page } = await portal.open("phone", { as: "citizen" });
    await waitForHeading(page, "Můj účet");

    // The session ends on the server while the page is open; the next request finds out.
    await portal.server.database.prisma.session.deleteMany({ where: { user: { email: DEMO_ACCOUNTS.citizen.email } } });
    await page.getByRole("button", { name: "Uložit" }).click();
    await page.waitForURL(/\/prihlaseni\?next=%2Fmuj-ucet$/);
    await page.getByText("Vaše přihlášení vypršelo.").waitFor();
    await expectAccessible(page, "/prihlaseni after expiry (phone)");
    await logIn(page, DEMO_ACCOUNTS.citizen.email, DEMO_ACCOUNTS.citizen.password);
    await page.waitForURL(/\/muj-ucet$/);
    await waitForHeading(page, "Můj účet");

    // Expired while away: opening the page again also goes through the login.
    await portal.server.database.prisma.session.deleteMany({ where: { user: { email: DEMO_ACCOUNTS.citizen.email } } });
    await page.reload();
    await page.waitForURL(/\/prihlaseni\?next=%2Fmuj-ucet$/);
    await logIn(page, DEMO_ACCOUNTS.citizen.email, DEMO_ACCOUNTS.citizen.password);
    await page.waitForURL(/\/muj-ucet$/);
    await waitForHeading(page, "Můj účet");
  });
});
