import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { TextField } from "../../components/fields.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { useFormat } from "../../i18n/format.ts";
import {
  EMPTY_FILTER,
  filterSchema,
  SORT_DIRECTIONS,
  SORT_FIELDS,
  type FilterValues,
  type ListQuery,
  type SortDirection,
  type SortField,
} from "./filters.ts";
import { KIND_ORDER, REGISTER_KINDS, type RegisterKind } from "./kinds.ts";

// Pieces the public registers and the clerk's register pages share.

/** Links between the three registers (and whatever else the area has, e.g. the clerk's import). */
export function RegisterTabs({ base = "", extra = [] }: { base?: string; extra?: ReadonlyArray<{ to: string; label: string }> }) {
  const { t } = useTranslation();
  const items = [
    ...KIND_ORDER.map((kind) => ({ to: `${base}/${REGISTER_KINDS[kind].path}`, label: t(`registers.kind.${kind}.title`) })),
    ...extra,
  ];
  return <TabNav label={t("registers.tabsLabel")} items={items} />;
}

function useWideScreen(): boolean {
  const query = "(min-width: 768px)";
  const [wide] = useState(() => typeof matchMedia === "function" && matchMedia(query).matches);
  return wide;
}

/**
 * The filter form. On phones it starts folded (the list matters more) unless a filter is set; the
 * values are checked as typed, so a wrong amount or year never reaches the API or the URL.
 */
export function FilterForm({
  kind,
  query,
  onApply,
  children,
}: {
  kind: RegisterKind;
  query: ListQuery;
  onApply: (values: FilterValues) => void;
  /** More controls (the clerk's status filters), shown inside the same disclosure. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const wide = useWideScreen();
  const form = useZodForm(filterSchema, query.values);
  const active = Object.values(query.values).filter((value) => value.trim() !== "").length;

  const onSubmit = form.handleSubmit(async (values) => onApply(values));

  return (
    <details open={wide || active > 0} className="group rounded-lg border border-line bg-surface">
      <summary className="flex min-h-11 cursor-pointer items-center px-4 py-2 font-semibold">
        {active > 0 ? t("registers.filter.titleActive", { count: active }) : t("registers.filter.title")}
      </summary>
      <div className="flex flex-col gap-4 border-t border-line p-4">
        <Form onSubmit={onSubmit} error={form.formError} label={t("registers.filter.title")}>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <TextField
              label={t(`registers.kind.${kind}.partyFilter`)}
              hint={t("registers.filter.partyHint")}
              autoComplete="off"
              {...form.bind("counterparty")}
            />
            <TextField label={t("registers.filter.year")} inputMode="numeric" autoComplete="off" {...form.bind("year")} />
            <TextField label={t("registers.filter.department")} hint={t("registers.filter.departmentHint")} {...form.bind("department")} />
            <TextField
              label={t("registers.filter.amountMin")}
              hint={t("registers.filter.amountHint")}
              inputMode="decimal"
              autoComplete="off"
              {...form.bind("amountMin")}
            />
            <TextField label={t("registers.filter.amountMax")} inputMode="decimal" autoComplete="off" {...form.bind("amountMax")} />
          </div>
          <div className="flex flex-wrap gap-3">
            <Button type="submit">{t("registers.filter.apply")}</Button>
            {active > 0 && (
              <Button variant="secondary" onClick={() => onApply(EMPTY_FILTER)}>
                {t("registers.filter.clear")}
              </Button>
            )}
          </div>
        </Form>
        {children}
      </div>
    </details>
  );
}

/** One select for the column and direction together; the list re-sorts as soon as it changes. */
export function SortSelect({
  query,
  onChange,
  kind,
}: {
  query: ListQuery;
  kind: RegisterKind;
  onChange: (field: SortField, direction: SortDirection) => void;
}) {
  const { t } = useTranslation();
  const id = "register-sort";
  const options = SORT_FIELDS.flatMap((field) => SORT_DIRECTIONS.map((direction) => ({ field, direction })));
  return (
    <div className="flex flex-col gap-1 sm:items-start">
      <label htmlFor={id} className="font-medium">
        {t("registers.sort.label")}
      </label>
      <select
        id={id}
        className="block min-h-11 w-full rounded-md border border-line bg-surface px-3 py-2 text-ink sm:w-auto"
        value={`${query.orderBy.field}-${query.orderBy.direction}`}
        onChange={(event) => {
          const [field, direction] = event.target.value.split("-") as [SortField, SortDirection];
          onChange(field, direction);
        }}
      >
        {options.map(({ field, direction }) => (
          <option key={`${field}-${direction}`} value={`${field}-${direction}`}>
            {field === "COUNTERPARTY" ? t(`registers.kind.${kind}.sortParty${direction}`) : t(`registers.sort.${field}_${direction}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface Totals {
  count: number;
  amountWithoutVat: `${number}`;
  amountWithVat: `${number}`;
}

/** How many entries match and what they add up to; announced politely when the filter changes. */
export function TotalsSummary({ kind, totals, shown }: { kind: RegisterKind; totals: Totals | undefined; shown: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p role="status" aria-live="polite" className="text-ink-muted">
      {totals &&
        (totals.count === 0
          ? t(`registers.kind.${kind}.none`)
          : t(`registers.kind.${kind}.found`, {
              count: totals.count,
              withVat: format.money(totals.amountWithVat),
              withoutVat: format.money(totals.amountWithoutVat),
            }) + (shown < totals.count ? ` ${t("registers.shown", { shown, count: totals.count })}` : ""))}
    </p>
  );
}

/**
 * "Load more" that keeps the keyboard user's place: once the next page arrives, focus moves to the
 * first new entry's link (the button itself may disappear with the last page).
 */
export function useLoadMore(rowCount: number, rowLinkSelector = "[data-row-link]") {
  const pendingFrom = useRef<number | null>(null);
  useEffect(() => {
    const from = pendingFrom.current;
    if (from === null || rowCount <= from) return;
    pendingFrom.current = null;
    const visible = [...document.querySelectorAll<HTMLElement>(rowLinkSelector)].filter((link) => link.offsetParent !== null);
    visible[from]?.focus();
  }, [rowCount, rowLinkSelector]);
  return (load: () => void) => {
    pendingFrom.current = rowCount;
    load();
  };
}

export function LoadMoreButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" busy={busy} className="self-start" onClick={onClick}>
      {t("common.loadMore")}
    </Button>
  );
}

/** A counterparty or supplier with its IČO underneath. */
export function Party({ name, ico }: { name: string; ico: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <span>{name}</span>
      {ico && (
        <span className="block text-sm text-ink-muted">
          {t("registers.field.ico")} {ico}
        </span>
      )}
    </>
  );
}

/** Label/value pairs of a detail page; empty values are shown as a dash, not left out, so every field is accounted for. */
export function DetailList({ items }: { items: ReadonlyArray<{ label: string; value: ReactNode }> }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {items.map((item) => (
        <div key={item.label} className="contents">
          <dt className="font-medium text-ink-muted">{item.label}</dt>
          <dd className="min-w-0 break-words">{item.value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Amount({ value }: { value: `${number}` }) {
  const format = useFormat();
  return <span className="whitespace-nowrap tabular-nums">{format.money(value)}</span>;
}
