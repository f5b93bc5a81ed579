import type { Context } from "../../context.ts";
import type { Locale } from "../../i18n/messages.ts";
import { compareBudgetYears } from "./compare-budget-years.ts";
import { drillBudget, type BudgetAmounts, type BudgetDrillBy, type BudgetDrillPath, type BudgetSortField } from "./drill-budget.ts";
import { listBudgetDocuments } from "./list-budget-documents.ts";
import type { BudgetView } from "./select-budget-data.ts";
import { summarizeBudget } from "./summarize-budget.ts";

/**
 * Every view of the budget as one table (title, columns, rows, total), which the exports render to csv,
 * json, xlsx, pdf and docx: what a citizen sees on the page is what the file holds.
 */
export type BudgetTableView = "summary" | "drilldown" | "documents" | "comparison";

export type ColumnKind = "text" | "money" | "percent" | "flag";
export interface TableColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}
export type TableValue = string | bigint | number | boolean | null;
export interface BudgetTable {
  title: string;
  subtitle: string;
  columns: TableColumn[];
  rows: Record<string, TableValue>[];
  total: Record<string, TableValue> | null;
  /** The view's parameters and what the data are as of (the JSON's metadata). */
  meta: Record<string, string | number | boolean | null>;
}

export interface BudgetTableRequest {
  view: BudgetTableView;
  budgetView: BudgetView;
  path: BudgetDrillPath;
  by?: BudgetDrillBy | null;
  sort?: { field: BudgetSortField; descending: boolean } | null;
  years?: number[];
}

export const EXPORT_MAX_DOCUMENTS = 50_000;

const T = {
  cs: {
    code: "Kód",
    name: "Název",
    approved: "Schválený rozpočet (Kč)",
    amended: "Rozpočet po změnách (Kč)",
    actual: "Skutečnost (Kč)",
    execution: "Plnění (%)",
    change: "Změna proti schválenému (%)",
    overspent: "Překročeno",
    total: "Celkem",
    summary: "Příjmy, výdaje a financování",
    drilldown: "Rozpočet",
    documents: "Doklady",
    comparison: "Srovnání let",
    revenue: "Příjmy",
    expenditure: "Výdaje",
    financing: "Financování (třída 8)",
    balance: "Saldo (příjmy − výdaje)",
    unclassified: "Nezařazeno",
    asOf: (year: number, month: number | null) => (month ? `Rok ${year}, stav ke konci měsíce ${month}` : `Rok ${year}, nic nezveřejněno`),
    type: "Druh částky",
    amount: "Částka (Kč)",
    document: "Doklad",
    documentType: "Typ dokladu",
    ico: "IČO protistrany",
    invoice: "Faktura v registru",
    paragraf: "Paragraf",
    polozka: "Položka",
    orj: "ORJ",
    org: "ORG (akce)",
    uz: "ÚZ",
    types: { APPROVED: "schválený", AMENDED: "po změnách", ACTUAL: "skutečnost" } as Record<string, string>,
    actualChange: "Změna skutečnosti (%)",
  },
  en: {
    code: "Code",
    name: "Name",
    approved: "Approved budget (CZK)",
    amended: "Amended budget (CZK)",
    actual: "Actual (CZK)",
    execution: "Execution (%)",
    change: "Change against approved (%)",
    overspent: "Overspent",
    total: "Total",
    summary: "Revenue, expenditure and financing",
    drilldown: "Budget",
    documents: "Documents",
    comparison: "Year comparison",
    revenue: "Revenue",
    expenditure: "Expenditure",
    financing: "Financing (class 8)",
    balance: "Balance (revenue − expenditure)",
    unclassified: "Unclassified",
    asOf: (year: number, month: number | null) =>
      month ? `Year ${year}, as of the end of month ${month}` : `Year ${year}, nothing published`,
    type: "Amount type",
    amount: "Amount (CZK)",
    document: "Document",
    documentType: "Document type",
    ico: "Counterparty IČO",
    invoice: "Invoice in the register",
    paragraf: "Paragraph",
    polozka: "Item",
    orj: "ORJ",
    org: "ORG (action)",
    uz: "Purpose code",
    types: { APPROVED: "approved", AMENDED: "amended", ACTUAL: "actual" } as Record<string, string>,
    actualChange: "Change of actual (%)",
  },
};

const pct = (part: bigint, whole: bigint) => (whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 1000) / 10);

function amountColumns(t: (typeof T)["cs"]): TableColumn[] {
  return [
    { key: "approved", header: t.approved, kind: "money" },
    { key: "amended", header: t.amended, kind: "money" },
    { key: "actual", header: t.actual, kind: "money" },
    { key: "executionPercent", header: t.execution, kind: "percent" },
  ];
}
const amountValues = (a: BudgetAmounts) => ({
  approved: a.approved,
  amended: a.amended,
  actual: a.actual,
  executionPercent: pct(a.actual, a.amended),
});

export async function buildBudgetTable(
  ctx: Pick<Context, "db" | "viewer" | "clock" | "locale">,
  request: BudgetTableRequest,
): Promise<BudgetTable> {
  const locale: Locale = ctx.locale;
  const t = T[locale];
  const baseMeta = {
    year: request.budgetView.year,
    month: request.budgetView.month ?? null,
    organisation: request.budgetView.organisation ?? null,
    consolidated: request.budgetView.consolidated ?? true,
    asOf: request.budgetView.asOf?.toISOString() ?? null,
    side: request.path.side,
    group: request.path.group ?? null,
    paragraf: request.path.paragraf ?? null,
    polozka: request.path.polozka ?? null,
    orj: request.path.orj ?? null,
    org: request.path.org ?? null,
    by: request.by ?? "CLASSIFICATION",
  };
  switch (request.view) {
    case "summary": {
      const s = await summarizeBudget(ctx, { view: request.budgetView, organisation: request.path.organisation });
      const row = (code: string, name: string, a: BudgetAmounts) => ({ code, name, ...amountValues(a) });
      return {
        title: `${t.summary}`,
        subtitle: t.asOf(s.selection.view.year, s.selection.asOfMonth),
        columns: [{ key: "code", header: t.code, kind: "text" }, { key: "name", header: t.name, kind: "text" }, ...amountColumns(t)],
        rows: [
          row("REVENUE", t.revenue, s.revenue),
          row("EXPENDITURE", t.expenditure, s.expenditure),
          row("BALANCE", t.balance, s.balance),
          row("FINANCING", t.financing, s.financing),
          ...(s.unclassified.approved || s.unclassified.amended || s.unclassified.actual
            ? [row("UNCLASSIFIED", t.unclassified, s.unclassified)]
            : []),
        ],
        total: null,
        meta: { ...baseMeta, asOfMonth: s.selection.asOfMonth, publishedAt: s.selection.publishedAt?.toISOString() ?? null },
      };
    }
    case "drilldown": {
      const r = await drillBudget(ctx, { view: request.budgetView, path: request.path, by: request.by, sort: request.sort });
      return {
        title: `${t.drilldown}: ${t[request.path.side === "REVENUE" ? "revenue" : request.path.side === "EXPENDITURE" ? "expenditure" : "financing"]}`,
        subtitle: t.asOf(r.selection.view.year, r.selection.asOfMonth),
        columns: [
          { key: "code", header: t.code, kind: "text" },
          { key: "name", header: t.name, kind: "text" },
          ...amountColumns(t),
          { key: "amendedChangePercent", header: t.change, kind: "percent" },
          { key: "overspent", header: t.overspent, kind: "flag" },
        ],
        rows: r.rows.map((row) => ({
          code: row.code,
          name: row.name,
          ...amountValues(row),
          amendedChangePercent: row.amendedChangePercent,
          overspent: row.overspent,
        })),
        total: { code: "", name: t.total, ...amountValues(r.total), amendedChangePercent: null, overspent: null },
        meta: {
          ...baseMeta,
          level: r.level,
          asOfMonth: r.selection.asOfMonth,
          publishedAt: r.selection.publishedAt?.toISOString() ?? null,
        },
      };
    }
    case "documents": {
      const rows = [];
      let totalCount = 0;
      for (let offset = 0; offset < EXPORT_MAX_DOCUMENTS; offset += 100) {
        const page = await listBudgetDocuments(ctx, {
          view: request.budgetView,
          ...request.path,
          polozka: request.path.polozka ?? "",
          limit: 100,
          offset,
        });
        totalCount = page.totalCount;
        rows.push(...page.rows);
        if (offset + 100 >= page.totalCount) break;
      }
      return {
        title: `${t.documents}: ${request.path.paragraf ?? ""} ${request.path.polozka ?? ""}`.trim(),
        subtitle: `${request.budgetView.year}`,
        columns: [
          { key: "documentNumber", header: t.document, kind: "text" },
          { key: "documentType", header: t.documentType, kind: "text" },
          { key: "amountType", header: t.type, kind: "text" },
          { key: "paragraf", header: t.paragraf, kind: "text" },
          { key: "polozka", header: t.polozka, kind: "text" },
          { key: "orj", header: t.orj, kind: "text" },
          { key: "org", header: t.org, kind: "text" },
          { key: "uz", header: t.uz, kind: "text" },
          { key: "counterpartyIco", header: t.ico, kind: "text" },
          { key: "amount", header: t.amount, kind: "money" },
          { key: "invoice", header: t.invoice, kind: "text" },
        ],
        rows: rows.map((d) => ({
          documentNumber: d.documentNumber,
          documentType: d.documentType,
          amountType: t.types[d.amountType] ?? d.amountType,
          paragraf: d.paragraf,
          polozka: d.polozka,
          orj: d.orj,
          org: d.org,
          uz: d.uz,
          counterpartyIco: d.counterpartyIco,
          amount: d.amount,
          invoice: d.invoice?.number ?? null,
        })),
        total: null,
        meta: { ...baseMeta, totalCount, truncated: totalCount > rows.length },
      };
    }
    case "comparison": {
      const years = request.years ?? [];
      const c = await compareBudgetYears(ctx, { view: request.budgetView, years, path: request.path, by: request.by });
      const yearColumns = c.years.flatMap((y): TableColumn[] => [
        { key: `approved${y.year}`, header: `${y.year} ${t.approved}`, kind: "money" },
        { key: `amended${y.year}`, header: `${y.year} ${t.amended}`, kind: "money" },
        { key: `actual${y.year}`, header: `${y.year} ${t.actual}`, kind: "money" },
      ]);
      const flatten = (values: { year: number; approved: bigint; amended: bigint; actual: bigint }[]) =>
        Object.fromEntries(
          values.flatMap((y) => [
            [`approved${y.year}`, y.approved],
            [`amended${y.year}`, y.amended],
            [`actual${y.year}`, y.actual],
          ]),
        );
      return {
        title: t.comparison,
        subtitle: c.years.map((y) => y.year).join(", "),
        columns: [
          { key: "code", header: t.code, kind: "text" },
          { key: "name", header: t.name, kind: "text" },
          ...yearColumns,
          { key: "actualChangePercent", header: t.actualChange, kind: "percent" },
        ],
        rows: c.rows.map((row) => ({
          code: row.code,
          name: row.name,
          ...flatten(row.years),
          actualChangePercent: row.actualChangePercent,
        })),
        total: { code: "", name: t.total, ...flatten(c.years), actualChangePercent: null },
        meta: { ...baseMeta, years: years.join(","), level: c.level },
      };
    }
  }
}
