import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormat } from "../../i18n/format.ts";
import { changePercent, type BudgetRow } from "./rows.ts";
import { UNCLASSIFIED, type SortField } from "./view-state.ts";

interface Totals {
  approved: `${number}`;
  amended: `${number}`;
  actual: `${number}`;
  executionPercent: number | null;
  compareActual?: `${number}` | null;
}

/**
 * The table under every chart: every row's exact amounts, the execution in percent, the comparison year and the
 * overspend flag, with the level's total in the footer. The row's name links one level deeper. A real table from
 * the `md` breakpoint up; on phones each row is a card of label/value pairs.
 */
export function BudgetTable({
  caption,
  rows,
  total,
  compareLabel,
  sortField,
  sortDirection,
  linkTo,
}: {
  caption: string;
  rows: readonly BudgetRow[];
  total: Totals;
  /** The comparison column's header ("Skutečnost 2025 (ke konci prosince)"); null: no comparison. */
  compareLabel: string | null;
  sortField: SortField;
  sortDirection: "asc" | "desc";
  linkTo: (row: BudgetRow) => string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (value: number | null) => (value === null ? "—" : `${format.number(value)} %`);
  const signedPercent = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${format.number(value)} %`);

  interface Column {
    id: string;
    header: string;
    sort?: SortField;
    numeric?: boolean;
    cell: (row: BudgetRow) => ReactNode;
    footer: ReactNode;
  }
  const columns: Column[] = [
    {
      id: "name",
      header: t("budget.table.item"),
      sort: "code",
      cell: (row) => {
        const label = (
          <>
            {row.code && row.code !== UNCLASSIFIED && row.name !== row.code && !row.name.startsWith(row.code) && (
              <span className="mr-2 tabular-nums text-ink-muted">{row.code}</span>
            )}
            {row.name}
          </>
        );
        const to = linkTo(row);
        return to ? (
          <Link to={to} data-budget-row={row.code ?? ""}>
            {label}
          </Link>
        ) : (
          <span>{label}</span>
        );
      },
      footer: <strong>{t("budget.table.total")}</strong>,
    },
    {
      id: "approved",
      header: t("budget.amount.approved"),
      sort: "approved",
      numeric: true,
      cell: (row) => format.money(row.approved),
      footer: format.money(total.approved),
    },
    {
      id: "amended",
      header: t("budget.amount.amended"),
      sort: "amended",
      numeric: true,
      cell: (row) => format.money(row.amended),
      footer: format.money(total.amended),
    },
    {
      id: "actual",
      header: t("budget.amount.actual"),
      sort: "actual",
      numeric: true,
      cell: (row) => format.money(row.actual),
      footer: format.money(total.actual),
    },
    {
      id: "execution",
      header: t("budget.table.execution"),
      numeric: true,
      cell: (row) => (
        <span className={row.overspent ? "font-semibold text-danger" : undefined}>
          {percent(row.executionPercent)}
          {row.overspent && <span className="block text-sm">⚠ {t("budget.overspent")}</span>}
        </span>
      ),
      footer: percent(total.executionPercent),
    },
    ...(compareLabel !== null
      ? [
          {
            id: "compare",
            header: compareLabel,
            numeric: true,
            cell: (row: BudgetRow) => (row.compareActual ? format.money(row.compareActual) : "—"),
            footer: total.compareActual ? format.money(total.compareActual) : "—",
          },
          {
            id: "change",
            header: t("budget.table.change"),
            numeric: true,
            cell: (row: BudgetRow) => signedPercent(changePercent(row.actual, row.compareActual)),
            footer: signedPercent(changePercent(total.actual, total.compareActual)),
          },
        ]
      : []),
  ];

  const ariaSort = (column: Column) =>
    column.sort && column.sort === sortField ? (sortDirection === "asc" ? "ascending" : "descending") : undefined;

  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse bg-surface text-left" data-budget-table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={ariaSort(column)}
                  className={`border-b-2 border-line px-3 py-2 font-semibold ${column.numeric ? "text-right" : ""}`}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.code ?? `none-${index}`} className={`border-b border-line align-top ${row.overspent ? "bg-danger/5" : ""}`}>
                {columns.map((column, position) =>
                  position === 0 ? (
                    <th key={column.id} scope="row" className="min-w-56 px-3 py-2 text-left font-normal">
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={`px-3 py-2 ${column.numeric ? "whitespace-nowrap text-right tabular-nums" : ""}`}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-line font-semibold">
              {columns.map((column, position) =>
                position === 0 ? (
                  <th key={column.id} scope="row" className="px-3 py-2 text-left">
                    {column.footer}
                  </th>
                ) : (
                  <td key={column.id} className={`px-3 py-2 ${column.numeric ? "whitespace-nowrap text-right tabular-nums" : ""}`}>
                    {column.footer}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden" aria-label={caption}>
        {rows.map((row, index) => (
          <li
            key={row.code ?? `none-${index}`}
            className={`rounded-lg border bg-surface p-4 ${row.overspent ? "border-danger" : "border-line"}`}
          >
            <p className="mb-2 font-semibold">{columns[0]!.cell(row)}</p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {columns.slice(1).map((column) => (
                <div key={column.id} className="contents">
                  <dt className="text-ink-muted">{column.header}</dt>
                  <dd className="text-right tabular-nums">{column.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
        <li className="rounded-lg border-2 border-line bg-surface p-4">
          <p className="mb-2 font-semibold">{t("budget.table.total")}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {columns.slice(1).map((column) => (
              <div key={column.id} className="contents">
                <dt className="text-ink-muted">{column.header}</dt>
                <dd className="text-right font-semibold tabular-nums">{column.footer}</dd>
              </div>
            ))}
          </dl>
        </li>
      </ul>
    </>
  );
}
