// Klikací rozpočet in the browser, end to end on the real server: the budget office checks an accounting export with
// a dry run (nothing stored), uploads it, approves and publishes it (nothing public before); a citizen on a phone
// drills down from the totals to a položka's documents and the registers' invoice behind one, sorts, shares the
// view's URL, downloads the view as CSV and PDF, and reopens the year offline. axe on every page on the way.
import fs from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, openAsClerk, signInAs, usePortal, waitForHeading, waitForServiceWorker } from "../kit/browser.ts";

const portal = usePortal();
/** A year the demo seed leaves alone (and in the budget classification's validity), so the test owns it. */
const YEAR = 2022;

/** An accounting export in the long layout (one amount per row with its type), as GINIS or VERA write it. */
function exportCsv(invoice: { number: string; supplierIco: string | null }): string {
  const rows = [
    ["paragraf", "polozka", "typ", "castka", "doklad", "ico"],
    ["0000", "1111", "SR", "5000000", "", ""],
    ["0000", "1111", "UR", "5200000", "", ""],
    ["0000", "1111", "SKUT", "1300000", "", ""],
    ["2212", "5171", "SR", "800000", "", ""],
    ["2212", "5171", "UR", "900000", "", ""],
    // Road repairs over their amended budget, paid on a published invoice of the registers.
    ["2212", "5171", "SKUT", "950000", invoice.number, invoice.supplierIco ?? ""],
    ["3113", "5331", "SR", "1500000", "", ""],
    ["3113", "5331", "UR", "1500000", "", ""],
    ["3113", "5331", "SKUT", "400000", "", ""],
    // A paragraf the budget classification does not know: a warning, summed under "Nezařazeno".
    ["9999", "5169", "SKUT", "1000", "", ""],
  ];
  return `${rows.map((row) => row.join(";")).join("\r\n")}\r\n`;
}

/** The visible copy of a row link (the table on desktop, the cards on phones). */
const rowLink = (page: Page, code: string) => page.locator(`[data-budget-row="${code}"]:visible`).first();

describe("klikací rozpočet", () => {
  it("the office checks, uploads, approves and publishes; a citizen drills down to the invoice, shares, exports and reads it offline", async () => {
    const prisma = portal.server.database.prisma;
    const { municipalityId } = await prisma.user.findFirstOrThrow({ where: { email: "referent@lipnice.example" } });
    const town =
      (await prisma.budgetOrganisation.findFirst({ where: { municipalityId, kind: "TOWN" } })) ??
      (await prisma.budgetOrganisation.create({ data: { municipalityId, kind: "TOWN", code: "obec", name: "Obec Lipnice" } }));
    const invoice = await prisma.invoice.findFirstOrThrow({
      where: { municipalityId, status: "PUBLISHED" },
      orderBy: { createdAt: "asc" },
    });

    // --- The budget office: dry run, upload, approve, publish.
    const { page: clerk } = await openAsClerk(portal, "desktop");
    await clerk.goto("/urad");
    await clerk.getByRole("main").getByRole("link", { name: "Rozpočet", exact: true }).click();
    await waitForHeading(clerk, "Rozpočet: data ke schválení");
    await expectAccessible(clerk, "/urad/rozpocet");
    await clerk.getByRole("link", { name: "Nahrát data" }).click();
    await waitForHeading(clerk, "Nahrát data rozpočtu");
    await clerk.getByLabel("Organizace").selectOption({ label: town.name });
    await clerk.getByLabel("Rok").fill(String(YEAR));
    await clerk.getByLabel("Stav ke konci měsíce").selectOption({ label: "březen" });
    await clerk
      .getByLabel("Soubor", { exact: false })
      .first()
      .setInputFiles({
        name: "rozpocet-2022-03.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(exportCsv(invoice)),
      });
    await clerk.getByRole("button", { name: "Zkontrolovat nanečisto" }).click();
    const report = clerk.locator("[data-budget-report]");
    await report.getByRole("heading", { name: "Kontrola nanečisto (nic se neuložilo)" }).waitFor();
    await report.getByText("Soubor je v pořádku: 10 řádků lze nahrát.").waitFor();
    // The warning names its line in the file (the header is line 1) and the unknown code.
    await expect.poll(() => report.getByRole("table", { name: /problém/ }).innerText()).toMatch(/11[\s\S]*Upozornění[\s\S]*9999/);
    await expectAccessible(clerk, "/urad/rozpocet/import (dry run)");
    expect(await prisma.budgetDataSet.count({ where: { municipalityId, year: YEAR } })).toBe(0);

    await clerk.getByRole("button", { name: "Nahrát ke schválení" }).click();
    await waitForHeading(clerk, `${town.name}: březen ${YEAR}`);
    await clerk.locator('[data-status="DRAFT"]').waitFor();
    await expectAccessible(clerk, "/urad/rozpocet/:id (draft)");

    // Nothing is public before the office approves and publishes.
    const { page: early } = await portal.open("phone");
    await early.goto(`/rozpocet?year=${YEAR}`);
    await early.getByText(/není zveřejněný|zatím nebyl zveřejněn/).waitFor();
    await early.context().close();

    await clerk.getByRole("button", { name: "Schválit" }).click();
    await clerk.locator('[data-status="APPROVED"]').waitFor();
    await clerk.getByRole("button", { name: "Zveřejnit" }).click();
    await clerk.getByRole("dialog").getByRole("button", { name: "Zveřejnit" }).click();
    await clerk.locator('[data-status="PUBLISHED"]').waitFor();

    // The office lets the demo citizen upload the town's data; the citizen's upload page then offers just that.
    await clerk.getByRole("link", { name: "Organizace", exact: true }).click();
    await waitForHeading(clerk, "Rozpočet: organizace a jejich účetní");
    const card = clerk.locator(`[data-organisation="${town.code}"]`);
    await card.getByLabel("E-mail účtu účetní").fill("obcan@lipnice.example");
    await card.getByRole("button", { name: "Povolit nahrávání" }).click();
    await card.getByText("(obcan@lipnice.example)").waitFor();
    await expectAccessible(clerk, "/urad/rozpocet/organizace");
    const { context: accountantContext, page: accountant } = await portal.open("phone");
    await signInAs(portal, accountantContext, "citizen");
    await accountant.goto("/rozpocet/organizace");
    await waitForHeading(accountant, "Rozpočet organizace");
    await expect.poll(() => accountant.getByLabel("Organizace").locator("option").allInnerTexts()).toEqual([town.name]);
    await expectAccessible(accountant, "/rozpocet/organizace (phone)");
    await accountantContext.close();

    // --- A citizen on a phone: totals, drill-down to the invoice.
    const { context, page } = await portal.open("phone");
    await page.goto(`/rozpocet?year=${YEAR}`);
    await waitForHeading(page, `Rozpočet obce ${YEAR}`);
    await waitForServiceWorker(page);
    const summary = page.locator('[data-budget-summary="revenue"]');
    await expect.poll(() => summary.innerText()).toMatch(/1\s300\s000,00\sKč/);
    await page.locator("[data-budget-chart]").waitFor();
    await expectAccessible(page, "/rozpocet (phone)");

    // The unknown paragraf is a group of its own, so the groups add up to the total.
    await rowLink(page, "UNCLASSIFIED").waitFor();
    await rowLink(page, "22").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("group")).toBe("22");
    await rowLink(page, "2212").waitFor();
    // Over its amended budget: flagged in words, not only in colour.
    await expect.poll(() => page.locator("li", { has: rowLink(page, "2212") }).innerText()).toMatch(/překročeno/);
    await rowLink(page, "2212").click();
    await rowLink(page, "5171").click();
    await expect.poll(() => new URL(page.url()).searchParams.get("polozka")).toBe("5171");
    const invoiceLink = page.locator("[data-budget-invoice]:visible").first();
    await expect.poll(() => invoiceLink.innerText()).toContain(invoice.number);
    await expectAccessible(page, "/rozpocet documents (phone)");
    const sharedUrl = page.url();
    await invoiceLink.click();
    await waitForHeading(page, new RegExp(invoice.number));
    await page.goBack();

    // The view's URL is the view: a fresh browser opens the same level with its breadcrumbs.
    const { page: friend } = await portal.open("desktop");
    await friend.goto(sharedUrl);
    await friend.getByRole("navigation", { name: "Kde v rozpočtu jste" }).getByText("Silnice").waitFor();
    await expect.poll(() => friend.locator("[data-budget-invoice]:visible").first().innerText()).toContain(invoice.number);
    await friend.context().close();

    // Sorting is part of the URL, and the table follows it.
    await page.goto(`/rozpocet?year=${YEAR}`);
    await page.getByLabel("Řadit").selectOption({ label: "Skutečnost od nejmenší" });
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("actual-asc");
    const order = () =>
      page.locator("[data-budget-row]:visible").evaluateAll((links) => links.map((link) => link.getAttribute("data-budget-row")));
    await expect.poll(order).toEqual(["UNCLASSIFIED", "31", "22"]);

    // Exports of the view shown.
    const [csv] = await Promise.all([page.waitForEvent("download"), page.locator('[data-budget-export="csv"]').click()]);
    const csvText = fs.readFileSync((await csv.path())!, "utf8");
    expect(csvText).toMatch(/Doprava/);
    expect(csvText.indexOf("Vzdělávání")).toBeLessThan(csvText.indexOf("Doprava"));
    const [pdf] = await Promise.all([page.waitForEvent("download"), page.locator('[data-budget-export="pdf"]').click()]);
    expect(
      fs
        .readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // Offline: the viewed year reopens, and its other side (fetched along with it) opens too.
    await page.waitForTimeout(2500);
    await context.setOffline(true);
    await page.reload();
    await waitForHeading(page, `Rozpočet obce ${YEAR}`);
    await rowLink(page, "22").waitFor();
    await page.getByRole("link", { name: "Příjmy", exact: true }).click();
    await rowLink(page, "11").waitFor();
    await expectAccessible(page, "/rozpocet offline (phone)");
    await context.setOffline(false);
  }, 180_000);
});
