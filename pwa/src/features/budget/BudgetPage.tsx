import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Checkbox, Select } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { BudgetChart } from "./BudgetChart.tsx";
import { BudgetTable } from "./BudgetTable.tsx";
import { DocumentList } from "./DocumentList.tsx";
import { exportLinks } from "./exports.ts";
import type { AmountSet, BudgetPageData } from "./page-data.ts";
import { sortRows, type BudgetRow } from "./rows.ts";
import { useBudgetData } from "./use-budget-data.ts";
import {
  DIMENSIONS,
  drillInto,
  readView,
  rowLevel,
  SIDES,
  SORT_FIELDS,
  withTop,
  writeView,
  type BudgetView,
  type Side,
  type SortDirection,
  type SortField,
} from "./view-state.ts";

/** The texts' month keys are "1" to "12"; the API's months are 1-12. */
const monthKey = (month: number) => String(month) as "1";

/** The year's overview (no level chosen): where the summary, the introduction and the budget measures belong. */
const atTop = (view: BudgetView) => view.group === null && view.key === null;

const hrefOf = (view: BudgetView) => {
  const search = writeView(view).toString();
  return search ? `?${search}` : "?";
};

/**
 * Klikací rozpočet: the town's budget and its execution, from the totals down to single documents. The whole view
 * (year, month, side, grouping, drill path, comparison year, sort) is in the URL, so every view is a link that
 * can be shared, and the same parameters export the view as pdf, xlsx, docx, csv or json.
 */
export function BudgetPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const search = searchParams.toString();
  const view = useMemo(() => readView(new URLSearchParams(search)), [search]);
  const { data, empty, unpublishedYear, error, retry } = useBudgetData(view);

  const heading = data ? t("budget.titleYear", { year: data.year }) : t("budget.title");
  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{heading}</PageHeading>
      {atTop(view) && <p>{t("budget.intro")}</p>}
      {empty ? (
        <EmptyState title={t("budget.noneYet")}>{t("budget.noneYetHint")}</EmptyState>
      ) : unpublishedYear ? (
        <EmptyState title={t("budget.yearNotPublished", { year: view.year })}>
          <Link to={hrefOf({ ...view, year: null, compare: null, asOf: null })}>{t("budget.toLatestYear")}</Link>
        </EmptyState>
      ) : (
        !data && (error ? <LoadError onRetry={retry} /> : <Loading lines={6} />)
      )}
      {data && <BudgetView view={view} data={data} />}
    </div>
  );
}

function BudgetView({ view, data }: { view: BudgetView; data: BudgetPageData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, setSearchParams] = useSearchParams();
  const go = (next: BudgetView) => setSearchParams(writeView(next));
  const rows = sortRows(data.rows, view.sort);
  const level = rowLevel(view);
  const linkTo = (row: BudgetRow) => (row.drillable && row.code !== null && level !== null ? hrefOf(drillInto(view, row.code)) : null);
  const levelTitle =
    level === "key" && view.dimension !== "structure" ? t(`budget.keyLevel.${view.dimension}`) : t(`budget.level.${level ?? "documents"}`);
  const sideTitle = t(`budget.side.${view.side}`);
  const chartTitle = [sideTitle, ...data.path.map((step) => step.name)].join(" › ") + ` – ${levelTitle}`;

  return (
    <>
      <ViewControls view={view} data={data} onChange={go} />
      {atTop(view) && <Summary data={data} />}
      <SideTabs view={view} />
      <DimensionTabs view={view} />
      <Breadcrumbs view={view} data={data} />
      <p role="status" aria-live="polite" className="text-ink-muted">
        {t("budget.asOf", { month: t(`budget.monthOf.${monthKey(data.month)}`), year: data.year })}
        {data.publishedAt && ` ${t("budget.publishedAt", { date: format.date(data.publishedAt) })}`}
      </p>
      {rows.length === 0 && data.documents === null && <EmptyState title={t("budget.emptyLevel")} />}
      {rows.length > 0 && (
        <section aria-labelledby="budget-level-heading" className="flex flex-col gap-3">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <h2 id="budget-level-heading" className="text-xl font-semibold">
              {levelTitle}
            </h2>
            <SortSelect view={view} onChange={(sort) => go({ ...view, sort })} />
          </div>
          <BudgetChart
            title={chartTitle}
            rows={rows}
            compareYear={view.compare}
            onSelect={(row) => {
              const to = linkTo(row);
              if (to && row.code !== null) go(drillInto(view, row.code));
            }}
          />
          <BudgetTable
            caption={chartTitle}
            rows={rows}
            total={data.total}
            compareLabel={
              view.compare === null
                ? null
                : data.compareAsOfMonth === null
                  ? t("budget.table.compareActual", { year: view.compare })
                  : t("budget.table.compareActualAsOf", {
                      year: view.compare,
                      month: t(`budget.monthOf.${monthKey(data.compareAsOfMonth)}`),
                    })
            }
            sortField={view.sort.field}
            sortDirection={view.sort.direction}
            linkTo={linkTo}
          />
        </section>
      )}
      {data.documents !== null && <DocumentList documents={data.documents} totalCount={data.documentCount} />}
      <ExportLinks view={view} year={data.year} />
      {data.measures.length > 0 && atTop(view) && <Measures data={data} />}
    </>
  );
}

/** Year, month, comparison, organisation and the consolidated switch: each applies as soon as it changes. */
function ViewControls({ view, data, onChange }: { view: BudgetView; data: BudgetPageData; onChange: (view: BudgetView) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  // On phones the settings start folded under a one-line summary: the figures matter more than the knobs.
  const [wide] = useState(() => typeof matchMedia === "function" && matchMedia("(min-width: 768px)").matches);
  const organisationName = data.organisations.find((organisation) => organisation.code === view.organisation)?.name;
  const settings = [
    String(data.year),
    view.month === null ? t("budget.latestMonth") : t(`budget.month.${monthKey(view.month)}`),
    view.compare === null ? null : t("budget.comparedWith", { year: view.compare }),
    organisationName ?? t("budget.allOrganisations"),
    view.consolidated ? t("budget.consolidatedShort") : null,
    view.asOf === null ? null : t("budget.olderVersion"),
  ]
    .filter(Boolean)
    .join(" · ");
  const years = data.publishedYears.map((year) => ({ value: String(year), label: String(year) }));
  return (
    <details open={wide} className="rounded-lg border border-line bg-surface">
      <summary className="flex min-h-11 cursor-pointer flex-col justify-center px-4 py-2">
        <span className="font-semibold">{t("budget.controls")}</span>
        <span className="text-sm text-ink-muted">{settings}</span>
      </summary>
      <form
        className="grid gap-4 border-t border-line p-4 sm:grid-cols-2 lg:grid-cols-4"
        aria-label={t("budget.controls")}
        onSubmit={(event) => event.preventDefault()}
      >
        <Select
          label={t("budget.year")}
          options={years}
          value={String(data.year)}
          onChange={(event) =>
            onChange({
              ...withTop(view, {}),
              year: Number(event.target.value),
              month: null,
              compare: view.compare === Number(event.target.value) ? null : view.compare,
            })
          }
        />
        <Select
          label={t("budget.monthLabel")}
          options={[
            { value: "", label: t("budget.latestMonth") },
            ...data.months.map((month) => ({ value: String(month), label: t(`budget.month.${monthKey(month)}`) })),
          ]}
          value={view.month === null ? "" : String(view.month)}
          onChange={(event) => onChange({ ...view, month: event.target.value ? Number(event.target.value) : null })}
        />
        <Select
          label={t("budget.compareWith")}
          options={[
            { value: "", label: t("budget.noCompare") },
            ...data.publishedYears.filter((year) => year !== data.year).map((year) => ({ value: String(year), label: String(year) })),
          ]}
          value={view.compare === null ? "" : String(view.compare)}
          onChange={(event) => onChange({ ...view, compare: event.target.value ? Number(event.target.value) : null })}
        />
        <Select
          label={t("budget.organisation")}
          options={[
            { value: "", label: t("budget.allOrganisations") },
            ...data.organisations.map((organisation) => ({ value: organisation.code, label: organisation.name })),
          ]}
          value={view.organisation ?? ""}
          onChange={(event) => onChange(withTop(view, { organisation: event.target.value || null }))}
        />
        {data.versions.length > 1 && (
          <Select
            label={t("budget.version")}
            className="sm:col-span-2"
            options={[
              { value: "", label: t("budget.latestVersion") },
              ...data.versions.map((version) => ({
                value: version.publishedAt,
                label: t("budget.versionLabel", {
                  date: format.dateTime(version.publishedAt),
                  organisation: version.organisation,
                  month: t(`budget.month.${monthKey(version.month)}`),
                }),
              })),
            ]}
            value={view.asOf ?? ""}
            onChange={(event) => onChange({ ...view, asOf: event.target.value || null })}
          />
        )}
        <Checkbox
          className="sm:col-span-2 lg:col-span-4"
          label={t("budget.consolidated")}
          hint={t("budget.consolidatedHint")}
          checked={view.consolidated}
          onChange={(event) => onChange({ ...view, consolidated: event.target.checked })}
        />
      </form>
    </details>
  );
}

/** Revenue, expenditure, the balance and how it is financed (class 8), approved vs amended vs actual. */
function Summary({ data }: { data: BudgetPageData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const card = (key: "revenue" | "expenditure" | "balance" | "financing", amounts: AmountSet) => (
    <li key={key} className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4" data-budget-summary={key}>
      <h3 className="font-semibold">{t(`budget.summary.${key}`)}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        {(["approved", "amended", "actual"] as const).map((type) => (
          <div key={type} className="contents">
            <dt className="text-ink-muted">{t(`budget.amount.${type}`)}</dt>
            <dd className="text-right tabular-nums">{format.money(amounts[type])}</dd>
          </div>
        ))}
        {amounts.executionPercent !== null && key !== "balance" && key !== "financing" && (
          <div className="contents">
            <dt className="text-ink-muted">{t("budget.table.execution")}</dt>
            <dd className="text-right tabular-nums">{format.number(amounts.executionPercent)} %</dd>
          </div>
        )}
      </dl>
    </li>
  );
  return (
    <section aria-labelledby="budget-summary-heading" className="flex flex-col gap-3">
      <h2 id="budget-summary-heading" className="text-xl font-semibold">
        {t("budget.summary.title")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {card("revenue", data.summary.revenue)}
        {card("expenditure", data.summary.expenditure)}
        {card("balance", data.summary.balance)}
        {card("financing", data.summary.financing)}
      </ul>
      <p className="text-sm text-ink-muted">{t("budget.summary.balanceHint")}</p>
    </section>
  );
}

function TabLinks<T extends string>({
  label,
  values,
  current,
  href,
  text,
}: {
  label: string;
  values: readonly T[];
  current: T;
  href: (value: T) => string;
  text: (value: T) => string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {values.map((value) => (
          <li key={value}>
            <Link
              to={href(value)}
              aria-current={value === current ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-md border px-4 no-underline ${
                value === current ? "border-brand bg-brand font-semibold text-on-brand" : "border-line bg-surface text-ink hover:bg-page"
              }`}
            >
              {text(value)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SideTabs({ view }: { view: BudgetView }) {
  const { t } = useTranslation();
  return (
    <TabLinks<Side>
      label={t("budget.sideLabel")}
      values={SIDES}
      current={view.side}
      href={(side) => hrefOf(withTop(view, { side }))}
      text={(side) => t(`budget.side.${side}`)}
    />
  );
}

function DimensionTabs({ view }: { view: BudgetView }) {
  const { t } = useTranslation();
  return (
    <TabLinks
      label={t("budget.dimensionLabel")}
      values={DIMENSIONS}
      current={view.dimension}
      href={(dimension) => hrefOf(withTop(view, { dimension }))}
      text={(dimension) => t(`budget.dimension.${dimension}`)}
    />
  );
}

/** Where the view is in the drill path; every step above the current one is a link back up. */
function Breadcrumbs({ view, data }: { view: BudgetView; data: BudgetPageData }) {
  const { t } = useTranslation();
  if (data.path.length === 0) return null;
  const up = (index: number): BudgetView => {
    const keep = new Set(data.path.slice(0, index).map((step) => step.level));
    return {
      ...view,
      group: keep.has("group") ? view.group : null,
      key: keep.has("key") ? view.key : null,
      paragraf: keep.has("paragraf") ? view.paragraf : null,
      polozka: keep.has("polozka") ? view.polozka : null,
    };
  };
  return (
    <nav aria-label={t("budget.breadcrumbs")}>
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <li>
          <Link to={hrefOf(up(0))}>{t(`budget.side.${view.side}`)}</Link>
        </li>
        {data.path.map((step, index) => (
          <li key={step.level} className="flex items-center gap-2">
            <span aria-hidden="true">›</span>
            {index === data.path.length - 1 ? (
              <span aria-current="location" className="font-semibold">
                {step.code} {step.name}
              </span>
            ) : (
              <Link to={hrefOf(up(index + 1))}>
                {step.code} {step.name}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SortSelect({ view, onChange }: { view: BudgetView; onChange: (sort: BudgetView["sort"]) => void }) {
  const { t } = useTranslation();
  const options = SORT_FIELDS.flatMap((field) =>
    (["asc", "desc"] as const).map((direction) => ({ value: `${field}-${direction}`, label: t(`budget.sort.${field}_${direction}`) })),
  );
  return (
    <Select
      label={t("budget.sort.label")}
      options={options}
      className="sm:w-72"
      value={`${view.sort.field}-${view.sort.direction}`}
      onChange={(event) => {
        const [field, direction] = event.target.value.split("-") as [SortField, SortDirection];
        onChange({ field, direction });
      }}
    />
  );
}

/** Downloads of exactly the view shown; the server builds the files from the same parameters. */
function ExportLinks({ view, year }: { view: BudgetView; year: number }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-labelledby="budget-export-label">
      <span id="budget-export-label" className="mr-1 font-medium">
        {t("budget.export.label")}:
      </span>
      {exportLinks(view, year).map(({ format, href }) => (
        <a
          key={format}
          href={href}
          download={format !== "json" || undefined}
          data-budget-export={format}
          className="inline-flex min-h-11 items-center rounded-md border border-line bg-surface px-3 no-underline hover:bg-page"
        >
          {t(`budget.export.${format}`)}
        </a>
      ))}
    </div>
  );
}

/** Rozpočtová opatření of the year: what changed the approved budget into the amended one. */
function Measures({ data }: { data: BudgetPageData }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="budget-measures-heading" className="flex flex-col gap-3">
      <h2 id="budget-measures-heading" className="text-xl font-semibold">
        {t("budget.measures.title")}
      </h2>
      <p className="text-ink-muted">{t("budget.measures.intro")}</p>
      <ul className="flex flex-col gap-2">
        {data.measures.map((measure) => (
          <li key={measure.id} className="flex flex-col gap-1 rounded-lg border border-line bg-surface p-4 sm:flex-row sm:justify-between">
            <div>
              <p className="font-semibold">
                {measure.number}: {measure.title}
              </p>
              <p className="text-sm text-ink-muted">
                {measure.organisation} ·{" "}
                {t("budget.measures.approvedBy", { by: measure.approvedBy, date: format.date(measure.approvedOn) })}
              </p>
            </div>
            <p className="tabular-nums sm:text-right">{format.money(measure.change)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
