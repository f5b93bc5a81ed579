// Demo registers: a year of contracts, invoices and orders of the demo town Lipnice (and a few of
// Horní Lhota), relative to the seed time so the registr smluv flags are live: contracts and orders
// over 50 000 Kč published there in time, pending, and overdue. Every entry passes the same rules as
// a clerk's form (the registers' zod schemas). Idempotent: a town that has contracts is left alone.
import { DateTime } from "luxon";
import type { PrismaClient, RegisterStatus } from "../../api/src/generated/prisma/client.ts";
import { BUSINESS_ZONE } from "../../api/src/clock.ts";
import { loadConfig } from "../../api/src/config.ts";
import { isValidIco } from "@portal/forms";
import { createFileStore, fileStoreDirectory } from "../../api/src/integrations/file-store.ts";
import { entryColumns } from "../../api/src/services/registers/register-kinds.ts";
import { contractSchema, invoiceSchema, purchaseOrderSchema } from "../../api/src/services/registers/register-rules.ts";
import { minimalPdf } from "./notices.ts";

/** A fictional company's IČO: seven digits and the mod-11 check digit. */
function ico(body: string): string {
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (8 - i), 0);
  const value = body + String((11 - (sum % 11)) % 10);
  if (!isValidIco(value)) throw new Error(`Invalid demo IČO ${value}`);
  return value;
}

const COMPANIES = {
  stavby: { name: "Stavby Vysočina s.r.o.", ico: ico("2745180") },
  silnice: { name: "Silnice Lipnice a.s.", ico: ico("2611734") },
  sluzby: { name: "Technické služby Lipnice, příspěvková organizace", ico: ico("7098452") },
  elektro: { name: "Elektro Šimánek s.r.o.", ico: ico("2890317") },
  zelen: { name: "Zahradnictví Kvítek s.r.o.", ico: ico("2536921") },
  voda: { name: "AquaServis Vysočina s.r.o.", ico: ico("2674408") },
  projekce: { name: "Projekce Novotný, s.r.o.", ico: ico("2813356") },
  geodezie: { name: "Geodezie Brázda s.r.o.", ico: ico("2940075") },
  it: { name: "IT Služby Horák s.r.o.", ico: ico("0531872") },
  kancelar: { name: "Kancelář Plus s.r.o.", ico: ico("2577063") },
  pekarna: { name: "Pekárna U Mlýna s.r.o.", ico: ico("2699214") },
  hasici: { name: "Hasičské potřeby Hora s.r.o.", ico: ico("2760345") },
  odpady: { name: "EKO Odpady Vysočina s.r.o.", ico: ico("2658819") },
  tiskarna: { name: "Tiskárna Horák a syn s.r.o.", ico: ico("2832147") },
} as const;
type Company = keyof typeof COMPANIES;

const DEPARTMENTS = {
  majetek: "Odbor správy majetku",
  vystavba: "Odbor výstavby a územního plánování",
  starosta: "Kancelář starosty",
  prostredi: "Odbor životního prostředí",
  skolstvi: "Odbor školství a kultury",
  finance: "Finanční odbor",
} as const;

interface DemoContract {
  key: string;
  number: string;
  subject: string;
  company: Company;
  /** Kč excluding VAT; VAT 21 % unless `vatFree`. */
  amount: number;
  vatFree?: boolean;
  /** Days before the seed day. */
  signedDaysAgo: number;
  validMonths?: number;
  department: keyof typeof DEPARTMENTS;
  /** Days after signing it was published in the registr smluv (only over 50 000 Kč); null: not yet. */
  registryAfterDays?: number | null;
  status?: RegisterStatus;
  unpublishReason?: string;
  attachment?: boolean;
}

interface DemoInvoice {
  number: string;
  subject: string;
  company: Company;
  amount: number;
  issuedDaysAgo: number;
  /** Days to pay. */
  dueDays?: number;
  /** Paid this many days after issue; null: not yet paid. */
  paidAfterDays?: number | null;
  paragraph: string;
  item: string;
  department: keyof typeof DEPARTMENTS;
  contract?: string;
  order?: string;
  status?: RegisterStatus;
}

interface DemoOrder {
  key: string;
  number: string;
  subject: string;
  company: Company;
  amount: number;
  orderedDaysAgo: number;
  department: keyof typeof DEPARTMENTS;
  /** Days after ordering it was published in the registr smluv (only over 50 000 Kč); null: not yet. */
  registryAfterDays?: number | null;
  status?: RegisterStatus;
}

function lipniceContracts(year: number): DemoContract[] {
  return [
    {
      key: "chodnik",
      number: `SML/${year}/001`,
      subject: "Rekonstrukce chodníku v ulici Údolní",
      company: "stavby",
      amount: 1_284_500,
      signedDaysAgo: 320,
      validMonths: 6,
      department: "majetek",
      registryAfterDays: 6,
      attachment: true,
    },
    {
      key: "silnice",
      number: `SML/${year}/002`,
      subject: "Oprava místní komunikace Lipnice – Zahrádky",
      company: "silnice",
      amount: 2_350_000,
      signedDaysAgo: 290,
      validMonths: 5,
      department: "majetek",
      registryAfterDays: 12,
    },
    {
      key: "odpady",
      number: `SML/${year}/003`,
      subject: "Svoz a odstranění směsného komunálního odpadu",
      company: "odpady",
      amount: 960_000,
      signedDaysAgo: 360,
      validMonths: 36,
      department: "prostredi",
      registryAfterDays: 3,
    },
    {
      key: "osvetleni",
      number: `SML/${year}/004`,
      subject: "Údržba veřejného osvětlení",
      company: "elektro",
      amount: 186_000,
      signedDaysAgo: 250,
      validMonths: 24,
      department: "majetek",
      registryAfterDays: 20,
    },
    {
      key: "zelen",
      number: `SML/${year}/005`,
      subject: "Péče o veřejnou zeleň a sečení trávníků",
      company: "zelen",
      amount: 142_000,
      signedDaysAgo: 230,
      validMonths: 8,
      department: "prostredi",
      registryAfterDays: 9,
    },
    {
      key: "vodovod",
      number: `SML/${year}/006`,
      subject: "Provozování vodovodu a kanalizace",
      company: "voda",
      amount: 420_000,
      signedDaysAgo: 200,
      validMonths: 60,
      department: "majetek",
      registryAfterDays: 14,
    },
    {
      key: "projekt",
      number: `SML/${year}/007`,
      subject: "Projektová dokumentace – přístavba mateřské školy",
      company: "projekce",
      amount: 315_000,
      signedDaysAgo: 150,
      department: "vystavba",
      registryAfterDays: 25,
    },
    {
      key: "geodezie",
      number: `SML/${year}/008`,
      subject: "Geometrický plán pro výkup pozemků pod cyklostezkou",
      company: "geodezie",
      amount: 38_000,
      signedDaysAgo: 130,
      department: "vystavba",
    },
    {
      key: "it",
      number: `SML/${year}/009`,
      subject: "Správa počítačové sítě úřadu",
      company: "it",
      amount: 4_200,
      signedDaysAgo: 340,
      validMonths: 12,
      department: "starosta",
    },
    {
      key: "hasici",
      number: `SML/${year}/010`,
      subject: "Dodávka zásahových obleků pro JSDH Lipnice",
      company: "hasici",
      amount: 96_400,
      signedDaysAgo: 100,
      department: "starosta",
      registryAfterDays: 7,
    },
    {
      key: "zpravodaj",
      number: `SML/${year}/011`,
      subject: "Tisk Lipnického zpravodaje",
      company: "tiskarna",
      amount: 44_000,
      signedDaysAgo: 80,
      validMonths: 12,
      department: "skolstvi",
    },
    {
      // Over 50 000 Kč and still not in the registr smluv after the 30-day deadline: overdue.
      key: "skola",
      number: `SML/${year}/012`,
      subject: "Výměna oken v základní škole",
      company: "stavby",
      amount: 612_000,
      signedDaysAgo: 45,
      department: "skolstvi",
      registryAfterDays: null,
    },
    {
      // Signed days ago: the deadline is still ahead.
      key: "zimni",
      number: `SML/${year}/013`,
      subject: "Zimní údržba místních komunikací",
      company: "sluzby",
      amount: 228_000,
      signedDaysAgo: 6,
      validMonths: 6,
      department: "majetek",
      registryAfterDays: null,
    },
    {
      key: "pronajem",
      number: `SML/${year}/014`,
      subject: "Pronájem sálu kulturního domu",
      company: "pekarna",
      amount: 12_000,
      vatFree: true,
      signedDaysAgo: 60,
      department: "skolstvi",
      status: "UNPUBLISHED",
      unpublishReason: "Smlouva zveřejněna omylem, obsahovala osobní údaje; zveřejní se znovu po anonymizaci.",
    },
    {
      key: "rozpracovana",
      number: `SML/${year}/015`,
      subject: "Dětské hřiště u rybníka",
      company: "zelen",
      amount: 540_000,
      signedDaysAgo: 2,
      department: "vystavba",
      registryAfterDays: null,
      status: "DRAFT",
    },
  ];
}

function lipniceOrders(year: number): DemoOrder[] {
  const order = (
    key: string,
    subject: string,
    company: Company,
    amount: number,
    daysAgo: number,
    department: keyof typeof DEPARTMENTS,
  ) => ({
    key,
    subject,
    company,
    amount,
    orderedDaysAgo: daysAgo,
    department,
  });
  const orders: Omit<DemoOrder, "number">[] = [
    order("o1", "Kancelářské potřeby a tonery", "kancelar", 8_450, 330, "starosta"),
    order("o2", "Občerstvení na zasedání zastupitelstva", "pekarna", 3_200, 300, "starosta"),
    order("o3", "Oprava svítidel na náměstí", "elektro", 27_800, 260, "majetek"),
    order("o4", "Výsadba stromů v parku", "zelen", 46_500, 210, "prostredi"),
    order("o5", "Licence kancelářského software", "it", 31_900, 180, "finance"),
    // Over 50 000 Kč excluding VAT: an order falls under the registr smluv too; published there in time.
    { ...order("hriste", "Herní prvky pro dětské hřiště u školy", "zelen", 74_900, 140, "prostredi"), registryAfterDays: 8 },
    order("o6", "Posypový materiál na zimu", "sluzby", 22_000, 120, "majetek"),
    order("o7", "Plakáty a pozvánky na Lipnické slavnosti", "tiskarna", 6_300, 95, "skolstvi"),
    order("o8", "Revize hasicích přístrojů", "hasici", 4_100, 70, "starosta"),
    // Over 50 000 Kč and still not in the registr smluv after the 30-day deadline: overdue.
    { ...order("strecha", "Oprava střechy hasičské zbrojnice", "stavby", 88_000, 52, "majetek"), registryAfterDays: null },
    order("o9", "Rozbor pitné vody", "voda", 5_600, 40, "majetek"),
    { ...order("o10", "Nábytek do zasedací místnosti", "kancelar", 58_000, 10, "starosta"), status: "DRAFT" },
  ];
  // Numbered in the order they were made.
  return orders.map((demo, i) => ({ ...demo, number: `OBJ/${year}/${String(i + 1).padStart(3, "0")}` }));
}

function lipniceInvoices(year: number): DemoInvoice[] {
  const invoice = (n: number, fields: Omit<DemoInvoice, "number">): DemoInvoice => ({
    number: `FP/${year}/${String(n).padStart(4, "0")}`,
    ...fields,
  });
  return [
    invoice(1, {
      subject: "Svoz odpadu – leden",
      company: "odpady",
      amount: 26_667,
      issuedDaysAgo: 400,
      paragraph: "3722",
      item: "5169",
      department: "prostredi",
      contract: "odpady",
      paidAfterDays: 12,
    }),
    invoice(2, {
      subject: "Správa sítě – čtvrtletí",
      company: "it",
      amount: 12_600,
      issuedDaysAgo: 385,
      paragraph: "6171",
      item: "5168",
      department: "starosta",
      contract: "it",
      paidAfterDays: 10,
    }),
    invoice(3, {
      subject: "Kancelářské potřeby",
      company: "kancelar",
      amount: 8_450,
      issuedDaysAgo: 325,
      paragraph: "6171",
      item: "5139",
      department: "starosta",
      order: "o1",
      paidAfterDays: 7,
    }),
    invoice(4, {
      subject: "Rekonstrukce chodníku – 1. etapa",
      company: "stavby",
      amount: 642_250,
      issuedDaysAgo: 270,
      dueDays: 30,
      paragraph: "2219",
      item: "6121",
      department: "majetek",
      contract: "chodnik",
      paidAfterDays: 21,
    }),
    invoice(5, {
      subject: "Občerstvení – zasedání zastupitelstva",
      company: "pekarna",
      amount: 3_200,
      issuedDaysAgo: 298,
      paragraph: "6112",
      item: "5175",
      department: "starosta",
      order: "o2",
      paidAfterDays: 5,
    }),
    invoice(6, {
      subject: "Oprava svítidel na náměstí",
      company: "elektro",
      amount: 27_800,
      issuedDaysAgo: 245,
      paragraph: "3631",
      item: "5171",
      department: "majetek",
      order: "o3",
      paidAfterDays: 14,
    }),
    invoice(7, {
      subject: "Oprava místní komunikace – konečná faktura",
      company: "silnice",
      amount: 2_350_000,
      issuedDaysAgo: 170,
      dueDays: 30,
      paragraph: "2212",
      item: "5171",
      department: "majetek",
      contract: "silnice",
      paidAfterDays: 28,
    }),
    invoice(8, {
      subject: "Rekonstrukce chodníku – 2. etapa",
      company: "stavby",
      amount: 642_250,
      issuedDaysAgo: 160,
      dueDays: 30,
      paragraph: "2219",
      item: "6121",
      department: "majetek",
      contract: "chodnik",
      paidAfterDays: 25,
    }),
    invoice(9, {
      subject: "Výsadba stromů v parku",
      company: "zelen",
      amount: 46_500,
      issuedDaysAgo: 200,
      paragraph: "3745",
      item: "5169",
      department: "prostredi",
      order: "o4",
      paidAfterDays: 9,
    }),
    invoice(10, {
      subject: "Sečení trávníků – květen až červen",
      company: "zelen",
      amount: 35_500,
      issuedDaysAgo: 150,
      paragraph: "3745",
      item: "5169",
      department: "prostredi",
      contract: "zelen",
      paidAfterDays: 12,
    }),
    invoice(11, {
      subject: "Licence kancelářského software",
      company: "it",
      amount: 31_900,
      issuedDaysAgo: 175,
      paragraph: "6171",
      item: "5172",
      department: "finance",
      order: "o5",
      paidAfterDays: 10,
    }),
    invoice(12, {
      subject: "Údržba veřejného osvětlení – pololetí",
      company: "elektro",
      amount: 46_500,
      issuedDaysAgo: 120,
      paragraph: "3631",
      item: "5171",
      department: "majetek",
      contract: "osvetleni",
      paidAfterDays: 13,
    }),
    invoice(13, {
      subject: "Provozování vodovodu – 3. čtvrtletí",
      company: "voda",
      amount: 21_000,
      issuedDaysAgo: 90,
      paragraph: "2310",
      item: "5169",
      department: "majetek",
      contract: "vodovod",
      paidAfterDays: 11,
    }),
    invoice(14, {
      subject: "Projektová dokumentace – studie",
      company: "projekce",
      amount: 94_500,
      issuedDaysAgo: 100,
      dueDays: 21,
      paragraph: "3111",
      item: "6121",
      department: "vystavba",
      contract: "projekt",
      paidAfterDays: 18,
    }),
    invoice(15, {
      subject: "Zásahové obleky JSDH",
      company: "hasici",
      amount: 96_400,
      issuedDaysAgo: 85,
      paragraph: "5512",
      item: "5132",
      department: "starosta",
      contract: "hasici",
      paidAfterDays: 6,
    }),
    invoice(16, {
      subject: "Posypový materiál",
      company: "sluzby",
      amount: 22_000,
      issuedDaysAgo: 110,
      paragraph: "2212",
      item: "5139",
      department: "majetek",
      order: "o6",
      paidAfterDays: 8,
    }),
    invoice(17, {
      subject: "Plakáty a pozvánky na Lipnické slavnosti",
      company: "tiskarna",
      amount: 6_300,
      issuedDaysAgo: 88,
      paragraph: "3399",
      item: "5169",
      department: "skolstvi",
      order: "o7",
      paidAfterDays: 4,
    }),
    invoice(18, {
      subject: "Tisk zpravodaje – září",
      company: "tiskarna",
      amount: 11_000,
      issuedDaysAgo: 50,
      paragraph: "3349",
      item: "5169",
      department: "skolstvi",
      contract: "zpravodaj",
      paidAfterDays: 10,
    }),
    invoice(19, {
      subject: "Rozbor pitné vody",
      company: "voda",
      amount: 5_600,
      issuedDaysAgo: 30,
      paragraph: "2310",
      item: "5169",
      department: "majetek",
      order: "o9",
      paidAfterDays: null,
    }),
    invoice(20, {
      subject: "Svoz odpadu – říjen",
      company: "odpady",
      amount: 26_667,
      issuedDaysAgo: 20,
      paragraph: "3722",
      item: "5169",
      department: "prostredi",
      contract: "odpady",
      paidAfterDays: null,
    }),
    invoice(21, {
      subject: "Geometrický plán – cyklostezka",
      company: "geodezie",
      amount: 38_000,
      issuedDaysAgo: 12,
      paragraph: "2219",
      item: "5169",
      department: "vystavba",
      contract: "geodezie",
      paidAfterDays: null,
      status: "DRAFT",
    }),
  ];
}

/** Kč to haléře with 21 % VAT (or none). */
function amounts(kc: number, vatFree = false) {
  const net = BigInt(Math.round(kc * 100));
  return { amountWithoutVat: net, amountWithVat: vatFree ? net : (net * 121n + 50n) / 100n };
}

export async function seedDemoRegisters(prisma: PrismaClient, options: { now?: Date; filesDir?: string } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const today = DateTime.fromJSDate(now, { zone: BUSINESS_ZONE }).startOf("day");
  const daysAgo = (days: number) => today.minus({ days }).toISODate()!;
  const store = createFileStore(options.filesDir ?? fileStoreDirectory(loadConfig().DATA_DIR));

  const lipnice = await prisma.municipality.findUnique({ where: { slug: "lipnice" } });
  if (lipnice && (await prisma.contract.count({ where: { municipalityId: lipnice.id } })) === 0) {
    const clerk = await prisma.user.findFirst({ where: { municipalityId: lipnice.id, email: "referent@lipnice.example" } });
    const year = today.year;
    const base = (status: RegisterStatus | undefined, publishedOn: string) => ({
      municipalityId: lipnice.id,
      status: status ?? "PUBLISHED",
      // Published on the day after the entry was made (drafts never).
      publishedAt:
        (status ?? "PUBLISHED") === "DRAFT"
          ? null
          : DateTime.fromISO(publishedOn, { zone: BUSINESS_ZONE }).plus({ days: 1, hours: 9 }).toJSDate(),
      createdById: clerk?.id ?? null,
    });

    const contractIds = new Map<string, string>();
    for (const demo of lipniceContracts(year)) {
      const company = COMPANIES[demo.company];
      const signedOn = daysAgo(demo.signedDaysAgo);
      const registryPublishedOn = demo.registryAfterDays == null ? null : daysAgo(demo.signedDaysAgo - demo.registryAfterDays);
      let attachmentId: string | null = null;
      if (demo.attachment) {
        const bytes = minimalPdf(`Smlouva o dílo ${demo.number}`, [
          `Objednatel: ${lipnice.name}, IČO ${lipnice.ico}`,
          `Zhotovitel: ${company.name}, IČO ${company.ico}`,
          `Předmět: ${demo.subject}`,
          `Cena bez DPH: ${demo.amount.toLocaleString("cs-CZ")} Kč`,
          `Podepsáno dne ${signedOn}`,
        ]);
        const { storageKey, sha256 } = await store.put(bytes);
        const file = await prisma.storedFile.create({
          data: {
            municipalityId: lipnice.id,
            fileName: `smlouva-${demo.number.replaceAll("/", "-")}.pdf`,
            mimeType: "application/pdf",
            size: bytes.length,
            sha256,
            storageKey,
            createdById: clerk?.id ?? null,
          },
        });
        attachmentId = file.id;
      }
      const data = contractSchema.parse({
        number: demo.number,
        subject: demo.subject,
        counterpartyName: company.name,
        counterpartyIco: company.ico,
        ...amounts(demo.amount, demo.vatFree),
        signedOn,
        validFrom: signedOn,
        validUntil: demo.validMonths ? today.minus({ days: demo.signedDaysAgo }).plus({ months: demo.validMonths }).toISODate() : null,
        department: DEPARTMENTS[demo.department],
        registryId: registryPublishedOn ? String(23_000_000 + demo.signedDaysAgo * 97) : null,
        registryPublishedOn,
        attachmentId,
      });
      const row = await prisma.contract.create({
        data: {
          ...(entryColumns("CONTRACT", data) as object),
          ...base(demo.status, signedOn),
          attachmentId,
          ...(demo.status === "UNPUBLISHED" ? { unpublishedAt: now, unpublishReason: demo.unpublishReason ?? null } : {}),
        } as never,
      });
      contractIds.set(demo.key, row.id);
    }

    const orderIds = new Map<string, string>();
    for (const demo of lipniceOrders(year)) {
      const company = COMPANIES[demo.company];
      const orderedOn = daysAgo(demo.orderedDaysAgo);
      const registryPublishedOn = demo.registryAfterDays == null ? null : daysAgo(demo.orderedDaysAgo - demo.registryAfterDays);
      const data = purchaseOrderSchema.parse({
        number: demo.number,
        subject: demo.subject,
        supplierName: company.name,
        supplierIco: company.ico,
        ...amounts(demo.amount),
        orderedOn,
        department: DEPARTMENTS[demo.department],
        registryId: registryPublishedOn ? String(24_100_000 + demo.orderedDaysAgo * 89) : null,
        registryPublishedOn,
      });
      const row = await prisma.purchaseOrder.create({
        data: { ...(entryColumns("ORDER", data) as object), ...base(demo.status, orderedOn) } as never,
      });
      orderIds.set(demo.key, row.id);
    }

    for (const demo of lipniceInvoices(year)) {
      const company = COMPANIES[demo.company];
      const issued = today.minus({ days: demo.issuedDaysAgo });
      const data = invoiceSchema.parse({
        number: demo.number,
        subject: demo.subject,
        supplierName: company.name,
        supplierIco: company.ico,
        ...amounts(demo.amount),
        issuedOn: issued.toISODate(),
        dueOn: issued.plus({ days: demo.dueDays ?? 14 }).toISODate(),
        paidOn: demo.paidAfterDays == null ? null : issued.plus({ days: demo.paidAfterDays }).toISODate(),
        contractId: demo.contract ? contractIds.get(demo.contract) : null,
        orderId: demo.order ? orderIds.get(demo.order) : null,
        budgetParagraph: demo.paragraph,
        budgetItem: demo.item,
        department: DEPARTMENTS[demo.department],
      });
      await prisma.invoice.create({
        data: { ...(entryColumns("INVOICE", data) as object), ...base(demo.status, issued.toISODate()!) } as never,
      });
    }
  }

  // The second town has a small register of its own, which Lipnice's portal never shows.
  const lhota = await prisma.municipality.findUnique({ where: { slug: "horni-lhota" } });
  if (lhota && (await prisma.contract.count({ where: { municipalityId: lhota.id } })) === 0) {
    const signedOn = daysAgo(75);
    const data = contractSchema.parse({
      number: `HL-${today.year}-01`,
      subject: "Oprava hasičské zbrojnice",
      counterpartyName: COMPANIES.stavby.name,
      counterpartyIco: COMPANIES.stavby.ico,
      ...amounts(185_000),
      signedOn,
      registryId: "24001234",
      registryPublishedOn: daysAgo(70),
    });
    await prisma.contract.create({
      data: { ...(entryColumns("CONTRACT", data) as object), municipalityId: lhota.id, status: "PUBLISHED", publishedAt: now } as never,
    });
  }
}
