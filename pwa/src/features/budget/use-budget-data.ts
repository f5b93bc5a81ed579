import { useEffect, useMemo, useRef } from "react";
import { useClient, useQuery, type Client } from "urql";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import {
  BudgetComparisonQuery,
  BudgetDocumentsQuery,
  BudgetDrillDownQuery,
  BudgetFrameQuery,
  BudgetMeasuresQuery,
  BudgetSummaryQuery,
  BudgetVersionsQuery,
} from "./operations.ts";
import { apiPath } from "./api-path.ts";
import type { AmountSet, BudgetDocument, BudgetPageData, PathStep } from "./page-data.ts";
import { sumMoney, type BudgetRow } from "./rows.ts";
import { DEFAULT_VIEW, rowLevel, SIDES, UNCLASSIFIED, withTop, type BudgetView, type Level } from "./view-state.ts";

/** Documents shown under a položka or an action; the exports hold all of them. */
export const DOCUMENT_LIMIT = 100;

type ViewInput = { year: number; month: number | null; organisation: string | null; consolidated: boolean; asOf: string | null };

function viewInput(view: BudgetView, year: number): ViewInput {
  return { year, month: view.month, organisation: view.organisation, consolidated: view.consolidated, asOf: view.asOf };
}

function pathInput(view: BudgetView) {
  const { by: _by, ...path } = apiPath(view);
  return path;
}

function byOf(view: BudgetView) {
  return apiPath(view).by;
}

/** The view one level up from `level`: where the chosen code of that level is one of the rows. */
function parentOf(view: BudgetView, level: Level): BudgetView {
  switch (level) {
    case "key":
      return { ...view, key: null, group: null, paragraf: null, polozka: null, org: null };
    case "group":
      return { ...view, group: null, paragraf: null, polozka: null, org: null };
    case "paragraf":
      return { ...view, paragraf: null, polozka: null, org: null };
    case "polozka":
      return { ...view, polozka: null, org: null };
    case "org":
      return { ...view, org: null };
  }
}

/**
 * The name of the code chosen at one level (for the breadcrumbs and titles), read from the level above: the query a
 * visitor who clicked down already has in the cache, and that a shared link fetches once.
 */
function useStepName(view: BudgetView, year: number | null, level: Level, code: string | null): PathStep | null {
  const parent = parentOf(view, level);
  const [result] = useQuery({
    query: BudgetDrillDownQuery,
    variables: { view: viewInput(parent, year ?? 0), path: pathInput(parent), by: byOf(parent) },
    pause: year === null || code === null,
  });
  if (code === null) return null;
  const row = result.data?.budgetDrillDown.rows.find((candidate) => candidate.code === code);
  return { level, code: code === UNCLASSIFIED ? "" : code, name: row?.name ?? (code === "" ? "—" : code) };
}

const amounts = (a: { approved: string; amended: string; actual: string; executionPercent: number | null }): AmountSet => ({
  approved: a.approved as `${number}`,
  amended: a.amended as `${number}`,
  actual: a.actual as `${number}`,
  executionPercent: a.executionPercent,
});

export interface BudgetDataState {
  data: BudgetPageData | undefined;
  /** The town has no published budget yet. */
  empty: boolean;
  /** The view asks for a year that is not published. */
  unpublishedYear: boolean;
  error: boolean;
  fetching: boolean;
  retry: () => void;
}

/** Everything the budget page shows for a view, from the public GraphQL API. */
export function useBudgetData(view: BudgetView): BudgetDataState {
  const [frame, refetchFrame] = useQuery({ query: BudgetFrameQuery });
  const years = frame.data?.budgetYears ?? [];
  // A year that is not published (yet, or a mistyped link) is never asked for: nothing of it is public.
  const unpublishedYear = Boolean(frame.data) && view.year !== null && !years.some((entry) => entry.year === view.year);
  const year = unpublishedYear ? null : (view.year ?? years[0]?.year ?? null);
  const paused = year === null;
  const input = viewInput(view, year ?? 0);
  const level = rowLevel(view);

  const [summary, refetchSummary] = useQuery({ query: BudgetSummaryQuery, variables: { view: input }, pause: paused });
  const [drill, refetchDrill] = useQuery({
    query: BudgetDrillDownQuery,
    variables: { view: input, path: pathInput(view), by: byOf(view) },
    pause: paused || level === null,
  });
  const [comparison] = useQuery({
    query: BudgetComparisonQuery,
    variables: {
      view: { month: view.month, organisation: view.organisation, consolidated: view.consolidated },
      years: [view.compare ?? 0, year ?? 0],
      path: pathInput(view),
      by: byOf(view),
    },
    pause: paused || view.compare === null || level === null,
  });
  const showDocuments = view.polozka !== null;
  const [documents] = useQuery({
    query: BudgetDocumentsQuery,
    variables: { view: input, path: pathInput(view), limit: DOCUMENT_LIMIT },
    pause: paused || !showDocuments,
  });
  const [measures] = useQuery({
    query: BudgetMeasuresQuery,
    variables: { year: year ?? 0, organisation: view.organisation },
    pause: paused,
  });
  const [versions] = useQuery({ query: BudgetVersionsQuery, variables: { year: year ?? 0 }, pause: paused });

  const steps = [
    useStepName(view, year, "key", view.dimension === "structure" ? null : view.key),
    useStepName(view, year, "group", view.group),
    useStepName(view, year, "paragraf", view.paragraf),
    useStepName(view, year, "polozka", view.polozka),
    useStepName(view, year, "org", view.dimension === "action" ? null : view.org),
  ].filter((step): step is PathStep => step !== null);

  usePrefetchYear(year, view);

  const yearInfo = years.find((candidate) => candidate.year === year);
  const summaryData = summary.data?.budgetSummary;
  const drillData = drill.data?.budgetDrillDown;
  const data = useMemo((): BudgetPageData | undefined => {
    if (year === null || !frame.data || !summaryData || (level !== null && !drillData)) return undefined;
    const compareYear = view.compare;
    const compared = comparison.data?.budgetComparison;
    const compareOf = (code: string) =>
      compared?.rows.find((row) => row.code === code)?.years.find((entry) => entry.year === compareYear) ?? null;
    const compareTotal = compared?.years.find((entry) => entry.year === compareYear) ?? null;
    const rows: BudgetRow[] = (drillData?.rows ?? []).map((row) => {
      const before = compareYear === null ? null : compareOf(row.code);
      return {
        code: row.code === UNCLASSIFIED ? UNCLASSIFIED : row.code,
        name: row.name,
        approved: row.approved as `${number}`,
        amended: row.amended as `${number}`,
        actual: row.actual as `${number}`,
        executionPercent: row.executionPercent,
        overspent: row.overspent,
        compareActual: before ? (before.actual as `${number}`) : null,
        compareAmended: before ? (before.amended as `${number}`) : null,
        drillable: level !== null,
      };
    });
    const documentRows: BudgetDocument[] | null = showDocuments
      ? (documents.data?.budgetDocuments.nodes ?? []).map((node) => ({
          id: node.id,
          documentNumber: node.documentNumber,
          documentType: node.documentType,
          counterpartyIco: node.counterpartyIco,
          amountType: node.amountType,
          amount: node.amount as `${number}`,
          invoiceId: node.invoice?.id ?? null,
          invoiceLabel: node.invoice ? `${node.invoice.number} ${node.invoice.supplierName}` : null,
        }))
      : null;
    return {
      year,
      month: summaryData.asOfMonth ?? yearInfo?.months.at(-1) ?? 12,
      publishedYears: years.map((entry) => entry.year),
      months: yearInfo?.months ?? [],
      organisations: frame.data.budgetOrganisations.map((organisation) => ({ code: organisation.code, name: organisation.name })),
      publishedAt: summaryData.publishedAt,
      summary: {
        revenue: amounts(summaryData.revenue),
        expenditure: amounts(summaryData.expenditure),
        financing: amounts(summaryData.financing),
        balance: amounts(summaryData.balance),
      },
      path: steps,
      compareAsOfMonth: compareTotal?.asOfMonth ?? null,
      rows,
      total: drillData
        ? { ...amounts(drillData.total), compareActual: compareTotal ? (compareTotal.actual as `${number}`) : null }
        : { approved: "0", amended: "0", actual: "0", executionPercent: null },
      documents: documentRows,
      documentCount: showDocuments ? (documents.data?.budgetDocuments.totalCount ?? null) : null,
      measures: (measures.data?.budgetMeasures ?? []).map((measure) => ({
        id: measure.id,
        number: measure.number,
        title: measure.title,
        approvedBy: measure.approvedBy,
        approvedOn: measure.approvedOn,
        organisation: measure.organisation.name,
        change: sumMoney(measure.items.map((item) => item.amount as `${number}`)),
      })),
      versions: (versions.data?.budgetVersions ?? []).flatMap((version) =>
        version.publishedAt
          ? [
              {
                id: version.id,
                publishedAt: version.publishedAt,
                month: version.month,
                version: version.version,
                organisation: version.organisation.name,
              },
            ]
          : [],
      ),
    };
    // The steps are rebuilt each render from cached queries; their names are what matters.
  }, [
    year,
    frame.data,
    summaryData,
    drillData,
    comparison.data,
    documents.data,
    measures.data,
    versions.data,
    view,
    level,
    JSON.stringify(steps),
  ]);

  const anyError = Boolean(frame.error || summary.error || drill.error);
  return {
    data,
    empty: Boolean(frame.data) && years.length === 0,
    unpublishedYear: unpublishedYear && years.length > 0,
    error: !data && anyError,
    fetching: frame.fetching || summary.fetching || drill.fetching,
    retry: () => {
      refetchFrame({ requestPolicy: "network-only" });
      if (!paused) {
        refetchSummary({ requestPolicy: "network-only" });
        if (level !== null) refetchDrill({ requestPolicy: "network-only" });
      }
    },
  };
}

/**
 * Offline for the viewed year: once a year has been opened online, the top level of each side and of each breakdown
 * is fetched too (a handful of small queries), so the year's overview opens without a connection; deeper levels
 * opened online are in the cache as they were visited. Once per year and view settings per page load.
 */
function usePrefetchYear(year: number | null, view: BudgetView) {
  const client = useClient();
  const { online } = useNetworkStatus();
  const done = useRef(new Set<string>());
  useEffect(() => {
    if (year === null || !online) return;
    const settings = {
      ...DEFAULT_VIEW,
      month: view.month,
      organisation: view.organisation,
      consolidated: view.consolidated,
      asOf: view.asOf,
    };
    const key = JSON.stringify([year, settings]);
    if (done.current.has(key)) return;
    done.current.add(key);
    const handle = setTimeout(() => void prefetchYear(client, year, settings), 1500);
    return () => clearTimeout(handle);
  }, [client, online, year, view.month, view.organisation, view.consolidated, view.asOf]);
}

async function prefetchYear(client: Client, year: number, settings: BudgetView): Promise<void> {
  const input = viewInput(settings, year);
  const views: BudgetView[] = [
    ...SIDES.map((side) => withTop(settings, { side })),
    ...(["department", "action", "organisation"] as const).map((dimension) => withTop(settings, { dimension })),
  ];
  await Promise.all([
    client.query(BudgetMeasuresQuery, { year, organisation: settings.organisation }).toPromise(),
    ...views.map((view) => client.query(BudgetDrillDownQuery, { view: input, path: pathInput(view), by: byOf(view) }).toPromise()),
  ]);
}
