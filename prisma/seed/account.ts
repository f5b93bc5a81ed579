// Demo personal account: the demo citizen's payers, this and last year's assessments, and the payments of
// last year, so that a new user sees the whole cycle after `npm start`: last year's dog fee paid, this
// year's unpaid and overdue, a fine in three installments (the first paid, the second overdue, the third
// to come), and this year's waste fees, which the two demo bank statements in prisma/seed/statements/ pay
// when a finance clerk imports them. Variable symbols are fixed (the statement files name them); dates
// are relative to the seed year. Idempotent: a town that has payers is left alone.
import { DateTime } from "luxon";
import type { AssessmentKind, PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { BUSINESS_ZONE } from "../../api/src/clock.ts";
import { hashAccessCode } from "../../api/src/domain/access-code.ts";

/** The fixed identifiers the demo statements and the documentation refer to. */
export const DEMO_ACCOUNT = {
  /** Printed on Marie Veselá's paper assessment: any citizen account can claim her payer with these. */
  claim: { variableSymbol: "1104203", accessCode: "K7M2-Q9XP" },
  variableSymbols: {
    wasteLastYear: "1104100",
    dogLastYear: "2104100",
    wasteJana: "1104201",
    wastePavel: "1104202",
    wasteMarie: "1104203",
    dogJana: "2104201",
    fine: "4104201",
  },
} as const;

interface DemoAssessment {
  key: string;
  payer: "jana" | "pavel" | "marie";
  kind: AssessmentKind;
  subject: string;
  year: number;
  variableSymbol: string;
  constantSymbol?: string;
  specificSymbol?: string;
  account: "primary" | "cnb";
  installments: { amount: number; dueDate: string }[];
  accessCode?: string;
  /** Payments of the past (bank lines), paired with this assessment. */
  paid?: { amount: number; date: string; message: string }[];
}

export async function seedDemoAccount(prisma: PrismaClient, now = DateTime.now().setZone(BUSINESS_ZONE)): Promise<void> {
  const town = await prisma.municipality.findUnique({ where: { slug: "lipnice" }, include: { bankAccounts: true } });
  if (!town || (await prisma.payer.count({ where: { municipalityId: town.id } })) > 0) return;
  const citizen = await prisma.user.findFirst({ where: { municipalityId: town.id, email: "obcan@lipnice.example" } });
  if (!citizen) return;
  const primary = town.bankAccounts.find((a) => a.isPrimary)!;
  const cnb = town.bankAccounts.find((a) => !a.isPrimary) ?? primary;

  const y = now.year;
  const date = (year: number, month: number, day: number) => DateTime.fromObject({ year, month, day }, { zone: "UTC" }).toISODate()!;
  const monthEnd = (offset: number) => now.startOf("month").plus({ months: offset }).endOf("month").toISODate()!;
  const vs = DEMO_ACCOUNT.variableSymbols;

  const payers = {
    jana: await prisma.payer.create({
      data: {
        municipalityId: town.id,
        name: "Jana Nováková",
        address: "Lipová 12, 582 32 Lipnice",
        externalId: "OS-1042",
        links: { create: { userId: citizen.id, method: "CLERK" } },
      },
    }),
    // A member of the same household: the demo citizen pays for him too.
    pavel: await prisma.payer.create({
      data: {
        municipalityId: town.id,
        name: "Pavel Novák",
        address: "Lipová 12, 582 32 Lipnice",
        externalId: "OS-1043",
        links: { create: { userId: citizen.id, method: "CLERK" } },
      },
    }),
    // Not linked to any account: claimable with the variable symbol and access code on her paper assessment.
    marie: await prisma.payer.create({
      data: { municipalityId: town.id, name: "Marie Veselá", address: "Polní 3, 582 32 Lipnice", externalId: "OS-1044" },
    }),
  };

  const assessments: DemoAssessment[] = [
    {
      key: "waste-last-year",
      payer: "jana",
      kind: "WASTE_FEE",
      subject: `Poplatek za odpad ${y - 1}`,
      year: y - 1,
      variableSymbol: vs.wasteLastYear,
      account: "primary",
      installments: [{ amount: 90_000, dueDate: date(y - 1, 5, 31) }],
      paid: [{ amount: 90_000, date: date(y - 1, 5, 12), message: "Poplatek odpad Novakova" }],
    },
    {
      key: "dog-last-year",
      payer: "jana",
      kind: "DOG_FEE",
      subject: `Poplatek ze psů ${y - 1} – Alík (čip 203164000123456)`,
      year: y - 1,
      variableSymbol: vs.dogLastYear,
      account: "primary",
      installments: [{ amount: 60_000, dueDate: date(y - 1, 3, 31) }],
      paid: [{ amount: 60_000, date: date(y - 1, 3, 20), message: "Pes Alik" }],
    },
    {
      key: "dog",
      payer: "jana",
      kind: "DOG_FEE",
      subject: `Poplatek ze psů ${y} – Alík (čip 203164000123456)`,
      year: y,
      variableSymbol: vs.dogJana,
      account: "primary",
      installments: [{ amount: 60_000, dueDate: date(y, 3, 31) }],
    },
    {
      key: "waste-jana",
      payer: "jana",
      kind: "WASTE_FEE",
      subject: `Poplatek za odpad ${y}`,
      year: y,
      variableSymbol: vs.wasteJana,
      account: "primary",
      installments: [{ amount: 90_000, dueDate: date(y, 5, 31) }],
    },
    {
      key: "waste-pavel",
      payer: "pavel",
      kind: "WASTE_FEE",
      subject: `Poplatek za odpad ${y}`,
      year: y,
      variableSymbol: vs.wastePavel,
      account: "primary",
      installments: [{ amount: 90_000, dueDate: date(y, 5, 31) }],
    },
    {
      key: "waste-marie",
      payer: "marie",
      kind: "WASTE_FEE",
      subject: `Poplatek za odpad ${y}`,
      year: y,
      variableSymbol: vs.wasteMarie,
      account: "primary",
      installments: [{ amount: 90_000, dueDate: date(y, 5, 31) }],
      accessCode: DEMO_ACCOUNT.claim.accessCode,
    },
    {
      key: "fine",
      payer: "jana",
      kind: "FINE",
      subject: "Pokuta za přestupek proti veřejnému pořádku (rozhodnutí č. j. MULI/2841/" + y + ")",
      year: y,
      variableSymbol: vs.fine,
      constantSymbol: "0558",
      account: "cnb",
      installments: [
        { amount: 100_000, dueDate: monthEnd(-2) },
        { amount: 100_000, dueDate: monthEnd(-1) },
        { amount: 100_000, dueDate: monthEnd(1) },
      ],
      paid: [
        { amount: 100_000, date: now.startOf("month").minus({ months: 2 }).plus({ days: 9 }).toISODate()!, message: "Pokuta splatka 1" },
      ],
    },
  ];

  for (const item of assessments) {
    const amount = item.installments.reduce((sum, i) => sum + i.amount, 0);
    const account = item.account === "primary" ? primary : cnb;
    const assessment = await prisma.assessment.create({
      data: {
        municipalityId: town.id,
        payerId: payers[item.payer].id,
        kind: item.kind,
        subject: item.subject,
        year: item.year,
        amount: BigInt(amount),
        dueDate: new Date(`${item.installments.at(-1)!.dueDate}T00:00:00Z`),
        variableSymbol: item.variableSymbol,
        constantSymbol: item.constantSymbol ?? null,
        specificSymbol: item.specificSymbol ?? null,
        bankAccountId: account.id,
        externalId: `PR-${item.variableSymbol}`,
        accessCodeHash: item.accessCode ? hashAccessCode(item.accessCode) : null,
        installments: {
          create: item.installments.map((i, index) => ({
            position: index + 1,
            amount: BigInt(i.amount),
            dueDate: new Date(`${i.dueDate}T00:00:00Z`),
          })),
        },
      },
    });
    for (const [index, payment] of (item.paid ?? []).entries()) {
      await prisma.payment.create({
        data: {
          municipalityId: town.id,
          source: "BANK_STATEMENT",
          amount: BigInt(payment.amount),
          receivedOn: new Date(`${payment.date}T00:00:00Z`),
          variableSymbol: item.variableSymbol,
          constantSymbol: item.constantSymbol ?? null,
          counterpartyAccount: "19-2000145399/0800",
          counterpartyName: "NOVAKOVA JANA",
          message: payment.message,
          bankLineKey: `${account.iban}:seed-${item.key}-${index + 1}`,
          allocations: { create: { assessmentId: assessment.id, amount: BigInt(payment.amount), method: "AUTO" } },
        },
      });
    }
  }
}
