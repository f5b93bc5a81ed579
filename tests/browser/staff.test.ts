import { describe, expect, it } from "vitest";
import {
  cachedPaths,
  expectAccessible,
  field,
  logIn,
  persistedGraphcacheEntries,
  usePortal,
  waitForHeading,
  waitForServiceWorker,
} from "../kit/browser.ts";
import { accountEmailJob } from "../../api/src/jobs/account-email.ts";
import { DEMO_ACCOUNTS, latestEmail, pathOf } from "../kit/server.ts";

// The clerk and admin areas and who may open them. Clerks work on desktops; the access rules are also checked on
// a phone, where a citizen is most likely to stumble on a staff URL.

const portal = usePortal();

const STAFF_CHUNK = /\/assets\/(AdminLayout|AdminHomePage|ClerksPage|ApiTokensPage|OutboxPage|DeadLettersPage|ClerkPage)-[^/]+\.js$/;

describe("access rules", () => {
  it("the public home page does not load the clerk or admin code", async () => {
    const { page } = await portal.open("phone");
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
    });
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => STAFF_CHUNK.test(path))).toEqual([]);
  });

  // The service worker precaches the app for offline use, but not the staff areas (pwa/build/staff-only-chunks.ts).
  it("the service worker does not download the clerk or admin code to a citizen's phone", async () => {
    const { page } = await portal.open("phone");
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await waitForServiceWorker(page);
    const cached = await cachedPaths(page);
    // The precache is there (the shell, public pages' chunks), just without the staff code.
    expect(cached).toContain("/index.html");
    expect(cached.filter((path) => /\/assets\/LoginPage-[^/]+\.js$/.test(path))).toHaveLength(1);
    expect(cached.filter((path) => STAFF_CHUNK.test(path))).toEqual([]);
  });

  it("a citizen cannot open the clerk or admin area", async () => {
    const { page } = await portal.open("phone", { as: "citizen" });
    await waitForHeading(page, "Můj účet");
    for (const path of ["/sprava", "/sprava/urednici", "/urad"]) {
      await page.goto(path);
      await waitForHeading(page, "Přístup odepřen");
      await page.getByText("K této části portálu nemáte oprávnění.").waitFor();
      await expectAccessible(page, `${path} as citizen (phone)`);
    }
    // The menu offers nothing the citizen cannot use.
    await page.getByRole("button", { name: "Menu" }).click();
    const menu = page.getByRole("navigation", { name: "Hlavní menu" });
    await menu.getByRole("link", { name: "Můj účet" }).waitFor();
    expect(await menu.getByRole("link", { name: "Úřad" }).count()).toBe(0);
    expect(await menu.getByRole("link", { name: "Správa" }).count()).toBe(0);
  });

  it("an anonymous visitor of a staff page is sent to the login page and back", async () => {
    const { page } = await portal.open("desktop");
    await page.goto("/sprava/api-tokeny");
    await page.waitForURL(/\/prihlaseni\?next=%2Fsprava%2Fapi-tokeny$/);
    await page.getByText("Pro pokračování se přihlaste.").waitFor();
    await logIn(page, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    await page.waitForURL("**/sprava/api-tokeny");
    await waitForHeading(page, "API tokeny");
  });

  it("a clerk's desktop opens the clerk area offline after one visit (its code cached at runtime)", async () => {
    const { context, page } = await portal.open("desktop", { as: "clerk" });
    await waitForHeading(page, "Úřad");
    // Under the service worker's control (a reload if the first visit was not), the clerk page's chunk goes through
    // the runtime cache; graphcache keeps the signed-in clerk offline.
    await waitForServiceWorker(page);
    await waitForHeading(page, "Úřad");
    await expect.poll(async () => (await cachedPaths(page)).filter((path) => STAFF_CHUNK.test(path))).not.toEqual([]);
    await expect.poll(() => persistedGraphcacheEntries(page), { timeout: 10_000 }).toBeGreaterThan(0);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole("status").filter({ hasText: "Jste offline." }).waitFor();
    await waitForHeading(page, "Úřad");
    await page.locator("section[aria-labelledby='agendas-heading'] li").first().waitFor();
    await context.setOffline(false);
  });

  it("a clerk sees only their agendas and cannot open the admin area", async () => {
    const { page } = await portal.open("desktop", { as: "clerk" });
    await page.waitForURL("**/urad");
    await waitForHeading(page, "Úřad");
    await expectAccessible(page, "/urad as clerk (desktop)");
    const agendas = page.locator("section[aria-labelledby='agendas-heading'] li");
    const names = await agendas.locator("p.font-semibold").allTextContents();
    expect(names).toEqual(["Úřední deska", "Registry", "Finance", "Podání", "Upozornění", "Rozpočet"]);
    const nav = page.getByRole("navigation", { name: "Hlavní menu" });
    await nav.getByRole("link", { name: "Úřad" }).waitFor();
    expect(await nav.getByRole("link", { name: "Správa" }).count()).toBe(0);

    await page.goto("/sprava");
    await waitForHeading(page, "Přístup odepřen");
    await expectAccessible(page, "/sprava as clerk (desktop)");
  });
});

describe("admin area", () => {
  it("lists the jobs that failed for good; the admin retries one and discards another", async () => {
    const { database, app } = portal.server;
    const host = await database.prisma.municipalityHost.findUniqueOrThrow({ where: { hostname: "localhost" } });
    const clerk = await database.prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.clerk.email } });
    // Two invitations whose link cannot be built: every attempt fails; each retry is made due at once.
    const data = { municipalityId: host.municipalityId, template: "clerkInvite" as const, userId: clerk.id, link: "no link" };
    const ids = [await app.jobs.enqueue(accountEmailJob, data), await app.jobs.enqueue(accountEmailJob, data)];
    const states = () =>
      database.sql.query<{ id: string; state: string }>(`SELECT id, state FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    while ((await states()).some((job) => job.state !== "failed")) {
      await database.sql.query(`UPDATE pgboss.job SET start_after = now() WHERE id = ANY($1::uuid[]) AND state = 'retry'`, [ids]);
      await app.jobs.drain();
    }

    const { page } = await portal.open("desktop", { as: "admin" });
    await page.goto("/sprava");
    await waitForHeading(page, "Správa portálu");
    await page.getByRole("navigation", { name: /správ/i }).getByRole("link", { name: "Neúspěšné úlohy" }).click();
    await waitForHeading(page, "Neúspěšné úlohy");
    await expect.poll(() => page.getByRole("button", { name: /^Zopakovat úlohu E-mail k účtu/ }).count()).toBe(2);
    await page.getByRole("cell", { name: "Invalid URL" }).first().waitFor();
    await expectAccessible(page, "/sprava/neuspesne-ulohy (desktop)");

    await page
      .getByRole("button", { name: /^Zopakovat úlohu E-mail k účtu/ })
      .first()
      .click();
    await page.getByText("Úloha E-mail k účtu je znovu zařazena.").waitFor();
    await expect.poll(() => page.getByRole("button", { name: /^Zopakovat úlohu E-mail k účtu/ }).count()).toBe(1);

    await page.getByRole("button", { name: /^Zahodit úlohu E-mail k účtu/ }).click();
    const dialog = page.getByRole("dialog", { name: "Zahodit úlohu?" });
    await dialog.waitFor();
    await expectAccessible(page, "/sprava/neuspesne-ulohy discard dialog (desktop)");
    await dialog.getByRole("button", { name: "Zahodit" }).click();
    await page.getByText("Žádné neúspěšné úlohy.").waitFor();
    // One is queued again, the other is gone.
    expect((await states()).map((job) => job.state)).toEqual(["retry"]);
  });

  it("adds a clerk (invitation in the outbox), who sets a password and sees the granted agendas", async () => {
    const { page } = await portal.open("desktop", { as: "admin" });
    await page.goto("/sprava");
    await waitForHeading(page, "Správa portálu");
    await expectAccessible(page, "/sprava (desktop)");
    await page.getByRole("navigation", { name: /správ/i }).getByRole("link", { name: "Úředníci" }).click();
    await waitForHeading(page, "Úředníci");
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
    await page.getByRole("cell", { name: email, exact: true }).waitFor();

    const invitation = await latestEmail(portal.server, email, /Váš účet na Portálu občana/);
    expect(invitation.link).toMatch(/\/obnova-hesla\?token=/);

    // The outbox page shows the invitation, and the message opens with its link.
    await page.getByRole("link", { name: "Odchozí pošta" }).click();
    await waitForHeading(page, "Odchozí pošta");
    await field(page, "Příjemce").fill(email);
    await page.getByRole("button", { name: "Filtrovat" }).click();
    await page.getByRole("button", { name: invitation.subject }).click();
    const message = page.getByRole("dialog", { name: invitation.subject });
    await message.getByRole("link", { name: invitation.link! }).waitFor();
    await expectAccessible(page, "/sprava/odchozi-posta message (desktop)");
    await message.getByRole("button", { name: "Zavřít" }).click();

    // The new clerk sets a password from the invitation and sees exactly the two agendas.
    const { page: clerkPage } = await portal.open("desktop");
    await clerkPage.goto(pathOf(invitation.link!));
    await field(clerkPage, "Nové heslo").fill("Referentka-heslo-2026");
    await clerkPage.getByRole("button", { name: "Nastavit heslo" }).click();
    await clerkPage.getByText("Heslo je nastaveno.").waitFor();
    await logIn(clerkPage, email, "Referentka-heslo-2026");
    await waitForHeading(clerkPage, "Úřad");
    const names = await clerkPage.locator("section[aria-labelledby='agendas-heading'] li p.font-semibold").allTextContents();
    expect(names).toEqual(["Finance", "Dotace"]);
  });

  // The list is queried as clerks(first: 50): the mutation's cache update must reach that entry, not only `clerks`.
  it("shows a newly added clerk in the list without a reload", async () => {
    const { page } = await portal.open("desktop", { as: "admin" });
    await page.goto("/sprava/urednici");
    await page.getByRole("cell", { name: DEMO_ACCOUNTS.clerk.email, exact: true }).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Přidat úředníka" }).click();
    const dialog = page.getByRole("dialog", { name: "Přidat úředníka" });
    await field(dialog, "Jméno a příjmení").fill("Druhý Referent");
    await field(dialog, "E-mail").fill("druhy.referent@lipnice.example");
    await dialog.getByRole("button", { name: "Přidat úředníka" }).click();
    await page.getByText("Úředník druhy.referent@lipnice.example je přidán").waitFor();
    await page.getByRole("cell", { name: "druhy.referent@lipnice.example", exact: true }).waitFor({ timeout: 10_000 });
  });

  it("creates an API token that is shown once, and revokes it", async () => {
    const { page } = await portal.open("desktop", { as: "admin" });
    await page.goto("/sprava/api-tokeny");
    await waitForHeading(page, "API tokeny");
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
    await waitForHeading(page, "API tokeny");
    await page.getByRole("cell", { name: "Spisová služba", exact: true }).waitFor();
    expect(await page.content()).not.toContain(token);

    // The token works against the API until revoked.
    const query = (bearer: string) =>
      fetch(`${portal.server.url}/graphql`, {
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
    const row = await portal.server.database.prisma.apiToken.findFirstOrThrow({ where: { name: "Spisová služba" } });
    expect(row.revokedAt).not.toBeNull();
    const afterRevoke = await (await query(token)).json();
    expect(JSON.stringify(afterRevoke)).not.toContain("Město Lipnice");
  });
});
