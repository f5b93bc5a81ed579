import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format.ts";
import { amount, type BudgetRow } from "./rows.ts";

/**
 * A horizontal bar chart of a budget level, drawn as plain SVG (no chart library: the page needs one chart type,
 * and a library such as recharts or visx would add 40-100 kB to the budget page for it; see docs/ARCHITECTURE.md).
 *
 * Per row: the amended budget as a light bar, the actual amount as a dark bar inside it, the approved budget as a
 * tick, and the comparison year's actual amount as a dashed outline. Labels sit above the bars at the device's
 * text size (the SVG is measured, never scaled), so a phone reads them as well as a desktop. Small items stay
 * visible: any non-zero bar is at least MIN_BAR px wide, and every row has the same height whatever its share.
 *
 * For assistive technology the chart is one image with a summary; the table right under it holds every value and
 * the links (the chart's rows are clickable for mouse and touch, the same links in the table for the keyboard).
 */
const ROW_HEIGHT = 46;
const BAR_TOP = 22;
const BAR_HEIGHT = 16;
/** Below this width (phones) the amount goes under the bar, so the label keeps the whole line. */
const NARROW = 520;
const NARROW_ROW_HEIGHT = 64;
const MIN_BAR = 4;
/** Roughly the width of an average character of the 14px label font, to cut long names with an ellipsis. */
const CHAR_WIDTH = 7.4;

function useWidth<T extends Element>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    if (typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1)).trimEnd()}…`;
}

export function BudgetChart({
  title,
  rows,
  compareYear,
  onSelect,
}: {
  title: string;
  rows: readonly BudgetRow[];
  compareYear: number | null;
  onSelect?: (row: BudgetRow) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descriptionId = useId();

  const max = Math.max(
    0,
    ...rows.flatMap((row) => [amount(row.approved), amount(row.amended), amount(row.actual), amount(row.compareActual)]),
  );
  const scale = (value: number) => {
    if (max <= 0 || value <= 0 || width === 0) return 0;
    return Math.max(MIN_BAR, (value / max) * width);
  };
  const compact = new Intl.NumberFormat(format.language, {
    style: "currency",
    currency: "CZK",
    notation: "compact",
    maximumFractionDigits: 1,
  });

  const largest = rows.reduce<BudgetRow | null>(
    (best, row) => (best === null || amount(row.actual) > amount(best.actual) ? row : best),
    null,
  );
  const overspent = rows.filter((row) => row.overspent).length;
  const summary = [
    t("budget.chart.summary", { count: rows.length }),
    largest && amount(largest.actual) > 0 ? t("budget.chart.largest", { name: largest.name, amount: format.money(largest.actual) }) : "",
    overspent > 0 ? t("budget.chart.overspentCount", { count: overspent }) : "",
  ]
    .filter(Boolean)
    .join(" ");

  const narrow = width < NARROW;
  const rowHeight = narrow ? NARROW_ROW_HEIGHT : ROW_HEIGHT;
  const height = rows.length * rowHeight;
  const valueText = (row: BudgetRow) =>
    `${compact.format(amount(row.actual))}${row.executionPercent === null ? "" : ` · ${format.number(row.executionPercent)} %`}`;

  return (
    <figure className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <figcaption id={titleId} className="font-semibold">
        {title}
      </figcaption>
      <div ref={ref} className="w-full">
        {width > 0 && (
          <svg
            width={width}
            height={height}
            role="img"
            aria-labelledby={titleId}
            aria-describedby={descriptionId}
            className="block overflow-visible text-sm"
            data-budget-chart
          >
            <desc id={descriptionId}>{summary}</desc>
            {rows.map((row, index) => {
              const y = index * rowHeight;
              const value = valueText(row);
              const labelChars = Math.floor((width - (narrow ? 0 : value.length * CHAR_WIDTH + 12)) / CHAR_WIDTH);
              const approvedX = scale(amount(row.approved));
              const clickable = Boolean(onSelect && row.drillable);
              return (
                <g
                  key={row.code ?? `none-${index}`}
                  transform={`translate(0 ${y})`}
                  onClick={clickable ? () => onSelect!(row) : undefined}
                  className={clickable ? "cursor-pointer hover:opacity-80" : undefined}
                  data-code={row.code ?? ""}
                >
                  <title>{`${row.name}: ${t("budget.amount.actual")} ${format.money(row.actual)}, ${t("budget.amount.amended")} ${format.money(row.amended)}`}</title>
                  <text x={0} y={15} className="fill-ink">
                    {truncate(
                      row.code && row.code !== "UNCLASSIFIED" && !row.name.startsWith(row.code) ? `${row.code} ${row.name}` : row.name,
                      Math.max(8, labelChars),
                    )}
                  </text>
                  <text
                    x={narrow ? 0 : width}
                    y={narrow ? BAR_TOP + BAR_HEIGHT + 17 : 15}
                    textAnchor={narrow ? "start" : "end"}
                    className={row.overspent ? "fill-danger font-semibold" : "fill-ink-muted"}
                  >
                    {row.overspent ? `⚠ ${value}` : value}
                  </text>
                  <rect x={0} y={BAR_TOP} width={width} height={BAR_HEIGHT} className="fill-page" />
                  <rect x={0} y={BAR_TOP} width={scale(amount(row.amended))} height={BAR_HEIGHT} className="fill-brand/25" />
                  <rect
                    x={0}
                    y={BAR_TOP + 3}
                    width={scale(amount(row.actual))}
                    height={BAR_HEIGHT - 6}
                    className={row.overspent ? "fill-danger" : "fill-brand"}
                  />
                  {approvedX > 0 && <rect x={approvedX - 1.5} y={BAR_TOP - 3} width={3} height={BAR_HEIGHT + 6} className="fill-ink" />}
                  {compareYear !== null && amount(row.compareActual) > 0 && (
                    <rect
                      x={0.75}
                      y={BAR_TOP + 0.75}
                      width={Math.max(0, scale(amount(row.compareActual)) - 1.5)}
                      height={BAR_HEIGHT - 1.5}
                      fill="none"
                      strokeWidth={1.5}
                      strokeDasharray="4 3"
                      className="stroke-ink"
                    />
                  )}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-ink-muted" aria-label={t("budget.chart.legend")}>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3 w-5 bg-brand" />
          {t("budget.amount.actual")}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-3 w-5 bg-brand/25" />
          {t("budget.amount.amended")}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-4 w-[3px] bg-ink" />
          {t("budget.amount.approved")}
        </li>
        {compareYear !== null && (
          <li className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-3 w-5 border-[1.5px] border-dashed border-ink" />
            {t("budget.chart.compareActual", { year: compareYear })}
          </li>
        )}
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="font-semibold text-danger">
            ⚠
          </span>
          {t("budget.overspent")}
        </li>
      </ul>
    </figure>
  );
}
