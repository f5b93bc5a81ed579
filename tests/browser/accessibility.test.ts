import { describe, expect, it } from "vitest";
import { expectAccessible, usePortal, VIEWPORTS, waitForHeading, type ViewportName } from "../kit/browser.ts";

// Every page, as each kind of user sees it, on a phone and on a desktop, in Czech and in English, is checked with
// axe by the screenshot pass (tests/browser/screens.ts): no serious or critical violation (WCAG 2.1 A/AA as zákon 99/2019
// Sb. requires) and no text in its background's colour. Here: that the check itself catches what it must, the
// stylesheet's layering that keeps utilities in charge, and the keyboard basics.

const portal = usePortal();

/** The rule that once made every link styled as a button, and the header's links, brand colour on brand colour. */
const OLD_UNLAYERED_LINK_RULE = "a { color: var(--brand-text); text-decoration: underline; }";

describe("the axe helper", () => {
  it("fails on text drawn in its background's colour, which axe itself only calls incomplete", async () => {
    const { page } = await portal.open("phone");
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await expectAccessible(page, "/ as it is");

    await page.addStyleTag({ content: OLD_UNLAYERED_LINK_RULE });
    const failure = await expectAccessible(page, "/ with the old unlayered link rule").then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/invisible text/);
    // The town's name in the header and the primary "Přihlásit se" button, both links on the brand colour.
    expect(failure).toMatch(/"Město Lipnice" (#[0-9a-f]{6}) on \1/);
    expect(failure).toMatch(/"Přihlásit se" (#[0-9a-f]{6}) on \1/);
  });

  it("fails on the opened phone menu painted in the old way", async () => {
    const { page } = await portal.open("phone");
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await page.addStyleTag({ content: OLD_UNLAYERED_LINK_RULE });
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("navigation", { name: "Hlavní menu" });
    await menu.getByRole("link", { name: "Úřední deska" }).waitFor();
    await expect(expectAccessible(page, "menu open with the old unlayered link rule")).rejects.toThrow(
      /"Úřední deska" (#[0-9a-f]{6}) on \1/,
    );
  });
});

it("the app's stylesheet puts every style rule in a cascade layer, but the design tokens", async () => {
  // An unlayered rule beats every Tailwind utility whatever its specificity (docs/ARCHITECTURE.md, "Styles").
  const { page } = await portal.open("desktop");
  await page.goto("/");
  await waitForHeading(page, "Město Lipnice");
  const unlayered = await page.evaluate(() => {
    const found: string[] = [];
    const walk = (rules: CSSRuleList, inLayer: boolean) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSLayerBlockRule) walk(rule.cssRules, true);
        else if (rule instanceof CSSStyleRule) {
          if (!inLayer && rule.selectorText !== ":root") found.push(rule.cssText.slice(0, 120));
          walk(rule.cssRules, inLayer);
        } else if (rule instanceof CSSGroupingRule) walk(rule.cssRules, inLayer);
      }
    };
    for (const sheet of Array.from(document.styleSheets)) walk(sheet.cssRules, false);
    return { sheets: document.styleSheets.length, found };
  });
  expect(unlayered.sheets).toBeGreaterThan(0);
  expect(unlayered.found).toEqual([]);
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
