// The public drill-down over the precomputed aggregates, checked against the pure reference
// (api/src/domain/budget/drill-down.ts) on random data: every level's rows add up to its total and to the
// grand total, unknown codes land in "Nezařazeno", departments, actions and organisations partition the
// same totals; documents link to the registers' invoices; years compare; every view exports.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtInCodelist } from "../../api/src/domain/budget/codelists.ts";
import { drillDown, type BudgetLine, type DrillPath } from "../../api/src/domain/budget/drill-down.ts";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { budgetWorld, h, importAndPublish, summary, type BudgetWorld } from "./budget-support.ts";

let app: TestApp;
let server: FastifyInstance;
let world: BudgetWorld;

const PARAGRAFY = ["0000", "2212", "2219", "3113", "3631", "3722", "6171", "6330", "6409", "9999", "3799"];
const POLOZKY = ["1111", "1211", "2111", "2329", "4134", "4122", "5011", "5169", "5171", "5345", "5999", "6121", "8115", "8124"];
const TYPES = ["SR", "UR", "SKUT"] as const;
const TYPE_OF = { SR: "APPROVED", UR: "AMENDED", SKUT: "ACTUAL" } as const;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function generate(seed: number, count: number, organisation: string, year: number) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const lines: (BudgetLine & { doc: string | null })[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(TYPES);
    lines.push({
      year,
      month: 12,
      amountType: TYPE_OF[type],
      paragraf: pick(PARAGRAFY),
      polozka: pick(POLOZKY),
      orj: next() < 0.8 ? pick(["10", "20", "30"]) : null,
      org: next() < 0.4 ? pick(["1001", "1002"]) : null,
      organisation,
      amount: Math.round((next() - 0.1) * 10_000_000),
      doc: type === "SKUT" ? `D-${seed}-${i}` : null,
    });
  }
  return lines;
}

function csvOf(lines: ReturnType<typeof generate>): string {
  const kc = (halere: number) =>
    `${halere < 0 ? "-" : ""}${Math.floor(Math.abs(halere) / 100)},${String(Math.abs(halere) % 100).padStart(2, "0")}`;
  const type = { APPROVED: "SR", AMENDED: "UR", ACTUAL: "SKUT" };
  return [
    "Paragraf;Položka;ORJ;ORG;Typ;Částka;Doklad",
    ...lines.map((l) => [l.paragraf, l.polozka, l.orj ?? "", l.org ?? "", type[l.amountType], kc(l.amount), l.doc ?? ""].join(";")),
  ].join("\n");
}

let townLines: ReturnType<typeof generate>;
let schoolLines: ReturnType<typeof generate>;

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
  world = await budgetWorld(app);
  townLines = generate(7, 600, "mesto", 2025);
  schoolLines = generate(11, 200, "zs", 2025);
  // One document is an invoice of the registers (published), another one a draft invoice (never linked).
  townLines.push({
    year: 2025,
    month: 12,
    amountType: "ACTUAL",
    paragraf: "3631",
    polozka: "5171",
    orj: "30",
    org: null,
    organisation: "mesto",
    amount: 1_210_000,
    doc: "FV-2025-0042",
  });
  townLines.push({
    year: 2025,
    month: 12,
    amountType: "ACTUAL",
    paragraf: "3631",
    polozka: "5171",
    orj: "30",
    org: null,
    organisation: "mesto",
    amount: 50_000,
    doc: "FV-2025-0043",
  });
  for (const [number, status] of [
    ["FV-2025-0042", "PUBLISHED"],
    ["FV-2025-0043", "DRAFT"],
  ] as const) {
    await app.database.prisma.invoice.create({
      data: {
        municipalityId: world.townId,
        number,
        status,
        subject: "Oprava veřejného osvětlení",
        supplierName: "Elektro Šimánek",
        amountWithoutVat: 1_000_000n,
        amountWithVat: 1_210_000n,
        issuedOn: new Date("2025-11-03"),
        dueOn: new Date("2025-11-17"),
        budgetParagraph: "3631",
        budgetItem: "5171",
        publishedAt: status === "PUBLISHED" ? app.clock.now() : null,
      },
    });
  }
  await importAndPublish(
    world.office,
    world.office,
    { organisationId: world.organisations.town, year: 2025, month: 12 },
    { name: "m.csv", bytes: csvOf(townLines) },
  );
  await importAndPublish(
    world.schoolUploader,
    world.office,
    { organisationId: world.organisations.school, year: 2025, month: 12 },
    { name: "zs.csv", bytes: csvOf(schoolLines) },
  );
  await importAndPublish(
    world.office,
    world.office,
    { organisationId: world.organisations.town, year: 2024, month: 12 },
    { name: "m24.csv", bytes: csvOf(generate(5, 300, "mesto", 2024)) },
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
  await app?.close();
});

const DRILL = `query($view: BudgetViewInput!, $path: BudgetPathInput!, $by: BudgetDrillBy, $sort: BudgetSortInput) {
  budgetDrillDown(view: $view, path: $path, by: $by, sort: $sort) {
    level asOfMonth
    rows { code name approved amended actual executionPercent overspent unclassified }
    total { approved amended actual }
  }
}`;

async function drill(path: Record<string, unknown>, by = "CLASSIFICATION", view: Record<string, unknown> = { year: 2025 }, sort?: unknown) {
  const answer = await world.anonymous.request(DRILL, { view, path, by, sort });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!.budgetDrillDown;
}

const sum = (rows: any[], key: "approved" | "amended" | "actual") => rows.reduce((acc, r) => acc + h(r[key]), 0n);

describe("the drill-down against the reference", () => {
  it("every level of every side equals the pure drill-down over the same lines, and adds up to the grand total", async () => {
    const all: BudgetLine[] = [...townLines, ...schoolLines];
    const reference = (path: DrillPath) =>
      drillDown(all, path, { codelist: builtInCodelist, date: "2025-12-01", locale: "cs", consolidated: true });
    const s = await summary(world.anonymous, { year: 2025 });
    const sideTotal = { REVENUE: s.revenue, EXPENDITURE: s.expenditure, FINANCING: s.financing };
    let levels = 0;
    const walk = async (path: DrillPath & Record<string, string | undefined>, depth: number) => {
      const ours = await drill(path);
      const expected = reference(path);
      levels++;
      expect(ours.level).toBe(expected.level);
      expect(ours.rows.map((r: any) => [r.code, h(r.approved), h(r.amended), h(r.actual)])).toEqual(
        expected.rows.map((r) => [r.code ?? "", BigInt(r.approved), BigInt(r.amended), BigInt(r.actual)]),
      );
      for (const key of ["approved", "amended", "actual"] as const) {
        expect(sum(ours.rows, key), `${JSON.stringify(path)} ${key}`).toBe(h(ours.total[key]));
        if (depth === 0) expect(h(ours.total[key])).toBe(h(sideTotal[path.side][key]));
      }
      if (ours.level === "ORG") return;
      // Deeper along the first two rows of each level (the unclassified bucket included when present).
      const rows = ours.rows.filter((r: any, i: number) => i < 2 || r.unclassified);
      for (const row of rows) {
        const key = ours.level === "GROUP" ? "group" : ours.level === "PARAGRAF" ? "paragraf" : "polozka";
        await walk({ ...path, [key]: row.code }, depth + 1);
      }
    };
    for (const side of ["REVENUE", "EXPENDITURE", "FINANCING"] as const) await walk({ side }, 0);
    expect(levels).toBeGreaterThan(20);
  });

  it("puts codes the codelist does not know into one Nezařazeno row per level", async () => {
    const groups = await drill({ side: "EXPENDITURE" });
    const bucket = groups.rows.find((r: any) => r.unclassified);
    expect(bucket).toMatchObject({ code: "UNCLASSIFIED", name: "Nezařazeno" });
    expect(groups.rows[groups.rows.length - 1].code).toBe("UNCLASSIFIED");
    world.anonymous.locale = "en";
    const english = await drill({ side: "EXPENDITURE" });
    world.anonymous.locale = "cs";
    expect(english.rows.find((r: any) => r.unclassified).name).toBe("Unclassified");
  });

  it("departments, actions and organisations partition the same totals; one organisation alone", async () => {
    const side = await drill({ side: "EXPENDITURE" });
    for (const by of ["ORJ", "ORG", "ORGANISATION"]) {
      const rows = await drill({ side: "EXPENDITURE" }, by);
      expect(rows.level).toBe(by);
      for (const key of ["approved", "amended", "actual"] as const) expect(sum(rows.rows, key)).toBe(h(side.total[key]));
    }
    const byOrganisation = await drill({ side: "EXPENDITURE" }, "ORGANISATION");
    expect(byOrganisation.rows.map((r: any) => r.code).sort()).toEqual(["mesto", "zs"]);
    const school = await drill({ side: "EXPENDITURE" }, "CLASSIFICATION", { year: 2025, organisation: "zs" });
    expect(school.total).toEqual(
      byOrganisation.rows.find((r: any) => r.code === "zs") && {
        approved: byOrganisation.rows.find((r: any) => r.code === "zs").approved,
        amended: byOrganisation.rows.find((r: any) => r.code === "zs").amended,
        actual: byOrganisation.rows.find((r: any) => r.code === "zs").actual,
      },
    );
    // A department narrows the classification drill-down too.
    const department = await drill({ side: "EXPENDITURE", orj: "30" });
    const orj30 = (await drill({ side: "EXPENDITURE" }, "ORJ")).rows.find((r: any) => r.code === "30");
    expect(department.total.actual).toBe(orj30.actual);
  });

  it("the consolidated view leaves out transfers to own accounts and funds; the unconsolidated one keeps them", async () => {
    const consolidated = await drill({ side: "EXPENDITURE" });
    const full = await drill({ side: "EXPENDITURE" }, "CLASSIFICATION", { year: 2025, consolidated: false });
    const transfers = [...townLines, ...schoolLines]
      .filter((l) => l.polozka[0] === "5" || l.polozka[0] === "6")
      .filter((l) => l.paragraf === "6330" || l.polozka === "5345");
    const transferActual = transfers.filter((l) => l.amountType === "ACTUAL").reduce((a, l) => a + BigInt(l.amount), 0n);
    expect(transfers.length).toBeGreaterThan(0);
    expect(h(full.total.actual) - h(consolidated.total.actual)).toBe(transferActual);
  });

  it("sorts by budget or actual (Nezařazeno stays last) and flags overspending", async () => {
    const sorted = await drill({ side: "EXPENDITURE" }, "CLASSIFICATION", { year: 2025 }, { field: "ACTUAL", descending: true });
    const known = sorted.rows.filter((r: any) => !r.unclassified).map((r: any) => h(r.actual));
    expect(known).toEqual([...known].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(sorted.rows[sorted.rows.length - 1].unclassified).toBe(true);
    for (const row of sorted.rows) expect(row.overspent).toBe(h(row.actual) > h(row.amended) && h(row.amended) > 0n);
  });
});

describe("documents and invoices", () => {
  it("lists the documents of one položka, linking the published invoice of the registers only", async () => {
    const answer = await world.anonymous.request(
      `query($view: BudgetViewInput!, $path: BudgetPathInput!) {
        budgetDocuments(view: $view, path: $path, limit: 100) { totalCount hasMore nodes { documentNumber amount amountType invoice { number supplierName } } }
      }`,
      { view: { year: 2025, organisation: "mesto" }, path: { side: "EXPENDITURE", paragraf: "3631", polozka: "5171" } },
    );
    expect(answer.errors).toBeUndefined();
    const page = answer.data!.budgetDocuments;
    const expected = townLines.filter((l) => l.paragraf === "3631" && l.polozka === "5171");
    expect(page.totalCount).toBe(expected.length);
    const linked = page.nodes.find((n: any) => n.documentNumber === "FV-2025-0042");
    expect(linked.invoice).toEqual({ number: "FV-2025-0042", supplierName: "Elektro Šimánek" });
    expect(page.nodes.find((n: any) => n.documentNumber === "FV-2025-0043").invoice).toBeNull();
    const tooMany = await world.anonymous.request(
      `{ budgetDocuments(view: { year: 2025 }, path: { side: EXPENDITURE, polozka: "5171" }, limit: 101) { totalCount } }`,
    );
    expect(tooMany.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });
});

describe("year comparison", () => {
  it("puts each year's level side by side with totals equal to each year's summary", async () => {
    const answer = await world.anonymous.request(
      `{ budgetComparison(view: {}, years: [2024, 2025], path: { side: EXPENDITURE }) { level years { year asOfMonth actual } rows { code years { year actual } actualChangePercent } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const comparison = answer.data!.budgetComparison;
    expect(comparison.years.map((y: any) => [y.year, y.asOfMonth])).toEqual([
      [2024, 12],
      [2025, 12],
    ]);
    for (const [index, year] of [2024, 2025].entries()) {
      const s = await summary(world.anonymous, { year });
      expect(comparison.years[index].actual).toBe(s.expenditure.actual);
      expect(comparison.rows.reduce((acc: bigint, r: any) => acc + h(r.years[index].actual), 0n)).toBe(h(s.expenditure.actual));
    }
    const tooMany = await world.anonymous.request(
      `{ budgetComparison(view: {}, years: [2014,2015,2016,2017,2018,2019,2020,2021,2022,2023,2024], path: { side: REVENUE }) { level } }`,
    );
    expect(tooMany.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
  });
});

describe("exports and public data at every level", () => {
  const get = (url: string, host = world.host) => server.inject({ url, headers: { host } });

  it("CSV for Czech Excel and JSON hold the view's rows and its total", async () => {
    const csv = await get("/api/budget/drilldown.csv?year=2025&side=EXPENDITURE&group=36");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const text = csv.rawPayload.toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = parse(text.slice(1), { delimiter: ";", record_delimiter: "\r\n" }) as string[][];
    expect(rows[0]!.slice(0, 3)).toEqual(["Kód", "Název", "Schválený rozpočet (Kč)"]);
    const total = rows[rows.length - 1]!;
    expect(total[1]).toBe("Celkem");
    const amount = (text: string) => h(text.replace(",", "."));
    expect(rows.slice(1, -1).reduce((acc, r) => acc + amount(r[4]!), 0n)).toBe(amount(total[4]!));
    const json = await get("/api/budget/drilldown.json?year=2025&side=EXPENDITURE&group=36&lang=en");
    const body = JSON.parse(json.body);
    expect(body.meta).toMatchObject({ year: 2025, side: "EXPENDITURE", group: "36", level: "PARAGRAF", asOfMonth: 12 });
    const ours = await drill({ side: "EXPENDITURE", group: "36" });
    expect(body.rows.map((r: any) => [r.code, r.actual])).toEqual(ours.rows.map((r: any) => [r.code, r.actual]));
    expect(body.columns[0].header).toBe("Code");
  });

  it("xlsx, pdf and docx of the summary, the documents and the comparison", async () => {
    const xlsx = await get("/api/budget/summary.xlsx?year=2025");
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(2).value).toBe("Příjmy");
    const s = await summary(world.anonymous, { year: 2025 });
    expect(sheet.getRow(2).getCell(5).value).toBe(Number(h(s.revenue.actual)) / 100);
    const pdf = await get("/api/budget/documents.pdf?year=2025&side=EXPENDITURE&paragraf=3631&polozka=5171");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await get("/api/budget/comparison.docx?years=2024,2025&side=REVENUE");
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(docx.rawPayload.includes(Buffer.from("word/document.xml"))).toBe(true);
    expect(docx.headers["content-disposition"]).toContain("rozpocet-comparison");
  });

  it("refuses hostile parameters with a field-level message and shows another town nothing of this one", async () => {
    const bad = await get("/api/budget/drilldown.csv?year=2025&paragraf=36%27;DROP");
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).errors[0].extensions.field).toBe("paragraf");
    expect((await get("/api/budget/drilldown.exe?year=2025")).statusCode).toBe(404);
    expect((await get("/api/budget/comparison.csv?years=2025,abc")).statusCode).toBe(400);
    const foreign = JSON.parse((await get("/api/budget/summary.json?year=2025", world.otherHost)).body);
    expect(foreign.rows.every((r: any) => r.approved === "0.00" && r.actual === "0.00")).toBe(true);
  });
});

describe("the town's codelist", () => {
  it("adds a code, rebuilds every import's aggregates in the background, and refuses an overlapping version", async () => {
    // Položka 2329 is not in the built-in list: within its known group (23) it is Nezařazeno.
    const before = await drill({ side: "REVENUE", group: "23" });
    expect(before.rows.map((r: any) => r.code)).toEqual(["UNCLASSIFIED"]);
    const save = (input: Record<string, unknown>) =>
      world.office.request(
        `mutation($input: BudgetCodelistEntryInput!) { saveBudgetCodelistEntry(input: $input) { __typename ... on ValidationError { fieldErrors { path code } } } }`,
        { input },
      );
    const added = await save({
      kind: "POLOZKA",
      code: "2329",
      nameCs: "Ostatní nedaňové příjmy j. n.",
      nameEn: "Other non-tax revenue",
      validFrom: "2022-01-01",
    });
    expect(added.data!.saveBudgetCodelistEntry.__typename).toBe("SaveBudgetCodelistEntrySuccess");
    const drained = await app.jobs.drain();
    expect(drained).toMatchObject({ completed: 1, failed: 0 });
    const after = await drill({ side: "REVENUE", group: "23" });
    expect(after.rows.map((r: any) => [r.code, r.name])).toEqual([["2329", "Ostatní nedaňové příjmy j. n."]]);
    expect(after.total).toEqual(before.total);
    const overlap = await save({ kind: "POLOZKA", code: "2329", nameCs: "Jiný název", nameEn: "Other", validFrom: "2024-01-01" });
    expect(overlap.data!.saveBudgetCodelistEntry.fieldErrors[0].code).toBe("OVERLAP");
    const builtIn = await save({ kind: "POLOZKA", code: "5169", nameCs: "Služby", nameEn: "Services", validFrom: "2025-01-01" });
    expect(builtIn.data!.saveBudgetCodelistEntry.fieldErrors[0].code).toBe("OVERLAP");
  });
});
