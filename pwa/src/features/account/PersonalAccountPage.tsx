import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { buttonClass } from "../../components/Button.tsx";
import { Select } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { PersonalAccountQuery } from "./operations.ts";
import {
  ASSESSMENT_KINDS,
  detailPath,
  filtersFromSearch,
  fromHalere,
  groupByYear,
  isPayable,
  matchesFilters,
  searchFromFilters,
  STATUS_FILTERS,
  toHalere,
  type AccountAssessment,
  type AccountFilters,
  type PersonalAccount,
} from "./personal-account-model.ts";
import { LastUpdated, SelectedPaymentActions, StatusBadge } from "./personal-account-parts.tsx";

/** Osobní účet: what the signed-in citizen's payers owe the town, this year and earlier. Wrapped in RequireViewer. */
export function PersonalAccountPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: PersonalAccountQuery });
  // Offline with nothing on the device, no answer is coming: say so instead of loading forever.
  const { online } = useNetworkStatus();
  const account = data?.personalAccount;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <PageHeading>{t("personalAccount.title")}</PageHeading>
        {account && <LastUpdated loadedAt={account.loadedAt} />}
      </div>
      {!account &&
        ((error && !fetching) || !online ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />)}
      {account && <AccountOverview account={account} />}
    </div>
  );
}

function AccountOverview({ account }: { account: PersonalAccount }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearch(searchParams);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const payerNames = useMemo(() => new Map(account.payers.map((payer) => [payer.id, payer.name])), [account.payers]);
  const showPayer = account.payers.length > 1;

  const shown = account.assessments.filter((a) => matchesFilters(a, filters));
  const groups = groupByYear(shown);
  // Only what is still payable and still in the account counts (a refresh may have paid an item meanwhile).
  const selectedItems = account.assessments
    .filter((a) => selected.has(a.id) && isPayable(a))
    .map((a) => ({ assessmentId: a.id, amount: a.remaining }));
  const selectedTotal = fromHalere(selectedItems.reduce((total, item) => total + toHalere(item.amount), 0));

  const setFilters = (next: Partial<AccountFilters>) => setSearchParams(searchFromFilters({ ...filters, ...next }), { replace: true });
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  if (account.payers.length === 0) {
    return (
      <EmptyState title={t("personalAccount.noPayers")}>
        <p>{t("personalAccount.noPayersHint")}</p>
        <Link to="/osobni-ucet/pripojit" className={buttonClass("primary", "mt-3 no-underline")}>
          {t("personalAccount.claimLink")}
        </Link>
      </EmptyState>
    );
  }

  return (
    <>
      <Totals account={account} />
      <p>
        <Link to="/osobni-ucet/pripojit">{t("personalAccount.claimLink")}</Link>
      </p>
      <Filters account={account} filters={filters} onChange={setFilters} />
      {groups.length === 0 && <EmptyState title={t("personalAccount.noMatch")} />}
      {groups.map((group) => (
        <section key={group.year} aria-labelledby={`year-${group.year}`} className="flex flex-col gap-3">
          <h2 id={`year-${group.year}`} className="text-xl font-semibold">
            {t("personalAccount.year", { year: group.year })}
          </h2>
          <ul className="flex flex-col gap-3">
            {group.assessments.map((assessment) => (
              <AssessmentItem
                key={assessment.id}
                assessment={assessment}
                payerName={showPayer ? (payerNames.get(assessment.payerId) ?? null) : null}
                selected={selected.has(assessment.id)}
                onToggle={(on) => toggle(assessment.id, on)}
              />
            ))}
          </ul>
        </section>
      ))}
      <SelectionBar count={selectedItems.length} total={selectedTotal} onClear={() => setSelected(new Set())}>
        <SelectedPaymentActions items={selectedItems} />
      </SelectionBar>
    </>
  );
}

function Totals({ account }: { account: PersonalAccount }) {
  const { t } = useTranslation();
  const format = useFormat();
  const overdue = toHalere(account.totalOverdue) > 0;
  const credit = toHalere(account.totalCredit) > 0;
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="sr-only">
        {t("personalAccount.totals")}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-line bg-surface p-4">
          <dt className="text-ink-muted">{t("personalAccount.totalDue")}</dt>
          <dd className="text-2xl font-bold" data-testid="total-due">
            {format.money(account.totalDue as `${number}`)}
          </dd>
        </div>
        <div className={`rounded-lg border p-4 ${overdue ? "border-2 border-danger bg-surface" : "border-line bg-surface"}`}>
          <dt className={overdue ? "font-semibold text-danger" : "text-ink-muted"}>{t("personalAccount.totalOverdue")}</dt>
          <dd className={`text-2xl font-bold ${overdue ? "text-danger" : ""}`} data-testid="total-overdue">
            {format.money(account.totalOverdue as `${number}`)}
          </dd>
        </div>
        <div className="rounded-lg border border-line bg-surface p-4">
          <dt className="text-ink-muted">{t("personalAccount.totalCredit")}</dt>
          <dd className={`text-2xl font-bold ${credit ? "text-success" : ""}`}>{format.money(account.totalCredit as `${number}`)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Filters({
  account,
  filters,
  onChange,
}: {
  account: PersonalAccount;
  filters: AccountFilters;
  onChange: (next: Partial<AccountFilters>) => void;
}) {
  const { t } = useTranslation();
  const all = { value: "", label: t("personalAccount.filters.all") };
  return (
    <form
      role="search"
      aria-label={t("personalAccount.filters.label")}
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Select
        label={t("personalAccount.filters.year")}
        value={filters.year === null ? "" : String(filters.year)}
        options={[all, ...account.years.map((year) => ({ value: String(year), label: String(year) }))]}
        onChange={(event) => onChange({ year: event.target.value ? Number(event.target.value) : null })}
      />
      <Select
        label={t("personalAccount.filters.kind")}
        value={filters.kind ?? ""}
        options={[all, ...ASSESSMENT_KINDS.map((kind) => ({ value: kind, label: t(`personalAccount.kind.${kind}`) }))]}
        onChange={(event) => onChange({ kind: (event.target.value || null) as AccountFilters["kind"] })}
      />
      <Select
        label={t("personalAccount.filters.status")}
        value={filters.status ?? ""}
        options={[all, ...STATUS_FILTERS.map((status) => ({ value: status, label: t(`personalAccount.statusFilter.${status}`) }))]}
        onChange={(event) => onChange({ status: (event.target.value || null) as AccountFilters["status"] })}
      />
    </form>
  );
}

function AssessmentItem({
  assessment: a,
  payerName,
  selected,
  onToggle,
}: {
  assessment: AccountAssessment;
  payerName: string | null;
  selected: boolean;
  onToggle: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const checkboxId = useId();
  const payable = isPayable(a);
  const due = a.nextDueDate ?? a.dueDate;
  return (
    <li
      className={`flex gap-3 rounded-lg border bg-surface p-4 ${a.isOverdue ? "border-2 border-danger" : "border-line"}`}
      data-testid="assessment"
      data-vs={a.variableSymbol}
    >
      <div className="flex w-6 shrink-0 justify-center pt-1">
        {payable && (
          <input
            id={checkboxId}
            type="checkbox"
            className="size-5 accent-brand"
            checked={selected}
            onChange={(event) => onToggle(event.target.checked)}
            aria-label={t("personalAccount.select", { subject: a.subject, vs: a.variableSymbol })}
          />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h3 className="min-w-0 font-semibold break-words">
            <Link to={detailPath(a.id)}>{a.subject}</Link>
          </h3>
          <StatusBadge assessment={a} />
        </div>
        {payerName && <p className="text-sm text-ink-muted">{t("personalAccount.payer", { name: payerName })}</p>}
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-ink-muted">{t("personalAccount.amount")}</dt>
            <dd className="font-medium">{format.money(a.amount as `${number}`)}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">{t("personalAccount.remaining")}</dt>
            <dd className="font-medium">{format.money(a.remaining as `${number}`)}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">{t("personalAccount.dueDate")}</dt>
            <dd className={`font-medium whitespace-nowrap ${a.isOverdue ? "text-danger" : ""}`}>{format.date(due)}</dd>
          </div>
          <div>
            <dt className="text-ink-muted">{t("personalAccount.variableSymbol")}</dt>
            <dd className="font-medium">{a.variableSymbol}</dd>
          </div>
        </dl>
        {a.isOverdue && (
          <p className="text-sm font-semibold text-danger">
            {t("personalAccount.overdueAmount", { amount: format.money(a.overdue as `${number}`) })}
          </p>
        )}
      </div>
    </li>
  );
}

/** Sticks to the bottom of the screen while something is selected; the payment button goes in its slot. */
function SelectionBar({
  count,
  total,
  onClear,
  children,
}: {
  count: number;
  total: `${number}`;
  onClear: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div role="region" aria-label={t("personalAccount.selection.label")} className={count > 0 ? "sticky bottom-0 z-10" : ""}>
      <div aria-live="polite" className={count > 0 ? "" : "sr-only"}>
        {count > 0 && (
          <div className="flex flex-wrap items-center gap-3 rounded-lg border-2 border-brand bg-surface p-4 shadow-lg">
            <p className="mr-auto font-semibold" data-testid="selection-summary">
              {t("personalAccount.selection.summary", { count, total: format.money(total) })}
            </p>
            {children}
            <button type="button" className={buttonClass("secondary")} onClick={onClear}>
              {t("personalAccount.selection.clear")}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
