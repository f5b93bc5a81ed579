// The citizen's side of life situations in the browser, on a phone: the public catalogue and the dog
// registration's guide without login; login from the guide lands in the form; a wrong birth number is refused
// with a message naming the field; two dogs with the fee preview from the town's tariff; a reload midway resumes
// on the same step with what was typed; the summary; sending offline queues the submission on the device and it
// goes out, exactly once, when the connection returns; the receipt with number, PDF and timeline. Then answering
// the office's request for more information in "Moje podání". Every page is checked with axe and photographed.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { findFormDefinition, summarize, validateForm } from "@portal/forms";
import { EXAMPLE_VALUES } from "@portal/forms/examples";
import { paths } from "../../api/src/config.ts";
import { expectAccessible, field, logIn, settled, signInAs, usePortal, waitForHeading, waitForServiceWorker } from "../kit/browser.ts";
import { DEMO_ACCOUNTS } from "../kit/server.ts";

const portal = usePortal();
const SCREENS_DIR = path.join(paths.repoRoot, "tests", ".artifacts", "life-situations");

async function shoot(page: Page, name: string) {
  await settled(page);
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

const today = DateTime.now().setZone("Europe/Prague");
const year = today.year;

/** The demo town's tariff for this year, as the test needs it (1 500 / 2 250 / 200 / 300 Kč). */
async function ensureTariff() {
  const { prisma } = portal.server.database;
  const town = await prisma.municipality.findFirstOrThrow({ where: { users: { some: { email: DEMO_ACCOUNTS.citizen.email } } } });
  const rates = {
    firstDog: 150_000n,
    furtherDog: 225_000n,
    pensionerFirstDog: 20_000n,
    pensionerFurtherDog: 30_000n,
    proRata: "STARTED_MONTHS",
  };
  await prisma.dogFeeTariff.upsert({
    where: { municipalityId_year: { municipalityId: town.id, year } },
    create: { municipalityId: town.id, year, ...rates, dueDate: new Date(Date.UTC(year, 2, 31)) },
    update: rates,
  });
  return town;
}

const chip = () => `203098${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;

describe("life situations (citizen)", () => {
  it("registers two dogs: guide without login, validation, fee preview, reload midway, offline send, receipt", async () => {
    await ensureTariff();
    const { context, page } = await portal.open("phone");

    // The catalogue and the guide are public.
    await page.goto("/zivotni-situace");
    await waitForHeading(page, "Životní situace");
    await waitForServiceWorker(page);
    await expectAccessible(page, "/zivotni-situace");
    await shoot(page, "catalogue-phone");
    await field(page, "Hledat situaci").fill("pes");
    await expect.poll(() => page.getByRole("main").getByRole("heading", { level: 3 }).count()).toBe(2);
    await page.getByRole("link", { name: "Mám nového psa" }).click();
    await waitForHeading(page, "Mám nového psa");
    await page.getByText(`Sazby obce na rok ${year}`).waitFor();
    expect(await page.getByRole("main").textContent()).toContain("2 250 Kč");
    await expectAccessible(page, "guide");
    await shoot(page, "guide-phone");

    // Starting needs an account: the login brings the citizen straight into the form, prefilled from the profile.
    await page.getByRole("link", { name: "Přihlásit se a vyplnit" }).click();
    await logIn(page, DEMO_ACCOUNTS.citizen.email, DEMO_ACCOUNTS.citizen.password);
    await waitForHeading(page, "Přihlášení psa k poplatku ze psů");
    await page.waitForURL(/\/zivotni-situace\/prihlaseni-psa\/formular\?koncept=[0-9a-f-]{36}/);
    const clientId = new URL(page.url()).searchParams.get("koncept")!;
    expect(await field(page, "Jméno a příjmení").inputValue()).toBe(DEMO_ACCOUNTS.citizen.fullName);
    expect(await field(page, "E-mail").inputValue()).toBe(DEMO_ACCOUNTS.citizen.email);

    // The step is checked as the citizen leaves it, with messages naming the field.
    await field(page, "Rodné číslo").fill("885521/0002");
    await field(page, "Ulice a číslo popisné").fill("Na Výsluní 12");
    await field(page, "Obec").fill("Lipnice");
    await field(page, "PSČ").fill("58232");
    await page.getByRole("button", { name: "Pokračovat" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Opravte prosím" });
    await summary.getByText("Do pole „Rodné číslo“ zadejte platné rodné číslo").waitFor();
    expect(await field(page, "Rodné číslo").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "form with errors");
    await shoot(page, "form-errors-phone");
    await field(page, "Rodné číslo").fill("885521/0001");
    await page.getByRole("button", { name: "Pokračovat" }).click();
    await page.getByRole("heading", { name: "Krok 2 z 5: Psi" }).waitFor();

    // Two dogs: the first kept all year, the second from the start of this month (a further dog, pro rata).
    const first = page.getByRole("group", { name: "Pes 1" });
    await field(first, "Jméno psa").fill("Alík");
    await field(first, "Plemeno").fill("Český fousek");
    await first.getByRole("radio", { name: "pes", exact: true }).check();
    await field(first, "Datum narození psa").fill("2020-05-01");
    const firstChip = chip();
    await field(first, "Číslo čipu").fill(firstChip);
    await field(first, "Držím psa od").fill(`${year - 1}-06-01`);
    await page.getByRole("button", { name: "Přidat: pes" }).click();
    const second = page.getByRole("group", { name: "Pes 2" });
    await field(second, "Jméno psa").fill("Bella");
    await field(second, "Plemeno").fill("Kříženec");
    await second.getByRole("radio", { name: "fena" }).check();
    await field(second, "Datum narození psa").fill("2021-03-10");
    await field(second, "Číslo čipu").fill(chip());
    await field(second, "Držím psa od").fill(today.startOf("month").toISODate()!);
    // 1 500 Kč for Alík; Bella from this month to December at the further rate, rounded up to whole crowns.
    const months = 13 - today.month;
    const expected = 1500 + Math.ceil((2250 * months) / 12);
    const preview = page.getByRole("region", { name: `Předběžný výpočet poplatku za rok ${year}` });
    await expect
      .poll(() => preview.textContent())
      .toMatch(new RegExp(`Celkem${expected.toLocaleString("cs-CZ").replace(/\s/g, "\\s")}\\sKč`));
    await expectAccessible(page, "dogs step");
    await shoot(page, "form-dogs-phone");

    // A reload midway loses nothing: the same step, the same dogs (saved on the device and on the server).
    await page.getByText(/Uloženo \d/).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Krok 2 z 5: Psi" }).waitFor();
    expect(await field(page.getByRole("group", { name: "Pes 2" }), "Jméno psa").inputValue()).toBe("Bella");
    expect(await field(page.getByRole("group", { name: "Pes 1" }), "Číslo čipu").inputValue()).toBe(firstChip);
    const serverDraft = await portal.server.database.prisma.formDraft.findFirstOrThrow({ where: { clientId } });
    expect((serverDraft.values as { dogs: unknown[] }).dogs).toHaveLength(2);

    // The session ends mid-form (expired elsewhere): the next autosave sends the citizen to the login page, and
    // after signing in again the form is back with what was typed last.
    const citizen = await portal.server.database.prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.citizen.email } });
    await portal.server.database.prisma.session.deleteMany({ where: { userId: citizen.id } });
    await field(page.getByRole("group", { name: "Pes 2" }), "Plemeno").fill("Kříženec jezevčíka");
    await page.waitForURL(/\/prihlaseni\?next=/);
    await logIn(page, DEMO_ACCOUNTS.citizen.email, DEMO_ACCOUNTS.citizen.password);
    await page.getByRole("heading", { name: "Krok 2 z 5: Psi" }).waitFor();
    expect(new URL(page.url()).searchParams.get("koncept")).toBe(clientId);
    expect(await field(page.getByRole("group", { name: "Pes 2" }), "Plemeno").inputValue()).toBe("Kříženec jezevčíka");

    await page.getByRole("button", { name: "Pokračovat" }).click();
    await page.getByRole("heading", { name: "Krok 3 z 5: Snížená sazba" }).waitFor();
    await page.getByRole("button", { name: "Pokračovat" }).click();
    await page.getByRole("heading", { name: "Krok 4 z 5: Prohlášení" }).waitFor();
    await page.getByRole("checkbox", { name: /Prohlašuji, že všechny uvedené údaje jsou pravdivé/ }).check();
    await page.getByRole("button", { name: "Pokračovat" }).click();
    await page.getByRole("heading", { name: "Krok 5 z 5: Shrnutí a odeslání" }).waitFor();
    const main = page.getByRole("main");
    for (const text of ["885521/0001", "582 32", "Alík", "Bella", "Český fousek", "Kříženec jezevčíka", "fena"]) {
      expect(await main.textContent()).toContain(text);
    }
    await expectAccessible(page, "summary");
    await shoot(page, "form-summary-phone");

    // Offline: the submission waits on the device, then goes out by itself when the connection returns.
    await context.setOffline(true);
    await page.getByRole("button", { name: "Odeslat po připojení" }).click();
    await waitForHeading(page, "Moje podání");
    await page.getByTestId("outbox-entry").filter({ hasText: "čeká na připojení" }).waitFor();
    await shoot(page, "mine-waiting-phone");
    expect(await portal.server.database.prisma.submission.count({ where: { idempotencyKey: clientId } })).toBe(0);
    await context.setOffline(false);
    await expect.poll(() => page.getByTestId("outbox-entry").count(), { timeout: 20_000 }).toBe(0);
    const sent = page
      .getByRole("region", { name: "Odeslaná podání" })
      .getByRole("link", { name: "Přihlášení psa k poplatku ze psů" })
      .first();
    await sent.waitFor();
    await expectAccessible(page, "/moje-podani");
    await shoot(page, "mine-phone");
    // Exactly once, whoever sent it (the page on reconnect or the service worker's Background Sync).
    const submissions = await portal.server.database.prisma.submission.findMany({ where: { idempotencyKey: clientId } });
    expect(submissions).toHaveLength(1);
    expect(submissions[0]!.status).toBe("SUBMITTED");
    expect((submissions[0]!.values as { dogs: { name: string }[] }).dogs.map((d) => d.name)).toEqual(["Alík", "Bella"]);
    // The draft is gone from the server and the device.
    expect(await portal.server.database.prisma.formDraft.count({ where: { clientId } })).toBe(0);

    // The receipt: number, time, PDF, the timeline.
    await sent.click();
    await waitForHeading(page, "Přihlášení psa k poplatku ze psů");
    await expect.poll(() => page.getByTestId("submission-number").textContent()).toBe(submissions[0]!.number);
    const pdf = page.getByRole("link", { name: `Stáhnout potvrzení ${submissions[0]!.number} (PDF)` });
    const pdfResponse = await page.request.get(new URL((await pdf.getAttribute("href"))!, portal.server.url).toString());
    expect(pdfResponse.status()).toBe(200);
    expect(pdfResponse.headers()["content-type"]).toContain("application/pdf");
    await page.getByTestId("submission-timeline").getByText("Podání odesláno").waitFor();
    await expectAccessible(page, "receipt");
    await shoot(page, "receipt-phone");
  }, 120_000);

  it("answers the office's request for more information from Moje podání", async () => {
    const town = await ensureTariff();
    const { prisma } = portal.server.database;
    const citizen = await prisma.user.findFirstOrThrow({ where: { email: DEMO_ACCOUNTS.citizen.email } });
    const definition = findFormDefinition("general-submission")!;
    const { values } = validateForm(definition, EXAMPLE_VALUES["general-submission"], { today: today.toISODate()! });
    const number = `T-${Date.now()}`;
    const submittedAt = today.minus({ days: 2 }).toJSDate();
    const submission = await prisma.submission.create({
      data: {
        municipalityId: town.id,
        number,
        userId: citizen.id,
        formId: definition.id,
        formVersion: definition.version,
        agenda: "SUBMISSIONS",
        status: "INFORMATION_REQUESTED",
        values: values as object,
        summary: summarize(definition, values) as object,
        idempotencyKey: `browser-test-${number}`,
        submittedAt,
        events: {
          create: [
            { municipalityId: town.id, userId: citizen.id, actorUserId: citizen.id, type: "SUBMITTED", createdAt: submittedAt },
            {
              municipalityId: town.id,
              userId: citizen.id,
              type: "INFORMATION_REQUESTED",
              message: "Pošlete prosím fotografii poškozené lavičky.",
              createdAt: today.minus({ days: 1 }).toJSDate(),
            },
          ],
        },
      },
    });

    const { context, page } = await portal.open("desktop");
    await signInAs(portal, context, "citizen");
    await page.goto("/moje-podani");
    await waitForHeading(page, "Moje podání");
    const item = page.getByRole("listitem").filter({ hasText: number });
    await item.getByText("čeká na vaši odpověď").waitFor();
    await item.getByRole("link", { name: "Odpovědět" }).click();
    await waitForHeading(page, "Obecné podání");
    await page.getByText("Pošlete prosím fotografii poškozené lavičky.").first().waitFor();
    await expectAccessible(page, "answer form");
    await shoot(page, "answer-desktop");

    await page.getByRole("button", { name: "Odeslat odpověď" }).click();
    await page.getByText("Vyplňte pole „Vaše odpověď“.").waitFor();
    await field(page, "Vaše odpověď").fill("Fotografii přikládám, lavička je u vchodu do parku.");
    await page.getByLabel("Přílohy (nepovinné)").setInputFiles({ name: "lavicka.png", mimeType: "image/png", buffer: PNG_1X1 });
    await page.getByRole("button", { name: "Odeslat odpověď" }).click();
    await page.getByTestId("submission-timeline").getByText("Doplnění odesláno").waitFor();
    await page.getByText("čeká na vyřízení").first().waitFor();
    expect(await page.getByRole("heading", { name: "Úřad žádá o doplnění" }).count()).toBe(0);
    const stored = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id }, include: { files: true } });
    expect(stored.status).toBe("SUBMITTED");
    expect(stored.files).toHaveLength(1);
    await shoot(page, "answered-desktop");
  }, 60_000);
});

/** A valid 1×1 PNG (the API sniffs the content, so it must be a real image). */
const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAX+XDSwAAAABJRU5ErkJggg==", "base64");
