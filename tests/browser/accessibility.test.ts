import { describe, expect, it } from "vitest";
import { expectAccessible, usePortal, VIEWPORTS, waitForHeading, type ViewportName } from "../kit/browser.ts";

// Every page of the shell, as each kind of user sees it, on a phone and on a desktop: no serious or critical axe
// violation (WCAG 2.1 A/AA as zákon 99/2019 Sb. requires), and the keyboard basics.

const portal = usePortal();

const PAGES: Record<"anonymous" | "citizen" | "clerk" | "admin", string[]> = {
  anonymous: [
    "/",
    "/prihlaseni",
    "/registrace",
    "/zapomenute-heslo",
    "/obnova-hesla?token=neplatny-token",
    "/obnova-hesla",
    "/overeni-emailu",
    "/overeni-emailu?token=neplatny-token",
    "/pristupnost",
    "/neexistujici-stranka",
  ],
  citizen: ["/", "/muj-ucet", "/sprava", "/urad"],
  clerk: ["/urad", "/muj-ucet", "/sprava"],
  admin: ["/sprava", "/sprava/urednici", "/sprava/api-tokeny", "/sprava/odchozi-posta", "/sprava/neuspesne-ulohy", "/urad"],
};

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("axe on a %s", (viewport) => {
  it.each(Object.keys(PAGES) as (keyof typeof PAGES)[])(
    "every page a user who is %s can open",
    async (who) => {
      const { page } = await portal.open(viewport, { as: who === "anonymous" ? undefined : who });
      for (const path of PAGES[who]) {
        await page.goto(path);
        await page.locator("main h1").first().waitFor();
        await expectAccessible(page, `${path} as ${who} (${viewport})`);
      }
      if (viewport === "phone") {
        // The collapsed main menu, opened.
        await page.getByRole("button", { name: "Menu" }).click();
        await page.getByRole("navigation", { name: "Hlavní menu" }).getByRole("listitem").first().waitFor();
        await expectAccessible(page, `menu open as ${who} (${viewport})`);
      }
    },
    120_000,
  );
});

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("keyboard on a %s", (viewport) => {
  it("the skip link is the first Tab stop, becomes visible and moves focus to the main content", async () => {
    const { page } = await portal.open(viewport);
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const box = element.getBoundingClientRect();
      return { text: element.textContent, href: element.getAttribute("href"), width: box.width, height: box.height };
    });
    expect(focused.text).toBe("Přeskočit na obsah");
    expect(focused.href).toBe("#main");
    expect(focused.width).toBeGreaterThan(10);
    expect(focused.height).toBeGreaterThan(10);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    // The next Tab continues inside the main content, not back in the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  });

  it("after navigating, focus moves to the new page's heading and the title names the page", async () => {
    const { page } = await portal.open(viewport);
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await page.getByRole("main").getByRole("link", { name: "Registrace" }).click();
    await waitForHeading(page, "Registrace");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    expect(await page.title()).toMatch(/^Registrace – /);
  });
});
