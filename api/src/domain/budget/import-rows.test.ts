import { describe, expect, it } from "vitest";
import { builtInCodelist } from "./codelists.ts";
import { summarize } from "./drill-down.ts";
import { readBudgetRows } from "./import-rows.ts";

const codelist = builtInCodelist;

describe("budget import rows", () => {
  it("reads the long layout with an explicit type per row, whatever the header's case and accents", () => {
    const result = readBudgetRows(
      [
        ["Rok", "Měsíc", "ORJ", "ORG", "Paragraf", "Položka", "ÚZ", "Typ", "Částka", "Doklad", "IČO"],
        ["2026", "6", "10", "101", "3722", "5169", "", "SR", "1 000,00", "", ""],
        ["2026", "6", "10", "101", "3722", "5169", "", "UR", "1 200,00", "", ""],
        ["2026", "6", "10", "101", "3722", "5169", "", "skutečnost", "1 300,50", "FP-2026-17", "25596641"],
        [2026, 6, null, null, 0, 1340, null, "SKUT", 900, null, null],
      ],
      { codelist },
    );
    expect(result.issues).toEqual([]);
    expect(result.layout).toBe("LONG");
    expect(result.lines.map((l) => [l.row, l.amountType, l.paragraf, l.polozka, l.amount, l.org])).toEqual([
      [2, "APPROVED", "3722", "5169", 100_000, "101"],
      [3, "AMENDED", "3722", "5169", 120_000, "101"],
      [4, "ACTUAL", "3722", "5169", 130_050, "101"],
      [5, "ACTUAL", "0000", "1340", 90_000, null],
    ]);
    expect(result.lines[2]).toMatchObject({ documentNumber: "FP-2026-17", counterpartyIco: "25596641" });
  });

  it("reads the FIN 2-12 M layout: three amounts per row become three lines", () => {
    const result = readBudgetRows(
      [
        ["Paragraf", "Položka", "Schválený rozpočet", "Rozpočet po změnách", "Výsledek od počátku roku"],
        ["6171", "5011", "2 000 000,00", "2 100 000,00", "1 950 000,00"],
        ["0000", "8115", "-500 000,00", "300 000,00", ""],
      ],
      { codelist, year: 2026, month: 12, organisation: "Město" },
    );
    expect(result.layout).toBe("WIDE");
    expect(result.issues).toEqual([]);
    expect(result.lines.map((l) => [l.amountType, l.polozka, l.amount, l.organisation, l.month])).toEqual([
      ["APPROVED", "5011", 200_000_000, "Město", 12],
      ["AMENDED", "5011", 210_000_000, "Město", 12],
      ["ACTUAL", "5011", 195_000_000, "Město", 12],
      ["APPROVED", "8115", -50_000_000, "Město", 12],
      ["AMENDED", "8115", 30_000_000, "Město", 12],
    ]);
  });

  it("reads financing with the source's sign: an inverted source balances like FIN once flipped", () => {
    const rows = [
      ["Paragraf", "Položka", "Typ", "Částka"],
      ["0000", "1111", "SKUT", "1000"],
      ["6171", "5169", "SKUT", "1200"],
      ["0000", "8115", "SKUT", "-200"], // the source writes the bank balance's change: it went down by 200
    ];
    const asFin = summarize(readBudgetRows(rows, { codelist, year: 2026, month: 12 }).lines);
    const inverted = summarize(readBudgetRows(rows, { codelist, year: 2026, month: 12, financingSign: "INVERTED" }).lines);
    expect(asFin.balance.actual + asFin.financing.actual).not.toBe(0);
    expect(inverted.balance.actual + inverted.financing.actual).toBe(0);
  });

  it("reports every problem with its row and column at once, keeping bad rows out and unknown codes in", () => {
    const result = readBudgetRows(
      [
        ["Rok", "Měsíc", "Paragraf", "Položka", "Typ", "Částka", "IČO"],
        ["2026", "13", "37222", "5169", "SR", "abc", ""],
        ["2026", "6", "3722", "7111", "SR", "10", ""],
        ["2026", "6", "3722", "5169", "rozpočet", "10", "12345678"],
        ["2026", "6", "3799", "5179", "UR", "10,5", ""],
        ["", "", "", "", "", "", ""],
      ],
      { codelist },
    );
    expect(result.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [2, "paragraf", "budget.badCode", "error"],
      [2, "month", "budget.badPeriod", "error"],
      [2, "amount", "budget.badAmount", "error"],
      [3, "polozka", "budget.noClass", "error"],
      [4, "counterpartyIco", "budget.badIco", "error"],
      [4, "type", "budget.badType", "error"],
      [5, "paragraf", "budget.unknownCode", "warning"],
      [5, "polozka", "budget.unknownCode", "warning"],
    ]);
    expect(result.lines.map((l) => [l.row, l.amount])).toEqual([[5, 1050]]);
  });

  it("names the missing columns and reads nothing", () => {
    const result = readBudgetRows(
      [
        ["Paragraf", "Částka"],
        ["3722", "10"],
      ],
      { codelist, year: 2026, month: 1 },
    );
    expect(result.issues.map((i) => [i.column, i.code])).toEqual([
      ["polozka", "budget.missingColumn"],
      ["type", "budget.missingColumn"],
    ]);
    expect(result.lines).toEqual([]);
  });

  it("refuses over-long text cells", () => {
    const result = readBudgetRows(
      [
        ["Paragraf", "Položka", "Typ", "Částka", "ORG"],
        ["3722", "5169", "SR", "1", "x".repeat(101)],
      ],
      { codelist, year: 2026, month: 1 },
    );
    expect(result.issues.map((i) => i.code)).toEqual(["budget.tooLong"]);
    expect(result.lines).toEqual([]);
  });
});
