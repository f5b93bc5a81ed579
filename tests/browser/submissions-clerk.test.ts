// The dog fee from the citizen's phone to the personal account, through the clerk's review on a desktop:
// a citizen without a payer registers a dog and claims the reduced rate (a reload midway, sent while offline);
// the finance clerk finds it in the queue, reads it without retyping, refuses the reduced rate (the fee follows),
// splits it into two installments and approves; an administrator who had the same submission open and rejects it
// afterwards is told someone else was first, and nothing of theirs is written; the citizen then finds the new payer's
// assessment in the personal account and the decision in "Moje podání".
// Then the rest of the clerk's side: a request for more information, the tariffs page with a legal maximum, and
// an administrator retrying a failed delivery step. Every page passes axe.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../api/src/services/accounts/password.ts";
import {
  expectAccessible,
  field,
  openAsClerk,
  signInAs,
  signInWithSession,
  trackPageErrors,
  usePortal,
  waitForHeading,
  waitForServiceWorker,
} from "../kit/browser.ts";

const portal = usePortal();
const today = DateTime.now().setZone("Europe/Prague");
const year = today.year;

describe("submissions (clerk's review)", () => {
  it("a dog registration from the citizen's phone becomes an assessment in her personal account", { timeout: 150_000 }, async () => {
    const prisma = portal.server.database.prisma;
    const town = await prisma.municipality.findFirstOrThrow({ where: { users: { some: { email: "referent@lipnice.example" } } } });
    // This year's tariff as the demo town has it (first dog 600 Kč, pensioner 200 Kč), started months counted.
    await prisma.dogFeeTariff.upsert({
      where: { municipalityId_year: { municipalityId: town.id, year } },
      create: {
        municipalityId: town.id,
        year,
        firstDog: 60_000n,
        furtherDog: 90_000n,
        pensionerFirstDog: 20_000n,
        pensionerFurtherDog: 30_000n,
        dueDate: new Date(Date.UTC(year, 2, 31)),
      },
      update: { firstDog: 60_000n, pensionerFirstDog: 20_000n, proRata: "STARTED_MONTHS" },
    });
    // A citizen the town has no payer for yet: approving creates the payer and links it to her account.
    const email = `vera.${Date.now()}@lipnice.example`;
    const citizen = await prisma.user.create({
      data: {
        municipalityId: town.id,
        email,
        fullName: "Věra Dvořáková",
        passwordHash: await hashPassword("Vera-heslo-2026"),
        role: "CITIZEN",
        emailVerifiedAt: new Date(),
      },
    });

    // --- The citizen, on her phone.
    const phone = await portal.open("phone");
    await signInWithSession(prisma, portal.server.url, phone.context, email);
    const mobile = phone.page;
    await mobile.goto("/zivotni-situace/prihlaseni-psa/formular");
    await waitForHeading(mobile, "Přihlášení psa k poplatku ze psů");
    await waitForServiceWorker(mobile);
    await field(mobile, "Rodné číslo").fill("885521/0001");
    await field(mobile, "Ulice a číslo popisné").fill("Zahradní 7");
    await field(mobile, "Obec").fill("Lipnice");
    await field(mobile, "PSČ").fill("58232");
    await mobile.getByRole("button", { name: "Pokračovat" }).click();
    await mobile.getByRole("heading", { name: "Krok 2 z 5: Psi" }).waitFor();
    const dog = mobile.getByRole("group", { name: "Pes 1" });
    await field(dog, "Jméno psa").fill("Rex");
    await field(dog, "Plemeno").fill("Border kolie");
    await dog.getByRole("radio", { name: "pes", exact: true }).check();
    await field(dog, "Datum narození psa").fill(`${year - 3}-04-02`);
    await field(dog, "Číslo čipu").fill("203098100777001");
    await field(dog, "Držím psa od").fill(`${year}-01-15`);
    // A reload midway keeps what was typed.
    await mobile.getByText(/Uloženo \d/).waitFor();
    await mobile.reload();
    await mobile.getByRole("heading", { name: "Krok 2 z 5: Psi" }).waitFor();
    expect(await field(mobile.getByRole("group", { name: "Pes 1" }), "Číslo čipu").inputValue()).toBe("203098100777001");
    await mobile.getByRole("button", { name: "Pokračovat" }).click();
    await mobile.getByRole("heading", { name: "Krok 3 z 5: Snížená sazba" }).waitFor();
    await mobile.getByRole("checkbox", { name: "Uplatňuji sníženou sazbu poplatku" }).check();
    await mobile.getByRole("radio", { name: "jsem starší 65 let" }).check();
    await mobile.getByRole("button", { name: "Pokračovat" }).click();
    await mobile.getByRole("heading", { name: "Krok 4 z 5: Prohlášení" }).waitFor();
    await mobile.getByRole("checkbox", { name: /Prohlašuji, že všechny uvedené údaje jsou pravdivé/ }).check();
    await mobile.getByRole("button", { name: "Pokračovat" }).click();
    await mobile.getByRole("heading", { name: "Krok 5 z 5: Shrnutí a odeslání" }).waitFor();
    // Sent while offline: it waits on the phone and goes out once, when the connection returns.
    await phone.context.setOffline(true);
    await mobile.getByRole("button", { name: "Odeslat po připojení" }).click();
    await waitForHeading(mobile, "Moje podání");
    await phone.context.setOffline(false);
    await expect.poll(() => prisma.submission.count({ where: { userId: citizen.id } }), { timeout: 20_000 }).toBe(1);
    const submission = await prisma.submission.findFirstOrThrow({ where: { userId: citizen.id } });
    expect(submission).toMatchObject({ formId: "dog-registration", status: "SUBMITTED", agenda: "FINANCE" });

    // --- The finance clerk, on a desktop: from the desk to the queue of the agenda.
    const { page } = await openAsClerk(portal, "desktop");
    const errors = trackPageErrors(page);
    await page.getByRole("link", { name: "Podání občanů k poplatkům" }).click();
    await waitForHeading(page, "Podání občanů");
    expect(new URL(page.url()).searchParams.get("agenda")).toBe("FINANCE");
    const row = page.getByRole("row").filter({ hasText: submission.number });
    await row.getByText("Věra Dvořáková").waitFor();
    expect(await row.textContent()).toContain("Dnes");
    expect(await row.textContent()).toContain("Čeká na vyřízení");
    await expectAccessible(page, "queue");
    await row.getByRole("link", { name: submission.number }).click();
    await waitForHeading(page, `Podání ${submission.number}`);

    // The citizen's data as she sent it: nothing to retype.
    const summary = page.getByTestId("summary");
    for (const text of ["Věra Dvořáková", "885521/0001", "Zahradní 7", "Rex", "Border kolie", "203098100777001"]) {
      expect(await summary.textContent()).toContain(text);
    }
    // The proposed effect: a new payer from her name and address, the dog, the pensioner's rate for 12 months.
    const effect = page.getByRole("form", { name: "Co schválení udělá" });
    expect(await field(effect, "Jméno plátce").inputValue()).toBe("Věra Dvořáková");
    expect(await field(effect, "Adresa plátce").inputValue()).toBe("Zahradní 7, 582 32 Lipnice");
    await effect.getByText(`Plátce bude připojen k účtu občana (${email})`).waitFor();
    await page.getByTestId("dog-fee").getByText("Rex (první pes): 12 měs. × 200,00 Kč / 12 = 200,00 Kč").waitFor();
    expect(await field(effect, "Částka").inputValue()).toBe("200");
    await expectAccessible(page, "review with the proposed effect");

    // An administrator opens the same submission meanwhile.
    const admin = await portal.open("desktop");
    await signInAs(portal, admin.context, "admin");
    await admin.page.goto(`/urad/podani/${submission.id}`);
    await waitForHeading(admin.page, `Podání ${submission.number}`);

    // The clerk refuses the reduced rate: the fee follows; then two installments, previewed.
    await effect.getByRole("checkbox", { name: /Snížená sazba pro poživatele důchodu/ }).uncheck();
    await page.getByTestId("dog-fee").getByText("Rex (první pes): 12 měs. × 600,00 Kč / 12 = 600,00 Kč").waitFor();
    expect(await field(effect, "Částka").inputValue()).toBe("600");
    await field(effect, "Počet splátek").fill("2");
    await field(effect, "Splatnost").fill(`${year + 1}-01-31`);
    await page.getByTestId("installments").getByText("2. splátka: 300,00 Kč, splatná 28. 2.").waitFor();
    await field(effect, "Poznámka pro občana (nepovinná)").fill("Snížená sazba nenáleží, doklad o věku chybí.");
    await effect.getByRole("button", { name: "Schválit a provést" }).click();
    const outcome = page.getByTestId("outcome");
    await outcome.getByText(/VS \d+, 600,00\sKč/).waitFor();
    await expectAccessible(page, "approved submission");

    // The administrator decides on what they saw: a conflict, and their rejection is not written.
    await admin.page.getByRole("button", { name: "Zamítnout" }).click();
    const dialog = admin.page.getByRole("dialog", { name: `Zamítnutí podání ${submission.number}` });
    await field(dialog, "Důvod zamítnutí").fill("Chybí doklad.");
    await dialog.getByRole("button", { name: "Zamítnout podání" }).click();
    const conflict = admin.page.getByTestId("conflict");
    await conflict.getByText("Podání mezitím vyřídil někdo jiný").waitFor();
    await expectAccessible(admin.page, "conflict");
    await conflict.getByRole("button", { name: "Načíst aktuální stav" }).click();
    await admin.page.getByTestId("outcome").getByText("Schváleno").first().waitFor();
    expect(await admin.page.getByRole("button", { name: "Zamítnout" }).count()).toBe(0);

    // What the approval wrote: the payer linked to her account, the dog, the assessment in 2 installments.
    const decided = await prisma.submission.findUniqueOrThrow({ where: { id: submission.id }, include: { events: true } });
    expect(decided.status).toBe("APPROVED");
    expect(decided.events.map((event) => event.type).sort()).toEqual(["APPROVED", "SUBMITTED"]);
    const link = await prisma.payerLink.findFirstOrThrow({ where: { userId: citizen.id }, include: { payer: true } });
    expect(link.payer).toMatchObject({ name: "Věra Dvořáková", address: "Zahradní 7, 582 32 Lipnice" });
    const dogs = await prisma.dog.findMany({ where: { payerId: link.payerId } });
    expect(dogs.map((d) => [d.name, d.chipNumber, d.pensioner])).toEqual([["Rex", "203098100777001", false]]);
    const assessment = await prisma.assessment.findFirstOrThrow({
      where: { payerId: link.payerId },
      include: { installments: { orderBy: { position: "asc" } } },
    });
    expect(assessment).toMatchObject({ kind: "DOG_FEE", year, amount: 60_000n });
    expect(assessment.installments.map((i) => [Number(i.amount), i.dueDate.toISOString().slice(0, 10)])).toEqual([
      [30_000, `${year + 1}-01-31`],
      [30_000, `${year + 1}-02-28`],
    ]);

    // --- Back on the citizen's phone: the assessment in the personal account, the decision in "Moje podání".
    await mobile.goto("/osobni-ucet");
    await waitForHeading(mobile, "Osobní účet");
    const item = mobile.locator(`[data-testid="assessment"][data-vs="${assessment.variableSymbol}"]`);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/600,00\sKč/);
    expect(await item.textContent()).toContain("Rex");
    await mobile.goto("/moje-podani");
    await waitForHeading(mobile, "Moje podání");
    await mobile.getByRole("link", { name: "Přihlášení psa k poplatku ze psů" }).first().click();
    await mobile.getByText("Snížená sazba nenáleží, doklad o věku chybí.").first().waitFor();
    expect(errors).toEqual([]);
  });

  it(
    "asks the citizen for more information, keeps the tariffs within the law, retries a failed delivery",
    { timeout: 90_000 },
    async () => {
      const prisma = portal.server.database.prisma;
      const { page } = await openAsClerk(portal, "desktop");
      const errors = trackPageErrors(page);
      const waiting = await prisma.submission.findFirstOrThrow({
        where: { status: "SUBMITTED", formId: "dog-registration", user: { email: "obcan@lipnice.example" } },
      });

      // A request for more information: the question is required, then it is on the timeline and the status changes.
      await page.goto(`/urad/podani/${waiting.id}`);
      await waitForHeading(page, `Podání ${waiting.number}`);
      await page.getByRole("button", { name: "Požádat o doplnění" }).click();
      const dialog = page.getByRole("dialog", { name: `Žádost o doplnění – ${waiting.number}` });
      await dialog.getByRole("button", { name: "Odeslat žádost" }).click();
      await dialog.getByText("Vyplňte toto pole.").waitFor();
      await expectAccessible(page, "request dialog");
      await field(dialog, "Co má občan doplnit").fill("Doložte prosím očkovací průkaz psa.");
      await dialog.getByRole("button", { name: "Odeslat žádost" }).click();
      await dialog.waitFor({ state: "hidden" });
      await page.getByTestId("timeline").getByText("Doložte prosím očkovací průkaz psa.").waitFor();
      await page.getByText("Občan byl požádán o doplnění").waitFor();
      expect((await prisma.submission.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("INFORMATION_REQUESTED");

      // Tariffs: over the law's maximum is a field error naming the field; next year's rates are then saved.
      await page.getByRole("link", { name: "Sazby poplatku ze psů" }).click();
      await waitForHeading(page, "Sazby poplatku ze psů");
      await page.getByLabel("Rok", { exact: true }).selectOption(String(year + 1));
      const form = page.getByRole("form", { name: `Sazby roku ${year + 1}` });
      await field(form, "První pes").fill("1 600");
      await field(form, "Každý další pes").fill("900");
      await field(form, "První pes – důchodce").fill("200");
      await field(form, "Další pes – důchodce").fill("300");
      await field(form, "Splatnost").fill(`${year + 1}-03-31`);
      await form.getByRole("button", { name: `Uložit sazby roku ${year + 1}` }).click();
      await form
        .getByText(/První pes/)
        .first()
        .waitFor();
      await expect.poll(() => field(form, "První pes").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page, "tariffs with an error");
      await field(form, "První pes").fill("700");
      await form.getByRole("button", { name: `Uložit sazby roku ${year + 1}` }).click();
      await page
        .getByRole("row")
        .filter({ hasText: String(year + 1) })
        .getByText("700,00 Kč")
        .waitFor();
      const saved = await prisma.dogFeeTariff.findFirstOrThrow({
        where: { year: year + 1, municipality: { users: { some: { id: waiting.userId } } } },
      });
      expect(saved).toMatchObject({ firstDog: 70_000n, furtherDog: 90_000n, installmentCount: 1 });

      // An administrator retries a delivery step that used up its retries.
      const delivery = await prisma.submissionDelivery.create({
        data: {
          municipalityId: waiting.municipalityId,
          submissionId: waiting.id,
          trigger: "submitted",
          status: "FAILED",
          step: "register",
          attempts: 8,
          lastError: "HTTP 503 from the records system",
          createdAt: new Date(),
        },
      });
      const admin = await portal.open("desktop");
      await signInAs(portal, admin.context, "admin");
      await admin.page.goto("/sprava");
      await admin.page.getByRole("link", { name: "Předání podání" }).first().click();
      await waitForHeading(admin.page, "Předání podání do spisové služby");
      await admin.page.getByRole("table").getByText("HTTP 503 from the records system").waitFor();
      await expectAccessible(admin.page, "deliveries");
      await admin.page.getByRole("button", { name: `Zopakovat krok register podání ${waiting.number}` }).click();
      await admin.page.getByText(`Krok předání podání ${waiting.number} bude zopakován.`).waitFor();
      await expect
        .poll(async () => (await prisma.submissionDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status)
        .not.toBe("FAILED");
      expect(errors).toEqual([]);
    },
  );
});
