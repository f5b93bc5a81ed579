import type { ReactNode } from "react";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Keeps the cell on one line (dates: "16. 11. 2026" split over two lines reads as two values). */
  nowrap?: boolean;
}

interface ResponsiveTableProps<Row> {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
}

/**
 * A real table from the `md` breakpoint up; on phones each row becomes a card of label/value pairs, which reads
 * better than a sideways-scrolling table. The hidden variant is `display: none`, so it is not read twice. A table
 * wider than the page (many columns on a narrow desktop) scrolls inside its own box instead of spilling out.
 */
export function ResponsiveTable<Row>({ caption, columns, rows, rowKey }: ResponsiveTableProps<Row>) {
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full border-collapse bg-surface text-left">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col" className="border-b-2 border-line px-3 py-2 font-semibold">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-line align-top">
                {columns.map((column) => (
                  <td key={column.header} className={`px-3 py-2 ${column.nowrap ? "whitespace-nowrap" : ""}`}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden" aria-label={caption}>
        {rows.map((row) => (
          <li key={rowKey(row)} className="rounded-lg border border-line bg-surface p-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {columns.map((column) => (
                <div key={column.header} className="contents">
                  <dt className="font-medium text-ink-muted">{column.header}</dt>
                  <dd className={`min-w-0 break-words ${column.nowrap ? "whitespace-nowrap" : ""}`}>{column.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
