// Importing accounting systems' CSV and XLSX exports: encodings, delimiters, Czech numbers and
// dates, a line-by-line report, and the commit rules (nothing from a file with errors unless the
// clerk skips the invalid rows; one transaction; a replay imports nothing).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import {
  contractInput,
  created,
  ERROR_FIELDS,
  localId,
  orderInput,
  preview,
  registersWorld,
  type RegistersWorld,
} from "./registers-support.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "registers");
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

let app: TestApp;
let world: RegistersWorld;

beforeAll(async () => {
  app = await createTestApp();
  world = await registersWorld(app);
});
afterAll(async () => {
  await app.close();
});

const COMMIT = `mutation($input: CommitRegisterImportInput!) {
  commitRegisterImport(input: $input) {
    __typename
    ... on CommitRegisterImportSuccess { registerImport { id status importedCount } }
    ${ERROR_FIELDS}
  }
}`;
const DISCARD = `mutation($id: ID!) {
  discardRegisterImport(id: $id) { __typename ... on DiscardRegisterImportSuccess { registerImport { status } } ${ERROR_FIELDS} }
}`;

const commit = async (input: Record<string, unknown>, client = world.clerk) =>
  (await client.request(COMMIT, { input })).data!.commitRegisterImport;

function fileError(result: any): { code: string; message: string } {
  expect(result.__typename).toBe("ValidationError");
  expect(result.fieldErrors[0].path).toEqual(["file"]);
  return result.fieldErrors[0];
}

async function xlsx(rows: unknown[][], build?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Export");
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("a valid CSV in windows-1250 with ;", () => {
  let importId: string;

  it("previews every row with Czech numbers, dates and diacritics decoded", async () => {
    const result = await preview(app, world.clerk, "INVOICE", {
      name: "faktury-listopad.csv",
      type: "text/csv",
      bytes: fixture("invoices-cp1250.csv"),
    });
    const record = result.registerImport;
    importId = record.id;
    expect(record).toMatchObject({
      kind: "INVOICE",
      fileName: "faktury-listopad.csv",
      status: "PREVIEW",
      rowCount: 3,
      validRowCount: 3,
      invalidRowCount: 0,
      problemCount: 0,
      importedCount: 0,
      problems: [],
    });
    expect(record.previewRows).toEqual([
      {
        line: 2,
        number: "FV-2026-0101",
        subject: "Oprava chodníku v ulici Údolní",
        partyName: "Stavební firma Kámen s.r.o.",
        partyIco: "25596641",
        amountWithoutVat: "124000.00",
        amountWithVat: "150040.00",
        date: "2026-11-02",
        dueOn: "2026-11-16",
        department: "Odbor správy majetku",
      },
      {
        line: 3,
        number: "FV-2026-0102",
        subject: "Výměna svítidel veřejného osvětlení",
        partyName: "Elektro Šimánek",
        partyIco: "27074358",
        amountWithoutVat: "48500.50",
        amountWithVat: "58685.61",
        date: "2026-11-05",
        dueOn: "2026-11-19",
        department: "Odbor správy majetku",
      },
      {
        line: 4,
        number: "FV-2026-0103",
        subject: "Kancelářské potřeby; tonery",
        partyName: "Papírnictví Ořech, v.o.s.",
        partyIco: "00064581",
        amountWithoutVat: "3210.00",
        amountWithVat: "3884.10",
        date: "2026-11-09",
        dueOn: "2026-11-23",
        department: "Kancelář starosty",
      },
    ]);
    expect(await app.database.prisma.invoice.count({ where: { municipalityId: world.town.id } })).toBe(0);
  });

  it("imports the rows as drafts in one go, and a replayed commit imports nothing", async () => {
    const first = await commit({ id: importId });
    expect(first).toMatchObject({ __typename: "CommitRegisterImportSuccess", registerImport: { status: "IMPORTED", importedCount: 3 } });
    const invoices = await app.database.prisma.invoice.findMany({ where: { municipalityId: world.town.id }, orderBy: { number: "asc" } });
    expect(
      invoices.map((i) => [
        i.number,
        i.status,
        i.amountWithVat,
        i.budgetParagraph,
        i.budgetItem,
        i.paidOn?.toISOString().slice(0, 10) ?? null,
      ]),
    ).toEqual([
      ["FV-2026-0101", "DRAFT", 15_004_000n, "2219", "5171", "2026-11-12"],
      ["FV-2026-0102", "DRAFT", 5_868_561n, "3631", "5171", null],
      ["FV-2026-0103", "DRAFT", 388_410n, "6171", "5139", null],
    ]);
    expect(invoices[0]!.searchText).toBe("stavebni firma kamen s.r.o. 25596641");

    const replays = await Promise.all([commit({ id: importId }), commit({ id: importId, publish: true })]);
    for (const replay of replays) expect(replay).toMatchObject({ registerImport: { status: "IMPORTED", importedCount: 3 } });
    expect(await app.database.prisma.invoice.count({ where: { municipalityId: world.town.id } })).toBe(3);
    expect(await app.database.prisma.invoice.count({ where: { municipalityId: world.town.id, status: "PUBLISHED" } })).toBe(0);
    expect(
      await app.database.prisma.auditLogEntry.count({ where: { subjectId: localId(importId), action: "registerImport.committed" } }),
    ).toBe(1);
  });

  it("reports the same file again as numbers already in the register", async () => {
    const result = await preview(app, world.clerk, "INVOICE", { name: "znovu.csv", bytes: fixture("invoices-cp1250.csv") });
    expect(result.registerImport.validRowCount).toBe(0);
    expect(result.registerImport.problems.map((p: any) => [p.line, p.column, p.code, p.message])).toEqual([
      [2, "Číslo faktury", "NUMBER_TAKEN", "Záznam s číslem FV-2026-0101 už v evidenci je."],
      [3, "Číslo faktury", "NUMBER_TAKEN", "Záznam s číslem FV-2026-0102 už v evidenci je."],
      [4, "Číslo faktury", "NUMBER_TAKEN", "Záznam s číslem FV-2026-0103 už v evidenci je."],
    ]);
    const nothing = await commit({ id: result.registerImport.id, skipInvalidRows: true });
    expect(nothing.fieldErrors.map((e: any) => e.code)).toEqual(["NOTHING_TO_IMPORT"]);
  });
});

describe("a CSV with bad rows", () => {
  let importId: string;

  it("lists every problem by line and column, in the clerk's language", async () => {
    await created(world.clerk, "contract", contractInput({ number: "SML-2026-100" }));
    const result = await preview(app, world.clerk, "CONTRACT", { name: "smlouvy.csv", bytes: fixture("contracts-bad-rows.csv") });
    const record = result.registerImport;
    importId = record.id;
    expect(record).toMatchObject({ rowCount: 11, validRowCount: 2, invalidRowCount: 9 });
    expect(record.problems.map((p: any) => [p.line, p.column, p.code, p.message])).toEqual([
      [3, "IČO", "CUSTOM", "IČO musí mít 8 číslic a platnou kontrolní číslici."],
      [4, "Částka bez DPH", "TOO_SMALL", "Částka nesmí být záporná."],
      [5, "Částka bez DPH", "INVALID", "Zadejte částku, např. 1 234,50."],
      [6, "Datum podpisu", "INVALID", "Zadejte datum, např. 26. 11. 2026."],
      [7, "Předmět", "INVALID_TYPE", "Vyplňte toto pole."],
      [8, "Částka s DPH", "CUSTOM", "Částka s DPH nesmí být nižší než částka bez DPH."],
      [9, "Číslo smlouvy", "DUPLICATE_IN_FILE", "Číslo SML-2026-201 je v souboru už na řádku 2."],
      [10, "Číslo smlouvy", "NUMBER_TAKEN", "Záznam s číslem SML-2026-100 už v evidenci je."],
      [11, "Platnost do", "CUSTOM", "Konec platnosti nesmí předcházet jejímu začátku ani podpisu."],
    ]);
    expect(record.previewRows.map((row: any) => [row.line, row.number])).toEqual([
      [2, "SML-2026-201"],
      [12, "SML-2026-209"],
    ]);

    world.clerk.locale = "en";
    try {
      const again = await world.clerk.request(`query($id: ID!) { registerImport(id: $id) { problems(limit: 2) { line message } } }`, {
        id: importId,
      });
      expect(again.data!.registerImport.problems).toEqual([
        { line: 3, message: "IČO must have 8 digits and a valid check digit." },
        { line: 4, message: "The amount must not be negative." },
      ]);
    } finally {
      world.clerk.locale = "cs";
    }
  });

  it("imports nothing until the clerk chooses to skip the invalid rows", async () => {
    const refused = await commit({ id: importId });
    expect(refused.__typename).toBe("ValidationError");
    expect(refused.fieldErrors).toEqual([
      {
        path: ["skipInvalidRows"],
        code: "HAS_PROBLEMS",
        message: "Soubor obsahuje chybné řádky (9). Opravte je, nebo potvrďte import bez chybných řádků.",
      },
    ]);
    expect(await app.database.prisma.contract.count({ where: { number: { startsWith: "SML-2026-2" } } })).toBe(0);
    const status = await world.clerk.request(`query($id: ID!) { registerImport(id: $id) { status } }`, { id: importId });
    expect(status.data!.registerImport.status).toBe("PREVIEW");
  });

  it("imports the valid rows, published when asked, with formulas kept as plain text", async () => {
    const result = await commit({ id: importId, skipInvalidRows: true, publish: true });
    expect(result.registerImport).toMatchObject({ status: "IMPORTED", importedCount: 2 });
    const answer = await world.anonymous.request(
      `{ contracts(filter: { year: 2026 }) { edges { node { number subject counterpartyName validUntil } } } }`,
    );
    expect(answer.data!.contracts.edges.map((e: any) => e.node)).toEqual([
      { number: "SML-2026-209", subject: "=cmd|' /C calc'!A0", counterpartyName: "Útočník s.r.o.", validUntil: null },
      {
        number: "SML-2026-201",
        subject: "Dodávka školního nábytku",
        counterpartyName: "Nábytek Vysočina s.r.o.",
        validUntil: "2027-12-31",
      },
    ]);
  });
});

describe("XLSX", () => {
  it("reads typed cells: numbers, dates, IČO without leading zeros, formulas and rich text", async () => {
    const bytes = await xlsx(
      [
        ["Order number", "Supplier", "Supplier ICO", "Subject", "Amount without VAT", "Amount with VAT", "Order date", "Department"],
        ["OBJ-X-1", "Kancelář Plus", 64581, "Toner", 1234.5, 1493.75, new Date(Date.UTC(2026, 9, 1)), "Kancelář starosty"],
        [20260002, "Pekárna", "27074358", "Občerstvení", "2 500,00", "2 800,00", "15. 10. 2026", null],
        ["OBJ-X-3", "Zahradník", null, "Sazenice", 100.125, 121, new Date(Date.UTC(2026, 9, 2)), null],
      ],
      (sheet) => {
        sheet.getCell("F4").value = { formula: "E4*1.21", result: 121 };
        sheet.getCell("D4").value = { richText: [{ text: "Sazenice " }, { text: "lip", font: { bold: true } }] };
      },
    );
    const result = await preview(app, world.clerk, "ORDER", { name: "objednavky.xlsx", bytes });
    const record = result.registerImport;
    expect(record.problems.map((p: any) => [p.line, p.column, p.code, p.message])).toEqual([
      [4, "Amount without VAT", "INVALID", "Částka může mít nejvýše 2 desetinná místa."],
    ]);
    expect(record.previewRows).toEqual([
      {
        line: 2,
        number: "OBJ-X-1",
        subject: "Toner",
        partyName: "Kancelář Plus",
        partyIco: "00064581",
        amountWithoutVat: "1234.50",
        amountWithVat: "1493.75",
        date: "2026-10-01",
        dueOn: null,
        department: "Kancelář starosty",
      },
      {
        line: 3,
        number: "20260002",
        subject: "Občerstvení",
        partyName: "Pekárna",
        partyIco: "27074358",
        amountWithoutVat: "2500.00",
        amountWithVat: "2800.00",
        date: "2026-10-15",
        dueOn: null,
        department: null,
      },
    ]);
  });

  it("takes the first worksheet and skips empty rows, numbering lines as the spreadsheet does", async () => {
    const bytes = await xlsx([
      [],
      ["Číslo objednávky", "Dodavatel", "Předmět", "Částka bez DPH", "Částka s DPH", "Datum objednání"],
      ["OBJ-Y-1", "Firma", "Věc", 10, 12.1, "1.10.2026"],
      [],
      ["OBJ-Y-2", "Firma", "", 10, 12.1, "1.10.2026"],
    ]);
    const record = (await preview(app, world.clerk, "ORDER", { name: "a.xlsx", bytes })).registerImport;
    expect(record.rowCount).toBe(2);
    expect(record.problems.map((p: any) => [p.line, p.column])).toEqual([[5, "Předmět"]]);
  });
});

describe("other CSV dialects", () => {
  it("detects a comma delimiter and English headers", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "orders.csv", bytes: fixture("orders-comma.csv") })).registerImport;
    expect(record.problems).toEqual([]);
    expect(record.previewRows.map((r: any) => [r.number, r.partyName, r.subject, r.amountWithoutVat, r.amountWithVat, r.date])).toEqual([
      ["OBJ-2026-031", "Kancelář Plus s.r.o.", "Toner do tiskáren", "1234.50", "1493.75", "2026-10-01"],
      ["OBJ-2026-032", "Pekárna U Mlýna, s.r.o.", "Občerstvení, zasedání zastupitelstva", "2500.00", "2800.00", "2026-10-15"],
    ]);
  });

  it("reads UTF-16 with BOM and tab delimiters (Excel's 'Unicode text')", async () => {
    const text =
      "Číslo objednávky\tDodavatel\tPředmět\tČástka bez DPH\tČástka s DPH\tDatum objednání\r\nOBJ-U-1\tŽelezářství\tŠrouby\t1 000\t1 210\t3. 10. 2026\r\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    const record = (await preview(app, world.clerk, "ORDER", { name: "u.txt", bytes })).registerImport;
    expect(record.previewRows.map((r: any) => [r.number, r.partyName, r.subject, r.amountWithVat])).toEqual([
      ["OBJ-U-1", "Železářství", "Šrouby", "1210.00"],
    ]);
  });

  it("links imported invoices to contracts by number", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    const csv = [
      "Číslo faktury;Dodavatel;Předmět;Částka bez DPH;Částka s DPH;Datum vystavení;Datum splatnosti;Číslo smlouvy",
      `FV-L-1;Firma;Věc;100;121;1.10.2026;15.10.2026;${contract.number}`,
      "FV-L-2;Firma;Věc;100;121;1.10.2026;15.10.2026;NEEXISTUJE-1",
    ].join("\n");
    const record = (await preview(app, world.clerk, "INVOICE", { name: "f.csv", bytes: csv })).registerImport;
    expect(record.problems.map((p: any) => [p.line, p.column, p.message])).toEqual([
      [3, "Číslo smlouvy", "Smlouva s číslem NEEXISTUJE-1 v evidenci není."],
    ]);
    await commit({ id: record.id, skipInvalidRows: true });
    const invoice = await app.database.prisma.invoice.findFirstOrThrow({ where: { number: "FV-L-1" } });
    expect(invoice.contractId).toBe(localId(contract.id));
  });
});

describe("registr smluv columns of orders", () => {
  it("reads the registry's id and date under Czech headers and imports them", async () => {
    const csv = [
      "Číslo objednávky;Dodavatel;Předmět;Částka bez DPH;Částka s DPH;Datum objednání;ID v registru smluv;Zveřejněno v registru smluv",
      "OBJ-RS-1;Střechy Bártek s.r.o.;Oprava střechy;88 000,00;106 480,00;1. 10. 2026;24518877;12. 10. 2026",
      "OBJ-RS-2;Kancelář Plus;Toner;1 000;1 210;2. 10. 2026;;",
      "OBJ-RS-3;Firma;Věc;70 000;84 700;3. 10. 2026;;30. 9. 2026",
      "OBJ-RS-4;Firma;Věc;70 000;84 700;4. 10. 2026;X;zítra",
      `OBJ-RS-5;Firma;Věc;70 000;84 700;5. 10. 2026;${"9".repeat(51)};`,
    ].join("\r\n");
    const record = (await preview(app, world.clerk, "ORDER", { name: "objednavky-rs.csv", bytes: csv })).registerImport;
    expect(record.problems.map((p: any) => [p.line, p.column, p.code, p.message])).toEqual([
      [4, "Zveřejněno v registru smluv", "CUSTOM", "Objednávku nelze zveřejnit v registru smluv dříve, než byla vystavena."],
      [5, "Zveřejněno v registru smluv", "INVALID", "Zadejte datum, např. 26. 11. 2026."],
      [6, "ID v registru smluv", "TOO_BIG", "Nejvýše 50 znaků."],
    ]);
    const rowsOfPreview = await world.clerk.request(
      `query($id: ID!) { registerImport(id: $id) { previewRows { number registryId registryPublishedOn } } }`,
      { id: record.id },
    );
    expect(rowsOfPreview.data!.registerImport.previewRows).toEqual([
      { number: "OBJ-RS-1", registryId: "24518877", registryPublishedOn: "2026-10-12" },
      { number: "OBJ-RS-2", registryId: null, registryPublishedOn: null },
    ]);
    await commit({ id: record.id, skipInvalidRows: true, publish: true });
    const rows = await app.database.prisma.purchaseOrder.findMany({
      where: { municipalityId: world.town.id, number: { startsWith: "OBJ-RS-" } },
      orderBy: { number: "asc" },
    });
    expect(rows.map((row) => [row.number, row.registryId, row.registryPublishedOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["OBJ-RS-1", "24518877", "2026-10-12"],
      ["OBJ-RS-2", null, null],
    ]);
    const answer = await world.anonymous.request(
      `{ purchaseOrders(filter: { counterparty: "strechy bartek" }) { edges { node { number registryId registryPublishedOn requiresRegistry registryOverdue } } } }`,
    );
    expect(answer.data!.purchaseOrders.edges.map((e: any) => e.node)).toEqual([
      { number: "OBJ-RS-1", registryId: "24518877", registryPublishedOn: "2026-10-12", requiresRegistry: true, registryOverdue: false },
    ]);
  });

  it("reads English headers and typed cells from XLSX", async () => {
    const bytes = await xlsx([
      [
        "Order number",
        "Supplier",
        "Subject",
        "Amount without VAT",
        "Amount with VAT",
        "Order date",
        "Registry ID",
        "Registry published on",
      ],
      ["OBJ-RSX-1", "Střechy Bártek", "Oprava", 88000, 106480, new Date(Date.UTC(2026, 9, 1)), 24518878, new Date(Date.UTC(2026, 9, 9))],
      ["OBJ-RSX-2", "Střechy Bártek", "Oprava", 88000, 106480, new Date(Date.UTC(2026, 9, 1)), null, null],
    ]);
    const record = (await preview(app, world.clerk, "ORDER", { name: "orders.xlsx", bytes })).registerImport;
    expect(record.problems).toEqual([]);
    await commit({ id: record.id });
    const rows = await app.database.prisma.purchaseOrder.findMany({
      where: { municipalityId: world.town.id, number: { startsWith: "OBJ-RSX-" } },
      orderBy: { number: "asc" },
    });
    expect(rows.map((row) => [row.registryId, row.registryPublishedOn?.toISOString().slice(0, 10) ?? null])).toEqual([
      ["24518878", "2026-10-09"],
      [null, null],
    ]);
  });
});

describe("files that cannot be imported", () => {
  const previewOf = (kind: "CONTRACT" | "INVOICE" | "ORDER", name: string, bytes: Buffer | string) =>
    preview(app, world.clerk, kind, { name, bytes });

  it("names the missing and doubled columns", async () => {
    const missing = fileError(await previewOf("INVOICE", "f.csv", "Číslo faktury;Dodavatel\nFV-1;Firma\n"));
    expect(missing).toMatchObject({
      code: "MISSING_COLUMNS",
      message: "V souboru chybí sloupce: Předmět, Částka bez DPH, Částka s DPH, Datum vystavení, Datum splatnosti.",
    });
    const doubled = fileError(
      await previewOf(
        "ORDER",
        "o.csv",
        "Číslo objednávky;Číslo;Dodavatel;Předmět;Částka bez DPH;Částka s DPH;Datum objednání\nA;B;C;D;1;1;1.1.2026\n",
      ),
    );
    expect(doubled).toMatchObject({ code: "DUPLICATE_COLUMN", message: "Sloupec je v souboru vícekrát: Číslo." });
  });

  it("refuses empty, binary, legacy XLS, damaged and oversized files", async () => {
    expect(fileError(await previewOf("ORDER", "empty.csv", "")).code).toBe("EMPTY");
    expect(fileError(await previewOf("ORDER", "header.csv", "Číslo objednávky;Dodavatel\n")).code).toBe("EMPTY");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
    expect(fileError(await previewOf("ORDER", "obrazek.csv", png)).code).toBe("UNSUPPORTEDFORMAT");
    const xls = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(512)]);
    expect(fileError(await previewOf("ORDER", "stare.xls", xls)).message).toBe(
      "Starý formát XLS není podporován. Uložte soubor jako XLSX nebo CSV.",
    );
    const zipNotXlsx = Buffer.concat([Buffer.from("504b0304", "hex"), Buffer.alloc(100, 1)]);
    expect(fileError(await previewOf("ORDER", "x.xlsx", zipNotXlsx)).code).toBe("UNSUPPORTEDFORMAT");
    // A workbook whose directory promises 2 GB of content is not unpacked at all.
    const bomb = await xlsx([["Číslo objednávky"], ["OBJ-1"]]);
    const directory = bomb.readUInt32LE(bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
    bomb.writeUInt32LE(0x7fffffff, directory + 24);
    expect(fileError(await previewOf("ORDER", "bomb.xlsx", bomb))).toMatchObject({
      code: "WORKBOOKTOOLARGE",
      message: "Sešit je po rozbalení příliš velký (nejvýše 100 MB). Uložte data jako CSV nebo je rozdělte.",
    });
    const damaged = fileError(await previewOf("ORDER", "d.csv", 'Číslo objednávky;Dodavatel\n"OBJ-1;Firma\n'));
    expect(damaged.code).toBe("MALFORMEDCSV");
    const big = fileError(await previewOf("ORDER", "big.csv", Buffer.alloc(5 * 1024 * 1024 + 1, 0x41)));
    expect(big).toMatchObject({ code: "FILE_TOO_LARGE", message: "Soubor je příliš velký (nejvýše 5 MB)." });
    expect(
      await app.database.prisma.registerImport.count({ where: { fileName: { in: ["empty.csv", "obrazek.csv", "stare.xls", "big.csv"] } } }),
    ).toBe(0);
  });

  it("refuses more than 10 000 rows with a clear message", async () => {
    const header = "Číslo objednávky;Dodavatel;Předmět;Částka bez DPH;Částka s DPH;Datum objednání\n";
    const rows = Array.from({ length: 10_001 }, (_, i) => `OBJ-M-${i};Firma;Věc;1;1;1.1.2026`).join("\n");
    const tooMany = fileError(await previewOf("ORDER", "many.csv", header + rows));
    expect(tooMany).toMatchObject({
      code: "TOOMANYROWS",
      message: "Najednou lze importovat nejvýše 10000 řádků. Rozdělte soubor na menší části.",
    });
    const atLimit = await previewOf("ORDER", "limit.csv", header + rows.split("\n").slice(0, 10_000).join("\n"));
    expect(atLimit.registerImport).toMatchObject({ rowCount: 10_000, validRowCount: 10_000 });
  });
});

describe("deciding about a preview", () => {
  const validOrders = (prefix: string) =>
    `Číslo objednávky;Dodavatel;Předmět;Částka bez DPH;Částka s DPH;Datum objednání\n${prefix}-1;Firma;Věc;10;12,10;1.10.2026\n${prefix}-2;Firma;Věc;20;24,20;2.10.2026\n`;

  it("discards a preview, which then cannot be committed; discarding twice is harmless", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "d.csv", bytes: validOrders("OBJ-D") })).registerImport;
    expect((await world.clerk.request(DISCARD, { id: record.id })).data!.discardRegisterImport.registerImport.status).toBe("DISCARDED");
    expect((await world.clerk.request(DISCARD, { id: record.id })).data!.discardRegisterImport.registerImport.status).toBe("DISCARDED");
    const refused = await commit({ id: record.id });
    expect(refused.fieldErrors.map((e: any) => e.code)).toEqual(["DISCARDED"]);
    expect(await app.database.prisma.purchaseOrder.count({ where: { number: { startsWith: "OBJ-D-" } } })).toBe(0);
  });

  it("cannot discard what was imported", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "i.csv", bytes: validOrders("OBJ-I") })).registerImport;
    await commit({ id: record.id });
    const refused = (await world.clerk.request(DISCARD, { id: record.id })).data!.discardRegisterImport;
    expect(refused.fieldErrors.map((e: any) => e.code)).toEqual(["ALREADY_IMPORTED"]);
  });

  it("imports nothing when a number was taken after the preview, and keeps the preview", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "c.csv", bytes: validOrders("OBJ-C") })).registerImport;
    await created(world.clerk, "purchaseOrder", orderInput({ number: "OBJ-C-2" }));
    const refused = await commit({ id: record.id });
    expect(refused.fieldErrors).toEqual([
      {
        path: ["id"],
        code: "CONFLICT",
        message: "Mezitím byly do evidence zapsány záznamy se stejnými čísly (OBJ-C-2). Nahrajte soubor znovu.",
      },
    ]);
    expect(await app.database.prisma.purchaseOrder.count({ where: { number: "OBJ-C-1" } })).toBe(0);
    expect(
      (await world.clerk.request(`query($id: ID!) { registerImport(id: $id) { status } }`, { id: record.id })).data!.registerImport.status,
    ).toBe("PREVIEW");
  });

  it("imports once when two commits race", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "r.csv", bytes: validOrders("OBJ-R") })).registerImport;
    const results = await Promise.all([commit({ id: record.id }), commit({ id: record.id }), commit({ id: record.id })]);
    expect(results.every((r) => r.registerImport?.status === "IMPORTED")).toBe(true);
    expect(await app.database.prisma.purchaseOrder.count({ where: { number: { startsWith: "OBJ-R-" } } })).toBe(2);
  });

  it("keeps imports within the town and the registers agenda", async () => {
    const record = (await preview(app, world.clerk, "ORDER", { name: "t.csv", bytes: validOrders("OBJ-T") })).registerImport;
    expect((await commit({ id: record.id }, world.otherTownClerk)).__typename).toBe("NotFoundError");
    expect(
      (await world.otherTownClerk.request(`query($id: ID!) { registerImport(id: $id) { id } }`, { id: record.id })).data!.registerImport,
    ).toBeNull();
    const forbidden = await world.otherAgendaClerk.request(COMMIT, { input: { id: record.id } });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await expect(preview(app, world.anonymous, "ORDER", { name: "t.csv", bytes: validOrders("OBJ-A") })).rejects.toThrow(/UNAUTHENTICATED/);
    expect(await app.database.prisma.purchaseOrder.count({ where: { number: { startsWith: "OBJ-T-" } } })).toBe(0);
  });
});
