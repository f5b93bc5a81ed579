// Budget uploads: one import contract with adapters (CSV with column aliases, XLSX in the FIN 2-12 M layout,
// KXX in windows-1250), the sign convention per source format (class 8 especially), dry runs and row-level
// reports, atomic replace of one organisation × year × month, replays, approval before anything is public,
// and every published version staying available.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { budgetWorld, decide, h, importAndPublish, importFile, kxx, summary, type BudgetWorld } from "./budget-support.ts";

let app: TestApp;
let world: BudgetWorld;

beforeAll(async () => {
  app = await createTestApp();
  world = await budgetWorld(app);
});
afterAll(async () => {
  await app?.close();
});

/** The balance identity of one sign convention: revenue − expenditure + financing = 0 for each amount type. */
function expectBalanced(s: any, types: ("approved" | "amended" | "actual")[]) {
  for (const type of types) {
    expect(h(s.revenue[type]) - h(s.expenditure[type]) + h(s.financing[type]), type).toBe(0n);
    expect(h(s.balance[type]) + h(s.financing[type]), type).toBe(0n);
  }
}

describe("sign convention per source format", () => {
  it("CSV (long layout, column aliases, UTF-8): class 8 as FIN 2-12 M writes it", async () => {
    const csv = [
      "Rok;Měsíc;Paragraf;Pol.;ORJ;Akce;ÚZ;Druh;Částka;Číslo dokladu;IČO partnera",
      "2025;12;0000;1111;;;;SR;1 000 000,00;;",
      "2025;12;0000;1111;;;;SKUT;1 050 000,50;PPD-1;",
      "2025;12;3631;5154;30;;;SR;1 300 000,00;;",
      "2025;12;3631;5154;30;;;skutečnost;1 200 000,00;FAP-77;25596641",
      "2025;12;0000;8115;;;;SR;500 000,00;;",
      "2025;12;0000;8124;;;;SR;-200 000,00;;",
      "2025;12;0000;8115;;;;SKUT;349 999,50;;",
      "2025;12;0000;8124;;;;SKUT;-200 000,00;;",
    ].join("\r\n");
    const published = await importAndPublish(
      world.office,
      world.office,
      { organisationId: world.organisations.town, year: 2025, month: 12 },
      { name: "ucetnictvi.csv", bytes: csv },
    );
    expect(published.report).toMatchObject({
      format: "CSV",
      layout: "LONG",
      lineCount: 8,
      errorCount: 0,
      amountTypes: ["APPROVED", "ACTUAL"],
    });
    const s = await summary(world.anonymous, { year: 2025 });
    expect(s).toMatchObject({
      asOfMonth: 12,
      revenue: { approved: "1000000.00", actual: "1050000.50" },
      expenditure: { approved: "1300000.00" },
    });
    expect(s.financing.approved).toBe("300000.00");
    expectBalanced(s, ["approved", "actual"]);
  });

  it("XLSX in the FIN 2-12 M layout (three amount columns on one row) of a příspěvková organizace", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("FIN 2-12 M");
    sheet.addRow(["Paragraf", "Položka", "Schválený rozpočet", "Rozpočet po změnách", "Výsledek od počátku roku"]);
    sheet.addRow([0, 4122, 800_000, 900_000, 450_000]); // XLSX drops the leading zeros of paragraf 0000
    sheet.addRow([3113, 5011, 1_000_000, 1_100_000, 600_000]);
    sheet.addRow([0, 8115, 200_000, 200_000, 150_000]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const { report } = await importAndPublish(
      world.schoolUploader,
      world.office,
      { organisationId: world.organisations.school, year: 2025, month: 12 },
      { name: "fin-2-12.xlsx", bytes },
    );
    expect(report).toMatchObject({ format: "XLSX", layout: "WIDE", lineCount: 9, amountTypes: ["APPROVED", "AMENDED", "ACTUAL"] });
    const s = await summary(world.anonymous, { year: 2025, organisation: "zs" });
    expect(s.financing).toMatchObject({ approved: "200000.00", amended: "200000.00", actual: "150000.00" });
    expectBalanced(s, ["approved", "amended", "actual"]);
  });

  it("a source that writes class 8 the other way round is read with financingSign INVERTED", async () => {
    const csv = "Paragraf;Položka;Typ;Částka\n0000;1211;UR;100,00\n6171;5169;UR;300,00\n0000;8115;UR;-250,00\n0000;8123;UR;50,00\n";
    await importAndPublish(
      world.servicesUploader,
      world.office,
      { organisationId: world.organisations.services, year: 2025, month: 6, financingSign: "INVERTED" },
      { name: "obracene.csv", bytes: csv },
    );
    const s = await summary(world.anonymous, { year: 2025, organisation: "ts" });
    // Inverted in the file: 8115 −250 and the loan 8123 +50 mean +250 and −50 in the FIN convention.
    expect(s.financing.amended).toBe("200.00");
    expectBalanced(s, ["amended"]);
  });

  it("KXX (windows-1250, GINIS): MD/DAL on the bank account; a loan drawn is positive, a repayment negative", async () => {
    const journal = kxx({ ico: "00291005", year: 2024, month: 5 }, [
      {
        number: "PPD-2024-1",
        type: "PPD",
        day: 3,
        lines: [{ su: "231", paragraf: "0000", polozka: "1211", md: 2_000_000n, dal: 0n, text: "DPH – příjem" }],
      },
      {
        number: "FAP-2024-10",
        type: "FAP",
        day: 9,
        lines: [
          {
            su: "231",
            paragraf: "3745",
            polozka: "5169",
            orj: "30",
            org: "1001",
            md: 0n,
            dal: 2_500_000n,
            text: "Údržba zeleně – Šťastný",
          },
          { su: "321", paragraf: "0000", polozka: "0000", md: 2_500_000n, dal: 0n },
        ],
      },
      { number: "BV-2024-4", type: "BV", day: 15, lines: [{ su: "231", paragraf: "0000", polozka: "8123", md: 1_000_000n, dal: 0n }] },
      { number: "BV-2024-5", type: "BV", day: 20, lines: [{ su: "231", paragraf: "0000", polozka: "8124", md: 0n, dal: 300_000n }] },
      // A refund of expenditure (money back on the account) lowers the expenditure.
      {
        number: "PPD-2024-2",
        type: "PPD",
        day: 21,
        lines: [{ su: "231", paragraf: "3745", polozka: "5169", orj: "30", md: 100_000n, dal: 0n }],
      },
      { number: "BV-2024-6", type: "BV", day: 31, lines: [{ su: "231", paragraf: "0000", polozka: "8115", md: 0n, dal: 300_000n }] },
    ]);
    expect(journal.includes(Buffer.from("Údržba", "utf8"))).toBe(false); // really windows-1250
    const { report } = await importAndPublish(
      world.office,
      world.office,
      { organisationId: world.organisations.town, year: 2024, month: 5 },
      { name: "denik.kxx", bytes: journal },
    );
    expect(report).toMatchObject({ format: "KXX", lineCount: 6, skippedLines: 1, amountTypes: ["ACTUAL"] });
    const s = await summary(world.anonymous, { year: 2024 });
    expect(s.revenue.actual).toBe("20000.00");
    expect(s.expenditure.actual).toBe("24000.00");
    // 8123 +10 000, 8124 −3 000, 8115 −3 000 (savings made: DAL on the bank account).
    expect(s.financing.actual).toBe("4000.00");
    expectBalanced(s, ["actual"]);
  });
});

describe("the report, dry runs and refusals", () => {
  const bad = [
    "Paragraf;Položka;Typ;Částka;IČO",
    "3631;5154;SR;100,00;",
    "36x1;5154;SR;100,00;",
    "3631;5154;SR;sto korun;",
    "3631;7154;SR;100,00;",
    "3631;5154;XX;100,00;",
    "3631;5154;SR;100,00;12345678",
    "9999;5999;SR;100,00;",
  ].join("\n");

  it("reports every row's problems with its line and column, in Czech and English, and stores nothing", async () => {
    const before = await app.database.prisma.budgetDataSet.count();
    const result = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 1 },
      { name: "chyby.csv", bytes: bad },
    );
    expect(result.__typename).toBe("ImportBudgetDataPayload");
    expect(result.dataSet).toBeNull();
    expect(result.report.errorCount).toBe(5);
    expect(result.report.warningCount).toBe(2);
    const issues = result.report.issues.map((i: any) => [i.row, i.column, i.code, i.severity]);
    expect(issues).toEqual([
      [3, "paragraf", "budget.badCode", "ERROR"],
      [4, "amount", "budget.badAmount", "ERROR"],
      [5, "polozka", "budget.noClass", "ERROR"],
      [6, "type", "budget.badType", "ERROR"],
      [7, "counterpartyIco", "budget.badIco", "ERROR"],
      [8, "paragraf", "budget.unknownCode", "WARNING"],
      [8, "polozka", "budget.unknownCode", "WARNING"],
    ]);
    expect(result.report.issues[0].message).toContain("36x1");
    world.office.locale = "en";
    const english = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 1 },
      { name: "chyby.csv", bytes: bad },
    );
    world.office.locale = "cs";
    expect(english.report.issues[1].message).toMatch(/is not an amount/);
    expect(await app.database.prisma.budgetDataSet.count()).toBe(before);
  });

  it("a dry run of a valid file reports totals and warnings and stores nothing", async () => {
    const before = await app.database.prisma.budgetLine.count();
    const csv = "Paragraf;Položka;Typ;Částka\n0000;1111;SR;1000\n6409;2329;SR;10\n6171;5169;SR;990\n";
    const result = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 1, dryRun: true },
      { name: "x.csv", bytes: csv },
    );
    expect(result.dataSet).toBeNull();
    expect(result.report).toMatchObject({
      errorCount: 0,
      warningCount: 1,
      lineCount: 3,
      revenue: { approved: "1010.00" },
      expenditure: { approved: "990.00" },
    });
    expect(await app.database.prisma.budgetLine.count()).toBe(before);
  });

  it("refuses rows of another period or organisation, an empty file and a binary one", async () => {
    const csv =
      "Rok;Měsíc;Paragraf;Položka;Typ;Částka;Subjekt\n2026;2;0000;1111;SR;1;\n2026;3;0000;1111;SR;1;\n2026;2;0000;1111;SR;1;jina-obec\n";
    const result = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 2 },
      { name: "x.csv", bytes: csv },
    );
    expect(result.report.issues.map((i: any) => [i.row, i.code])).toEqual([
      [3, "budget.periodMismatch"],
      [4, "budget.otherOrganisation"],
    ]);
    const empty = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 2 },
      { name: "x.csv", bytes: "" },
    );
    expect(empty.fieldErrors[0].path).toEqual(["file"]);
    const binary = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 2 },
      { name: "x.csv", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) },
    );
    expect(binary.fieldErrors[0].path).toEqual(["file"]);
    const month = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2026, month: 13 },
      { name: "x.csv", bytes: "a" },
    );
    expect(month.fieldErrors.map((e: any) => e.path)).toEqual([["month"]]);
  });
});

describe("approval, atomic replace, replays and versions", () => {
  const file = (amount: string) => `Paragraf;Položka;Typ;Částka\n0000;1111;SR;${amount}\n6171;5169;SR;${amount}\n`;
  const view = { year: 2023, organisation: "mesto" };

  it("shows nothing before a clerk with the BUDGET agenda approves and publishes", async () => {
    const upload = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2023, month: 3 },
      { name: "a.csv", bytes: file("100") },
    );
    expect(upload.dataSet).toMatchObject({ status: "DRAFT", version: 1 });
    expect((await summary(world.anonymous, view)).asOfMonth).toBeNull();
    // A preview for the office (and the uploader), never for the public.
    const preview = await summary(world.office, { ...view, dataSetId: upload.dataSet.id });
    expect(preview.revenue.approved).toBe("100.00");
    const refused = await world.anonymous.request(`query($v: BudgetViewInput!) { budgetSummary(view: $v) { year } }`, {
      v: { ...view, dataSetId: upload.dataSet.id },
    });
    expect(refused.errors![0]!.extensions!.code).toBe("FORBIDDEN");
    // Publishing needs an approval first; a clerk without the agenda may do neither.
    expect((await decide(world.office, "publishBudgetDataSet", upload.dataSet.id)).fieldErrors[0].code).toBe("WRONG_STATUS");
    expect((await decide(world.otherClerk, "approveBudgetDataSet", upload.dataSet.id)).errors[0].extensions.code).toBe("FORBIDDEN");
    expect((await decide(world.office, "approveBudgetDataSet", upload.dataSet.id)).dataSet.status).toBe("APPROVED");
    expect((await summary(world.anonymous, view)).asOfMonth).toBeNull();
    const published = await decide(world.office, "publishBudgetDataSet", upload.dataSet.id);
    expect(published.dataSet.status).toBe("PUBLISHED");
    expect(await summary(world.anonymous, view)).toMatchObject({ asOfMonth: 3, revenue: { approved: "100.00" } });
  });

  it("a new upload of the same period replaces the unapproved one atomically; the same file again makes nothing new", async () => {
    const first = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2023, month: 3 },
      { name: "b.csv", bytes: file("200") },
    );
    expect(first.dataSet.version).toBe(2);
    const second = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2023, month: 3 },
      { name: "c.csv", bytes: file("300") },
    );
    // The replaced draft is gone with its lines; its number goes to the upload that replaced it.
    expect(second.dataSet.version).toBe(2);
    expect(await app.database.prisma.budgetDataSet.findUnique({ where: { id: first.dataSet.id } })).toBeNull();
    expect(await app.database.prisma.budgetLine.count({ where: { dataSetId: first.dataSet.id } })).toBe(0);
    expect(second.dataSet.id).not.toBe(first.dataSet.id);
    const replay = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2023, month: 3 },
      { name: "c.csv", bytes: file("300") },
    );
    expect(replay).toMatchObject({ replayed: true, dataSet: { id: second.dataSet.id } });
    // Until published, readers still see version 1.
    expect((await summary(world.anonymous, view)).revenue.approved).toBe("100.00");
  });

  it("concurrent decisions: one approval wins, both answer approved", async () => {
    const upload = await importFile(
      world.office,
      { organisationId: world.organisations.town, year: 2023, month: 3 },
      { name: "d.csv", bytes: file("400") },
    );
    const results = await Promise.all([1, 2, 3].map(() => decide(world.office, "approveBudgetDataSet", upload.dataSet.id)));
    expect(results.map((r) => r.dataSet.status)).toEqual(["APPROVED", "APPROVED", "APPROVED"]);
    const audits = await app.database.prisma.auditLogEntry.count({
      where: { action: "budget.dataSet.approved", subjectId: upload.dataSet.id },
    });
    expect(audits).toBe(1);
  });

  it("every published version stays available as of its publication", async () => {
    const v1 = (await app.database.prisma.budgetDataSet.findFirst({
      where: { organisationId: world.organisations.town, year: 2023, month: 3, version: 1 },
    }))!;
    app.clock.advance({ hours: 1 });
    const latest = (await app.database.prisma.budgetDataSet.findFirst({
      where: { organisationId: world.organisations.town, year: 2023, month: 3, status: "APPROVED" },
    }))!;
    await decide(world.office, "publishBudgetDataSet", latest.id);
    expect((await summary(world.anonymous, view)).revenue.approved).toBe("400.00");
    expect((await summary(world.anonymous, { ...view, asOf: v1.publishedAt!.toISOString() })).revenue.approved).toBe("100.00");
    const versions = await world.anonymous.request(
      `{ budgetVersions(year: 2023) { version month status publishedAt organisation { code } } }`,
    );
    expect(versions.data!.budgetVersions.map((v: any) => v.version)).toEqual([latest.version, 1]);
    // A published version is kept by the database itself.
    await expect(app.database.prisma.budgetDataSet.delete({ where: { id: v1.id } })).rejects.toThrow();
  });
});

describe("organisations' users", () => {
  const csv = "Paragraf;Položka;Typ;Částka\n3113;5011;SR;10\n3113;4122;SR;10\n";

  it("upload their own organisation's data only, and cannot approve it", async () => {
    const own = await importFile(
      world.schoolUploader,
      { organisationId: world.organisations.school, year: 2026, month: 4 },
      { name: "zs.csv", bytes: csv },
    );
    expect(own.dataSet.status).toBe("DRAFT");
    const other = await importFile(
      world.schoolUploader,
      { organisationId: world.organisations.services, year: 2026, month: 4 },
      { name: "ts.csv", bytes: csv },
    );
    expect(other.__typename).toBe("NotFoundError");
    const town = await importFile(
      world.schoolUploader,
      { organisationId: world.organisations.town, year: 2026, month: 4 },
      { name: "m.csv", bytes: csv },
    );
    expect(town.__typename).toBe("NotFoundError");
    const foreign = await importFile(
      world.office,
      { organisationId: world.organisations.otherTown, year: 2026, month: 4 },
      { name: "m.csv", bytes: csv },
    );
    expect(foreign.__typename).toBe("NotFoundError");
    expect((await decide(world.schoolUploader, "approveBudgetDataSet", own.dataSet.id)).errors[0].extensions.code).toBe("FORBIDDEN");
    expect((await decide(world.otherTownOffice, "approveBudgetDataSet", own.dataSet.id)).__typename).toBe("NotFoundError");
    // Their lists: their own organisation's data sets; a citizen without membership cannot upload.
    const lists = await world.servicesUploader.request(`{ budgetDataSets { id organisation { code } } myBudgetOrganisations { code } }`);
    expect(lists.data!.myBudgetOrganisations.map((o: any) => o.code)).toEqual(["ts"]);
    expect(lists.data!.budgetDataSets.every((d: any) => d.organisation.code === "ts")).toBe(true);
    const preview = await world.servicesUploader.request(`query($v: BudgetViewInput!) { budgetSummary(view: $v) { year } }`, {
      v: { year: 2026, dataSetId: own.dataSet.id },
    });
    expect(preview.errors![0]!.extensions!.code).toBe("NOT_FOUND");
    const citizen = await importFile(
      world.citizen,
      { organisationId: world.organisations.school, year: 2026, month: 4 },
      { name: "zs.csv", bytes: csv },
    );
    expect(citizen.errors?.[0]?.extensions?.code ?? citizen.__typename).toMatch(/FORBIDDEN|NotFoundError/);
    const anonymous = await importFile(
      world.anonymous,
      { organisationId: world.organisations.school, year: 2026, month: 4 },
      { name: "zs.csv", bytes: csv },
    );
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED/);
  });

  it("windows-1250 CSV with the organisation's own code in its column", async () => {
    const text = "Paragraf;Položka;Druh;Částka;Jednotka;Doklad\n3113;5139;SR;12,50;zs;Nákup č. 1\n";
    const result = await importFile(
      world.schoolUploader,
      { organisationId: world.organisations.school, year: 2026, month: 5 },
      { name: "zs.csv", bytes: iconv.encode(text, "win1250") },
    );
    expect(result.report.errorCount).toBe(0);
    const line = await app.database.prisma.budgetLine.findFirst({ where: { dataSetId: result.dataSet.id } });
    expect(line).toMatchObject({ documentNumber: "Nákup č. 1", amount: 1250n });
  });
});
