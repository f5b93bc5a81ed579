// Exports of the public registers over real HTTP: the current filter as CSV (Excel in the Czech
// locale) and XLSX (typed cells), parsed back; formula injection; only published entries of the host's town.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { validIco } from "../kit/factories.ts";
import {
  contractInput,
  created,
  invoiceInput,
  orderInput,
  preview,
  publish,
  publishedContract,
  registersWorld,
  type RegistersWorld,
} from "./registers-support.ts";

let app: TestApp;
let server: FastifyInstance;
let world: RegistersWorld;
const ico = validIco(777);

beforeAll(async () => {
  app = await createTestApp();
  world = await registersWorld(app);
  server = await buildServer(app);
  await publishedContract(world.clerk, {
    number: "SML-E-1",
    subject: "Oprava mostu; 2. etapa",
    counterpartyName: "Mostní Stavby Žďár s.r.o.",
    counterpartyIco: ico,
    amountWithoutVat: "400000.00",
    amountWithVat: "484000.00",
    signedOn: "2026-03-10",
    validFrom: "2026-03-10",
    validUntil: "2027-03-09",
    department: "Odbor správy majetku",
    registryId: "11223344",
    registryPublishedOn: "2026-03-20",
  });
  await publishedContract(world.clerk, {
    number: "SML-E-2",
    subject: '=HYPERLINK("http://evil.example","klik")',
    counterpartyName: "@Útočník",
    amountWithoutVat: "1234.50",
    amountWithVat: "1493.75",
    signedOn: "2026-05-01",
    department: "-1+1",
  });
  await publishedContract(world.clerk, { number: "SML-E-3", signedOn: "2025-05-01", subject: "Loňská", department: "Odbor školství" });
  await created(world.clerk, "contract", contractInput({ number: "SML-E-DRAFT", signedOn: "2026-06-01" }));
  await publishedContract(world.otherTownClerk, { number: "SML-JINDE", signedOn: "2026-06-01" });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const get = (url: string, host = world.town.host, headers: Record<string, string> = {}) =>
  server.inject({ url, headers: { host, ...headers } });

function csvRows(body: Buffer): string[][] {
  const text = body.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text.slice(1), { delimiter: ";", record_delimiter: "\r\n" }) as string[][];
}

describe("CSV", () => {
  it("exports the published contracts of the host's town for Excel in the Czech locale", async () => {
    const response = await get("/api/registry/contracts.csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="smlouvy-2026-11-26.csv"');
    expect(response.rawPayload.toString("utf8")).toContain("\r\n");
    const [header, ...rows] = csvRows(response.rawPayload);
    expect(header).toEqual([
      "Číslo smlouvy",
      "Předmět",
      "Smluvní strana",
      "IČO smluvní strany",
      "Částka bez DPH",
      "Částka s DPH",
      "Datum podpisu",
      "Platnost od",
      "Platnost do",
      "Odbor",
      "ID v registru smluv",
      "Zveřejněno v registru smluv",
    ]);
    expect(rows.map((row) => row[0])).toEqual(["SML-E-2", "SML-E-1", "SML-E-3"]);
    expect(rows[1]).toEqual([
      "SML-E-1",
      "Oprava mostu; 2. etapa",
      "Mostní Stavby Žďár s.r.o.",
      ico,
      "400000,00",
      "484000,00",
      "10.3.2026",
      "10.3.2026",
      "9.3.2027",
      "Odbor správy majetku",
      "11223344",
      "20.3.2026",
    ]);
  });

  it("guards every text cell against formula injection", async () => {
    const [, ...rows] = csvRows((await get("/api/registry/contracts.csv?year=2026&sort=DATE&direction=DESC")).rawPayload);
    const hostile = rows.find((row) => row[0] === "SML-E-2")!;
    expect(hostile[1]).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(hostile[2]).toBe("'@Útočník");
    expect(hostile[9]).toBe("'-1+1");
    // Amounts are numbers, not text: no apostrophe there.
    expect(hostile[4]).toBe("1234,50");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("applies the list's filters and sorting", async () => {
    const numbers = async (query: string) =>
      csvRows((await get(`/api/registry/contracts.csv?${query}`)).rawPayload)
        .slice(1)
        .map((row) => row[0]);
    expect(await numbers("year=2025")).toEqual(["SML-E-3"]);
    expect(await numbers(`counterparty=${encodeURIComponent("stavby ŽĎÁR")}`)).toEqual(["SML-E-1"]);
    expect(await numbers(`counterparty=${ico}`)).toEqual(["SML-E-1"]);
    expect(await numbers(`amountMin=${encodeURIComponent("1 493,75")}&amountMax=50000`)).toEqual(["SML-E-2"]);
    expect(await numbers(`department=${encodeURIComponent("odbor SPRÁVY majetku")}`)).toEqual(["SML-E-1"]);
    expect(await numbers("sort=amount&direction=asc&year=2026")).toEqual(["SML-E-2", "SML-E-1"]);
    expect(await numbers(`counterparty=${encodeURIComponent("%")}`)).toEqual([]);
  });

  it("answers bad parameters with a localized 400", async () => {
    const cases: [string, string, string][] = [
      ["year=dvacet", "year", "Zadejte rok, např. 2026."],
      ["year=1800", "year", "Zadejte rok, např. 2026."],
      ["amountMin=abc", "amountMin", "Zadejte částku, např. 1 234,50."],
      ["amountMax=-5", "amountMax", "Částka nesmí být záporná."],
      [`counterparty=${"x".repeat(201)}`, "counterparty", "Nejvýše 200 znaků."],
      ["sort=price", "sort", "Neplatná hodnota."],
      ["direction=sideways", "direction", "Neplatná hodnota."],
    ];
    for (const [query, field, message] of cases) {
      const response = await get(`/api/registry/contracts.csv?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors[0], query).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT", field } });
    }
    const english = await get("/api/registry/invoices.xlsx?year=x", world.town.host, { "accept-language": "en" });
    expect(english.json().errors[0].message).toBe("Enter a year, e.g. 2026.");
  });

  it("knows only its own files", async () => {
    for (const url of [
      "/api/registry/contracts.pdf",
      "/api/registry/people.csv",
      "/api/registry/contracts.csv.exe",
      "/api/registry/..%2F..%2Fetc%2Fpasswd",
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it("exports another town's entries on its own host only", async () => {
    const rows = csvRows((await get("/api/registry/contracts.csv", world.otherTown.host)).rawPayload).slice(1);
    expect(rows.map((row) => row[0])).toEqual(["SML-JINDE"]);
  });

  it("exports invoices with the numbers of their published contracts only", async () => {
    const published = await publishedContract(world.clerk, { number: "SML-E-PUB", signedOn: "2024-01-01" });
    const draft = await created(world.clerk, "contract", contractInput({ number: "SML-E-NEPUB", signedOn: "2024-01-01" }));
    for (const [number, contractId] of [
      ["FV-E-1", published.id],
      ["FV-E-2", draft.id],
    ] as const) {
      const invoice = await created(
        world.clerk,
        "invoice",
        invoiceInput({ number, contractId, issuedOn: "2024-02-01", dueOn: "2024-02-15" }),
      );
      await publish(world.clerk, invoice.id);
    }
    const [header, ...rows] = csvRows((await get("/api/registry/invoices.csv?year=2024&sort=DATE&direction=ASC")).rawPayload);
    const contractColumn = header!.indexOf("Číslo smlouvy");
    expect(rows.map((row) => [row[0], row[contractColumn]]).sort()).toEqual([
      ["FV-E-1", "SML-E-PUB"],
      ["FV-E-2", ""],
    ]);
    expect(header).toContain("Paragraf");
    expect(rows[0]![header!.indexOf("Paragraf")]).toBe("3631");
  });
});

describe("orders", () => {
  const ORDER_HEADER = [
    "Číslo objednávky",
    "Předmět",
    "Dodavatel",
    "IČO dodavatele",
    "Částka bez DPH",
    "Částka s DPH",
    "Datum objednání",
    "Odbor",
    "ID v registru smluv",
    "Zveřejněno v registru smluv",
  ];

  beforeAll(async () => {
    const order = async (overrides: Record<string, unknown>) => {
      const entry = await created(world.clerk, "purchaseOrder", orderInput(overrides));
      await publish(world.clerk, entry.id);
    };
    await order({
      number: "OBJ-E-1",
      subject: "Oprava střechy hasičské zbrojnice",
      supplierName: "Střechy Bártek s.r.o.",
      supplierIco: ico,
      amountWithoutVat: "88000.00",
      amountWithVat: "106480.00",
      orderedOn: "2026-10-01",
      department: "Odbor správy majetku",
      registryId: "24518877",
      registryPublishedOn: "2026-10-12",
    });
    await order({ number: "OBJ-E-2", orderedOn: "2026-10-05", registryId: "=1+1" });
  });

  it("exports the registry's id and date as the last columns of the CSV", async () => {
    const response = await get("/api/registry/orders.csv?sort=DATE&direction=ASC");
    expect(response.statusCode).toBe(200);
    const [header, ...rows] = csvRows(response.rawPayload);
    expect(header).toEqual(ORDER_HEADER);
    expect(rows).toEqual([
      [
        "OBJ-E-1",
        "Oprava střechy hasičské zbrojnice",
        "Střechy Bártek s.r.o.",
        ico,
        "88000,00",
        "106480,00",
        "1.10.2026",
        "Odbor správy majetku",
        "24518877",
        "12.10.2026",
      ],
      ["OBJ-E-2", "Kancelářské potřeby", "Papírnictví Ořech", "", "2000,00", "2420,00", "5.10.2026", "", "'=1+1", ""],
    ]);
  });

  it("writes a typed date in the XLSX, and the export imports again with the registry columns", async () => {
    const response = await get("/api/registry/orders.xlsx?sort=DATE&direction=ASC");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Objednávky");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(ORDER_HEADER);
    expect(sheet.getRow(2).getCell(9).value).toBe("24518877");
    expect(sheet.getRow(2).getCell(10).value).toEqual(new Date("2026-10-12T00:00:00.000Z"));
    expect(sheet.getRow(2).getCell(10).numFmt).toBe("d.m.yyyy");
    expect(sheet.getRow(3).getCell(10).value).toBeNull();

    const result = await preview(app, world.otherTownClerk, "ORDER", { name: "export.xlsx", bytes: response.rawPayload });
    expect(result.registerImport.problems).toEqual([]);
    const rows = await world.otherTownClerk.request(
      `query($id: ID!) { registerImport(id: $id) { previewRows { number registryId registryPublishedOn } } }`,
      { id: result.registerImport.id },
    );
    expect(rows.data!.registerImport.previewRows.map((row: any) => [row.number, row.registryId, row.registryPublishedOn])).toEqual([
      ["OBJ-E-1", "24518877", "2026-10-12"],
      ["OBJ-E-2", "'=1+1", null],
    ]);
  });
});

describe("XLSX", () => {
  it("has a header row and typed cells: numbers, dates and text", async () => {
    const response = await get("/api/registry/contracts.xlsx?year=2026");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="smlouvy-2026-11-26.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Smlouvy");
    expect(sheet.getRow(1).getCell(1).value).toBe("Číslo smlouvy");
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.actualRowCount).toBe(3);
    const bridge = sheet.getRow(3);
    expect(bridge.getCell(1).value).toBe("SML-E-1");
    expect(bridge.getCell(4).value).toBe(ico);
    expect(bridge.getCell(5).value).toBe(400000);
    expect(bridge.getCell(6).value).toBe(484000);
    expect(bridge.getCell(6).numFmt).toBe("#,##0.00");
    expect(bridge.getCell(7).value).toEqual(new Date("2026-03-10T00:00:00.000Z"));
    expect(bridge.getCell(7).numFmt).toBe("d.m.yyyy");
    const hostile = sheet.getRow(2);
    expect(hostile.getCell(5).value).toBe(1234.5);
    expect(hostile.getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","klik")`);
    expect(hostile.getCell(2).formula).toBeUndefined();
  });

  it("round-trips: an exported file can be imported elsewhere", async () => {
    const response = await get("/api/registry/contracts.xlsx?year=2026");
    const result = await preview(app, world.otherTownClerk, "CONTRACT", { name: "export.xlsx", bytes: response.rawPayload });
    expect(result.registerImport.problems).toEqual([]);
    expect(result.registerImport.previewRows.map((row: any) => [row.number, row.amountWithVat, row.date])).toEqual([
      ["SML-E-2", "1493.75", "2026-05-01"],
      ["SML-E-1", "484000.00", "2026-03-10"],
    ]);
  });
});
