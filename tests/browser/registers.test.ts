import fs from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  descriptionOf,
  expectAccessible,
  field,
  openAsClerk,
  trackPageErrors,
  usePortal,
  VIEWPORTS,
  waitForHeading,
  type ViewportName,
} from "../kit/browser.ts";

// The public registers of contracts, invoices and orders as a citizen uses them, without logging in: filter by
// counterparty typed without diacritics, sort by amount, open a detail and its linked invoice, download the
// filtered list as CSV. The entries are recorded and published through the API by the demo clerk first; the
// counterparty names are this file's own, so demo data in the same town cannot change the answers.

const portal = usePortal();

const ENTRIES = {
  bigContract: {
    number: "SML-T-0001",
    subject: "Oprava chodníku v ulici Údolní",
    counterpartyName: "Žďárské kamenictví s.r.o.",
    counterpartyIco: "25596641",
    amountWithoutVat: "180000.00",
    amountWithVat: "217800.00",
    signedOn: "2026-03-10",
    validFrom: "2026-03-10",
    validUntil: "2027-12-31",
    department: "Odbor správy majetku",
  },
  smallContract: {
    number: "SML-T-0002",
    subject: "Oprava pomníku padlých",
    counterpartyName: "Kamenictví Žďárský a syn, v.o.s.",
    counterpartyIco: null,
    amountWithoutVat: "20000.00",
    amountWithVat: "24200.00",
    signedOn: "2026-05-02",
    department: "Odbor školství",
  },
  otherContract: {
    number: "SML-T-0003",
    subject: "Výměna svítidel veřejného osvětlení",
    counterpartyName: "Elektro Šimánek",
    counterpartyIco: "27074358",
    amountWithoutVat: "95000.00",
    amountWithVat: "114950.00",
    signedOn: "2025-11-20",
  },
  /** Never published: must not show up anywhere public. */
  draftContract: {
    number: "SML-T-0004",
    subject: "Koncept smlouvy, který veřejnost nevidí",
    counterpartyName: "Žďárské kamenictví s.r.o.",
    counterpartyIco: "25596641",
    amountWithoutVat: "999999.00",
    amountWithVat: "1209998.79",
    signedOn: "2026-06-01",
  },
};

interface Seeded {
  bigContractId: string;
  invoiceId: string;
  orderId: string;
}
let seeded: Seeded;

/** GraphQL as the signed-in demo clerk, through the real server (cookies and the CSRF header, as the app sends them). */
async function clerkApi(page: Page) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "portal_csrf")?.value ?? "";
  return async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await page.request.post("/graphql", { headers: { "x-csrf-token": csrf }, data: { query, variables } });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
}

async function seed(): Promise<Seeded> {
  const { page } = await openAsClerk(portal, "desktop");
  const api = await clerkApi(page);
  const create = async (input: Record<string, unknown>) => {
    const data = await api<{ createContract: { __typename: string; contract?: { id: string }; message?: string } }>(
      `mutation($input: ContractInput!) { createContract(input: $input) { __typename ... on CreateContractSuccess { contract { id } } ... on Error { message } } }`,
      { input },
    );
    if (!data.createContract.contract) throw new Error(data.createContract.message);
    return data.createContract.contract.id;
  };
  const publish = (id: string) =>
    api(`mutation($id: ID!) { publishRegisterEntry(id: $id) { __typename } }`, { id }).then((data) =>
      expect(data).toEqual({ publishRegisterEntry: { __typename: "PublishRegisterEntrySuccess" } }),
    );
  const bigContractId = await create(ENTRIES.bigContract);
  for (const id of [bigContractId, await create(ENTRIES.smallContract), await create(ENTRIES.otherContract)]) await publish(id);
  await create(ENTRIES.draftContract);

  const order = await api<{ createPurchaseOrder: { purchaseOrder: { id: string } } }>(
    `mutation($input: PurchaseOrderInput!) { createPurchaseOrder(input: $input) { ... on CreatePurchaseOrderSuccess { purchaseOrder { id } } } }`,
    {
      input: {
        number: "OBJ-T-0001",
        subject: "Dlažební kostky pro Údolní ulici",
        supplierName: "Žďárské kamenictví s.r.o.",
        supplierIco: "25596641",
        amountWithoutVat: "30000.00",
        amountWithVat: "36300.00",
        orderedOn: "2026-03-01",
      },
    },
  );
  const orderId = order.createPurchaseOrder.purchaseOrder.id;
  await publish(orderId);
  const invoice = await api<{ createInvoice: { invoice: { id: string } } }>(
    `mutation($input: InvoiceInput!) { createInvoice(input: $input) { ... on CreateInvoiceSuccess { invoice { id } } } }`,
    {
      input: {
        number: "FV-T-0001",
        subject: "Oprava chodníku, 1. etapa",
        supplierName: "Žďárské kamenictví s.r.o.",
        supplierIco: "25596641",
        amountWithoutVat: "90000.00",
        amountWithVat: "108900.00",
        issuedOn: "2026-04-15",
        dueOn: "2026-04-29",
        paidOn: "2026-04-20",
        contractId: bigContractId,
        orderId,
        budgetParagraph: "2219",
        budgetItem: "5171",
        department: "Odbor správy majetku",
      },
    },
  );
  const invoiceId = invoice.createInvoice.invoice.id;
  await publish(invoiceId);
  await page.context().close();
  return { bigContractId, invoiceId, orderId };
}

beforeAll(async () => {
  seeded = await seed();
}, 60_000);

const uuidOf = (id: string) => Buffer.from(id, "base64").toString().split(":")[1]!;
/** The visible entry links of a register list (the table on desktops, the cards on phones). */
const rowLinks = (page: Page) => page.locator("main [data-row-link]:visible");
/** Czech formatting puts no-break spaces in amounts; match any space. */
const money = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s"));

describe("a citizen on a phone", () => {
  it("finds contracts by a counterparty typed without diacritics, sorts them by amount and opens one", async () => {
    const { page } = await portal.open("phone");
    const errors = trackPageErrors(page);
    await page.goto("/");
    await waitForHeading(page, "Město Lipnice");
    await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("navigation", { name: "Hlavní menu" }).getByRole("link", { name: "Registry" }).click();
    await waitForHeading(page, "Smlouvy, faktury a objednávky");
    await page.getByRole("main").getByRole("link", { name: "Smlouvy" }).first().click();
    await waitForHeading(page, "Smlouvy");

    // On a phone the filter starts folded; open it and search without diacritics and in lower case.
    await page.getByText("Filtr", { exact: true }).click();
    const party = field(page, "Smluvní strana (název nebo IČO)");
    await party.fill("zdarsk");
    await page.getByRole("button", { name: "Použít filtr" }).click();
    await page.waitForURL(/[?&]counterparty=zdarsk/);
    await page.getByRole("status").filter({ hasText: "Nalezeny 2 smlouvy" }).waitFor();
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0002", "SML-T-0001"]); // newest first
    // The draft of the same counterparty is not public; the other counterparty is filtered out.
    expect(await page.getByText("SML-T-0004").count()).toBe(0);
    expect(await page.getByText("SML-T-0003").count()).toBe(0);
    await page.getByText(money("Nalezeny 2 smlouvy v celkové hodnotě 242 000,00 Kč s DPH (200 000,00 Kč bez DPH).")).waitFor();
    await expectAccessible(page, "/smlouvy filtered (phone)");

    // Sorting by amount, both ways; the order is in the URL too.
    const sort = page.getByLabel("Řadit");
    await sort.selectOption({ label: "Od nejvyšší částky" });
    await page.waitForURL(/sort=AMOUNT&direction=DESC/);
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0001", "SML-T-0002"]);
    await sort.selectOption({ label: "Od nejnižší částky" });
    await page.waitForURL(/sort=AMOUNT&direction=ASC/);
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0002", "SML-T-0001"]);

    // The card shows both amounts in Czech format.
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "SML-T-0001" }) });
    await card.getByText(money("180 000,00 Kč")).waitFor();
    await card.getByText(money("217 800,00 Kč")).waitFor();

    // A reload keeps the filter and the order (they live in the URL).
    await page.reload();
    await waitForHeading(page, "Smlouvy");
    expect(await field(page, "Smluvní strana (název nebo IČO)").inputValue()).toBe("zdarsk");
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0002", "SML-T-0001"]);

    // The detail: every field, the registr smluv duty, the linked invoice.
    await page.getByRole("link", { name: "SML-T-0001" }).click();
    await waitForHeading(page, "Smlouva SML-T-0001");
    expect(new URL(page.url()).pathname).toBe(`/smlouvy/${uuidOf(seeded.bigContractId)}`);
    const details = page.locator("main dl").first();
    for (const text of [
      "Oprava chodníku v ulici Údolní",
      "Žďárské kamenictví s.r.o.",
      "IČO 25596641",
      "10. 3. 2026",
      "od 10. 3. 2026 do 31. 12. 2027",
      "Odbor správy majetku",
      "Podléhá zveřejnění v registru smluv (nad 50 000 Kč bez DPH).",
    ]) {
      await details.getByText(text, { exact: false }).first().waitFor();
    }
    await details.getByText(money("180 000,00 Kč")).waitFor();
    await details.getByText(money("217 800,00 Kč")).waitFor();
    await page.getByText("Text smlouvy není přiložen.").waitFor();
    await expectAccessible(page, "/smlouvy/:id (phone)");

    // "Back to contracts" returns to the list as it was filtered and sorted.
    await page.getByRole("link", { name: "Zpět na seznam smluv" }).click();
    await waitForHeading(page, "Smlouvy");
    expect(new URL(page.url()).search).toBe("?counterparty=zdarsk&sort=AMOUNT&direction=ASC");
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0002", "SML-T-0001"]);
    await page.getByRole("link", { name: "SML-T-0001" }).click();
    await waitForHeading(page, "Smlouva SML-T-0001");

    await page.getByRole("link", { name: "FV-T-0001" }).click();
    await waitForHeading(page, "Faktura FV-T-0001");
    await page.getByText("paragraf 2219, položka 5171").waitFor();
    await page.getByText("20. 4. 2026").waitFor();
    await expectAccessible(page, "/faktury/:id (phone)");
    await page.getByRole("link", { name: "OBJ-T-0001 – Dlažební kostky pro Údolní ulici" }).waitFor();
    await page.getByRole("link", { name: "SML-T-0001 – Oprava chodníku v ulici Údolní" }).click();
    await waitForHeading(page, "Smlouva SML-T-0001");

    expect(errors).toEqual([]);
  });

  it("downloads the CSV export of exactly the filtered, sorted list", async () => {
    const { page } = await portal.open("phone");
    await page.goto("/smlouvy?counterparty=zdarsk&sort=AMOUNT&direction=DESC");
    await page.getByRole("status").filter({ hasText: "Nalezeny 2 smlouvy" }).waitFor();

    const csvLink = page.getByRole("link", { name: "Export CSV" });
    expect(await csvLink.getAttribute("href")).toBe("/api/registry/contracts.csv?counterparty=zdarsk&sort=AMOUNT&direction=DESC");
    expect(await page.getByRole("link", { name: "Export XLSX" }).getAttribute("href")).toBe(
      "/api/registry/contracts.xlsx?counterparty=zdarsk&sort=AMOUNT&direction=DESC",
    );
    const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
    expect(download.suggestedFilename()).toMatch(/^smlouvy-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^Číslo smlouvy;Předmět;Smluvní strana;/);
    // The two matching published contracts, highest amount first; neither the draft nor the other counterparty.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^SML-T-0001;Oprava chodníku v ulici Údolní;Žďárské kamenictví s\.r\.o\.;25596641;180\s?000,00;217\s?800,00;/);
    expect(lines[2]).toMatch(/^SML-T-0002;/);
    expect(csv).not.toContain("SML-T-0004");
    expect(csv).not.toContain("SML-T-0003");

    // The XLSX is a real workbook (a ZIP) served as one.
    const xlsx = await page.request.get("/api/registry/contracts.xlsx?counterparty=zdarsk&sort=AMOUNT&direction=DESC");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
  });

  it("filters by year, amount range and department, and explains a wrong amount next to the field", async () => {
    const { page } = await portal.open("phone");
    // With a filter in the URL the filter form starts unfolded, also on a phone.
    await page.goto("/smlouvy?counterparty=zdarsk");
    await waitForHeading(page, "Smlouvy");

    const min = field(page, "Částka s DPH od (Kč)");
    await min.fill("sto korun");
    await page.getByRole("button", { name: "Použít filtr" }).click();
    await expect.poll(() => min.getAttribute("aria-invalid")).toBe("true");
    expect(await descriptionOf(min)).toContain("Zadejte částku v korunách");
    expect(new URL(page.url()).search).toBe("?counterparty=zdarsk");

    await min.fill("100 000");
    await field(page, "Částka s DPH do (Kč)").fill("250 000,50");
    await field(page, "Rok").fill("2026");
    await page.getByRole("button", { name: "Použít filtr" }).click();
    await page.waitForURL(/amountMin=100000\.00/);
    expect(new URL(page.url()).searchParams.get("amountMax")).toBe("250000.50");
    await expect.poll(() => rowLinks(page).allTextContents()).toEqual(["SML-T-0001"]);

    await page.getByText(/^Filtr \(4 podmínky\)$/).waitFor();
    await field(page, "Odbor").fill("odbor školství");
    await page.getByRole("button", { name: "Použít filtr" }).click();
    await page.getByRole("status").filter({ hasText: "Žádná smlouva neodpovídá." }).waitFor();
    await page.getByRole("button", { name: "Zrušit filtr" }).click();
    await page.waitForURL((url) => url.search === "");
    await expect.poll(async () => (await rowLinks(page).count()) >= 3).toBe(true);
  });

  it("loads more entries page by page, keeping the totals of the whole filter, and moves focus to the first new one", async () => {
    const { page: clerk } = await openAsClerk(portal, "desktop");
    const api = await clerkApi(clerk);
    for (let n = 1; n <= 27; n++) {
      const data = await api<{ createPurchaseOrder: { purchaseOrder: { id: string } } }>(
        `mutation($input: PurchaseOrderInput!) { createPurchaseOrder(input: $input) { ... on CreatePurchaseOrderSuccess { purchaseOrder { id } } } }`,
        {
          input: {
            number: `OBJ-P-${String(n).padStart(4, "0")}`,
            subject: `Kancelářské potřeby ${n}`,
            supplierName: "Stránkovací papírnictví s.r.o.",
            amountWithoutVat: `${n}00.00`,
            amountWithVat: `${n * 121}.00`,
            orderedOn: `2026-01-${String(n).padStart(2, "0")}`,
          },
        },
      );
      await api(`mutation($id: ID!) { publishRegisterEntry(id: $id) { __typename } }`, { id: data.createPurchaseOrder.purchaseOrder.id });
    }

    const { page } = await portal.open("phone");
    await page.goto("/objednavky?counterparty=strankovaci");
    const summary = page.getByRole("status").filter({ hasText: "Nalezeno 27 objednávek" });
    await summary.filter({ hasText: "Zobrazeno 25 z 27." }).waitFor();
    await expect.poll(() => rowLinks(page).count()).toBe(25);
    expect(await rowLinks(page).first().textContent()).toBe("OBJ-P-0027");
    await page.getByRole("button", { name: "Načíst další" }).click();
    await expect
      .poll(() => rowLinks(page).allTextContents())
      .toEqual(Array.from({ length: 27 }, (_, index) => `OBJ-P-${String(27 - index).padStart(4, "0")}`));
    // The last page: no more button, the totals still cover all 27, focus on the first entry that arrived.
    await summary.filter({ hasNotText: "Zobrazeno" }).waitFor();
    expect(await page.getByRole("button", { name: "Načíst další" }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("OBJ-P-0002");
    await expectAccessible(page, "/objednavky after load more (phone)");
  });

  it("answers a detail that is not public (a draft, an unknown or malformed id) with 'not found'", async () => {
    const { page } = await portal.open("phone");
    for (const path of ["/smlouvy/00000000-0000-4000-8000-000000000000", "/smlouvy/neni-to-id", "/faktury/%3Cscript%3E"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: /nenalezena/ }).waitFor();
    }
  });
});

describe.each(Object.keys(VIEWPORTS) as ViewportName[])("axe on a %s", (viewport) => {
  it("every public register page", async () => {
    const { page } = await portal.open(viewport);
    const pages: Array<[string, string]> = [
      ["/registry", "Smlouvy, faktury a objednávky"],
      ["/smlouvy", "Smlouvy"],
      ["/smlouvy?counterparty=zdarsk&year=2026&sort=COUNTERPARTY&direction=ASC", "Smlouvy"],
      ["/faktury", "Faktury"],
      ["/objednavky", "Objednávky"],
      [`/smlouvy/${uuidOf(seeded.bigContractId)}`, "Smlouva SML-T-0001"],
      [`/faktury/${uuidOf(seeded.invoiceId)}`, "Faktura FV-T-0001"],
      [`/objednavky/${uuidOf(seeded.orderId)}`, "Objednávka OBJ-T-0001"],
      ["/smlouvy/00000000-0000-4000-8000-000000000000", "Smlouva nenalezena"],
    ];
    for (const [path, heading] of pages) {
      await page.goto(path);
      await waitForHeading(page, heading);
      if (!path.includes("/smlouvy/") && !path.includes("/faktury/") && !path.includes("/objednavky/") && path !== "/registry") {
        await page
          .getByRole("status")
          .filter({ hasText: /Nalezen|Žádná/ })
          .waitFor();
      }
      await expectAccessible(page, `${path} (${viewport})`);
    }
    // The order detail lists its invoice; the invoice list shows the due date.
    await page.goto(`/objednavky/${uuidOf(seeded.orderId)}`);
    await page.getByRole("link", { name: "FV-T-0001" }).first().waitFor();
  }, 120_000);
});
