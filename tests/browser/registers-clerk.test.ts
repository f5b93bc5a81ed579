import fs from "node:fs";
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  descriptionOf,
  expectAccessible,
  field,
  openAsClerk,
  trackPageErrors,
  usePortal,
  VIEWPORTS,
  waitForHeading,
  waitForServiceWorker,
  type ViewportName,
} from "../kit/browser.ts";

// The clerk's registers (agenda "registers"): recording a contract with its document, the registr smluv duty and
// its deadline, publishing and withdrawing with a reason (checked from a citizen's side), field errors from the
// browser and from the API, the invoice form's links, and the CSV import with a line-by-line report. The server
// runs on the real clock, so dates are computed from today in Prague.

const portal = usePortal();

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** YYYY-MM-DD in Prague, `days` from today. */
function pragueDate(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Prague" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
/** As the app shows a date: "26. 11. 2026". */
const czechDate = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number);
  return `${day}. ${month}. ${year}`;
};
const uuidOf = (id: string) => Buffer.from(id, "base64").toString().split(":")[1]!;

/** GraphQL as the page's signed-in user, through the real server with the CSRF header (for test data and checks). */
async function api<T = any>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "portal_csrf")?.value ?? "";
  const response = await page.request.post("/graphql", { headers: { "x-csrf-token": csrf }, data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function createContract(page: Page, input: Record<string, unknown>): Promise<string> {
  const data = await api<{ createContract: { contract?: { id: string }; message?: string } }>(
    page,
    `mutation($input: ContractInput!) { createContract(input: $input) { ... on CreateContractSuccess { contract { id } } ... on Error { message } } }`,
    { input },
  );
  if (!data.createContract.contract) throw new Error(data.createContract.message);
  return data.createContract.contract.id;
}

/** How many contracts of a counterparty the register holds, in any status (the clerk's view). */
async function contractCount(page: Page, counterparty: string): Promise<number> {
  const data = await api<{ registerContracts: { totalCount: number } }>(
    page,
    `query($filter: RegisterFilter) { registerContracts(first: 1, filter: $filter) { totalCount } }`,
    { filter: { counterparty } },
  );
  return data.registerContracts.totalCount;
}

/**
 * What a citizen's public contract list shows for a counterparty. Polled: the app first paints its offline copy
 * (graphcache keeps one) and then the server's answer.
 */
async function expectPublicContracts(citizen: Page, counterparty: string, numbers: string[]): Promise<void> {
  await citizen.goto(`/smlouvy?counterparty=${encodeURIComponent(counterparty)}`);
  await citizen
    .getByRole("status")
    .filter({ hasText: /Nalezen|Žádná smlouva/ })
    .waitFor();
  await expect.poll(() => citizen.locator("main [data-row-link]:visible").allTextContents()).toEqual(numbers);
}

describe("contracts", () => {
  it("a clerk records a contract over 50 000 Kč with its document, publishes it, then withdraws it with a reason", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    const errors = trackPageErrors(page);
    const uploads: Request[] = [];
    page.on("request", (request) => {
      if (
        request.url().endsWith("/graphql") &&
        request.method() === "POST" &&
        request.headers()["content-type"]?.startsWith("multipart/form-data")
      )
        uploads.push(request);
    });

    await waitForHeading(page, "Úřad");
    await page.getByRole("main").getByRole("link", { name: "Registry" }).click();
    await waitForHeading(page, "Evidence smluv");
    await page.getByRole("link", { name: "Nová smlouva" }).click();
    await waitForHeading(page, "Nová smlouva");
    await expectAccessible(page, "/urad/registry/smlouvy/nova (desktop)");

    const signedOn = pragueDate(-2);
    const deadline = czechDate(pragueDate(28));
    await field(page, "Číslo smlouvy").fill("SML-K-0001");
    await field(page, "Předmět").fill("Rekonstrukce dětského hřiště");
    await field(page, "Název").fill("Hřiště Bukovský s.r.o.");
    const ico = field(page, "IČO");
    await ico.fill("25596640"); // wrong check digit
    await ico.blur();
    await expect.poll(() => descriptionOf(ico)).toContain("IČO musí mít 8 číslic a platnou kontrolní číslici.");
    await field(page, "Částka bez DPH").fill("60 500");
    await field(page, "Částka s DPH").fill("50 000"); // lower than without VAT: the API refuses it
    await field(page, "Datum podpisu").fill(signedOn);
    await page
      .getByRole("status")
      .filter({ hasText: `Nad 50 000 Kč bez DPH: zveřejněte v registru smluv do ${deadline}.` })
      .waitFor();

    // The document uploads at once, as a GraphQL multipart request carrying the CSRF header.
    await page.getByLabel("Nahrát text smlouvy").setInputFiles({ name: "smlouva.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByText("Přiložený soubor: smlouva.pdf").waitFor();
    expect(uploads).toHaveLength(1);
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "portal_csrf")?.value;
    expect(csrf).toBeTruthy();
    expect(uploads[0]!.headers()["x-csrf-token"]).toBe(csrf);
    // The header without which the API refuses a multipart POST (a cross-site form cannot send it).
    expect(uploads[0]!.headers()["x-portal-csrf"]).toBe("1");

    // The browser stops the wrong IČO; focus goes to it.
    const save = page.getByRole("button", { name: "Uložit jako koncept" });
    await save.click();
    await expect.poll(() => ico.evaluate((element) => element === document.activeElement)).toBe(true);
    await ico.fill("25596641");

    // The API refuses VAT below the net amount: its message is next to the field, and nothing typed is lost.
    await save.click();
    const withVat = field(page, "Částka s DPH");
    await expect.poll(() => descriptionOf(withVat)).toContain("Částka s DPH nesmí být nižší než částka bez DPH.");
    expect(await withVat.getAttribute("aria-invalid")).toBe("true");
    expect(await field(page, "Předmět").inputValue()).toBe("Rekonstrukce dětského hřiště");
    expect(await field(page, "Název").inputValue()).toBe("Hřiště Bukovský s.r.o.");
    expect(await field(page, "Datum podpisu").inputValue()).toBe(signedOn);
    await page.getByText("Přiložený soubor: smlouva.pdf").waitFor();
    await expectAccessible(page, "contract form with API errors (desktop)");

    await withVat.fill("73 205");
    await save.click();
    await waitForHeading(page, "Smlouva SML-K-0001");
    expect(new URL(page.url()).pathname).toMatch(/^\/urad\/registry\/smlouvy\/[0-9a-f-]{36}$/);
    const status = page.getByRole("region", { name: "Stav a zveřejnění" });
    await status.getByText("Koncept", { exact: true }).waitFor();
    await status.getByText(`Zveřejnit do ${deadline}`).waitFor();
    await expectAccessible(page, "contract edit page (desktop)");

    // Saved as typed: a reload shows the stored values (the draft was dropped).
    await page.reload();
    await waitForHeading(page, "Smlouva SML-K-0001");
    expect(await field(page, "Částka bez DPH").inputValue()).toBe("60500,00");
    expect(await field(page, "IČO").inputValue()).toBe("25596641");
    await page.getByText("Přiložený soubor: smlouva.pdf").waitFor();

    // The clerk's list flags it for the registr smluv.
    await page.getByRole("link", { name: "Zpět na seznam" }).click();
    await waitForHeading(page, "Evidence smluv");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "SML-K-0001" }) });
    await row.getByText(`Zveřejnit do ${deadline}`).waitFor();
    await row.getByText("Koncept", { exact: true }).waitFor();

    // A citizen does not see the draft.
    const { page: citizen } = await portal.open("phone");
    await expectPublicContracts(citizen, "bukovsk", []);

    // Published from the list, it appears publicly with its document.
    await row.getByRole("button", { name: "Zveřejnit SML-K-0001" }).click();
    await row.getByText("Zveřejněno", { exact: true }).waitFor();
    await expectPublicContracts(citizen, "bukovsk", ["SML-K-0001"]);
    await citizen.getByRole("link", { name: "SML-K-0001" }).click();
    await waitForHeading(citizen, "Smlouva SML-K-0001");
    const attachment = citizen.getByRole("link", { name: "Stáhnout smlouva.pdf" });
    const response = await citizen.request.get((await attachment.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).equals(PDF)).toBe(true);
    // Clicked in the app under its service worker, the link downloads the document itself, not the app shell.
    await waitForServiceWorker(citizen);
    await waitForHeading(citizen, "Smlouva SML-K-0001");
    const [download] = await Promise.all([citizen.waitForEvent("download"), attachment.click()]);
    expect(download.suggestedFilename()).toBe("smlouva.pdf");
    expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);
    const detailUrl = citizen.url();

    // Withdrawn with a reason (required), it disappears from the public register.
    await row.getByRole("link", { name: "SML-K-0001" }).click();
    await waitForHeading(page, "Smlouva SML-K-0001");
    await status.getByRole("button", { name: "Stáhnout" }).click();
    const dialog = page.getByRole("dialog", { name: "Stáhnout SML-K-0001 ze zveřejnění" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Stáhnout ze zveřejnění" }).click();
    const reason = field(dialog, "Důvod stažení");
    await expect.poll(() => descriptionOf(reason)).toContain("Vyplňte toto pole.");
    await expectAccessible(page, "unpublish dialog (desktop)");
    await reason.fill("Smlouva byla zveřejněna omylem, obsahuje osobní údaje.");
    await dialog.getByRole("button", { name: "Stáhnout ze zveřejnění" }).click();
    await dialog.waitFor({ state: "hidden" });
    await status.getByText("Staženo", { exact: true }).waitFor();
    await status.getByText("Důvod: Smlouva byla zveřejněna omylem, obsahuje osobní údaje.").waitFor();

    await expectPublicContracts(citizen, "bukovsk", []);
    await citizen.goto(detailUrl);
    await waitForHeading(citizen, "Smlouva nenalezena");
    expect(errors).toEqual([]);
  });

  it("highlights contracts overdue for the registr smluv and filters them", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    const base = { subject: "Lhůta registru", counterpartyName: "Lhůtová s.r.o.", department: "Odbor dopravy" };
    await createContract(page, {
      ...base,
      number: "SML-L-0001",
      amountWithoutVat: "80000.00",
      amountWithVat: "96800.00",
      signedOn: pragueDate(-45),
    });
    await createContract(page, {
      ...base,
      number: "SML-L-0002",
      amountWithoutVat: "80000.00",
      amountWithVat: "96800.00",
      signedOn: pragueDate(-5),
    });
    await createContract(page, {
      ...base,
      number: "SML-L-0003",
      amountWithoutVat: "40000.00",
      amountWithVat: "48400.00",
      signedOn: pragueDate(-45),
    });
    await createContract(page, {
      ...base,
      number: "SML-L-0004",
      amountWithoutVat: "80000.00",
      amountWithVat: "96800.00",
      signedOn: pragueDate(-45),
      registryId: "12345678",
      registryPublishedOn: pragueDate(-40),
    });

    await page.goto("/urad/registry/smlouvy?counterparty=lhutova");
    await waitForHeading(page, "Evidence smluv");
    const cell = (number: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: number }) });
    const overdue = cell("SML-L-0001").getByText(`Po lhůtě! Měla být zveřejněna do ${czechDate(pragueDate(-15))}`);
    await overdue.waitFor();
    // Highlighted: white on the danger colour, and said in words.
    expect(await overdue.evaluate((element) => element.tagName)).toBe("STRONG");
    expect(await overdue.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(255, 255, 255)");
    await cell("SML-L-0002")
      .getByText(`Zveřejnit do ${czechDate(pragueDate(25))}`)
      .waitFor();
    await cell("SML-L-0003").getByText("Nepodléhá").waitFor();
    await cell("SML-L-0004")
      .getByText(`Zveřejněno ${czechDate(pragueDate(-40))}`)
      .waitFor();
    await expectAccessible(page, "clerk contract list with registry states (desktop)");

    await page.getByLabel("Registr smluv").selectOption({ label: "Po lhůtě pro registr" });
    await page.waitForURL(/registry=OVERDUE/);
    await expect.poll(() => page.locator("main [data-row-link]:visible").allTextContents()).toEqual(["SML-L-0001"]);
    await page.getByLabel("Registr smluv").selectOption({ label: "Čeká na zveřejnění v registru" });
    await expect.poll(() => page.locator("main [data-row-link]:visible").allTextContents()).toEqual(["SML-L-0002", "SML-L-0001"]);
    await page.getByLabel("Stav", { exact: true }).selectOption({ label: "Zveřejněno" });
    await page.getByRole("status").filter({ hasText: "Žádná smlouva neodpovídá." }).waitFor();

    // Orders over 50 000 Kč excluding VAT fall under the registr smluv too.
    await api(page, `mutation($input: PurchaseOrderInput!) { createPurchaseOrder(input: $input) { __typename } }`, {
      input: {
        number: "OBJ-L-0001",
        subject: "Posypová sůl",
        supplierName: "Lhůtová s.r.o.",
        amountWithoutVat: "52000.00",
        amountWithVat: "62920.00",
        orderedOn: pragueDate(-45),
      },
    });
    await page.goto("/urad/registry/objednavky?counterparty=lhutova&registry=OVERDUE");
    await waitForHeading(page, "Evidence objednávek");
    await cell("OBJ-L-0001")
      .getByText(`Po lhůtě! Měla být zveřejněna do ${czechDate(pragueDate(-15))}`)
      .waitFor();
  });

  it("answers a number already in the register next to the field and keeps a new contract's draft across a reload", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    await createContract(page, {
      number: "SML-D-0001",
      subject: "První",
      counterpartyName: "Duplicitní a.s.",
      amountWithoutVat: "100.00",
      amountWithVat: "121.00",
      signedOn: pragueDate(-1),
    });
    await page.goto("/urad/registry/smlouvy/nova");
    await waitForHeading(page, "Nová smlouva");
    await field(page, "Číslo smlouvy").fill("SML-D-0001");
    await field(page, "Předmět").fill("Druhá se stejným číslem");
    await field(page, "Název").fill("Duplicitní a.s.");
    await field(page, "Částka bez DPH").fill("1 000,50");
    await field(page, "Částka s DPH").fill("1 210,61");
    await field(page, "Datum podpisu").fill(pragueDate(-1));
    await page.reload();
    await waitForHeading(page, "Nová smlouva");
    expect(await field(page, "Předmět").inputValue()).toBe("Druhá se stejným číslem");
    expect(await field(page, "Částka s DPH").inputValue()).toBe("1 210,61");

    await page.getByRole("button", { name: "Uložit jako koncept" }).click();
    const number = field(page, "Číslo smlouvy");
    await expect.poll(() => descriptionOf(number)).toContain("Záznam s tímto číslem už v evidenci je.");
    expect(await number.inputValue()).toBe("SML-D-0001");
    expect(await contractCount(page, "duplicitni")).toBe(1);
  });
});

describe("invoices and orders", () => {
  it("records an order and an invoice linked to a contract and the order, with its budget classification", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    await createContract(page, {
      number: "SML-F-0001",
      subject: "Svoz odpadu",
      counterpartyName: "Odpady Fakturová s.r.o.",
      counterpartyIco: "27074358",
      amountWithoutVat: "300000.00",
      amountWithVat: "363000.00",
      signedOn: pragueDate(-20),
    });

    await page.goto("/urad/registry/objednavky/nova");
    await waitForHeading(page, "Nová objednávka");
    await expectAccessible(page, "/urad/registry/objednavky/nova (desktop)");
    await field(page, "Číslo objednávky").fill("OBJ-F-0001");
    await field(page, "Předmět").fill("Kontejnery na bioodpad");
    await field(page, "Název").fill("Odpady Fakturová s.r.o.");
    await field(page, "IČO").fill("270 74 358");
    await field(page, "Částka bez DPH").fill("12 000");
    await field(page, "Částka s DPH").fill("14 520");
    await field(page, "Datum objednání").fill(pragueDate(-10));
    await page.getByRole("button", { name: "Uložit jako koncept" }).click();
    await waitForHeading(page, "Objednávka OBJ-F-0001");
    await expectAccessible(page, "order edit page (desktop)");

    await page.goto("/urad/registry/faktury/nova");
    await waitForHeading(page, "Nová faktura");
    await expectAccessible(page, "/urad/registry/faktury/nova (desktop)");
    await field(page, "Číslo faktury").fill("FV-F-0001");
    await field(page, "Předmět").fill("Svoz odpadu za říjen");
    await field(page, "Název").fill("Odpady Fakturová s.r.o.");
    await field(page, "IČO").fill("27074358");
    await field(page, "Částka bez DPH").fill("25 000");
    await field(page, "Částka s DPH").fill("30 250");
    await field(page, "Datum vystavení").fill(pragueDate(-3));
    await field(page, "Datum splatnosti").fill(pragueDate(11));
    await field(page, "Paragraf").fill("3722");
    // The pickers search by the supplier's IČO: the contract and the order of the same supplier are offered.
    const contract = field(page, "Smlouva");
    await expect
      .poll(() => contract.locator("option").allTextContents())
      .toContain(`SML-F-0001 – Svoz odpadu (Odpady Fakturová s.r.o., ${czechDate(pragueDate(-20))})`);
    await contract.selectOption({ label: `SML-F-0001 – Svoz odpadu (Odpady Fakturová s.r.o., ${czechDate(pragueDate(-20))})` });
    const order = field(page, "Objednávka");
    await expect
      .poll(() => order.locator("option").allTextContents())
      .toContain(`OBJ-F-0001 – Kontejnery na bioodpad (Odpady Fakturová s.r.o., ${czechDate(pragueDate(-10))})`);
    await order.selectOption({ label: `OBJ-F-0001 – Kontejnery na bioodpad (Odpady Fakturová s.r.o., ${czechDate(pragueDate(-10))})` });

    // Only the paragraph: the API asks for the item too, next to it.
    await page.getByRole("button", { name: "Uložit jako koncept" }).click();
    const item = field(page, "Položka");
    await expect.poll(() => descriptionOf(item)).toContain("Vyplňte paragraf i položku rozpočtové skladby, nebo ani jedno.");
    expect(await contract.inputValue()).not.toBe("");
    await item.fill("5169");
    await page.getByRole("button", { name: "Uložit jako koncept" }).click();
    await waitForHeading(page, "Faktura FV-F-0001");
    await expectAccessible(page, "invoice edit page (desktop)");
    expect(await field(page, "Smlouva").locator("option:checked").textContent()).toMatch(/^SML-F-0001 – Svoz odpadu/);
    expect(await field(page, "Objednávka").locator("option:checked").textContent()).toMatch(/^OBJ-F-0001 – Kontejnery na bioodpad/);

    // Published, the citizen's invoice detail links both.
    await page.getByRole("region", { name: "Stav a zveřejnění" }).getByRole("button", { name: "Zveřejnit" }).click();
    await page.getByRole("region", { name: "Stav a zveřejnění" }).getByText("Zveřejněno", { exact: true }).waitFor();
    await page.getByRole("link", { name: "Zobrazit na portálu" }).click();
    await waitForHeading(page, "Faktura FV-F-0001");
    await page.getByText("paragraf 3722, položka 5169").waitFor();
  });
});

describe("import", () => {
  const CSV = [
    "Číslo smlouvy;Předmět;Smluvní strana;IČO;Částka bez DPH;Částka s DPH;Datum podpisu;Odbor",
    "SML-I-0001;Dodávka lavic;Truhlářství Vrbový s.r.o.;25596641;30 000,00;36 300,00;3. 11. 2026;Odbor správy majetku",
    "SML-I-0002;Oprava plotu;Truhlářství Vrbový s.r.o.;;12 000,00;14 520,00;4. 11. 2026;",
    "SML-I-0003;Servis kotelny;Truhlářství Vrbový s.r.o.;12345678;45 000,00;54 450,00;5. 11. 2026;",
  ].join("\r\n");

  it("previews a CSV with one bad line, imports nothing until the clerk decides, then only the valid rows", async () => {
    const { page } = await openAsClerk(portal, "desktop");
    const { page: citizen } = await portal.open("phone");
    await page.goto("/urad/registry/smlouvy");
    await page.getByRole("navigation", { name: "Registry" }).getByRole("link", { name: "Import" }).click();
    await waitForHeading(page, "Import z účetního systému");
    await expectAccessible(page, "/urad/registry/import (desktop)");

    // A file without the required columns is refused next to the file field.
    await page.getByLabel("Co importujete").selectOption({ label: "Smlouvy" });
    const file = page.getByLabel("Soubor CSV nebo XLSX");
    await file.setInputFiles({ name: "spatne.csv", mimeType: "text/csv", buffer: Buffer.from("Sloupec;Jiný\r\na;b\r\n") });
    await page.getByRole("button", { name: "Zobrazit náhled" }).click();
    await expect.poll(() => descriptionOf(file)).toContain("V souboru chybí sloupce");

    await file.setInputFiles({ name: "smlouvy-listopad.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${CSV}`) });
    await page.getByRole("button", { name: "Zobrazit náhled" }).click();
    await page.getByRole("heading", { name: "Náhled souboru smlouvy-listopad.csv" }).waitFor();
    expect(new URL(page.url()).searchParams.get("nahled")).toMatch(/^[0-9a-f-]{36}$/);
    const summary = page.getByRole("region", { name: "Náhled souboru smlouvy-listopad.csv" });
    for (const text of ["3 řádky s daty", "2 bezchybné", "1 chybný"]) await summary.getByText(text).waitFor();
    // The problem with its line (the header is line 1) and column.
    const problem = page.getByRole("table", { name: "1 chyba" }).getByRole("row").nth(1);
    expect(await problem.getByRole("cell").allTextContents()).toEqual(["4", "IČO", "IČO musí mít 8 číslic a platnou kontrolní číslici."]);
    await page.getByRole("table", { name: "První 2 bezchybné řádky" }).getByRole("cell", { name: "SML-I-0001" }).waitFor();
    await expectAccessible(page, "import preview with a problem (desktop)");

    // A reload returns to the same preview.
    await page.reload();
    await page.getByRole("heading", { name: "Náhled souboru smlouvy-listopad.csv" }).waitFor();

    // Importing the whole file is refused while it has problems: nothing is saved.
    await page.getByRole("button", { name: "Importovat 3 řádky" }).click();
    await page.getByRole("alert").filter({ hasText: "Soubor obsahuje chybné řádky (1)" }).waitFor();
    const skip = page.getByLabel("Importovat jen 2 bezchybné řádky a chybné řádky (1) vynechat");
    expect(await descriptionOf(skip)).toContain("potvrďte import bez chybných řádků");
    expect(await contractCount(page, "vrbovy")).toBe(0);

    // The explicit choice: only the valid rows, published at once.
    await skip.check();
    await page.getByLabel("Importované záznamy rovnou zveřejnit").check();
    await page.getByRole("button", { name: "Importovat 2 řádky" }).click();
    await page.getByText(/^Importovány 2 záznamy \(/).waitFor();
    expect(await contractCount(page, "vrbovy")).toBe(2);
    await expectPublicContracts(citizen, "vrbovy", ["SML-I-0002", "SML-I-0001"]);
    await expectAccessible(page, "import done (desktop)");

    // Another file, discarded: nothing saved, and the form is back.
    await page.getByRole("button", { name: "Importovat další soubor" }).click();
    await page.getByLabel("Soubor CSV nebo XLSX").setInputFiles({
      name: "jeste-jednou.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV.replaceAll("SML-I-", "SML-J-")),
    });
    await page.getByRole("button", { name: "Zobrazit náhled" }).click();
    await page.getByRole("heading", { name: "Náhled souboru jeste-jednou.csv" }).waitFor();
    await page.getByRole("button", { name: "Zrušit import" }).click();
    await page.getByRole("button", { name: "Zobrazit náhled" }).waitFor();
    expect(await contractCount(page, "vrbovy")).toBe(2);
  });
});

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("axe on a %s", (viewport) => {
  it("every clerk register page", async () => {
    const { page } = await openAsClerk(portal, viewport);
    const contractId = await createContract(page, {
      number: `SML-A-${viewport}`,
      subject: "Kontrola přístupnosti",
      counterpartyName: "Přístupná s.r.o.",
      amountWithoutVat: "70000.00",
      amountWithVat: "84700.00",
      signedOn: pragueDate(-40),
    });
    const pages: Array<[string, string]> = [
      ["/urad/registry/smlouvy", "Evidence smluv"],
      ["/urad/registry/faktury", "Evidence faktur"],
      ["/urad/registry/objednavky", "Evidence objednávek"],
      ["/urad/registry/smlouvy/nova", "Nová smlouva"],
      ["/urad/registry/faktury/nova", "Nová faktura"],
      ["/urad/registry/objednavky/nova", "Nová objednávka"],
      [`/urad/registry/smlouvy/${uuidOf(contractId)}`, `Smlouva SML-A-${viewport}`],
      ["/urad/registry/import", "Import z účetního systému"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await waitForHeading(page, heading);
      if (path.endsWith("smlouvy") || path.endsWith("faktury") || path.endsWith("objednavky")) {
        await page
          .getByRole("status")
          .filter({ hasText: /Nalezen|Žádná/ })
          .waitFor();
      }
      await expectAccessible(page, `${path} (${viewport})`);
    }
  }, 120_000);
});
