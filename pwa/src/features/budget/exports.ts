import { apiPath } from "./api-path.ts";
import { rowLevel, type BudgetView } from "./view-state.ts";

export const EXPORT_FORMATS = ["pdf", "xlsx", "docx", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Downloads of the view shown: GET /api/budget/<drilldown|comparison|documents>.<format> with the view's parameters
 * in the API's words (api/src/services/budget/parse-budget-query.ts), so a file holds what the page shows, in the
 * page's order, and a shared link's file what the link shows. The JSON and CSV files are the open-data form of
 * every level.
 */
export function exportLinks(view: BudgetView, year: number): Array<{ format: ExportFormat; href: string }> {
  const level = rowLevel(view);
  const kind = level === null ? "documents" : view.compare !== null ? "comparison" : "drilldown";
  const params = new URLSearchParams();
  const path = apiPath(view);
  params.set("year", String(year));
  if (view.month !== null) params.set("month", String(view.month));
  if (view.asOf !== null) params.set("asOf", view.asOf);
  if (!view.consolidated) params.set("consolidated", "0");
  params.set("side", path.side);
  params.set("by", path.by);
  for (const name of ["group", "paragraf", "polozka", "orj", "org", "organisation"] as const) {
    const value = path[name];
    if (value !== null) params.set(name, value);
  }
  if (kind === "comparison") params.set("years", [view.compare, year].join(","));
  if (kind !== "documents") {
    params.set("sort", view.sort.field.toUpperCase());
    if (view.sort.direction === "desc") params.set("desc", "1");
  }
  return EXPORT_FORMATS.map((format) => ({ format, href: `/api/budget/${kind}.${format}?${params.toString()}` }));
}
