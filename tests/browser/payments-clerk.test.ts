import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CAMT_FILE, DEMO_GPC_FILE } from "../../prisma/seed/statements/write-demo-statements.ts";
import { expectAccessible, openAsClerk, trackPageErrors, usePortal, waitForHeading } from "../kit/browser.ts";

// The finance clerk's payments (agenda FINANCE) on the demo town: imports the demo GPC statement (preview, then
// import) and sees what paired and the unpaired line; imports the camt.053, finds its payment without a VS in the
// unpaired list, pairs it by hand with the dog fee, and reverses the pairing with a reason. Axe on every page.

const portal = usePortal();
// Pictures of the filled pages (the screens test photographs them empty), for a person to look at.
const SHOTS = path.join(path.dirname(new URL(import.meta.url).pathname), "..", ".artifacts", "payments-clerk");
const shoot = async (page: import("playwright-core").Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, scale: "css", animations: "disabled" });
};

async function importFile(page: import("playwright-core").Page, file: string) {
  await page.goto("/urad/platby/import");
  await waitForHeading(page, "Import bankovního výpisu");
  await page
    .getByLabel("Soubor s výpisem")
    .setInputFiles({ name: path.basename(file), mimeType: "text/plain", buffer: fs.readFileSync(file) });
  await page.getByRole("button", { name: "Zobrazit náhled" }).click();
  await page.getByRole("heading", { level: 2, name: /^Náhled importu/ }).waitFor();
}

describe("finance clerk: statements and pairing", () => {
  it("imports the demo GPC with a preview, then sees paired counts and the unpaired line", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    const errors = trackPageErrors(page);
    // The finance agenda on the clerk's desk leads to payers; statements are one of its further pages.
    await page.getByRole("link", { name: "Bankovní výpisy a párování plateb" }).click();
    await waitForHeading(page, "Bankovní výpisy");
    await expect.poll(() => page.getByText("Zatím nebyl načten žádný výpis.").isVisible()).toBe(true);
    await expectAccessible(page, "statements, empty");

    await importFile(page, DEMO_GPC_FILE);
    const preview = page
      .getByRole("region", { name: /Náhled importu/ })
      .or(page.locator("section", { has: page.getByRole("heading", { name: /Náhled importu/ }) }));
    await expect.poll(() => preview.first().innerText()).toMatch(/3 nové platby[\s\S]*2 spárovány automaticky[\s\S]*1 k ručnímu spárování/);
    await expect.poll(() => preview.first().innerText()).toMatch(/Spárováno: Poplatek za odpad \d{4} \(Jana Nováková\)/);
    await expect.poll(() => preview.first().innerText()).toMatch(/Neznámý VS – spárujte ručně/);
    await expectAccessible(page, "import preview");
    await shoot(page, "desktop-import-preview");
    // Nothing is stored by the preview.
    expect(await portal.server.database.prisma.bankStatement.count()).toBe(0);

    await page.getByRole("button", { name: "Načíst výpis" }).click();
    await page.getByRole("heading", { level: 2, name: /^Výpis načten/ }).waitFor();
    expect(await portal.server.database.prisma.bankStatement.count()).toBe(1);

    await page.getByRole("link", { name: "Výpisy", exact: true }).click();
    await waitForHeading(page, "Bankovní výpisy");
    await page.getByText("2 spárováno, 1 nespárováno").first().waitFor();
    await expectAccessible(page, "statements");
    await shoot(page, "desktop-statements");

    await page.getByText("2 spárováno, 1 nespárováno").first().click();
    await waitForHeading(page, "Nespárované platby");
    await page.getByText("1 nespárovaná platba").waitFor();
    await expect.poll(() => page.locator("main").innerText()).toMatch(/DVORAK TOMAS/);
    await expectAccessible(page, "unpaired");
    await shoot(page, "desktop-unpaired");
    expect(errors).toEqual([]);
  });

  it("pairs the camt.053 line without a VS by hand with the dog fee, then reverses it", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    await importFile(page, DEMO_CAMT_FILE);
    await page.getByRole("button", { name: "Načíst výpis" }).click();
    await page.getByRole("heading", { level: 2, name: /^Výpis načten/ }).waitFor();

    await page.goto("/urad/platby/nesparovane");
    await waitForHeading(page, "Nespárované platby");
    await page.getByRole("link", { name: /Spárovat platbu 600,00\s*Kč od Jana Nováková/ }).click();
    await waitForHeading(page, "Platba");
    await expect.poll(() => page.locator("main").innerText()).toMatch(/Platba zatím není spárována/);
    await page.getByLabel("Najít předpis").fill("2104201");
    await page.getByRole("button", { name: "Hledat" }).click();
    await page.getByRole("button", { name: /Spárovat s předpisem Poplatek ze psů .* \(VS 2104201\)/ }).click();
    await page.getByText(/Spárováno ručně: Petr Svoboda/).waitFor();
    await expectAccessible(page, "payment, paired");
    await shoot(page, "desktop-payment-paired");

    await page.getByRole("button", { name: /Zrušit spárování s předpisem Poplatek ze psů/ }).click();
    await page.getByLabel("Důvod zrušení").fill("Platba patří k jinému předpisu");
    await page.getByRole("button", { name: "Zrušit spárování", exact: true }).click();
    await page.getByText(/Zrušeno: Petr Svoboda, .*Důvod: Platba patří k jinému předpisu/).waitFor();
    await expectAccessible(page, "payment, reversed");
    await shoot(page, "desktop-payment-reversed");
    const allocation = await portal.server.database.prisma.paymentAllocation.findFirstOrThrow({ where: { method: "MANUAL" } });
    expect(allocation.reversalReason).toBe("Platba patří k jinému předpisu");
  });

  it("reads on a phone", async () => {
    const { page } = await openAsClerk(portal, "phone");
    await page.goto("/urad/platby");
    await waitForHeading(page, "Bankovní výpisy");
    await page
      .locator("main")
      .getByText(/spárováno/)
      .filter({ visible: true })
      .first()
      .waitFor();
    await expectAccessible(page, "statements on a phone");
    await shoot(page, "phone-statements");
    await page.goto("/urad/platby/nesparovane");
    await waitForHeading(page, "Nespárované platby");
    await page
      .getByText(/nespárovan/)
      .first()
      .waitFor();
    await expectAccessible(page, "unpaired on a phone");
    await shoot(page, "phone-unpaired");
  });
});
