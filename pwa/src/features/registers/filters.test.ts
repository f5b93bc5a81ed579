import { describe, expect, it } from "vitest";
import { contractFormSchema, contractInput } from "./clerk/entry-schemas.ts";
import { EMPTY_FILTER, exportUrl, filterSchema, parseAmount, readListQuery, writeFilter, writeOrder } from "./filters.ts";
import { fileIdOfUrl, globalId, uuidOf } from "./kinds.ts";

describe("parseAmount", () => {
  it("reads amounts as Czech people and accounting exports write them, exactly", () => {
    expect(parseAmount("1 234,50")).toBe("1234.50");
    expect(parseAmount("1\u00a0234,5 Kč")).toBe("1234.50");
    expect(parseAmount("60 500")).toBe("60500.00");
    expect(parseAmount("1234.5")).toBe("1234.50");
    expect(parseAmount("0,01")).toBe("0.01");
    expect(parseAmount("007")).toBe("7.00");
    expect(parseAmount("9999999999999,99")).toBe("9999999999999.99");
  });

  it("refuses what is not a non-negative amount with at most two decimals", () => {
    for (const text of ["", "abc", "-5", "1,234", "1.2.3", "12,345,67", "1e5", "10000000000000", "1 234,50 EUR"]) {
      expect({ text, parsed: parseAmount(text) }).toEqual({ text, parsed: null });
    }
  });
});

describe("the list's URL", () => {
  it("reads filter and order, leaving out parameters that do not parse", () => {
    const query = readListQuery(
      new URLSearchParams("counterparty=zdarsk&year=2026&amountMin=abc&amountMax=5000.5&sort=amount&direction=asc"),
    );
    expect(query.filter).toEqual({ counterparty: "zdarsk", year: 2026, amountMax: "5000.50" });
    expect(query.orderBy).toEqual({ field: "AMOUNT", direction: "ASC" });
    expect(query.values.amountMin).toBe("abc");
    expect(readListQuery(new URLSearchParams("year=1850&sort=DROP TABLE")).filter).toEqual({});
    expect(readListQuery(new URLSearchParams("sort=DROP TABLE")).orderBy).toEqual({ field: "DATE", direction: "DESC" });
  });

  it("writes a submitted filter with API amounts, keeps other parameters and drops empty fields", () => {
    const next = writeFilter(new URLSearchParams("status=DRAFT&year=2020"), {
      ...EMPTY_FILTER,
      amountMin: "1 000,5",
      counterparty: " kámen ",
    });
    expect(next.toString()).toBe("status=DRAFT&counterparty=k%C3%A1men&amountMin=1000.50");
    expect(writeOrder(next, "DATE", "DESC").has("sort")).toBe(false);
    expect(writeOrder(next, "COUNTERPARTY", "ASC").get("sort")).toBe("COUNTERPARTY");
  });

  it("exports exactly the list's filter and order", () => {
    const query = readListQuery(new URLSearchParams("department=Odbor školství&amountMin=100&status=DRAFT"));
    expect(exportUrl("INVOICE", "xlsx", query)).toBe(
      "/api/registry/invoices.xlsx?amountMin=100.00&department=Odbor+%C5%A1kolstv%C3%AD&sort=DATE&direction=DESC",
    );
  });

  it("checks the amount range and the year as typed", () => {
    const result = filterSchema.safeParse({ ...EMPTY_FILTER, amountMin: "5000", amountMax: "100", year: "26" });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["year", "registers.validation.year"],
      ["amountMax", "registers.validation.amountRange"],
    ]);
  });
});

describe("ids in URLs", () => {
  it("turns a UUID into the entry's global id and back, and refuses anything else", () => {
    const uuid = "6d594173-0155-4545-9a55-720eb3c22e5e";
    const id = globalId("Contract", uuid)!;
    expect(atob(id)).toBe(`Contract:${uuid}`);
    expect(uuidOf(id)).toBe(uuid);
    expect(globalId("Contract", "../../etc")).toBeNull();
    expect(globalId("Contract", undefined)).toBeNull();
    expect(fileIdOfUrl(`/soubory/${uuid}/smlouva.pdf`)).toBe(uuid);
    expect(fileIdOfUrl("https://example.com/x")).toBeNull();
  });
});

describe("the contract form", () => {
  const valid = {
    number: "SML-1",
    subject: "Oprava",
    counterpartyName: "Firma",
    counterpartyIco: "255 96 641",
    amountWithoutVat: "60 500",
    amountWithVat: "73 205,00",
    signedOn: "2026-11-20",
    validFrom: "",
    validUntil: "",
    department: "",
    registryId: "",
    registryPublishedOn: "",
    attachmentId: "",
    attachmentName: "",
  };

  it("checks the IČO check digit, amounts and dates before sending", () => {
    const result = contractFormSchema.safeParse({ ...valid, counterpartyIco: "25596640", amountWithVat: "sto", signedOn: "" });
    expect(new Set(result.error?.issues.map((issue) => issue.path[0]))).toEqual(new Set(["amountWithVat", "counterpartyIco", "signedOn"]));
  });

  it("sends what the API takes: Money strings, compact IČO, nulls for empty optional fields", () => {
    expect(contractInput(contractFormSchema.parse(valid))).toEqual({
      number: "SML-1",
      subject: "Oprava",
      counterpartyName: "Firma",
      counterpartyIco: "25596641",
      amountWithoutVat: "60500.00",
      amountWithVat: "73205.00",
      signedOn: "2026-11-20",
      validFrom: null,
      validUntil: null,
      department: null,
      registryId: null,
      registryPublishedOn: null,
      attachmentId: null,
    });
  });
});
