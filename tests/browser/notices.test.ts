import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { minimalPdf } from "../../prisma/seed/notices.ts";
import {
  cachedPaths,
  expectAccessible,
  logIn,
  persistedGraphcacheEntries,
  trackPageErrors,
  usePortal,
  waitForHeading,
  waitForServiceWorker,
  type ViewportName,
} from "../kit/browser.ts";
import { DEMO_ACCOUNTS } from "../kit/server.ts";

// The public notice board (úřední deska) on citizens' phones and desktops: the board with its filters in the URL,
// the archive, a notice's detail with attachments and corrections, and the offline copy, which never shows a
// notice past its take-down moment and forgets notices that have left the board. The demo town's seeded board
// (prisma/seed/notices.ts) is read as it is; tests that change notices create their own.

const portal = usePortal();

const COUNCIL_MEETING = /^Informace o konání zasedání Zastupitelstva města Lipnice dne/;
const LAND_SALE = /Záměr prodeje pozemku p\. č\. 1234\/5/;
const DOOR_TO_DOOR_BAN = "Nařízení města Lipnice č. 1/2026, kterým se zakazuje podomní a pochůzkový prodej";

let sequence = 0;
function uniqueWord(): string {
  sequence += 1;
  return `Deska${Date.now().toString(36)}${sequence}`;
}

/** The titles of the notices listed on the page (board or archive), in order. */
function listedTitles(page: Page): Promise<string[]> {
  return page.locator("main li article h2").allTextContents();
}

/**
 * Posts a notice with one PDF through the API as the demo clerk would (upload with the GraphQL multipart request,
 * create, approve), from a signed-in page so the session and CSRF header are the app's own. Returns its ids.
 */
async function postNotice(title: string, fileName: string): Promise<{ id: string; uuid: string; fileUrl: string }> {
  const { page } = await portal.open("desktop");
  await logIn(page, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
  const pdf = minimalPdf(title, ["Text dokumentu pro zkousku."]).toString("base64");
  const result = await page.evaluate(
    async ({ title, fileName, pdf }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )portal_csrf=([^;]*)/)?.[1] ?? "");
      // As the app's client: the session's CSRF token, and the header that tells the API no cross-site form sent this.
      const headers = { "x-csrf-token": csrf, "x-portal-csrf": "1", accept: "application/json" };
      const call = async (query: string, variables: object) => {
        const response = await fetch("/graphql", {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as { data: Record<string, Record<string, unknown>> };
      };
      const body = new FormData();
      body.append(
        "operations",
        JSON.stringify({
          query: "mutation ($file: File!) { uploadFile(file: $file) { __typename ... on UploadFileSuccess { file { id } } } }",
          variables: { file: null },
        }),
      );
      body.append("map", JSON.stringify({ 0: ["variables.file"] }));
      body.append("0", new File([Uint8Array.from(atob(pdf), (c) => c.charCodeAt(0))], fileName, { type: "application/pdf" }));
      const upload = (await (await fetch("/graphql", { method: "POST", headers, body })).json()) as {
        data: { uploadFile: { file: { id: string } } };
      };
      const created = await call(
        "mutation ($input: NoticeInput!) { createNotice(input: $input) { __typename ... on CreateNoticeSuccess { notice { id } } } }",
        {
          input: { title, category: "ANNOUNCEMENTS", description: "Oznámení pro občany.", attachmentIds: [upload.data.uploadFile.file.id] },
        },
      );
      const id = (created.data.createNotice!.notice as { id: string }).id;
      const approved = await call(
        "mutation ($input: ApproveNoticeInput!) { approveNotice(input: $input) { __typename ... on ApproveNoticeSuccess { notice { attachments { url } } } } }",
        { input: { id } },
      );
      const notice = approved.data.approveNotice!.notice as { attachments: { url: string }[] };
      return { id, fileUrl: notice.attachments[0]!.url };
    },
    { title, fileName, pdf },
  );
  await page.context().close();
  const uuid = atob(result.id).split(":")[1]!;
  return { ...result, uuid };
}

async function withdrawNotice(id: string, reason: string) {
  const { page } = await portal.open("desktop");
  await logIn(page, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
  const typename = await page.evaluate(
    async ({ id, reason }) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )portal_csrf=([^;]*)/)?.[1] ?? "");
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify({
          query: "mutation ($input: WithdrawNoticeInput!) { withdrawNotice(input: $input) { __typename } }",
          variables: { input: { id, reason } },
        }),
      });
      return ((await response.json()) as { data: { withdrawNotice: { __typename: string } } }).data.withdrawNotice.__typename;
    },
    { id, reason },
  );
  expect(typename).toBe("WithdrawNoticeSuccess");
  await page.context().close();
}

/** Fetches a URL from the page (through its service worker, as the page's own link would). */
function fetchFromPage(page: Page, url: string) {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get("content-type"), head: String.fromCharCode(...bytes.slice(0, 5)) };
  }, url);
}

/** Opens the board as a citizen and waits until the service worker controls the page and the data is stored. */
async function openBoardForOffline(viewport: ViewportName = "phone") {
  const opened = await portal.open(viewport);
  await opened.page.goto("/uredni-deska");
  await waitForHeading(opened.page, "Úřední deska");
  await waitForServiceWorker(opened.page);
  await waitForHeading(opened.page, "Úřední deska");
  await opened.page.locator("main li article").first().waitFor();
  return opened;
}

describe.each(["phone", "desktop"] as ViewportName[])("the board on a %s", (viewport) => {
  it("lists what is posted, newest first, searches without diacritics, filters by keyboard, keeps filters in the URL", async () => {
    const { page } = await portal.open(viewport);
    const errors = trackPageErrors(page);
    await page.goto("/");
    // The home page's teaser and the main menu lead to the board.
    await page.getByRole("heading", { level: 2, name: "Z úřední desky" }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "Celá úřední deska" }).click();
    await waitForHeading(page, "Úřední deska");
    await page.locator("main li article").first().waitFor();
    expect(await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute("href")).toBe(
      "/feeds/uredni-deska.rss",
    );
    for (const name of ["Odběr novinek (RSS)", "Odběr novinek (Atom)", "Otevřená data (OFN Úřední desky, JSON-LD)"]) {
      await page.getByRole("link", { name }).waitFor();
    }
    const all = await listedTitles(page);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(all.some((title) => COUNCIL_MEETING.test(title))).toBe(true);
    // Scheduled, archived and draft notices are not on the board.
    expect(all).not.toContain("Mobilní svoz nebezpečného odpadu – jarní termín");
    expect(all).not.toContain(DOOR_TO_DOOR_BAN);
    const postedDates = await page
      .locator("main li article dd")
      .filter({ hasText: /^\d{1,2}\. \d{1,2}\. \d{4}$/ })
      .allTextContents();
    expect(postedDates.length).toBeGreaterThan(0);
    await expectAccessible(page, `/uredni-deska (${viewport})`);

    // Keyboard only: Tab reaches the search field, Enter searches.
    await page.getByRole("heading", { level: 1 }).focus();
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute("type"))) !== "search"; i++) {
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("search");
    await page.keyboard.type("vyhlaska");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("hledat") === "vyhlaska");
    const onlyDecrees = async () => {
      const titles = await listedTitles(page);
      return titles.length >= 2 && titles.every((title) => /vyhláš/i.test(title));
    };
    await expect.poll(onlyDecrees, { timeout: 15_000 }).toBe(true);
    const found = await listedTitles(page);

    // The further filters: the disclosure opens with Enter, the category is chosen, the button applied by keyboard.
    // (A search is a navigation: focus went to the page's heading, as on every page change; Tab goes on from there.)
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent);
    for (let i = 0; i < 6 && (await focusedText()) !== "Další filtry"; i++) await page.keyboard.press("Tab");
    expect(await focusedText()).toBe("Další filtry");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("category");
    await page.getByLabel("Kategorie").selectOption({ label: "Vyhlášky a nařízení" });
    // Then through the other filters (a date field has a Tab stop per part) to the search button.
    const activeName = () => page.evaluate(() => document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent);
    for (const name of ["originator", "postedFrom", "postedTo", "Hledat"]) {
      for (let i = 0; i < 5 && (await activeName()) !== name; i++) await page.keyboard.press("Tab");
      expect(await activeName()).toBe(name);
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Hledat");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.searchParams.get("kategorie") === "DECREES" && url.searchParams.get("hledat") === "vyhlaska");
    await expect.poll(() => listedTitles(page)).toEqual([expect.stringMatching(/^Obecně závazná vyhláška č\. 2\/2026/)]);
    await expectAccessible(page, `/uredni-deska with filters open (${viewport})`);

    // The back button returns to the earlier search, then to the whole board; the form follows.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("hledat") === "vyhlaska" && !url.searchParams.has("kategorie"));
    await expect.poll(() => listedTitles(page)).toEqual(found);
    expect(await page.getByRole("searchbox", { name: "Hledat" }).inputValue()).toBe("vyhlaska");
    await page.goBack();
    await page.waitForURL((url) => url.search === "");
    await expect.poll(() => listedTitles(page)).toEqual(all);
    expect(await page.getByRole("searchbox", { name: "Hledat" }).inputValue()).toBe("");

    // A shared link opens the same search.
    await page.goto("/uredni-deska?hledat=PODOMNI");
    await page.getByText("Hledání nic nenašlo.").waitFor();
    expect(errors).toEqual([]);
  });

  it("the archive and a notice's detail: attachments, corrections, taken-down notices marked", async () => {
    const { page } = await portal.open(viewport);
    await page.goto("/uredni-deska/archiv");
    await waitForHeading(page, "Archiv úřední desky");
    await page.getByRole("searchbox", { name: "Hledat" }).fill("podomni prodej");
    await page.getByRole("searchbox", { name: "Hledat" }).press("Enter");
    await expect.poll(() => listedTitles(page)).toEqual([DOOR_TO_DOOR_BAN]);
    await expectAccessible(page, `/uredni-deska/archiv (${viewport})`);
    await page.getByRole("link", { name: DOOR_TO_DOOR_BAN }).click();
    await waitForHeading(page, DOOR_TO_DOOR_BAN);
    await page.getByText(/^Sejmuto \d{1,2}\. \d{1,2}\. \d{4} 0:00$/).waitFor();
    await expectAccessible(page, `archived notice (${viewport})`);

    // A posted notice with an attachment and a correction.
    await page.goto("/uredni-deska");
    await page.getByRole("link", { name: LAND_SALE }).click();
    await page.getByRole("heading", { level: 1, name: LAND_SALE }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Přílohy" }).waitFor();
    const attachment = page.getByRole("link", { name: "Snímek katastrální mapy.pdf" });
    await page
      .getByText(/\(PDF, \d+ kB\)/)
      .first()
      .waitFor();
    const download = await fetchFromPage(page, (await attachment.getAttribute("href"))!);
    expect(download).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    await page.getByRole("heading", { level: 2, name: "Historie oprav" }).waitFor();
    await page.getByText(/^Znění č\. 2 ze dne/).waitFor();
    await page.getByText(/Bude sejmuto/).waitFor();
    await expectAccessible(page, `/uredni-deska/<id> (${viewport})`);

    // An unknown or malformed id is a plain "not found", not an error.
    await page.goto("/uredni-deska/00000000-0000-4000-8000-000000000000");
    await waitForHeading(page, "Dokument nenalezen");
    await page.goto("/uredni-deska/nic-takoveho");
    await waitForHeading(page, "Stránka nenalezena");
  });
});

describe("offline", () => {
  it("the board, an opened notice and its opened attachment are readable offline, with the time of the last update", async () => {
    const word = uniqueWord();
    const title = `Oznámení k přečtení offline ${word}`;
    const notice = await postNotice(title, `Příloha ${word}.pdf`);

    const { context, page } = await openBoardForOffline("phone");
    const errors = trackPageErrors(page);
    await page.getByRole("link", { name: title }).click();
    await waitForHeading(page, title);
    // Opening the attachment: the browser navigates to it; the service worker keeps a copy.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(notice.fileUrl)),
      page
        .getByRole("link", { name: `Příloha ${word}.pdf` })
        .click()
        .catch(() => undefined),
    ]);
    expect(response.status()).toBe(200);
    await expect.poll(() => cachedPaths(page)).toContain(notice.fileUrl);
    await page.goto(`/uredni-deska/${notice.uuid}`);
    await waitForHeading(page, title);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => persistedGraphcacheEntries(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500);

    await context.setOffline(true);
    await page.reload();
    await waitForHeading(page, title);
    await page.getByText("Oznámení pro občany.").waitFor();
    const banner = page.getByRole("status").filter({ hasText: "Jste offline." });
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Zobrazené údaje jsou z \d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}/);
    expect(await fetchFromPage(page, notice.fileUrl)).toEqual({ status: 200, type: "application/pdf", head: "%PDF-" });
    await expectAccessible(page, "offline notice (phone)");

    await page.getByRole("link", { name: "Zpět na úřední desku" }).click();
    await waitForHeading(page, "Úřední deska");
    await page.getByRole("link", { name: title }).waitFor();
    await page.reload();
    await waitForHeading(page, "Úřední deska");
    await page.getByRole("link", { name: title }).waitFor();
    await page
      .getByText(/Zobrazujeme kopii úřední desky uloženou v zařízení, aktuální k \d{1,2}\. \d{1,2}\. \d{4} \d{1,2}:\d{2}\./)
      .waitFor();
    await expectAccessible(page, "offline board (phone)");

    await context.setOffline(false);
    await banner.waitFor({ state: "detached", timeout: 15_000 });
    expect(errors).toEqual([]);
  });

  it("a cached notice is not shown once its take-down moment has passed on the device's clock", async () => {
    const council = await portal.server.database.prisma.notice.findFirstOrThrow({
      where: { title: { startsWith: "Informace o konání zasedání" }, status: "APPROVED", takeDownAt: { gt: new Date() } },
    });
    const { context, page } = await openBoardForOffline("phone");
    await page.getByRole("link", { name: council.title }).click();
    await waitForHeading(page, council.title);
    await page.goto("/");
    await page.getByRole("heading", { level: 2, name: "Z úřední desky" }).waitFor();
    await page.getByRole("link", { name: council.title }).waitFor();
    await page.goto("/uredni-deska");
    await page.getByRole("link", { name: council.title }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);

    // Offline, one minute after the take-down moment by the device's clock.
    await context.setOffline(true);
    await page.clock.setFixedTime(new Date(council.takeDownAt.getTime() + 60_000));
    await page.reload();
    await waitForHeading(page, "Úřední deska");
    await page.locator("main li article").first().waitFor();
    const titles = await listedTitles(page);
    expect(titles).not.toContain(council.title);
    expect(titles.some((title) => /^Obecně závazná vyhláška č\. 2\/2026/.test(title))).toBe(true);
    await page.getByText("Dokumenty, kterým mezitím skončila doba vyvěšení, se nezobrazují.").waitFor();

    // Its cached detail is not shown either; the page says it was taken down and where to find it.
    await page.goto(`/uredni-deska/${council.id}`);
    await waitForHeading(page, "Dokument už není vyvěšen");
    await page.getByText(/Tento dokument byl z úřední desky sejmut \d{1,2}\. \d{1,2}\. \d{4} 0:00\./).waitFor();
    await page.getByText("Po připojení k internetu ho najdete v archivu úřední desky.").waitFor();
    expect(await page.getByText(council.description.slice(0, 30)).count()).toBe(0);
    await expectAccessible(page, "taken-down notice offline (phone)");

    // Nor on the home page's teaser.
    await page.goto("/");
    await page.getByRole("heading", { level: 2, name: "Z úřední desky" }).waitFor();
    await page.locator("main section li a").first().waitFor();
    expect(await page.locator("main section li a").allTextContents()).not.toContain(council.title);
  });

  it("a notice withdrawn early leaves the offline copy, with its attachment, once the board is refreshed online", async () => {
    const word = uniqueWord();
    const title = `Oznámení ke stažení ${word}`;
    const notice = await postNotice(title, `Příloha ${word}.pdf`);
    const cachedFile = notice.fileUrl;

    const { context, page } = await openBoardForOffline("phone");
    await page.getByRole("link", { name: title }).click();
    await waitForHeading(page, title);
    expect((await fetchFromPage(page, notice.fileUrl)).status).toBe(200);
    await expect.poll(() => cachedPaths(page)).toContain(cachedFile);

    await withdrawNotice(notice.id, "Vyvěšeno omylem.");
    // Back on the board online: the refreshed list no longer has it, and the device forgets its attachment.
    await page.getByRole("link", { name: "Zpět na úřední desku" }).click();
    await waitForHeading(page, "Úřední deska");
    await expect.poll(() => listedTitles(page), { timeout: 10_000 }).not.toContain(title);
    await expect.poll(() => cachedPaths(page), { timeout: 10_000 }).not.toContain(cachedFile);
    await page.waitForTimeout(500);

    // Offline, its page says it was taken down instead of showing the old copy.
    await context.setOffline(true);
    await page.goto(`/uredni-deska/${notice.uuid}`);
    await waitForHeading(page, "Dokument už není vyvěšen");
    await page.goto("/uredni-deska");
    await page.locator("main li article").first().waitFor();
    expect(await listedTitles(page)).not.toContain(title);
  });
});
