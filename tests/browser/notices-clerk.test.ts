import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { minimalPdf } from "../../prisma/seed/notices.ts";
import {
  descriptionOf,
  expectAccessible,
  field,
  logIn,
  trackPageErrors,
  usePortal,
  waitForHeading,
  type ViewportName,
} from "../kit/browser.ts";
import { DEMO_ACCOUNTS } from "../kit/server.ts";

// The notice board as clerks run it (agenda NOTICES, /urad/uredni-deska) and as citizens then see it: a notice
// with a PDF posted through the form, found by a search without diacritics, opened with its attachment, withdrawn
// with a reason (gone from the board, kept in the archive); scheduled notices stay off the board; the form's
// field errors come from the API and nothing typed is lost.

const portal = usePortal();

let sequence = 0;
/** A word no other notice has, so a search finds exactly the notices of one test. */
function uniqueWord(): string {
  sequence += 1;
  return `Zkouska${Date.now().toString(36)}${sequence}`;
}

/** A clerk signed in through the login form on a fresh profile, on the clerk's home page. */
async function openAsClerk(viewport: ViewportName) {
  const opened = await portal.open(viewport);
  await logIn(opened.page, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
  await opened.page.goto("/urad");
  await expect.poll(() => opened.page.locator("main h1").first().textContent(), { timeout: 20_000 }).toBe("Úřad");
  return opened;
}

async function openNewNoticeForm(page: Page) {
  await page.goto("/urad/uredni-deska/nova");
  await waitForHeading(page, "Nový dokument na úřední desku");
  // The legal minimum arrives from the API and fills "Relevantní do".
  await expect.poll(() => field(page, "Relevantní do").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

async function fillNotice(page: Page, notice: { title: string; category?: string; description?: string }) {
  await field(page, "Název").fill(notice.title);
  if (notice.category) await field(page, "Kategorie").selectOption({ label: notice.category });
  await field(page, "Popis").fill(notice.description ?? "Text oznámení pro občany.");
  await field(page, "Číslo jednací").fill("MULI/123/2026");
  await field(page, "Spisová značka").fill("SZ-45/2026");
}

async function attachPdf(page: Page, fileName: string) {
  const pdf = minimalPdf("Vyhláška", ["Obsah vyhlášky pro zkoušku."]);
  await page.getByLabel("Přidat soubory").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: pdf });
  await page
    .getByRole("listitem")
    .filter({ hasText: fileName })
    .getByRole("button", { name: `Odebrat přílohu ${fileName}` })
    .waitFor();
}

function toast(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text }).first();
}

/** Searches the public board (or archive) by typing and pressing Enter, as a citizen would. */
async function searchPublic(page: Page, path: "/uredni-deska" | "/uredni-deska/archiv", words: string) {
  await page.goto(path);
  await page.getByRole("searchbox", { name: "Hledat" }).fill(words);
  await page.getByRole("searchbox", { name: "Hledat" }).press("Enter");
  await page.waitForURL((url) => url.searchParams.get("hledat") === words);
}

describe("a clerk posts a notice and a citizen reads it", () => {
  it("creates it with a PDF, posts it, the citizen finds it without diacritics and opens it; withdrawn, it moves to the archive", async () => {
    const { page: clerk } = await openAsClerk("desktop");
    const errors = trackPageErrors(clerk);
    const word = uniqueWord();
    const title = `Vyhláška o nočním klidu ${word}`;
    const fileName = `Vyhláška ${word}.pdf`;

    // From the clerk's desk to the agenda's list, then the form.
    await clerk.goto("/urad");
    await clerk.getByRole("main").getByRole("link", { name: "Úřední deska" }).click();
    await waitForHeading(clerk, "Úřední deska – správa");
    await clerk.getByRole("link", { name: "Nový dokument" }).click();
    await waitForHeading(clerk, "Nový dokument na úřední desku");
    await expect.poll(() => field(clerk, "Relevantní do").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await descriptionOf(field(clerk, "Relevantní do"))).toMatch(
      /Zákonné minimum je 15 dní: relevantní nejméně do \d{1,2}\. \d{1,2}\. \d{4}\./,
    );
    await clerk.getByText(/Dokument bude sejmut \d{1,2}\. \d{1,2}\. \d{4} 0:00\./).waitFor();
    // The originator defaults to the town.
    expect(await field(clerk, "Původce").inputValue()).toBe("Město Lipnice");

    await fillNotice(clerk, { title, category: "Vyhlášky a nařízení", description: "Stanoví dobu nočního klidu." });
    await attachPdf(clerk, fileName);
    await clerk.getByRole("button", { name: "Schválit a vyvěsit" }).click();
    await toast(clerk, "Dokument je vyvěšen na úřední desce.").waitFor();
    await clerk.waitForURL(/\/urad\/uredni-deska\/[0-9a-f-]{36}$/);
    await waitForHeading(clerk, title);
    await clerk.getByText("Vyvěšeno", { exact: true }).first().waitFor();
    const noticeId = clerk.url().split("/").pop()!;

    // The record names who approved it; the confirmation of posting is a PDF for the clerk.
    const record = clerk.getByRole("table", { name: "Události" });
    await record.getByRole("row").filter({ hasText: "Schválen" }).filter({ hasText: DEMO_ACCOUNTS.clerk.fullName }).waitFor();
    const confirmation = clerk.getByRole("link", { name: "Potvrzení o vyvěšení (PDF)" });
    expect(await confirmation.getAttribute("href")).toBe(`/api/uredni-deska/${noticeId}/potvrzeni.pdf`);
    const pdf = await clerk.request.get(`/api/uredni-deska/${noticeId}/potvrzeni.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectAccessible(clerk, "/urad/uredni-deska/<id> posted (desktop)");

    // A citizen, not signed in, on a phone: "vyhlaska" finds "Vyhláška".
    const { page: citizen } = await portal.open("phone");
    await searchPublic(citizen, "/uredni-deska", `vyhlaska ${word.toLowerCase()}`);
    // Exactly one result: the new notice (the unfiltered list shown before also has it, so wait for the search's).
    const results = citizen.getByRole("list", { name: "Vyvěšené dokumenty" }).getByRole("listitem");
    await expect.poll(() => results.allTextContents()).toEqual([expect.stringContaining(title)]);
    const card = results.filter({ hasText: title });
    await card.getByRole("link", { name: title }).click();
    await citizen.waitForURL(`**/uredni-deska/${noticeId}`);
    await waitForHeading(citizen, title);
    await citizen.getByText("MULI/123/2026").waitFor();
    await citizen.getByText("SZ-45/2026").waitFor();
    await citizen.getByText("Stanoví dobu nočního klidu.").waitFor();
    const attachment = citizen.getByRole("link", { name: fileName });
    await citizen.getByText(/\(PDF, \d+ kB\)/).waitFor();
    const download = await citizen.request.get((await attachment.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectAccessible(citizen, "/uredni-deska/<id> (phone)");

    // The clerk withdraws it; a reason is required.
    await clerk.getByRole("button", { name: "Předčasně sejmout" }).click();
    const dialog = clerk.getByRole("dialog", { name: "Předčasné sejmutí" });
    await dialog.waitFor();
    await expectAccessible(clerk, "withdraw dialog (desktop)");
    await dialog.getByRole("button", { name: "Sejmout z úřední desky" }).click();
    expect(await descriptionOf(field(dialog, "Důvod předčasného sejmutí"))).toContain("Uveďte důvod.");
    await field(dialog, "Důvod předčasného sejmutí").fill("Vyvěšeno omylem, nahrazeno novým zněním.");
    await dialog.getByRole("button", { name: "Sejmout z úřední desky" }).click();
    await toast(clerk, "Dokument byl sejmut z úřední desky.").waitFor();
    await dialog.waitFor({ state: "hidden" });
    await clerk.getByText("Předčasně sejmuto", { exact: true }).first().waitFor();
    await clerk.getByRole("table", { name: "Události" }).getByRole("row").filter({ hasText: "Předčasně sejmut" }).waitFor();

    // Gone from the board, in the archive with the reason.
    await searchPublic(citizen, "/uredni-deska", `vyhlaska ${word.toLowerCase()}`);
    await citizen.getByText("Hledání nic nenašlo.").waitFor();
    await searchPublic(citizen, "/uredni-deska/archiv", word.toLowerCase());
    await citizen.getByRole("listitem").filter({ hasText: title }).getByText("Předčasně sejmuto").waitFor();
    await citizen.getByRole("link", { name: title }).click();
    await waitForHeading(citizen, title);
    await citizen.getByText(/^Předčasně sejmuto \d/).waitFor();
    await citizen.getByText("Vyvěšeno omylem, nahrazeno novým zněním.").waitFor();
    // The archive keeps its attachment.
    expect((await citizen.request.get((await citizen.getByRole("link", { name: fileName }).getAttribute("href"))!)).status()).toBe(200);
    await expectAccessible(citizen, "archived notice (phone)");
    expect(errors).toEqual([]);
  });

  it("a scheduled notice is not on the board until its time", async () => {
    const { page: clerk } = await openAsClerk("desktop");
    const word = uniqueWord();
    const title = `Oznámení o plánované uzavírce ${word}`;
    await openNewNoticeForm(clerk);
    await fillNotice(clerk, { title });
    await clerk.getByRole("radio", { name: "Naplánovat na později" }).check();
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toLocaleDateString("sv-SE", { timeZone: "Europe/Prague" });
    await field(clerk, "Datum a čas vyvěšení").fill(`${tomorrow}T08:00`);
    await clerk.getByRole("button", { name: "Schválit a naplánovat" }).click();
    // Approving and the refetch that follows can take long on a busy machine.
    await toast(clerk, /Dokument bude vyvěšen \d{1,2}\. \d{1,2}\. \d{4} 8:00\./).waitFor({ timeout: 30_000 });
    await waitForHeading(clerk, title);
    await clerk.getByText("Naplánováno", { exact: true }).first().waitFor();
    const publicPath = new URL(clerk.url()).pathname.replace("/urad/uredni-deska/", "/uredni-deska/");

    // The clerk's list shows it under "Naplánované".
    await clerk.goto("/urad/uredni-deska?stav=scheduled");
    await clerk.getByRole("table").getByRole("link", { name: title }).waitFor();

    const { page: citizen } = await portal.open("phone");
    await searchPublic(citizen, "/uredni-deska", word);
    await citizen.getByText("Hledání nic nenašlo.").waitFor();
    // Nor under its own address.
    await citizen.goto(publicPath);
    await waitForHeading(citizen, "Dokument nenalezen");
  });
});

describe("the notice form", () => {
  it("shows field errors next to the fields, from the form and from the API, and loses nothing typed", async () => {
    const { page } = await openAsClerk("desktop");
    await openNewNoticeForm(page);

    // Empty title: caught before sending, focus moves to the field.
    await page.getByRole("button", { name: "Uložit koncept" }).click();
    const title = field(page, "Název");
    expect(await title.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(title)).toContain("Vyplňte toto pole.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("title");

    // "Relevant until" before the legal minimum: the API refuses it without a reason.
    const word = uniqueWord();
    await title.fill(`Oznámení ${word}`);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toLocaleDateString("sv-SE", { timeZone: "Europe/Prague" });
    await field(page, "Relevantní do").fill(tomorrow);
    // The form offers the reason field for a shorter window, and the way back to the minimum.
    await field(page, "Důvod kratší doby vyvěšení").waitFor();
    await page.getByRole("button", { name: /Použít zákonné minimum/ }).waitFor();
    await page.getByRole("button", { name: "Uložit koncept" }).click();
    const relevantUntil = field(page, "Relevantní do");
    await expect.poll(() => relevantUntil.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(relevantUntil)).toMatch(/15/);
    await page.getByRole("alert").filter({ hasText: /\S/ }).first().waitFor();
    // Everything typed is still there.
    expect(await title.inputValue()).toBe(`Oznámení ${word}`);
    expect(await relevantUntil.inputValue()).toBe(tomorrow);
    await expectAccessible(page, "/urad/uredni-deska/nova with errors (desktop)");

    // A long form keeps its draft across a reload.
    await field(page, "Popis").fill("Rozepsaný text, který nesmí zmizet.");
    await page.reload();
    await waitForHeading(page, "Nový dokument na úřední desku");
    expect(await field(page, "Název").inputValue()).toBe(`Oznámení ${word}`);
    expect(await field(page, "Popis").inputValue()).toBe("Rozepsaný text, který nesmí zmizet.");

    // With a reason, the short window is accepted; the draft is saved and the form's draft cleared.
    await field(page, "Důvod kratší doby vyvěšení").fill("Zasedání svolané v krátké lhůtě.");
    await page.getByRole("button", { name: "Uložit koncept" }).click();
    await toast(page, "Koncept byl uložen.").waitFor();
    await page.waitForURL(/\/urad\/uredni-deska\/[0-9a-f-]{36}$/);
    await waitForHeading(page, `Oznámení ${word}`);
    await page.getByText("Koncept", { exact: true }).first().waitFor();
    await page.goto("/urad/uredni-deska/nova");
    await waitForHeading(page, "Nový dokument na úřední desku");
    expect(await field(page, "Název").inputValue()).toBe("");
  });
});

describe.each(["phone", "desktop"] as ViewportName[])("axe on a %s", (viewport) => {
  it("the clerk's notice pages", async () => {
    const { page } = await openAsClerk(viewport);
    for (const path of ["/urad", "/urad/uredni-deska", "/urad/uredni-deska?stav=posted", "/urad/uredni-deska/nova"]) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page, `${path} (${viewport})`);
    }
    // A seeded notice's page (posted, with attachments and a record).
    await page.goto("/urad/uredni-deska?stav=posted");
    const rows = viewport === "desktop" ? page.getByRole("table") : page.getByRole("list", { name: "Vyvěšené" });
    await rows.getByRole("link").first().click();
    await page.getByRole("heading", { level: 2, name: "Záznam o dokumentu" }).waitFor();
    await expectAccessible(page, `/urad/uredni-deska/<id> (${viewport})`);
  });
});
