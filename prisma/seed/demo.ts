// Demo data: a realistic demo town with a second small municipality, and one account per role.
// Credentials are listed in the README. Idempotent: safe to run on a seeded database.
import type { PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { czechAccountToIban, parseCzechAccount } from "@portal/forms";
import { hashPassword } from "../../api/src/services/accounts/password.ts";
import { seedDemoAccount } from "./account.ts";
import { seedDemoBudget } from "./budget.ts";
import { seedDemoNotices } from "./notices.ts";
import { seedDemoNotifications } from "./notifications.ts";
import { seedDemoRegisters } from "./registers.ts";
import { seedDemoSubmissions } from "./submissions.ts";

export const DEMO_ACCOUNTS = {
  citizen: { email: "obcan@lipnice.example", password: "Obcan-demo-2026", fullName: "Jana Nováková" },
  clerk: { email: "referent@lipnice.example", password: "Referent-demo-2026", fullName: "Petr Svoboda" },
  admin: { email: "spravce@lipnice.example", password: "Spravce-demo-2026", fullName: "Eva Dvořáková" },
  otherTownCitizen: { email: "obcan@horni-lhota.example", password: "Obcan-demo-2026", fullName: "Tomáš Černý" },
} as const;

const COAT_OF_ARMS = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 120" role="img" aria-label="Znak">
<path d="M5 5h90v55c0 30-22 48-45 55C27 108 5 90 5 60z" fill="#1d4ed8" stroke="#0f172a" stroke-width="3"/>
<path d="M50 22l8 16 18 3-13 12 3 18-16-8-16 8 3-18-13-12 18-3z" fill="#facc15"/>
<path d="M20 88h60" stroke="#fff" stroke-width="6"/></svg>`;

function bankAccount(text: string, label: string, isPrimary: boolean) {
  const parsed = parseCzechAccount(text);
  if (!parsed) throw new Error(`Invalid demo bank account ${text}`);
  return { label, isPrimary, prefix: parsed.prefix, number: parsed.number, bankCode: parsed.bankCode, iban: czechAccountToIban(parsed) };
}

export async function seedDemo(prisma: PrismaClient): Promise<void> {
  const lipnice = await prisma.municipality.upsert({
    where: { slug: "lipnice" },
    update: {},
    create: {
      slug: "lipnice",
      name: "Město Lipnice",
      ico: "00291005",
      street: "Náměstí Míru 1",
      city: "Lipnice",
      postalCode: "582 32",
      email: "podatelna@lipnice.example",
      phone: "+420 569 000 111",
      website: "https://www.lipnice.example",
      // `npm start` serves on port 3000: the links in the demo towns' e-mails open there.
      publicUrl: "http://localhost:3000",
      primaryColor: "#1d4ed8",
      accentColor: "#b45309",
      logo: Buffer.from(COAT_OF_ARMS),
      logoMimeType: "image/svg+xml",
      isDefault: true,
      hosts: { create: [{ hostname: "localhost" }, { hostname: "127.0.0.1" }, { hostname: "lipnice.localhost" }] },
      bankAccounts: {
        create: [bankAccount("123456788/0100", "Hlavní účet (poplatky)", true), bankAccount("94-9876543/0710", "Účet u ČNB", false)],
      },
    },
  });
  const lhota = await prisma.municipality.upsert({
    where: { slug: "horni-lhota" },
    update: {},
    create: {
      slug: "horni-lhota",
      name: "Obec Horní Lhota",
      ico: "00281000",
      street: "Horní Lhota 12",
      city: "Horní Lhota",
      postalCode: "588 52",
      email: "obec@horni-lhota.example",
      publicUrl: "http://horni-lhota.localhost:3000",
      primaryColor: "#166534",
      accentColor: "#9a3412",
      hosts: { create: [{ hostname: "horni-lhota.localhost" }] },
      bankAccounts: { create: [bankAccount("2000100/0800", "Běžný účet", true)] },
    },
  });

  const verifiedAt = new Date("2026-01-05T09:00:00Z");
  const users = [
    { municipalityId: lipnice.id, ...DEMO_ACCOUNTS.citizen, role: "CITIZEN" as const, agendas: [], phone: "+420 601 123 456" },
    {
      municipalityId: lipnice.id,
      ...DEMO_ACCOUNTS.clerk,
      role: "CLERK" as const,
      agendas: ["NOTICES" as const, "REGISTERS" as const, "SUBMISSIONS" as const, "FINANCE" as const, "BUDGET" as const, "ALERTS" as const],
    },
    { municipalityId: lipnice.id, ...DEMO_ACCOUNTS.admin, role: "ADMIN" as const, agendas: [] },
    { municipalityId: lhota.id, ...DEMO_ACCOUNTS.otherTownCitizen, role: "CITIZEN" as const, agendas: [] },
  ];
  for (const { password, ...user } of users) {
    await prisma.user.upsert({
      where: { municipalityId_email: { municipalityId: user.municipalityId, email: user.email } },
      update: {},
      create: { ...user, passwordHash: await hashPassword(password), emailVerifiedAt: verifiedAt },
    });
  }
  await seedDemoNotices(prisma);
  await seedDemoRegisters(prisma);
  await seedDemoAccount(prisma);
  await seedDemoBudget(prisma);
  await seedDemoNotifications(prisma);
  await seedDemoSubmissions(prisma);
}
