import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, field, launchBrowser, logIn, newContext } from "../kit/browser.ts";
import { DEMO_ACCOUNTS, latestEmail, pathOf, startTestServer, type TestServer } from "../kit/server.ts";

// The clerk and admin areas and who may open them. Clerks work on desktops; the access rules are also checked on
// a phone, where a citizen is most likely to stumble on a staff URL.

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const STAFF_CHUNK = /\/assets\/(AdminLayout|AdminHomePage|ClerksPage|ApiTokensPage|OutboxPage|ClerkPage)-[^/]+\.js$/;

async function heading(page: Page, name: string) {
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe("access rules", () => {
  it("the public home page does not load the clerk or admin code", async () => {
    const context = await newContext(browser, server.url, "phone");
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto("/");
    await heading(page, "Město Lipnice");
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => STAFF_CHUNK.test(path))).toEqual([]);
    await context.close();
  });

  // Defect reported to the PWA engineer: vite.config.ts precaches every *.js, so the service worker downloads the
  // clerk and admin chunks to every citizen's phone right after the first visit. Flip to `it` once fixed.
  it.fails("the service worker does not download the clerk or admin code to a citizen's phone", async () => {
    const context = await newContext(browser, server.url, "phone");
    const page = await context.newPage();
    await page.goto("/");
    await heading(page, "Město Lipnice");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((path) => STAFF_CHUNK.test(path))).toEqual([]);
    await context.close();
  });

  it("a citizen cannot open the clerk or admin area", async () => {
    const context = await newContext(browser, server.url, "phone");
    const page = await context.newPage();
    await logIn(page, DEMO_ACCOUNTS.citizen.email, DEMO_ACCOUNTS.citizen.password);
    await heading(page, "Můj účet");
    for (const path of ["/sprava", "/sprava/urednici", "/urad"]) {
      await page.goto(path);
      await heading(page, "Přístup odepřen");
      await page.getByText("K této části portálu nemáte oprávnění.").waitFor();
      await expectAccessible(page, `${path} as citizen (phone)`);
    }
    // The menu offers nothing the citizen cannot use.
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("navigation", { name: "Hlavní menu" });
    await menu.getByRole("link", { name: "Můj účet" }).waitFor();
    expect(await menu.getByRole("link", { name: "Úřad" }).count()).toBe(0);
    expect(await menu.getByRole("link", { name: "Správa" }).count()).toBe(0);
    await context.close();
  });

  it("an anonymous visitor of a staff page is sent to the login page and back", async () => {
    const context = await newContext(browser, server.url, "desktop");
    const page = await context.newPage();
    await page.goto("/sprava/api-tokeny");
    await page.waitForURL(/\/prihlaseni\?next=%2Fsprava%2Fapi-tokeny$/);
    await page.getByText("Pro pokračování se přihlaste.").waitFor();
    await logIn(page, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await page.waitForURL("**/sprava/api-tokeny");
    await heading(page, "API tokeny");
    await context.close();
  });

  it("a clerk sees only their agendas and cannot open the admin area", async () => {
    const context = await newContext(browser, server.url, "desktop");
    const page = await context.newPage();
    await logIn(page, DEMO_ACCOUNTS.clerk.email, DEMO_ACCOUNTS.clerk.password);
    await page.waitForURL("**/urad");
    await heading(page, "Úřad");
    await expectAccessible(page, "/urad as clerk (desktop)");
    const agendas = page.locator("section[aria-labelledby='agendas-heading'] li");
    const names = await agendas.locator("p.font-semibold").allTextContents();
    expect(names).toEqual(["Úřední deska", "Registry", "Podání"]);
    const nav = page.getByRole("navigation", { name: "Hlavní menu" });
    await nav.getByRole("link", { name: "Úřad" }).waitFor();
    expect(await nav.getByRole("link", { name: "Správa" }).count()).toBe(0);

    await page.goto("/sprava");
    await heading(page, "Přístup odepřen");
    await expectAccessible(page, "/sprava as clerk (desktop)");
    await context.close();
  });
});

describe("admin area", () => {
  it("adds a clerk (invitation in the outbox), who sets a password and sees the granted agendas", async () => {
    const context = await newContext(browser, server.url, "desktop");
    const page = await context.newPage();
    await logIn(page, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await page.goto("/sprava");
    await heading(page, "Správa portálu");
    await expectAccessible(page, "/sprava (desktop)");
    await page.getByRole("navigation", { name: /správ/i }).getByRole("link", { name: "Úředníci" }).click();
    await heading(page, "Úředníci");
    await page.getByRole("cell", { name: DEMO_ACCOUNTS.clerk.email, exact: true }).waitFor();
    await expectAccessible(page, "/sprava/urednici (desktop)");

    await page.getByRole("button", { name: "Přidat úředníka" }).click();
    const dialog = page.getByRole("dialog", { name: "Přidat úředníka" });
    await dialog.waitFor();
    // Bad input first: the fields say what is wrong, in Czech.
    await field(dialog, "E-mail").fill("ne-e-mail");
    await dialog.getByRole("button", { name: "Přidat úředníka" }).click();
    await expect.poll(() => field(dialog, "E-mail").getAttribute("aria-invalid")).toBe("true");
    await dialog.getByText("Zadejte e-mail ve tvaru jmeno@example.cz.").waitFor();
    await expectAccessible(page, "/sprava/urednici create dialog (desktop)");

    const email = "nova.referentka@lipnice.example";
    await field(dialog, "Jméno a příjmení").fill("Nová Referentka");
    await field(dialog, "E-mail").fill(email);
    await dialog.getByLabel("Finance").check();
    await dialog.getByLabel("Dotace").check();
    await dialog.getByRole("button", { name: "Přidat úředníka" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`Úředník ${email} je přidán`).waitFor();
    // The list itself is refreshed only on reload: see the expected failure below.
    await page.reload();
    await page.getByRole("cell", { name: email, exact: true }).waitFor();

    const invitation = await latestEmail(server.database, email, /Váš účet na Portálu občana/);
    expect(invitation.link).toMatch(/\/obnova-hesla\?token=/);

    // The outbox page shows the invitation, and the message opens with its link.
    await page.getByRole("link", { name: "Odchozí pošta" }).click();
    await heading(page, "Odchozí pošta");
    await field(page, "Příjemce").fill(email);
    await page.getByRole("button", { name: "Filtrovat" }).click();
    await page.getByRole("button", { name: invitation.subject }).click();
    const message = page.getByRole("dialog", { name: invitation.subject });
    await message.getByRole("link", { name: invitation.link! }).waitFor();
    await expectAccessible(page, "/sprava/odchozi-posta message (desktop)");
    await message.getByRole("button", { name: "Zavřít" }).click();

    // The new clerk sets a password from the invitation and sees exactly the two agendas.
    const clerkContext = await newContext(browser, server.url, "desktop");
    const clerkPage = await clerkContext.newPage();
    await clerkPage.goto(pathOf(invitation.link!));
    await field(clerkPage, "Nové heslo").fill("Referentka-heslo-2026");
    await clerkPage.getByRole("button", { name: "Nastavit heslo" }).click();
    await clerkPage.getByText("Heslo je nastaveno.").waitFor();
    await logIn(clerkPage, email, "Referentka-heslo-2026");
    await heading(clerkPage, "Úřad");
    const names = await clerkPage.locator("section[aria-labelledby='agendas-heading'] li p.font-semibold").allTextContents();
    expect(names).toEqual(["Finance", "Dotace"]);
    await clerkContext.close();
    await context.close();
  });

  // Defect reported to the PWA engineer: pwa/src/graphql/cache.ts invalidates Query.clerks without arguments, but the
  // page queries clerks(first: 50), a different cache field, so the new clerk appears only after a reload.
  it.fails("shows a newly added clerk in the list without a reload", async () => {
    const context = await newContext(browser, server.url, "desktop");
    const page = await context.newPage();
    await logIn(page, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await page.goto("/sprava/urednici");
    await page.getByRole("cell", { name: DEMO_ACCOUNTS.clerk.email, exact: true }).waitFor();
    await page.getByRole("button", { name: "Přidat úředníka" }).click();
    const dialog = page.getByRole("dialog", { name: "Přidat úředníka" });
    await field(dialog, "Jméno a příjmení").fill("Druhý Referent");
    await field(dialog, "E-mail").fill("druhy.referent@lipnice.example");
    await dialog.getByRole("button", { name: "Přidat úředníka" }).click();
    await page.getByText("Úředník druhy.referent@lipnice.example je přidán").waitFor();
    await page.getByRole("cell", { name: "druhy.referent@lipnice.example", exact: true }).waitFor({ timeout: 3_000 });
    await context.close();
  });

  it("creates an API token that is shown once, and revokes it", async () => {
    const context = await newContext(browser, server.url, "desktop");
    const page = await context.newPage();
    await logIn(page, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await page.goto("/sprava/api-tokeny");
    await heading(page, "API tokeny");
    await expectAccessible(page, "/sprava/api-tokeny (desktop)");

    await page.getByRole("button", { name: "Vytvořit token" }).click();
    const dialog = page.getByRole("dialog", { name: "Vytvořit token" });
    await field(dialog, "Název").fill("Spisová služba");
    await dialog.getByRole("button", { name: "Vytvořit token" }).click();
    await dialog.getByText("Vyberte alespoň jednu možnost.").waitFor();
    await dialog.getByRole("checkbox").first().check();
    await dialog.getByRole("button", { name: "Vytvořit token" }).click();

    const created = page.getByRole("dialog", { name: "Token je vytvořen" });
    await created.getByText("zobrazí se jen teď").waitFor();
    const token = await field(created, "Token").inputValue();
    expect(token.length).toBeGreaterThan(20);
    await expectAccessible(page, "/sprava/api-tokeny token shown (desktop)");
    await created.getByRole("button", { name: "Zavřít" }).click();

    // Never again: not in the list, not after a reload.
    await page.reload();
    await heading(page, "API tokeny");
    await page.getByRole("cell", { name: "Spisová služba", exact: true }).waitFor();
    expect(await page.content()).not.toContain(token);

    // The token works against the API until revoked.
    const query = (bearer: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query: "{ municipality { name } }" }),
      });
    expect((await query(token)).status).toBe(200);

    await page.getByRole("button", { name: "Zneplatnit: Spisová služba" }).click();
    const confirm = page.getByRole("dialog", { name: "Zneplatnit token" });
    await confirm.getByRole("button", { name: "Zneplatnit" }).click();
    await page.getByText("Token „Spisová služba“ je zneplatněn.").waitFor();
    await page.getByRole("cell", { name: /Zneplatněn/ }).waitFor();
    const row = await server.database.prisma.apiToken.findFirstOrThrow({ where: { name: "Spisová služba" } });
    expect(row.revokedAt).not.toBeNull();
    const afterRevoke = await (await query(token)).json();
    expect(JSON.stringify(afterRevoke)).not.toContain("Město Lipnice");
    await context.close();
  });
});
