import { describe, expect, it } from "vitest";
import { changePercent, difference, sortRows, type BudgetRow } from "./rows.ts";
import { DEFAULT_VIEW, drillInto, readView, rowLevel, withTop, writeView } from "./view-state.ts";

describe("the budget view's URL", () => {
  it("round-trips a deep view and leaves defaults out", () => {
    const view = readView(
      new URLSearchParams(
        "year=2026&month=9&group=22&paragraf=2212&polozka=5171&org=&compare=2025&sort=actual-desc&consolidated=0&asOf=2026-10-05T08:00:00.000Z",
      ),
    );
    expect(view).toMatchObject({ year: 2026, month: 9, side: "expenditure", group: "22", paragraf: "2212", polozka: "5171", org: "" });
    expect(view).toMatchObject({ compare: 2025, consolidated: false, asOf: "2026-10-05T08:00:00.000Z" });
    expect(view.sort).toEqual({ field: "actual", direction: "desc" });
    expect(writeView(view).toString()).toBe(
      "year=2026&month=9&group=22&paragraf=2212&polozka=5171&org=&consolidated=0&asOf=2026-10-05T08%3A00%3A00.000Z&compare=2025&sort=actual-desc",
    );
    expect(readView(new URLSearchParams("consolidated=1")).consolidated).toBe(true);
    expect(writeView(DEFAULT_VIEW).toString()).toBe("");
  });

  it("drops what does not parse and levels that do not belong under the level above", () => {
    expect(readView(new URLSearchParams("year=1850&month=13&side=x&sort=drop-table&compare=abc&asOf=yesterday"))).toEqual(DEFAULT_VIEW);
    // The Nezařazeno bucket is a level like any other.
    expect(readView(new URLSearchParams("group=UNCLASSIFIED&paragraf=9999"))).toMatchObject({ group: "UNCLASSIFIED", paragraf: "9999" });
    // A paragraf outside its group, or a položka without a paragraf on the expenditure side.
    expect(readView(new URLSearchParams("group=22&paragraf=3113&polozka=5171"))).toMatchObject({
      group: "22",
      paragraf: null,
      polozka: null,
    });
    expect(readView(new URLSearchParams("paragraf=2212"))).toMatchObject({ group: null, paragraf: null });
    // Revenue drills by položka within its seskupení, never by paragraf.
    expect(readView(new URLSearchParams("side=revenue&group=11&paragraf=2212&polozka=1111"))).toMatchObject({
      group: "11",
      paragraf: null,
      polozka: "1111",
    });
    expect(readView(new URLSearchParams("side=revenue&group=11&polozka=4111"))).toMatchObject({ polozka: null });
    // Comparing a year with itself is no comparison.
    expect(readView(new URLSearchParams("year=2026&compare=2026")).compare).toBeNull();
    expect(readView(new URLSearchParams("by=department&key=<script>")).key).toBeNull();
  });

  it("drills level by level along the classification and along the other breakdowns", () => {
    let view = DEFAULT_VIEW;
    expect(rowLevel(view)).toBe("group");
    view = drillInto(view, "22");
    expect(rowLevel(view)).toBe("paragraf");
    view = drillInto(view, "2212");
    expect(rowLevel(view)).toBe("polozka");
    view = drillInto(view, "5171");
    expect(rowLevel(view)).toBe("org");
    view = drillInto(view, "");
    expect(rowLevel(view)).toBeNull();
    expect(readView(writeView(view))).toEqual(view);

    let revenue = withTop(view, { side: "revenue" });
    expect(revenue).toMatchObject({ group: null, paragraf: null, polozka: null });
    revenue = drillInto(revenue, "11");
    expect(rowLevel(revenue)).toBe("polozka");

    let department = withTop(DEFAULT_VIEW, { dimension: "department" });
    expect(rowLevel(department)).toBe("key");
    department = drillInto(department, "OSM");
    expect(rowLevel(department)).toBe("group");
    department = drillInto(department, "36");
    expect(rowLevel(department)).toBe("paragraf");
    expect(readView(writeView(department))).toEqual(department);
  });
});

describe("budget rows", () => {
  const row = (code: string | null, actual: string, amended = "0.00"): BudgetRow => ({
    code,
    name: code ?? "Nezařazeno",
    approved: "0.00",
    amended: amended as `${number}`,
    actual: actual as `${number}`,
    executionPercent: null,
    overspent: false,
    drillable: true,
  });

  it("sorts by code or amount, the unclassified bucket last by code", () => {
    const rows = [row("36", "5.00"), row(null, "100.00"), row("22", "50.00"), row("31", "5.00")];
    expect(sortRows(rows, { field: "code", direction: "asc" }).map((r) => r.code)).toEqual(["22", "31", "36", null]);
    expect(sortRows(rows, { field: "code", direction: "desc" }).map((r) => r.code)).toEqual(["36", "31", "22", null]);
    expect(sortRows(rows, { field: "actual", direction: "desc" }).map((r) => r.code)).toEqual([null, "22", "31", "36"]);
  });

  it("computes changes and differences without losing haléře", () => {
    expect(changePercent("110.00", "100.00")).toBe(10);
    expect(changePercent("90.00", null)).toBeNull();
    expect(changePercent("90.00", "0.00")).toBeNull();
    expect(difference("0.30", "0.10")).toBe("0.20");
    expect(difference("100.05", "200.10")).toBe("-100.05");
    expect(difference("12345678901234.99", "0.01")).toBe("12345678901234.98");
  });
});

describe("money sums", () => {
  it("add haléře exactly, signs included", async () => {
    const { sumMoney } = await import("./rows.ts");
    expect(sumMoney(["0.10", "0.20", "-1.00"])).toBe("-0.70");
    expect(sumMoney([])).toBe("0.00");
    expect(sumMoney(["150000.00", "-25000.50"])).toBe("124999.50");
  });
});

describe("exports of a view", () => {
  it("send the view in the API's words: the level's kind, the path, the breakdown's choice and the order", async () => {
    const { exportLinks } = await import("./exports.ts");
    const drill = readView(new URLSearchParams("group=22&paragraf=2212&sort=actual-desc&consolidated=0"));
    const [pdf] = exportLinks(drill, 2026);
    expect(pdf!.href).toBe(
      "/api/budget/drilldown.pdf?year=2026&consolidated=0&side=EXPENDITURE&by=CLASSIFICATION&group=22&paragraf=2212&sort=ACTUAL&desc=1",
    );
    const department = readView(new URLSearchParams("by=department&side=revenue&compare=2025"));
    expect(exportLinks(department, 2026).map((link) => link.href)[4]).toBe(
      "/api/budget/comparison.json?year=2026&side=REVENUE&by=ORJ&years=2025%2C2026&sort=CODE",
    );
    const documents = readView(new URLSearchParams("by=action&key=OPR-12&group=22&paragraf=2212&polozka=5171"));
    expect(exportLinks(documents, 2025)[3]!.href).toBe(
      "/api/budget/documents.csv?year=2025&side=EXPENDITURE&by=CLASSIFICATION&group=22&paragraf=2212&polozka=5171&org=OPR-12",
    );
  });
});
