// The demo budget: three years of the demo town Lipnice with months, measures that explain the amended budget,
// a school and technical services, the school's accountant, one corrected version, one upload waiting for
// approval, invoices of the registers reached from the drill-down; balanced; safe to seed twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BUDGET_UPLOADER, seedDemoBudget } from "../../prisma/seed/budget.ts";
import { seedDemoRegisters } from "../../prisma/seed/registers.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { h, summary } from "./budget-support.ts";

let app: TestApp;
let filesDir: string;
let lipniceId: string;
const host = "lipnice.budget.test";

beforeAll(async () => {
  app = await createTestApp();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "budget-demo-"));
  lipniceId = (
    await app.database.prisma.municipality.create({
      data: {
        slug: "lipnice",
        name: "Město Lipnice",
        ico: "00291005",
        street: "Náměstí Míru 1",
        city: "Lipnice",
        postalCode: "582 32",
        email: "podatelna@lipnice.example",
        publicUrl: `http://${host}`,
        hosts: { create: [{ hostname: host }] },
      },
    })
  ).id;
  await createUser(app, lipniceId, { role: "CLERK", agendas: ["BUDGET"], email: "referent@lipnice.example" });
  await seedDemoRegisters(app.database.prisma, { now: app.clock.now(), filesDir });
  await seedDemoBudget(app.database.prisma, { now: app.clock.now() });
}, 120_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe("demo budget", () => {
  const citizen = () => new Client(app, { host });

  it("publishes three years (the current one by month, earlier ones by quarter), balanced for every amount type", async () => {
    const years = (await citizen().request(`{ budgetYears { year months } budgetOrganisations { code kind } }`)).data!;
    expect(years.budgetYears.map((y: any) => y.year)).toEqual([2026, 2025, 2024]);
    expect(years.budgetYears[1].months).toEqual([3, 6, 9, 12]);
    expect(years.budgetYears[0].months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(years.budgetOrganisations.map((o: any) => o.code)).toEqual(["mesto", "ts", "zs"]);
    for (const year of [2024, 2025, 2026]) {
      const s = await summary(citizen(), { year, organisation: "mesto", consolidated: false });
      for (const type of ["approved", "amended", "actual"] as const) {
        expect(h(s.revenue[type]) - h(s.expenditure[type]) + h(s.financing[type]), `${year} ${type}`).toBe(0n);
      }
      expect(h(s.revenue.approved)).toBeGreaterThan(50_000_000_00n);
    }
  });

  it("explains the amended budget by the published measures", async () => {
    const answer = await citizen().request(`{ budgetMeasures(year: 2025) { number items { paragraf polozka amount } } }`);
    const measures = answer.data!.budgetMeasures;
    expect(measures.map((m: any) => m.number)).toEqual(["RO 1/2025", "RO 2/2025", "RO 3/2025"]);
    const drill = await citizen().request(
      `{ budgetDrillDown(view: { year: 2025, organisation: "mesto" }, path: { side: EXPENDITURE, group: "22" }) { rows { code approved amended } } }`,
    );
    const roads = drill.data!.budgetDrillDown.rows.find((r: any) => r.code === "2212");
    const change = measures
      .flatMap((m: any) => m.items)
      .filter((i: any) => i.paragraf === "2212")
      .reduce((a: bigint, i: any) => a + h(i.amount), 0n);
    expect(h(roads.amended) - h(roads.approved)).toBe(change);
  });

  it("reaches the registers' invoices from the drill-down and shows unknown codes as Nezařazeno", async () => {
    const invoice = await app.database.prisma.invoice.findFirst({
      where: {
        municipalityId: lipniceId,
        status: "PUBLISHED",
        issuedOn: { gte: new Date("2026-01-01"), lt: new Date("2026-11-01") },
        budgetItem: { not: null },
      },
    });
    const answer = await citizen().request(
      `query($p: BudgetPathInput!) { budgetDocuments(view: { year: 2026 }, path: $p, limit: 100) { nodes { documentNumber invoice { number } } } }`,
      { p: { side: "EXPENDITURE", paragraf: invoice!.budgetParagraph, polozka: invoice!.budgetItem } },
    );
    expect(answer.data!.budgetDocuments.nodes.find((n: any) => n.documentNumber === invoice!.number).invoice.number).toBe(invoice!.number);
    // Položka 2329 is not in the codelist: its group (23) is known, the item itself is Nezařazeno.
    const revenue = await citizen().request(
      `{ budgetDrillDown(view: { year: 2025 }, path: { side: REVENUE, group: "23" }) { rows { code name } } }`,
    );
    expect(revenue.data!.budgetDrillDown.rows.at(-1)).toEqual({ code: "UNCLASSIFIED", name: "Nezařazeno" });
  });

  it("keeps the corrected version, leaves the school's latest upload to the office, and lets its accountant upload", async () => {
    const versions = await citizen().request(`{ budgetVersions(year: 2025) { month version organisation { code } } }`);
    expect(
      versions.data!.budgetVersions.filter((v: any) => v.month === 12 && v.organisation.code === "mesto").map((v: any) => v.version),
    ).toEqual([2, 1]);
    const uploader = await app.database.prisma.user.findFirst({ where: { email: DEMO_BUDGET_UPLOADER.email } });
    const school = await signedInClient(app, uploader!, host);
    const own = await school.request(
      `{ myBudgetOrganisations { code } budgetDataSets(status: DRAFT) { year month organisation { code } } }`,
    );
    expect(own.data!.myBudgetOrganisations).toEqual([{ code: "zs" }]);
    expect(own.data!.budgetDataSets).toEqual([{ year: 2026, month: 10, organisation: { code: "zs" } }]);
  });

  it("is safe to seed twice", async () => {
    const before = await app.database.prisma.budgetLine.count();
    await seedDemoBudget(app.database.prisma, { now: app.clock.now() });
    expect(await app.database.prisma.budgetLine.count()).toBe(before);
  });
});
