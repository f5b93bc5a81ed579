// Demo budget (Klikací rozpočet) of the demo town Lipnice: three years of monthly year-to-date data (approved,
// amended and actual per paragraf × položka with ORJ and ORG), budget measures explaining the amended
// budget, two příspěvkové organizace (a school and technical services) with the school's accountant as an
// organisation user, one corrected (second) version, and one upload still waiting for the town's approval.
// The current year's actual lines include the registers' published invoices, so the drill-down reaches them.
// Idempotent: skipped when the town already has budget organisations.
import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../api/src/clock.ts";
import type { BudgetAmountType, PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { buildAggregates } from "../../api/src/domain/budget/aggregates.ts";
import { builtInCodelist } from "../../api/src/domain/budget/codelists.ts";
import { hashPassword } from "../../api/src/services/accounts/password.ts";

export const DEMO_BUDGET_UPLOADER = { email: "skola@lipnice.example", password: "Skola-demo-2026", fullName: "Marie Horáková" } as const;

type Profile = "even" | "late" | "early" | "over";
interface Item {
  paragraf: string;
  polozka: string;
  orj?: string;
  org?: string;
  /** Approved budget in Kč in the first demo year. */
  kc: number;
  profile?: Profile;
}

const TOWN_ITEMS: Item[] = [
  // Revenue (classes 1-4)
  { paragraf: "0000", polozka: "1111", kc: 9_800_000 },
  { paragraf: "0000", polozka: "1112", kc: 350_000 },
  { paragraf: "0000", polozka: "1113", kc: 1_100_000 },
  { paragraf: "0000", polozka: "1121", kc: 8_600_000 },
  { paragraf: "0000", polozka: "1211", kc: 21_500_000 },
  { paragraf: "0000", polozka: "1340", kc: 2_450_000, profile: "early" },
  { paragraf: "0000", polozka: "1341", kc: 95_000, profile: "early" },
  { paragraf: "0000", polozka: "1361", kc: 180_000 },
  { paragraf: "0000", polozka: "1381", kc: 420_000 },
  { paragraf: "0000", polozka: "1511", kc: 3_300_000, profile: "early" },
  { paragraf: "0000", polozka: "4112", kc: 1_850_000 },
  { paragraf: "3612", polozka: "2132", orj: "20", kc: 1_260_000 },
  { paragraf: "3639", polozka: "2131", orj: "20", kc: 430_000 },
  { paragraf: "3639", polozka: "3111", orj: "20", kc: 1_500_000, profile: "late" },
  { paragraf: "6310", polozka: "2141", orj: "10", kc: 240_000 },
  // A code the built-in codelist does not know: imported with a warning, shown as "Nezařazeno".
  { paragraf: "6409", polozka: "2329", orj: "10", kc: 60_000 },
  // Expenditure (classes 5-6)
  { paragraf: "2212", polozka: "5171", orj: "30", kc: 2_900_000 },
  { paragraf: "2212", polozka: "6121", orj: "30", org: "1001", kc: 7_500_000, profile: "late" },
  { paragraf: "2219", polozka: "5171", orj: "30", kc: 650_000 },
  { paragraf: "2310", polozka: "5171", orj: "30", kc: 820_000 },
  { paragraf: "3113", polozka: "5331", orj: "40", kc: 4_100_000 },
  { paragraf: "3113", polozka: "6121", orj: "40", org: "1002", kc: 5_800_000, profile: "late" },
  { paragraf: "3111", polozka: "5331", orj: "40", kc: 1_350_000 },
  { paragraf: "3314", polozka: "5011", orj: "50", kc: 620_000 },
  { paragraf: "3314", polozka: "5139", orj: "50", kc: 140_000 },
  { paragraf: "3319", polozka: "5169", orj: "50", org: "2001", kc: 380_000, profile: "late" },
  { paragraf: "3412", polozka: "5171", orj: "50", kc: 540_000 },
  { paragraf: "3419", polozka: "5222", orj: "50", kc: 600_000, profile: "early" },
  { paragraf: "3631", polozka: "5154", orj: "30", kc: 610_000, profile: "over" },
  { paragraf: "3631", polozka: "5171", orj: "30", kc: 300_000 },
  { paragraf: "3722", polozka: "5169", orj: "30", kc: 2_750_000 },
  { paragraf: "3745", polozka: "5331", orj: "30", kc: 3_900_000 },
  { paragraf: "4351", polozka: "5169", orj: "40", kc: 450_000 },
  { paragraf: "5512", polozka: "5137", orj: "60", kc: 260_000 },
  { paragraf: "5512", polozka: "5156", orj: "60", kc: 90_000 },
  { paragraf: "6112", polozka: "5023", orj: "10", kc: 1_650_000 },
  { paragraf: "6112", polozka: "5032", orj: "10", kc: 150_000 },
  { paragraf: "6171", polozka: "5011", orj: "10", kc: 9_400_000 },
  { paragraf: "6171", polozka: "5031", orj: "10", kc: 2_320_000 },
  { paragraf: "6171", polozka: "5032", orj: "10", kc: 850_000 },
  { paragraf: "6171", polozka: "5137", orj: "10", kc: 320_000 },
  { paragraf: "6171", polozka: "5162", orj: "10", kc: 260_000 },
  { paragraf: "6171", polozka: "5166", orj: "10", kc: 300_000 },
  { paragraf: "6171", polozka: "5169", orj: "10", kc: 1_100_000 },
  { paragraf: "6310", polozka: "5163", orj: "10", kc: 45_000 },
  { paragraf: "6320", polozka: "5163", orj: "10", kc: 210_000, profile: "early" },
  // A transfer to the town's own fund: left out of the consolidated view.
  { paragraf: "6330", polozka: "5345", orj: "10", kc: 500_000 },
  // Financing: the loan repaid (negative: money out of the budget).
  { paragraf: "0000", polozka: "8124", kc: -1_200_000 },
];

const SCHOOL_ITEMS: Item[] = [
  { paragraf: "3113", polozka: "2111", kc: 980_000 },
  { paragraf: "3113", polozka: "4122", kc: 14_200_000 },
  { paragraf: "3113", polozka: "4134", kc: 4_100_000 },
  { paragraf: "3113", polozka: "5011", kc: 12_600_000 },
  { paragraf: "3113", polozka: "5031", kc: 3_100_000 },
  { paragraf: "3113", polozka: "5032", kc: 1_130_000 },
  { paragraf: "3113", polozka: "5139", kc: 720_000 },
  { paragraf: "3113", polozka: "5154", kc: 680_000, profile: "over" },
  { paragraf: "3113", polozka: "5169", kc: 410_000 },
  { paragraf: "3113", polozka: "5171", kc: 640_000 },
];

const SERVICES_ITEMS: Item[] = [
  { paragraf: "3745", polozka: "2111", kc: 620_000 },
  { paragraf: "3745", polozka: "4134", kc: 3_900_000 },
  { paragraf: "3745", polozka: "5011", kc: 2_700_000 },
  { paragraf: "3745", polozka: "5031", kc: 670_000 },
  { paragraf: "3745", polozka: "5156", kc: 380_000 },
  { paragraf: "3745", polozka: "5139", kc: 310_000 },
  { paragraf: "3722", polozka: "5169", kc: 260_000 },
  { paragraf: "3631", polozka: "5171", kc: 200_000 },
];

interface Measure {
  number: string;
  title: string;
  approvedBy: string;
  month: number;
  day: number;
  items: { paragraf: string; polozka: string; orj?: string; org?: string; kc: number }[];
}

function townMeasures(year: number): Measure[] {
  return [
    {
      number: `RO 1/${year}`,
      title: "Dotace na výkon státní správy a oprava chodníků",
      approvedBy: "Rada města",
      month: 3,
      day: 16,
      items: [
        { paragraf: "0000", polozka: "4112", kc: 120_000 },
        { paragraf: "2219", polozka: "5171", orj: "30", kc: 220_000 },
        { paragraf: "0000", polozka: "8115", kc: 100_000 },
      ],
    },
    {
      number: `RO 2/${year}`,
      title: "Navýšení rozpočtu rekonstrukce ulice Údolní",
      approvedBy: "Zastupitelstvo města",
      month: 6,
      day: 22,
      items: [
        { paragraf: "2212", polozka: "6121", orj: "30", org: "1001", kc: 1_300_000 },
        { paragraf: "3113", polozka: "6121", orj: "40", org: "1002", kc: -400_000 },
        { paragraf: "0000", polozka: "1211", kc: 600_000 },
        { paragraf: "0000", polozka: "8115", kc: 300_000 },
      ],
    },
    {
      number: `RO 3/${year}`,
      title: "Energie veřejného osvětlení a kulturní léto",
      approvedBy: "Rada města",
      month: 9,
      day: 14,
      items: [
        { paragraf: "3631", polozka: "5154", orj: "30", kc: 40_000 },
        { paragraf: "3319", polozka: "5169", orj: "50", org: "2001", kc: 60_000 },
        { paragraf: "0000", polozka: "8115", kc: 100_000 },
      ],
    },
  ];
}

/** The share of an item's yearly actual reached by the end of a month. */
function progress(profile: Profile | undefined, month: number): number {
  const even = month / 12;
  switch (profile) {
    case "late":
      return month < 5 ? 0 : Math.min(1, ((month - 4) / 8) * 0.97);
    case "early":
      return Math.min(1, even * 1.8);
    case "over":
      return even * 1.06;
    default:
      return even * 0.98;
  }
}

interface Line {
  amountType: BudgetAmountType;
  paragraf: string;
  polozka: string;
  orj: string | null;
  org: string | null;
  uz: string | null;
  amount: number;
  documentNumber: string | null;
  documentType: string | null;
  counterpartyIco: string | null;
}

const side = (polozka: string) => (polozka[0]! <= "4" ? "R" : polozka[0] === "8" ? "F" : "E");
const haler = (kc: number) => Math.round(kc * 100);

/** Year-to-date lines of one organisation as of a month; balanced with 8115 for each amount type. */
function linesFor(
  items: Item[],
  year: number,
  month: number,
  growth: number,
  measures: Measure[],
  invoices: { number: string; paragraf: string; polozka: string; month: number; amount: bigint; ico: string | null }[],
  prefix: string,
): Line[] {
  const lines: Line[] = [];
  const key = (p: string, q: string, orj?: string, org?: string) => `${p}|${q}|${orj ?? ""}|${org ?? ""}`;
  const approved = new Map<string, { item: Item; amount: number }>();
  for (const item of items)
    approved.set(key(item.paragraf, item.polozka, item.orj, item.org), { item, amount: haler(Math.round(item.kc * growth)) });
  const amended = new Map([...approved].map(([k, v]) => [k, { item: v.item, amount: v.amount }]));
  for (const measure of measures.filter((m) => m.month <= month)) {
    for (const change of measure.items) {
      if (change.polozka === "8115") continue;
      const k = key(change.paragraf, change.polozka, change.orj, change.org);
      const entry = amended.get(k);
      if (entry) entry.amount += haler(change.kc);
    }
  }
  const base = (item: Item) => ({ paragraf: item.paragraf, polozka: item.polozka, orj: item.orj ?? null, org: item.org ?? null, uz: null });
  const sums = { APPROVED: { R: 0, E: 0, F: 0 }, AMENDED: { R: 0, E: 0, F: 0 }, ACTUAL: { R: 0, E: 0, F: 0 } };
  for (const [type, map] of [
    ["APPROVED", approved],
    ["AMENDED", amended],
  ] as const) {
    for (const { item, amount } of map.values()) {
      lines.push({ amountType: type, ...base(item), amount, documentNumber: null, documentType: null, counterpartyIco: null });
      sums[type][side(item.polozka)] += amount;
    }
  }
  // Actual: one booking per item and month (the accounting documents), the monthly increment of the profile.
  let index = 0;
  for (const { item, amount } of amended.values()) {
    index += 1;
    let before = 0;
    for (let m = 1; m <= month; m++) {
      const reached = Math.round(amount * progress(item.profile, m));
      const increment = reached - before;
      before = reached;
      if (increment === 0) continue;
      const revenue = side(item.polozka) === "R";
      lines.push({
        amountType: "ACTUAL",
        ...base(item),
        amount: increment,
        documentNumber: `${prefix}${year}${String(m).padStart(2, "0")}${String(index).padStart(3, "0")}`,
        documentType: revenue ? "PPD" : item.polozka[0] === "8" ? "BV" : "FAP",
        counterpartyIco: null,
      });
      sums.ACTUAL[side(item.polozka)] += increment;
    }
  }
  for (const invoice of invoices.filter((i) => i.month <= month)) {
    lines.push({
      amountType: "ACTUAL",
      paragraf: invoice.paragraf,
      polozka: invoice.polozka,
      orj: null,
      org: null,
      uz: null,
      amount: Number(invoice.amount),
      documentNumber: invoice.number,
      documentType: "FAP",
      counterpartyIco: invoice.ico,
    });
    sums.ACTUAL.E += Number(invoice.amount);
  }
  // 8115: the change of the bank balance that covers the rest (FIN 2-12 M sign: positive = savings used).
  for (const type of ["APPROVED", "AMENDED", "ACTUAL"] as const) {
    const s = sums[type];
    const balancing = s.E - s.R - s.F;
    if (balancing !== 0) {
      lines.push({
        amountType: type,
        paragraf: "0000",
        polozka: "8115",
        orj: null,
        org: null,
        uz: null,
        amount: balancing,
        documentNumber: null,
        documentType: null,
        counterpartyIco: null,
      });
    }
  }
  return lines;
}

/** A valid IČO from 7 digits (mod-11 check digit). */
function ico(seven: string): string {
  const sum = [...seven].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return `${seven}${check}`;
}

export async function seedDemoBudget(prisma: PrismaClient, options: { now?: Date } = {}): Promise<void> {
  const lipnice = await prisma.municipality.findUnique({ where: { slug: "lipnice" } });
  if (!lipnice || (await prisma.budgetOrganisation.count({ where: { municipalityId: lipnice.id } })) > 0) return;
  const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: BUSINESS_ZONE });
  const clerk = await prisma.user.findFirst({ where: { municipalityId: lipnice.id, email: "referent@lipnice.example" } });

  const town = await prisma.budgetOrganisation.create({
    data: { municipalityId: lipnice.id, kind: "TOWN", code: "mesto", name: "Město Lipnice", ico: lipnice.ico },
  });
  const school = await prisma.budgetOrganisation.create({
    data: {
      municipalityId: lipnice.id,
      kind: "CONTRIBUTORY",
      code: "zs",
      name: "Základní škola a mateřská škola Lipnice",
      ico: ico("7098123"),
    },
  });
  const services = await prisma.budgetOrganisation.create({
    data: { municipalityId: lipnice.id, kind: "CONTRIBUTORY", code: "ts", name: "Technické služby Lipnice", ico: ico("7098456") },
  });
  const uploader = await prisma.user.upsert({
    where: { municipalityId_email: { municipalityId: lipnice.id, email: DEMO_BUDGET_UPLOADER.email } },
    update: {},
    create: {
      municipalityId: lipnice.id,
      email: DEMO_BUDGET_UPLOADER.email,
      fullName: DEMO_BUDGET_UPLOADER.fullName,
      role: "CITIZEN",
      passwordHash: await hashPassword(DEMO_BUDGET_UPLOADER.password),
      emailVerifiedAt: new Date("2026-01-05T09:00:00Z"),
    },
  });
  await prisma.budgetOrganisationMember.create({ data: { organisationId: school.id, userId: uploader.id, municipalityId: lipnice.id } });

  const invoices = await prisma.invoice.findMany({
    where: { municipalityId: lipnice.id, status: "PUBLISHED", budgetParagraph: { not: null }, budgetItem: { not: null } },
    select: { number: true, budgetParagraph: true, budgetItem: true, issuedOn: true, amountWithVat: true, supplierIco: true },
  });

  const currentYear = now.year;
  const lastMonthOfCurrentYear = now.month - 1;
  const years = [currentYear - 2, currentYear - 1, currentYear];
  let dataSetCount = 0;

  for (const year of years) {
    const growth = 1 + 0.045 * (year - years[0]!);
    // The current year month by month; earlier years by quarter (what citizens compare), which keeps the seed quick.
    const months = year === currentYear ? Array.from({ length: Math.max(0, lastMonthOfCurrentYear) }, (_, i) => i + 1) : [3, 6, 9, 12];
    const measures = townMeasures(year);
    const yearInvoices =
      year === currentYear
        ? invoices
            .filter((i) => i.issuedOn.getUTCFullYear() === year)
            .map((i) => ({
              number: i.number,
              paragraf: i.budgetParagraph!,
              polozka: i.budgetItem!,
              month: i.issuedOn.getUTCMonth() + 1,
              amount: i.amountWithVat,
              ico: i.supplierIco,
            }))
        : [];
    for (const [organisation, items, prefix, monthsOf] of [
      [town, TOWN_ITEMS, "UD", months],
      [school, SCHOOL_ITEMS, "ZS", months.filter((m) => m % 3 === 0 || m === months[months.length - 1])],
      [services, SERVICES_ITEMS, "TS", months.filter((m) => m % 3 === 0 || m === months[months.length - 1])],
    ] as const) {
      for (const month of monthsOf) {
        const lines = linesFor(
          items,
          year,
          month,
          growth,
          organisation === town ? measures : [],
          organisation === town ? yearInvoices : [],
          prefix,
        );
        const published = DateTime.fromObject({ year, month, day: 12, hour: 9 }, { zone: BUSINESS_ZONE }).plus({ months: 1 });
        const isLatest = year === currentYear && month === monthsOf[monthsOf.length - 1];
        // The school's latest upload waits for the town's approval (the clerk's demo of the approval).
        const pending = organisation === school && isLatest;
        const publishedAt = published < now ? published.toJSDate() : now.minus({ hours: 1 }).toJSDate();
        const versions = organisation === town && year === currentYear - 1 && month === 12 ? 2 : 1;
        for (let version = 1; version <= versions; version++) {
          const versionLines =
            version < versions
              ? // The first December version missed the last bookings of the rental income: corrected in version 2.
                lines.filter((l) => !(l.amountType === "ACTUAL" && l.polozka === "2132" && l.documentNumber?.endsWith(`${year}12012`)))
              : lines;
          const amountTypes = [...new Set(versionLines.map((l) => l.amountType))];
          const status = pending ? "DRAFT" : "PUBLISHED";
          const dataSet = await prisma.budgetDataSet.create({
            data: {
              municipalityId: lipnice.id,
              organisationId: organisation.id,
              year,
              month,
              version,
              status,
              format: organisation === town ? "KXX" : "XLSX",
              fileName: `${organisation.code}-${year}-${String(month).padStart(2, "0")}${version > 1 ? "-oprava" : ""}.${organisation === town ? "kxx" : "xlsx"}`,
              fileSha256: `demo-${organisation.code}-${year}-${month}-${version}`,
              amountTypes,
              lineCount: versionLines.length,
              warningCount: versionLines.filter((l) => l.polozka === "2329").length,
              warnings: versionLines
                .filter((l) => l.polozka === "2329")
                .slice(0, 5)
                .map((l, i) => ({ row: i + 2, column: "polozka", code: "budget.unknownCode", severity: "warning", value: l.polozka })),
              uploadedById: organisation === school ? uploader.id : (clerk?.id ?? null),
              uploadedAt: published.minus({ days: 3 + version }).toJSDate(),
              approvedById: pending ? null : (clerk?.id ?? null),
              approvedAt: pending ? null : published.minus({ days: 1, hours: version }).toJSDate(),
              publishedById: pending ? null : (clerk?.id ?? null),
              publishedAt: pending ? null : version < versions ? published.minus({ hours: 2 }).toJSDate() : publishedAt,
            },
          });
          dataSetCount += 1;
          await prisma.budgetLine.createMany({
            data: versionLines.map((line, i) => ({ dataSetId: dataSet.id, ...line, amount: BigInt(line.amount), sourceRow: i + 2 })),
          });
          const date = `${year}-${String(month).padStart(2, "0")}-01`;
          await prisma.budgetAggregate.createMany({
            data: buildAggregates(versionLines, { codelist: builtInCodelist, date }).map((row) => ({
              ...row,
              dataSetId: dataSet.id,
              organisationId: organisation.id,
              year,
              month,
            })),
          });
        }
      }
    }
    for (const measure of measures) {
      const approvedOn = DateTime.fromObject({ year, month: measure.month, day: measure.day }, { zone: "utc" });
      if (DateTime.fromObject({ year, month: measure.month, day: measure.day }, { zone: BUSINESS_ZONE }) > now) continue;
      await prisma.budgetMeasure.create({
        data: {
          municipalityId: lipnice.id,
          organisationId: town.id,
          year,
          number: measure.number,
          title: measure.title,
          approvedBy: measure.approvedBy,
          approvedOn: approvedOn.toJSDate(),
          publishedAt: approvedOn.plus({ days: 3 }).toJSDate(),
          createdById: clerk?.id ?? null,
          items: {
            create: measure.items.map((item) => ({
              paragraf: item.paragraf,
              polozka: item.polozka,
              orj: item.orj ?? null,
              org: item.org ?? null,
              amount: BigInt(haler(item.kc)),
            })),
          },
        },
      });
    }
  }
  void dataSetCount;
}
