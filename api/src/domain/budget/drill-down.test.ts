import { describe, expect, it } from "vitest";
import { firstLevelGroup, isConsolidationTransfer, sideOfItem } from "./classification.ts";
import { builtInCodelist, createCodelist, extendCodelist, type CodelistEntry } from "./codelists.ts";
import { drillDown, snapshot, summarize, UNCLASSIFIED_CODE, type Amounts, type BudgetLine, type DrillPath } from "./drill-down.ts";

const options = { codelist: builtInCodelist, date: "2026-06-30", locale: "cs" as const };

function line(overrides: Partial<BudgetLine> & Pick<BudgetLine, "paragraf" | "polozka" | "amount">): BudgetLine {
  return { year: 2026, month: 12, amountType: "ACTUAL", ...overrides };
}

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("classification", () => {
  it("puts classes 1-4 in revenue, 5-6 in expenditure, 8 in financing, and nothing else anywhere", () => {
    expect(["1111", "2111", "3111", "4112"].map(sideOfItem)).toEqual(["REVENUE", "REVENUE", "REVENUE", "REVENUE"]);
    expect(["5169", "6121"].map(sideOfItem)).toEqual(["EXPENDITURE", "EXPENDITURE"]);
    expect(sideOfItem("8115")).toBe("FINANCING");
    expect(["0000", "7111", "9999", "511", "51690", "abcd"].map(sideOfItem)).toEqual([null, null, null, null, null, null]);
  });

  it("groups expenditure by the paragraf's oddíl and revenue by the položka's seskupení", () => {
    expect(firstLevelGroup("EXPENDITURE", { paragraf: "3722", polozka: "5169" })).toBe("37");
    expect(firstLevelGroup("REVENUE", { paragraf: "0000", polozka: "1340" })).toBe("13");
    expect(isConsolidationTransfer({ paragraf: "6330", polozka: "5345" })).toBe(true);
    expect(isConsolidationTransfer({ paragraf: "6171", polozka: "5169" })).toBe(false);
  });
});

describe("codelists", () => {
  it("names codes by the version valid on the date and refuses overlapping versions", () => {
    const entries: CodelistEntry[] = [
      { kind: "POLOZKA", code: "1999", cs: "Starý název", en: "Old", validFrom: "2010-01-01", validTo: "2021-12-31" },
      { kind: "POLOZKA", code: "1999", cs: "Nový název", en: "New", validFrom: "2022-01-01", validTo: null },
    ];
    const list = createCodelist(entries);
    expect(list.name("POLOZKA", "1999", "2021-12-31", "cs")).toBe("Starý název");
    expect(list.name("POLOZKA", "1999", "2022-01-01", "en")).toBe("New");
    expect(list.name("POLOZKA", "1999", "2009-12-31", "cs")).toBe("Nezařazeno");
    expect(() => createCodelist([...entries, { ...entries[1]!, validFrom: "2021-06-01" }])).toThrow(/overlap/);
    expect(extendCodelist([entries[1]!]).name("POLOZKA", "1341", "2026-01-01", "cs")).toBe("Poplatek ze psů");
  });
});

describe("drill-down", () => {
  const lines: BudgetLine[] = [
    line({ paragraf: "3722", polozka: "5169", amount: 1_000_00, amountType: "APPROVED" }),
    line({ paragraf: "3722", polozka: "5169", amount: 1_200_00, amountType: "AMENDED" }),
    line({ paragraf: "3722", polozka: "5169", amount: 1_300_00, org: "101" }),
    line({ paragraf: "3745", polozka: "5139", amount: 200_00, amountType: "AMENDED" }),
    line({ paragraf: "3745", polozka: "5139", amount: 50_00 }),
    line({ paragraf: "3799", polozka: "5169", amount: 70_00 }), // a paragraf the codelist does not know
    line({ paragraf: "0000", polozka: "1340", amount: 900_00 }),
    line({ paragraf: "0000", polozka: "8115", amount: 500_00 }),
  ];

  it("sums approved, amended and actual separately and flags overspending", () => {
    const groups = drillDown(lines, { side: "EXPENDITURE" }, options);
    expect(groups.level).toBe("GROUP");
    expect(groups.rows).toEqual([
      {
        code: "37",
        name: "Ochrana životního prostředí",
        approved: 1_000_00,
        amended: 1_400_00,
        actual: 1_420_00,
        executionPercent: 101.4,
        overspent: true,
      },
    ]);
    const paragrafs = drillDown(lines, { side: "EXPENDITURE", group: "37" }, options);
    expect(paragrafs.level).toBe("PARAGRAF");
    expect(paragrafs.rows.map((r) => [r.code, r.name, r.actual])).toEqual([
      ["3722", "Sběr a svoz komunálních odpadů", 1_300_00],
      ["3745", "Péče o vzhled obcí a veřejnou zeleň", 50_00],
      [UNCLASSIFIED_CODE, "Nezařazeno", 70_00],
    ]);
    expect(paragrafs.rows[1]!.overspent).toBe(false);
    const orgs = drillDown(lines, { side: "EXPENDITURE", group: "37", paragraf: "3722", polozka: "5169" }, options);
    expect(orgs.rows.map((r) => [r.code, r.actual])).toEqual([
      ["101", 1_300_00],
      [null, 0],
    ]);
    expect(drillDown(lines, { side: "EXPENDITURE", group: "37", paragraf: UNCLASSIFIED_CODE }, options).total.actual).toBe(70_00);
  });

  it("drills revenue by položka and speaks English", () => {
    const revenue = drillDown(lines, { side: "REVENUE" }, { ...options, locale: "en" });
    expect(revenue.rows.map((r) => [r.code, r.name, r.actual])).toEqual([["13", "Fees for selected activities and services", 900_00]]);
    expect(drillDown(lines, { side: "REVENUE", group: "13" }, options).level).toBe("POLOZKA");
  });

  it("balances: revenue − expenditure + financing = 0 with one sign convention", () => {
    const summary = summarize(lines);
    expect(summary.balance.actual).toBe(900_00 - 1_420_00);
    expect(summary.balance.actual + summary.financing.actual).toBe(-20_00);
    expect(summary.unclassified).toEqual({ approved: 0, amended: 0, actual: 0 });
    expect(summarize([line({ paragraf: "0000", polozka: "7111", amount: 5 })]).unclassified.actual).toBe(5);
  });

  it("leaves transfers between the town's own accounts out of the consolidated view, on both sides", () => {
    const transfers = [line({ paragraf: "6330", polozka: "5345", amount: 100 }), line({ paragraf: "6330", polozka: "4134", amount: 100 })];
    expect(summarize(transfers).expenditure.actual).toBe(100);
    expect(summarize(transfers, { consolidated: true })).toMatchObject({ revenue: { actual: 0 }, expenditure: { actual: 0 } });
    expect(drillDown(transfers, { side: "EXPENDITURE" }, { ...options, consolidated: true }).rows).toEqual([]);
  });

  it("takes each organisation's latest monthly snapshot of the year, never a sum over months", () => {
    const months = [
      line({ paragraf: "3722", polozka: "5169", amount: 100, month: 3 }),
      line({ paragraf: "3722", polozka: "5169", amount: 250, month: 6 }),
      line({ paragraf: "3113", polozka: "5331", amount: 40, month: 5, organisation: "ZS" }),
      line({ paragraf: "3722", polozka: "5169", amount: 999, month: 6, year: 2025 }),
    ];
    expect(summarize(snapshot(months, 2026)).expenditure.actual).toBe(250 + 40);
    expect(summarize(snapshot(months, 2026, 4)).expenditure.actual).toBe(100);
  });

  it("adds up at every level: each level's rows equal its total, and each row equals the level below", () => {
    const next = random(20261206);
    const paragrafs = ["2212", "3113", "3722", "3745", "3799", "6171", "6330", "0000"];
    const polozky = [
      "1111",
      "1340",
      "1341",
      "2111",
      "4112",
      "4134",
      "5011",
      "5169",
      "5171",
      "5345",
      "5179",
      "6121",
      "8115",
      "8124",
      "7111",
    ];
    const types = ["APPROVED", "AMENDED", "ACTUAL"] as const;
    const generated: BudgetLine[] = Array.from({ length: 3000 }, () =>
      line({
        paragraf: paragrafs[Math.floor(next() * paragrafs.length)]!,
        polozka: polozky[Math.floor(next() * polozky.length)]!,
        amountType: types[Math.floor(next() * 3)]!,
        org: next() < 0.5 ? null : String(100 + Math.floor(next() * 5)),
        amount: Math.round((next() - 0.1) * 1_000_000),
      }),
    );
    const sum = (rows: Amounts[]) =>
      rows.reduce((t, r) => ({ approved: t.approved + r.approved, amended: t.amended + r.amended, actual: t.actual + r.actual }), {
        approved: 0,
        amended: 0,
        actual: 0,
      });
    const pick = (a: Amounts) => ({ approved: a.approved, amended: a.amended, actual: a.actual });
    let levels = 0;
    const walk = (path: DrillPath, expected?: Amounts) => {
      const result = drillDown(generated, path, options);
      levels++;
      expect(sum(result.rows)).toEqual(result.total);
      if (expected) expect(result.total).toEqual(expected);
      if (result.level === "ORG") return;
      for (const row of result.rows) {
        const child: DrillPath =
          result.level === "GROUP"
            ? { ...path, group: row.code! }
            : result.level === "PARAGRAF"
              ? { ...path, paragraf: row.code! }
              : { ...path, polozka: row.code! };
        walk(child, pick(row));
      }
    };
    const summary = summarize(generated);
    for (const side of ["REVENUE", "EXPENDITURE", "FINANCING"] as const) {
      walk({ side }, summary[side === "REVENUE" ? "revenue" : side === "EXPENDITURE" ? "expenditure" : "financing"]);
    }
    expect(levels).toBeGreaterThan(50);
    // Everything is somewhere: the three sides and the unclassified lines add up to all lines.
    expect(sum([summary.revenue, summary.expenditure, summary.financing, summary.unclassified])).toEqual(
      sum(
        generated.map((l) => ({
          approved: l.amountType === "APPROVED" ? l.amount : 0,
          amended: l.amountType === "AMENDED" ? l.amount : 0,
          actual: l.amountType === "ACTUAL" ? l.amount : 0,
        })),
      ),
    );
  });
});
