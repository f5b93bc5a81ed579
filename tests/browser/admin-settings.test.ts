import zlib from "node:zlib";
import type { Locator, Page } from "playwright-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
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

// The admin's municipality settings (/sprava/obec): name and colours change the header at once, a logo uploaded as
// a GraphQL multipart request shows in the header, bad IČO and account numbers are refused next to their fields
// (by the form as the admin types, and by the API when the form's checks are bypassed) and nothing is saved; the
// two-person rule switched on here changes what a clerk may do with a notice. Each test puts the demo town back.

const portal = usePortal();

type Account = "admin" | "clerk";

/** Logs in through the login form, then opens the staff page. */
async function openAs(account: Account, viewport: ViewportName, path: string, heading: string) {
  const opened = await portal.open(viewport, { context: { serviceWorkers: "block" } });
  await logIn(opened.page, DEMO_ACCOUNTS[account].email, DEMO_ACCOUNTS[account].password);
  await opened.page.goto(path);
  await waitForHeading(opened.page, heading);
  return opened;
}

function openSettings(viewport: ViewportName = "desktop") {
  return openAs("admin", viewport, "/sprava/obec", "Nastavení obce");
}

/** The demo town as seeded, put back after each test (the whole row, logo bytes and accounts included). */
let original: Awaited<ReturnType<typeof readLipnice>>;
function readLipnice() {
  return portal.server.database.prisma.municipality.findUniqueOrThrow({ where: { slug: "lipnice" }, include: { bankAccounts: true } });
}

beforeAll(async () => {
  original = await readLipnice();
});

afterEach(async () => {
  const { prisma } = portal.server.database;
  const { id, bankAccounts, updatedAt: _updatedAt, createdAt: _createdAt, ...fields } = original;
  // The seeded accounts keep their rows (assessments are paid to them); accounts a test added go.
  await prisma.$transaction([
    prisma.bankAccount.deleteMany({ where: { municipalityId: id, id: { notIn: bankAccounts.map((account) => account.id) } } }),
    ...bankAccounts.map(({ id: accountId, ...account }) => prisma.bankAccount.update({ where: { id: accountId }, data: account })),
    prisma.municipality.update({ where: { id }, data: fields }),
  ]);
  portal.server.app.municipalities.invalidate();
  await portal.server.app.services.publicCache.invalidate(id);
});

function accountRow(page: Page, number: number): Locator {
  return page.getByRole("group", { name: `Účet ${number}`, exact: true });
}

function toast(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text }).first();
}

function headerBackground(page: Page): Promise<string> {
  return page
    .locator("header")
    .first()
    .evaluate((header) => getComputedStyle(header).backgroundColor);
}

/** Every updateMunicipality request the page sends. */
function trackSaves(page: Page): string[] {
  const saves: string[] = [];
  page.on("request", (request) => {
    if (
      request.method() === "POST" &&
      new URL(request.url()).pathname === "/graphql" &&
      request.postData()?.includes("UpdateMunicipality")
    ) {
      saves.push(request.postData()!);
    }
  });
  return saves;
}

/** A real PNG image of one colour (IHDR, one zlib-compressed IDAT, IEND, each with its CRC). */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

describe("the admin changes the town's name and colours", () => {
  it("from the admin menu; the preview follows as they type, the header changes on save and stays after a reload", async () => {
    const { page } = await openAs("admin", "desktop", "/sprava", "Správa portálu");
    const errors = trackPageErrors(page);
    await page.getByRole("main").getByRole("link", { name: "Nastavení obce" }).first().click();
    await waitForHeading(page, "Nastavení obce");
    expect(await field(page, "Název obce").inputValue()).toBe("Město Lipnice");
    expect(await field(page, "IČO").inputValue()).toBe("00291005");
    expect(await field(page, "Hlavní barva").inputValue()).toBe("#1d4ed8");
    expect(await field(accountRow(page, 1), "Číslo účtu").inputValue()).toBe("123456788/0100");
    expect(await accountRow(page, 1).getByRole("radio", { name: "Hlavní účet" }).isChecked()).toBe(true);
    expect(await headerBackground(page)).toBe("rgb(29, 78, 216)");

    await field(page, "Název obce").fill("Město Lipnice nad Sázavou");
    await field(page, "Hlavní barva").fill("#7c2d12");
    // The preview shows the new colour and name before anything is saved; the header does not.
    const preview = page.getByTestId("header-preview");
    await expect
      .poll(() => preview.locator(".bg-brand").evaluate((element) => getComputedStyle(element).backgroundColor))
      .toBe("rgb(124, 45, 18)");
    await preview.getByText("Město Lipnice nad Sázavou").waitFor();
    expect(await headerBackground(page)).toBe("rgb(29, 78, 216)");

    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await toast(page, "Nastavení obce je uloženo.").waitFor();
    // The header changes at once, without a reload.
    await expect.poll(() => headerBackground(page)).toBe("rgb(124, 45, 18)");
    await page.locator("header").getByText("Město Lipnice nad Sázavou").waitFor();
    expect(await page.locator('meta[name="theme-color"]').getAttribute("content")).toBe("#7c2d12");

    const saved = await readLipnice();
    expect(saved).toMatchObject({ name: "Město Lipnice nad Sázavou", primaryColor: "#7c2d12", accentColor: "#b45309", ico: "00291005" });
    expect(saved.bankAccounts).toHaveLength(2);

    // A citizen's phone shows the new name and colour too.
    const { page: citizen } = await portal.open("phone");
    await citizen.goto("/");
    await citizen.locator("header").getByText("Město Lipnice nad Sázavou").waitFor();
    await expect.poll(() => headerBackground(citizen)).toBe("rgb(124, 45, 18)");

    await page.reload();
    await waitForHeading(page, "Nastavení obce");
    expect(await field(page, "Název obce").inputValue()).toBe("Město Lipnice nad Sázavou");
    await expect.poll(() => headerBackground(page)).toBe("rgb(124, 45, 18)");
    expect(errors).toEqual([]);
  });

  it("warns when white text on the main colour falls below WCAG AA, and the preview writes in black on it", async () => {
    const { page } = await openSettings("desktop");
    await field(page, "Hlavní barva").fill("#ffcc00");
    await page.getByText(/Bílý text má na hlavní barvě kontrast jen 1,\d+ : 1, WCAG 2\.1 AA vyžaduje alespoň 4,5 : 1\./).waitFor();
    const previewBar = page.getByTestId("header-preview").locator(".bg-brand");
    expect(await previewBar.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(0, 0, 0)");
    await expectAccessible(page, "/sprava/obec with a low-contrast colour (desktop)");
    // A dark colour: no warning.
    await field(page, "Hlavní barva").fill("#14532d");
    await expect.poll(() => page.getByText(/kontrast jen/).count()).toBe(0);
    // The palette and the text field are the same value.
    await page.getByLabel("Vybrat z palety: Doplňková barva").fill("#aa0000");
    expect(await field(page, "Doplňková barva").inputValue()).toBe("#aa0000");
  });

  it("keeps a draft across a reload until it is saved or discarded", async () => {
    const { page } = await openSettings("desktop");
    await field(page, "Telefon").fill("+420 569 000 999");
    await page.reload();
    await waitForHeading(page, "Nastavení obce");
    expect(await field(page, "Telefon").inputValue()).toBe("+420 569 000 999");
    await page.getByText("Pokračujete v rozepsaných změnách, které ještě nejsou uložené.").waitFor();
    await page.getByRole("button", { name: "Zahodit změny" }).first().click();
    expect(await field(page, "Telefon").inputValue()).toBe("+420 569 000 111");
    await page.reload();
    await waitForHeading(page, "Nastavení obce");
    expect(await field(page, "Telefon").inputValue()).toBe("+420 569 000 111");
  });
});

describe("invalid IČO and bank account", () => {
  it("are refused next to their fields as the admin types, and nothing is sent", async () => {
    const { page } = await openSettings("desktop");
    const saves = trackSaves(page);
    await field(page, "Název obce").fill("Město Lipnice – neuloženo");
    const ico = field(page, "IČO");
    await ico.fill("00291006");
    // As typed: the check digit is wrong.
    await expect.poll(() => ico.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(ico)).toContain("IČO musí mít 8 číslic a platnou kontrolní číslici.");

    // The second account's number with a wrong checksum: the message is on that row, not the first.
    const second = field(accountRow(page, 2), "Číslo účtu");
    await second.fill("94-9876544/0710");
    await expect.poll(() => second.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(second)).toContain("Zadejte číslo účtu ve tvaru předčíslí-číslo/kód banky s platnými kontrolními součty.");
    expect(await field(accountRow(page, 1), "Číslo účtu").getAttribute("aria-invalid")).toBeNull();

    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    // Focus goes to the first field with a problem; nothing was sent, nothing saved, nothing typed lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("ico");
    expect(saves).toEqual([]);
    expect((await readLipnice()).name).toBe("Město Lipnice");
    expect(await field(page, "Název obce").inputValue()).toBe("Město Lipnice – neuloženo");
    await expectAccessible(page, "/sprava/obec with field errors (desktop)");

    // A valid number shows the IBAN the API will derive.
    await second.fill("19-2000145399/0800");
    await expect.poll(() => descriptionOf(second)).toContain("IBAN: CZ65 0800 0000 1920 0014 5399");
  });

  it("are refused by the API next to the right fields when the form's checks are bypassed, and nothing is saved", async () => {
    const { page } = await openSettings("desktop");
    // A client that skips the checks (an old app version, a script): the request is altered on its way out.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postData() ?? "";
      if (!body.includes("UpdateMunicipality")) return route.continue();
      const request = JSON.parse(body) as { variables: { input: { ico: string; bankAccounts: { accountNumber: string }[] } } };
      request.variables.input.ico = "00291006";
      request.variables.input.bankAccounts[1]!.accountNumber = "94-9876544/0710";
      await route.continue({ postData: JSON.stringify(request) });
    });
    await field(page, "Název obce").fill("Město Lipnice – neuloženo");
    await page.getByRole("button", { name: "Uložit nastavení" }).click();

    const ico = field(page, "IČO");
    await expect.poll(() => ico.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(ico)).toContain("IČO musí mít 8 číslic a platnou kontrolní číslici.");
    const second = field(accountRow(page, 2), "Číslo účtu");
    expect(await second.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(second)).toContain("s platnými kontrolními součty");
    expect(await field(accountRow(page, 1), "Číslo účtu").getAttribute("aria-invalid")).toBeNull();
    await page.getByRole("alert").filter({ hasText: /\S/ }).first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("ico");

    // Nothing saved; what the admin typed is still there (the form itself never held the bad values).
    expect(await readLipnice()).toMatchObject({ name: "Město Lipnice", ico: "00291005" });
    expect(await field(page, "Název obce").inputValue()).toBe("Město Lipnice – neuloženo");

    // Typing in the field clears the API's message there; the other stays until its field changes.
    await ico.press("Backspace");
    await ico.press("5");
    expect(await ico.inputValue()).toBe("00291005");
    await expect.poll(() => ico.getAttribute("aria-invalid")).toBeNull();
    expect(await second.getAttribute("aria-invalid")).toBe("true");

    // Removing the first row keeps the API's message with its account (now "Účet 1").
    await accountRow(page, 1).getByRole("button", { name: "Odebrat účet 1" }).click();
    const moved = field(accountRow(page, 1), "Číslo účtu");
    expect(await moved.inputValue()).toBe("94-9876543/0710");
    expect(await moved.getAttribute("aria-invalid")).toBe("true");
    // The remaining account became the main one.
    expect(await accountRow(page, 1).getByRole("radio", { name: "Hlavní účet" }).isChecked()).toBe(true);
  });

  it("bank accounts: add one and make it the main account; one that assessments are paid to cannot be removed", async () => {
    const { page } = await openSettings("desktop");
    await page.getByRole("button", { name: "Přidat účet" }).click();
    const third = accountRow(page, 3);
    // Focus moves into the new row.
    await expect.poll(() => third.evaluate((row) => row.contains(document.activeElement))).toBe(true);
    await field(third, "Název účtu").fill("Účet pro dotace");
    await field(third, "Číslo účtu").fill("19-2000145399/0800");
    await third.getByRole("radio", { name: "Hlavní účet" }).check();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await toast(page, "Nastavení obce je uloženo.").waitFor();

    const saved = await readLipnice();
    const rows = saved.bankAccounts.map(({ label, prefix, number, bankCode, iban, isPrimary }) => ({
      label,
      prefix,
      number,
      bankCode,
      iban,
      isPrimary,
    }));
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          label: "Hlavní účet (poplatky)",
          prefix: null,
          number: "123456788",
          bankCode: "0100",
          iban: expect.any(String),
          isPrimary: false,
        },
        {
          label: "Účet pro dotace",
          prefix: "19",
          number: "2000145399",
          bankCode: "0800",
          iban: "CZ6508000000192000145399",
          isPrimary: true,
        },
      ]),
    );
    expect(saved.bankAccounts).toHaveLength(3);
    // The seeded accounts kept their rows: the demo assessments are still paid to them.
    expect(saved.bankAccounts.filter((a) => original.bankAccounts.some((o) => o.id === a.id))).toHaveLength(2);
    // The form now shows the saved list, main account first (the API's order).
    expect(await field(accountRow(page, 1), "Název účtu").inputValue()).toBe("Účet pro dotace");
    expect(await accountRow(page, 1).getByRole("radio", { name: "Hlavní účet" }).isChecked()).toBe(true);

    // The ČNB account is where the demo fine is paid: removing it is refused, saying why, and nothing changes.
    const cnbRow = await (async () => {
      for (let n = 1; n <= 3; n++) if ((await field(accountRow(page, n), "Číslo účtu").inputValue()).includes("0710")) return n;
      throw new Error("no ČNB account row");
    })();
    await accountRow(page, cnbRow)
      .getByRole("button", { name: `Odebrat účet ${cnbRow}` })
      .click();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await page
      .getByText(/94-9876543\/0710.*odebrat ho nelze/)
      .first()
      .waitFor();
    expect((await readLipnice()).bankAccounts).toHaveLength(3);
  });
});

describe("the logo", () => {
  it("a PNG uploaded here shows in the header after saving; a file that is not an image is refused next to the field", async () => {
    const { page } = await openSettings("desktop");
    const headerLogo = page.locator("header img").first();
    const before = await headerLogo.getAttribute("src");
    expect(before).toMatch(/^\/branding\/logo\?v=\d+$/);

    // Named and typed as a PNG, but not one: the API reads the content and refuses it; nothing else is lost.
    await field(page, "Telefon").fill("+420 569 000 222");
    await page
      .getByLabel("Nahrát nové logo")
      .setInputFiles({ name: "znak.png", mimeType: "image/png", buffer: Buffer.from("not an image") });
    await page.getByRole("img", { name: "Nové logo (náhled)" }).waitFor();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    const upload = page.getByLabel("Nahrát nové logo");
    await expect.poll(() => upload.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(upload)).toContain("Logo musí být obrázek PNG, JPEG nebo WebP.");
    expect(await field(page, "Telefon").inputValue()).toBe("+420 569 000 222");
    expect((await readLipnice()).phone).toBe("+420 569 000 111");

    // An SVG is refused before it is sent.
    await upload.setInputFiles({ name: "znak.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg/>") });
    expect(await descriptionOf(upload)).toContain("Logo musí být obrázek PNG, JPEG nebo WebP.");

    // A real PNG: previewed, uploaded as multipart on save, shown in the header.
    await upload.setInputFiles({ name: "znak.png", mimeType: "image/png", buffer: solidPng(24, 24, [200, 30, 30]) });
    expect(await upload.getAttribute("aria-invalid")).toBeNull();
    const preview = page.getByRole("img", { name: "Nové logo (náhled)" });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await toast(page, "Nastavení obce je uloženo.").waitFor();
    await expect.poll(() => headerLogo.getAttribute("src")).not.toBe(before);
    await expect.poll(() => headerLogo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(24);
    const served = await page.request.get((await headerLogo.getAttribute("src"))!);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await served.body()).equals(solidPng(24, 24, [200, 30, 30]))).toBe(true);
    expect(await readLipnice()).toMatchObject({ logoMimeType: "image/png", phone: "+420 569 000 222" });
    await expectAccessible(page, "/sprava/obec after a logo upload (desktop)");

    // Removed: the header falls back to the app's icon.
    await page.getByRole("button", { name: "Odstranit logo" }).click();
    await page.getByText("Logo bude při uložení odstraněno.").waitFor();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    // (The first save's toast may still be shown: the header is what tells.)
    await expect.poll(() => headerLogo.getAttribute("src")).toBe("/icons/icon-192.png");
    expect((await readLipnice()).logoMimeType).toBeNull();
  });
});

describe("the notice board's two-person rule", () => {
  it("switched on by the admin: the clerk can only propose; another person approves", async () => {
    const { page: admin } = await openSettings("desktop");
    const rule = admin.getByRole("checkbox", { name: /Pravidlo dvou osob/ });
    expect(await rule.isChecked()).toBe(false);
    await rule.check();
    await admin.getByRole("button", { name: "Uložit nastavení" }).click();
    await toast(admin, "Nastavení obce je uloženo.").waitFor();
    expect((await readLipnice()).noticeTwoPersonRule).toBe(true);

    // The clerk's new notice: propose, no approval.
    const { page: clerk } = await openAs("clerk", "desktop", "/urad/uredni-deska/nova", "Nový dokument na úřední desku");
    await expect.poll(() => field(clerk, "Relevantní do").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await clerk.getByRole("button", { name: "Navrhnout ke schválení" }).waitFor();
    expect(await clerk.getByRole("button", { name: /^Schválit/ }).count()).toBe(0);
    await clerk.getByText("Obec uplatňuje pravidlo dvou osob").waitFor();

    // Saved as a draft: on the draft's page, the same.
    const title = `Oznámení o svozu odpadu ${Date.now().toString(36)}`;
    await field(clerk, "Název").fill(title);
    await clerk.getByRole("button", { name: "Uložit koncept" }).click();
    await clerk.waitForURL(/\/urad\/uredni-deska\/[0-9a-f-]{36}$/);
    await waitForHeading(clerk, title);
    await clerk.getByRole("button", { name: "Navrhnout ke schválení" }).waitFor();
    expect(await clerk.getByRole("button", { name: /^Schválit/ }).count()).toBe(0);
    await expectAccessible(clerk, "a draft notice under the two-person rule (desktop)");

    // Proposed: the proposer cannot approve their own proposal.
    await clerk.getByRole("button", { name: "Navrhnout ke schválení" }).click();
    await toast(clerk, "Dokument byl navržen ke schválení.").waitFor();
    await clerk
      .getByText("Na tomto textu jste se podíleli (napsali, upravili nebo navrhli jste ho): schválit a vyvěsit ho musí jiný úředník.")
      .waitFor();
    expect(await clerk.getByRole("button", { name: /^Schválit/ }).count()).toBe(0);
    const noticePath = new URL(clerk.url()).pathname;

    // Another person (the admin, who may act on every agenda) approves and posts it.
    await admin.goto(noticePath);
    await waitForHeading(admin, title);
    await admin.getByText("Návrh připravil jiný úředník").waitFor();
    await admin.getByRole("button", { name: "Schválit a vyvěsit" }).click();
    await toast(admin, "Dokument je vyvěšen na úřední desce.").waitFor();
    await admin.getByText("Vyvěšeno", { exact: true }).first().waitFor();
  });

  it("the author of a text a colleague proposed cannot approve it either, and the app says so", async () => {
    const ownText = "Na tomto textu jste se podíleli (napsali, upravili nebo navrhli jste ho): schválit a vyvěsit ho musí jiný úředník.";
    await portal.server.database.prisma.municipality.update({ where: { id: original.id }, data: { noticeTwoPersonRule: true } });
    portal.server.app.municipalities.invalidate();
    await portal.server.app.services.publicCache.invalidate(original.id);

    // The clerk writes a draft; the admin proposes it.
    const { page: clerk } = await openAs("clerk", "desktop", "/urad/uredni-deska/nova", "Nový dokument na úřední desku");
    await expect.poll(() => field(clerk, "Relevantní do").inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const title = `Oznámení o uzavírce silnice ${Date.now().toString(36)}`;
    await field(clerk, "Název").fill(title);
    await clerk.getByRole("button", { name: "Uložit koncept" }).click();
    await clerk.waitForURL(/\/urad\/uredni-deska\/[0-9a-f-]{36}$/);
    await waitForHeading(clerk, title);
    const noticePath = new URL(clerk.url()).pathname;
    const { page: admin } = await openAs("admin", "desktop", noticePath, title);
    await admin.getByRole("button", { name: "Navrhnout ke schválení" }).click();
    await toast(admin, "Dokument byl navržen ke schválení.").waitFor();
    await admin.getByText(ownText).waitFor();
    expect(await admin.getByRole("button", { name: /^Schválit/ }).count()).toBe(0);

    // The writer is an author too: no approval offered, the same hint.
    await clerk.reload();
    await waitForHeading(clerk, title);
    await clerk.getByText(ownText).waitFor();
    expect(await clerk.getByRole("button", { name: /^Schválit/ }).count()).toBe(0);
  });

  it("switched off, the clerk approves and posts alone", async () => {
    const { page: clerk } = await openAs("clerk", "desktop", "/urad/uredni-deska/nova", "Nový dokument na úřední desku");
    await clerk.getByRole("button", { name: "Schválit a vyvěsit" }).waitFor();
    await clerk.getByRole("button", { name: "Navrhnout ke schválení" }).waitFor();
    await clerk.getByText("Dokument můžete vyvěsit sami, nebo ho navrhnout ke schválení jinému úředníkovi.").waitFor();
  });
});

describe.each(["phone", "desktop"] as ViewportName[])("axe on a %s", (viewport) => {
  it("the municipality settings page, and the admin menu leading to it", async () => {
    const { page } = await openAs("admin", viewport, "/sprava", "Správa portálu");
    await expectAccessible(page, `/sprava (${viewport})`);
    await page.getByRole("main").getByRole("link", { name: "Nastavení obce" }).first().click();
    await waitForHeading(page, "Nastavení obce");
    await field(accountRow(page, 1), "Číslo účtu").waitFor();
    await expectAccessible(page, `/sprava/obec (${viewport})`);
    // With messages shown and a row added.
    await field(page, "IČO").fill("123");
    await page.getByRole("button", { name: "Přidat účet" }).click();
    await page.getByRole("button", { name: "Uložit nastavení" }).click();
    await expect.poll(() => field(page, "IČO").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, `/sprava/obec with errors (${viewport})`);
    if (viewport === "phone") {
      // Nothing wider than the phone's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });
});
