import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Checkbox, FileField, TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { TabNav } from "../../components/TabNav.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import {
  AssessmentsForPairingQuery,
  BankStatementsQuery,
  ImportBankStatementMutation,
  PairPaymentMutation,
  PaymentQuery,
  ReversePaymentAllocationMutation,
  UnpairedPaymentsQuery,
  type PaymentFields,
} from "./operations.ts";

export const PAYMENTS_BASE = "/urad/platby";

type Payment = ResultOf<typeof PaymentFields>;
type ImportAnswer = NonNullable<ResultOf<typeof ImportBankStatementMutation>["importBankStatement"]>;
type ImportReport = Extract<ImportAnswer, { __typename: "ImportBankStatementSuccess" }>["report"];

const uuidOf = (id: string) => {
  try {
    return atob(id).split(":")[1] ?? id;
  } catch {
    return id;
  }
};
/** "CZ65 0800 0000 1920 0014 5399": readable, and breaks between groups on a phone. */
const groupedIban = (iban: string) => iban.replace(/(.{4})(?=.)/g, "$1 ");
const paymentLink = (id: string) => `${PAYMENTS_BASE}/platba/${uuidOf(id)}`;

function Money({ value }: { value: `${number}` }) {
  const format = useFormat();
  return <span className="whitespace-nowrap tabular-nums">{format.money(value)}</span>;
}

/** Statements, import and unpaired payments: the finance clerk's three places. */
function PaymentsFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const items = [
    { to: PAYMENTS_BASE, label: t("paymentsClerk.tabs.statements"), end: true },
    { to: `${PAYMENTS_BASE}/import`, label: t("paymentsClerk.tabs.import"), end: false },
    { to: `${PAYMENTS_BASE}/nesparovane`, label: t("paymentsClerk.tabs.unpaired"), end: false },
  ];
  return (
    <div className="flex flex-col gap-5">
      <PageHeading>{title}</PageHeading>
      <TabNav label={t("paymentsClerk.tabs.label")} items={items} />
      {children}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Statements

export function BankStatementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: BankStatementsQuery, variables: { first: 50 } });
  const statements = data?.bankStatements.nodes ?? [];
  return (
    <PaymentsFrame title={t("paymentsClerk.statements.title")}>
      {!data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : fetching && <Loading />)}
      {data && statements.length === 0 && (
        <EmptyState title={t("paymentsClerk.statements.empty")}>
          <Link to={`${PAYMENTS_BASE}/import`}>{t("paymentsClerk.statements.importFirst")}</Link>
        </EmptyState>
      )}
      {statements.length > 0 && (
        <ResponsiveTable
          caption={t("paymentsClerk.statements.title")}
          rows={statements}
          rowKey={(statement) => statement.id}
          columns={[
            {
              header: t("paymentsClerk.statements.number"),
              cell: (s) => `${s.statementNumber} (${s.format === "GPC" ? "GPC" : "camt.053"})`,
            },
            {
              header: t("paymentsClerk.statements.account"),
              cell: (s) => (
                <>
                  {s.bankAccountLabel}
                  <br />
                  <span className="text-ink-muted">{groupedIban(s.accountIban)}</span>
                </>
              ),
            },
            {
              header: t("paymentsClerk.statements.period"),
              cell: (s) =>
                s.periodFrom === s.periodTo ? format.date(s.periodTo) : `${format.date(s.periodFrom)} – ${format.date(s.periodTo)}`,
            },
            {
              header: t("paymentsClerk.statements.balances"),
              cell: (s) => (
                <>
                  <Money value={s.openingBalance} /> → <Money value={s.closingBalance} />
                </>
              ),
            },
            {
              header: t("paymentsClerk.statements.lines"),
              cell: (s) => t("paymentsClerk.statements.linesValue", { lines: s.lineCount, payments: s.pairing.paymentCount }),
            },
            {
              header: t("paymentsClerk.statements.pairing"),
              cell: (s) =>
                s.pairing.unpairedCount > 0 ? (
                  <Link to={`${PAYMENTS_BASE}/nesparovane?vypis=${uuidOf(s.id)}`}>
                    {t("paymentsClerk.statements.pairingValue", { paired: s.pairing.pairedCount, unpaired: s.pairing.unpairedCount })}
                  </Link>
                ) : (
                  t("paymentsClerk.statements.allPaired", { paired: s.pairing.pairedCount })
                ),
            },
          ]}
        />
      )}
    </PaymentsFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// Import

export function StatementImportPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const [, importStatement] = useMutation(ImportBankStatementMutation);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [allowGap, setAllowGap] = useState(false);
  const [gapQuestion, setGapQuestion] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ line: number | null; message: string }[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dryRun: boolean) {
    if (!file) {
      setFileError(t("paymentsClerk.import.chooseFile"));
      return;
    }
    setBusy(true);
    setFileError(undefined);
    setProblems([]);
    try {
      const result = await importStatement({ input: { file, dryRun, allowGap } });
      const answer = result.data?.importBankStatement;
      if (answer?.__typename === "ImportBankStatementSuccess") {
        setReport(answer.report);
        setGapQuestion(null);
        if (!dryRun) toast(t("paymentsClerk.import.done"));
        return;
      }
      setReport(null);
      if (answer?.__typename === "StatementFileError") {
        setFileError(answer.message);
        setProblems(answer.problems);
      } else if (answer && "fieldErrors" in answer && answer.fieldErrors) {
        const gap = answer.fieldErrors.find((error) => error.path.at(-1) === "allowGap");
        if (gap) setGapQuestion(gap.message);
        else setFileError(answer.fieldErrors.map((error) => error.message).join(" ") || answer.message);
      } else {
        setFileError(result.error?.networkError ? t("errors.network") : t("errors.unexpected"));
      }
    } finally {
      setBusy(false);
    }
  }

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  return (
    <PaymentsFrame title={t("paymentsClerk.import.title")}>
      <form onSubmit={onPreview} noValidate aria-label={t("paymentsClerk.import.title")} className="flex max-w-2xl flex-col gap-4">
        <p>{t("paymentsClerk.import.intro")}</p>
        <FileField
          label={t("paymentsClerk.import.file")}
          hint={t("paymentsClerk.import.fileHint")}
          accept=".gpc,.abo,.txt,.xml,text/plain,application/xml,text/xml"
          required
          error={fileError}
          onFile={(chosen) => {
            setFile(chosen);
            setFileError(undefined);
            setReport(null);
            setProblems([]);
            setGapQuestion(null);
            setAllowGap(false);
          }}
        />
        {gapQuestion && (
          <div role="alert" className="flex flex-col gap-2 rounded-md border-2 border-accent p-3">
            <p className="font-medium">{gapQuestion}</p>
            <Checkbox
              label={t("paymentsClerk.import.allowGap")}
              checked={allowGap}
              onChange={(event) => setAllowGap(event.target.checked)}
            />
          </div>
        )}
        <Button type="submit" busy={busy && !report} disabled={busy} className="self-start">
          {t("paymentsClerk.import.preview")}
        </Button>
      </form>

      {problems.length > 0 && (
        <section aria-labelledby="statement-problems-heading" className="flex flex-col gap-2">
          <h2 id="statement-problems-heading" className="text-xl font-semibold text-danger">
            {t("paymentsClerk.import.problems", { count: problems.length })}
          </h2>
          <ul className="list-inside list-disc">
            {problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </section>
      )}

      {report && <ImportReportView report={report} busy={busy} onConfirm={() => void send(false)} />}
    </PaymentsFrame>
  );
}

function ImportReportView({ report, busy, onConfirm }: { report: ImportReport; busy: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nothingNew = report.statements.every((statement) => statement.newPaymentCount === 0 && statement.alreadyImported);
  return (
    <section aria-labelledby="import-report-heading" className="flex flex-col gap-4">
      <h2 id="import-report-heading" className="text-xl font-semibold">
        {report.dryRun
          ? t("paymentsClerk.import.previewHeading", { name: report.fileName })
          : t("paymentsClerk.import.resultHeading", { name: report.fileName })}
      </h2>
      {report.statements.map((statement) => (
        <div
          key={`${statement.accountIban}-${statement.statementNumber}`}
          className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4"
        >
          <h3 className="text-lg font-semibold">
            {t("paymentsClerk.import.statementHeading", { number: statement.statementNumber, account: statement.bankAccountLabel })}
          </h3>
          <p>
            {statement.accountIban} · {format.date(statement.periodTo)} · <Money value={statement.openingBalance} /> →{" "}
            <Money value={statement.closingBalance} />
          </p>
          {statement.alreadyImported ? (
            <p role="status" className="font-semibold">
              {t("paymentsClerk.import.alreadyImported")}
            </p>
          ) : (
            <ul className="list-inside list-disc" aria-label={t("paymentsClerk.import.figures")}>
              <li>
                {t("paymentsClerk.import.lineCount", {
                  count: statement.lineCount,
                  payments: statement.paymentLineCount,
                  other: statement.otherLineCount,
                })}
              </li>
              <li>{t("paymentsClerk.import.newPayments", { count: statement.newPaymentCount })}</li>
              <li className="font-semibold text-success">{t("paymentsClerk.import.paired", { count: statement.pairedCount })}</li>
              <li className={statement.unpairedCount > 0 ? "font-semibold text-danger" : ""}>
                {t("paymentsClerk.import.unpaired", { count: statement.unpairedCount })}
              </li>
            </ul>
          )}
          <ResponsiveTable
            caption={t("paymentsClerk.import.linesCaption", { number: statement.statementNumber })}
            rows={statement.lines}
            rowKey={(line) => String(line.line)}
            columns={[
              {
                header: t("paymentsClerk.payment.date"),
                nowrap: true,
                cell: (line) => (line.valueDate ? format.date(line.valueDate) : "—"),
              },
              {
                header: t("paymentsClerk.payment.amount"),
                cell: (line) => (
                  <>
                    {line.direction === "DEBIT" ? "−" : ""}
                    <Money value={line.amount} />
                  </>
                ),
              },
              { header: t("paymentsClerk.payment.vs"), cell: (line) => line.variableSymbol ?? "—" },
              {
                header: t("paymentsClerk.payment.counterparty"),
                cell: (line) => [line.counterpartyName, line.message].filter(Boolean).join(" · ") || "—",
              },
              {
                header: t("paymentsClerk.import.outcome"),
                cell: (line) =>
                  line.outcome === "PAIRED"
                    ? t("paymentsClerk.outcome.PAIRED", { subject: line.assessmentSubject, payer: line.payerName })
                    : t(`paymentsClerk.outcome.${line.outcome}`),
              },
            ]}
          />
        </div>
      ))}
      {report.dryRun && !nothingNew && (
        <Button busy={busy} disabled={busy} className="self-start" onClick={onConfirm}>
          {t("paymentsClerk.import.confirm")}
        </Button>
      )}
      {!report.dryRun && (
        <p>
          <Link to={`${PAYMENTS_BASE}/nesparovane`}>{t("paymentsClerk.import.toUnpaired")}</Link>
        </p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Unpaired payments

export function UnpairedPaymentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const statementUuid = params.get("vypis");
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const filter = {
    ...(search ? { text: search } : {}),
    ...(statementUuid && /^[0-9a-f-]{36}$/i.test(statementUuid) ? { statementId: btoa(`BankStatement:${statementUuid}`) } : {}),
  };
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: UnpairedPaymentsQuery,
    variables: { first: 50, filter },
    requestPolicy: "cache-and-network",
  });
  const payments = data?.unpairedPayments.nodes ?? [];
  return (
    <PaymentsFrame title={t("paymentsClerk.unpaired.title")}>
      <p>{t("paymentsClerk.unpaired.intro")}</p>
      <form
        role="search"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(text.trim());
        }}
      >
        <TextField
          label={t("paymentsClerk.unpaired.search")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          className="min-w-64"
        />
        <Button type="submit" variant="secondary">
          {t("paymentsClerk.unpaired.searchButton")}
        </Button>
      </form>
      {!data && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : fetching && <Loading />)}
      {data && <p role="status">{t("paymentsClerk.unpaired.count", { count: data.unpairedPayments.totalCount ?? payments.length })}</p>}
      {data && payments.length === 0 && <EmptyState title={t("paymentsClerk.unpaired.empty")} />}
      {payments.length > 0 && (
        <ResponsiveTable
          caption={t("paymentsClerk.unpaired.title")}
          rows={payments}
          rowKey={(payment) => payment.id}
          columns={[
            { header: t("paymentsClerk.payment.date"), nowrap: true, cell: (p) => format.date(p.receivedOn) },
            { header: t("paymentsClerk.payment.amount"), cell: (p) => <Money value={p.amount} /> },
            { header: t("paymentsClerk.payment.unallocated"), cell: (p) => <Money value={p.unallocatedAmount} /> },
            { header: t("paymentsClerk.payment.vs"), cell: (p) => p.variableSymbol ?? "—" },
            {
              header: t("paymentsClerk.payment.counterparty"),
              cell: (p) => [p.counterpartyName, p.message].filter(Boolean).join(" · ") || "—",
            },
            {
              header: t("common.actions"),
              cell: (p) => (
                <Link
                  to={paymentLink(p.id)}
                  aria-label={t("paymentsClerk.unpaired.pairNamed", { amount: format.money(p.amount), name: p.counterpartyName ?? "" })}
                >
                  {t("paymentsClerk.unpaired.pair")}
                </Link>
              ),
            },
          ]}
        />
      )}
    </PaymentsFrame>
  );
}

// ---------------------------------------------------------------------------------------------
// One payment: its pairings (with reversal) and manual pairing

export function PaymentDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const globalId = /^[0-9a-f-]{36}$/i.test(id) ? btoa(`Payment:${id.toLowerCase()}`) : "";
  const [{ data, error, fetching }, reexecute] = useQuery({ query: PaymentQuery, variables: { id: globalId }, pause: !globalId });
  const payment = data?.node?.__typename === "Payment" ? (data.node as Payment) : null;
  return (
    <PaymentsFrame title={t("paymentsClerk.payment.title")}>
      {!data && globalId && (error ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : fetching && <Loading />)}
      {(!globalId || (data && !payment)) && <EmptyState title={t("paymentsClerk.payment.notFound")} />}
      {payment && <PaymentDetail payment={payment} />}
    </PaymentsFrame>
  );
}

function PaymentDetail({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    [t("paymentsClerk.payment.amount"), <Money value={payment.amount} />],
    [t("paymentsClerk.payment.date"), format.date(payment.receivedOn)],
    [
      t("paymentsClerk.payment.symbols"),
      [payment.variableSymbol, payment.constantSymbol, payment.specificSymbol].map((s) => s ?? "—").join(" / "),
    ],
    [t("paymentsClerk.payment.counterparty"), [payment.counterpartyName, payment.counterpartyAccount].filter(Boolean).join(", ") || "—"],
    [t("paymentsClerk.payment.message"), payment.message ?? "—"],
    [
      t("paymentsClerk.payment.statement"),
      payment.statement
        ? t("paymentsClerk.payment.statementValue", {
            number: payment.statement.statementNumber,
            account: payment.statement.bankAccountLabel,
          })
        : "—",
    ],
    [t("paymentsClerk.payment.unallocated"), <Money value={payment.unallocatedAmount} />],
  ];
  return (
    <div className="flex flex-col gap-5">
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-line bg-surface p-4 sm:grid-cols-[max-content_1fr]">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-ink-muted">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <AllocationHistory payment={payment} />
      {Number(payment.unallocatedAmount) > 0 && <ManualPairing payment={payment} />}
    </div>
  );
}

function AllocationHistory({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="pairing-history-heading" className="flex flex-col gap-2">
      <h2 id="pairing-history-heading" className="text-xl font-semibold">
        {t("paymentsClerk.history.title")}
      </h2>
      {payment.allocations.length === 0 ? (
        <p>{t("paymentsClerk.history.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {payment.allocations.map((allocation) => (
            <li key={allocation.id} className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
              <p className={allocation.active ? "font-semibold" : "text-ink-muted line-through"}>
                <Money value={allocation.amount} /> → {allocation.assessmentSubject} ({t("paymentsClerk.payment.vs")}{" "}
                {allocation.variableSymbol}, {allocation.payerName})
              </p>
              <p className="text-ink-muted">
                {t(`paymentsClerk.history.${allocation.method}`, {
                  name: allocation.createdByName ?? "—",
                  date: format.dateTime(allocation.createdAt),
                })}
              </p>
              {allocation.reversedAt && (
                <p>
                  {t("paymentsClerk.history.reversed", {
                    name: allocation.reversedByName ?? "—",
                    date: format.dateTime(allocation.reversedAt),
                    reason: allocation.reversalReason ?? "",
                  })}
                </p>
              )}
              {allocation.active && <ReverseForm allocationId={allocation.id} label={allocation.assessmentSubject} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReverseForm({ allocationId, label }: { allocationId: string; label: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, reverse] = useMutation(ReversePaymentAllocationMutation);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => setOpen(true)}
        aria-label={t("paymentsClerk.history.reverseNamed", { subject: label })}
      >
        {t("paymentsClerk.history.reverse")}
      </Button>
    );
  }
  return (
    <form
      className="flex flex-col gap-2"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          const result = await reverse({ input: { allocationId, reason } });
          const answer = result.data?.reversePaymentAllocation;
          if (answer?.__typename === "ReversePaymentAllocationSuccess") {
            toast(t("paymentsClerk.history.reversedToast"));
            setOpen(false);
          } else if (answer && "message" in answer) {
            setError(("fieldErrors" in answer && answer.fieldErrors?.map((e) => e.message).join(" ")) || answer.message);
          } else setError(result.error?.networkError ? t("errors.network") : t("errors.unexpected"));
        } finally {
          setBusy(false);
        }
      }}
    >
      <TextField
        label={t("paymentsClerk.history.reason")}
        required
        value={reason}
        error={error}
        onChange={(event) => setReason(event.target.value)}
        autoFocus
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" busy={busy}>
          {t("paymentsClerk.history.confirmReverse")}
        </Button>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

function ManualPairing({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const [text, setText] = useState(payment.variableSymbol ?? "");
  const [query, setQuery] = useState(payment.variableSymbol ?? "");
  const [{ data, fetching }] = useQuery({ query: AssessmentsForPairingQuery, variables: { query }, pause: !query });
  const [, pair] = useMutation(PairPaymentMutation);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = data?.assessmentsForPairing ?? [];

  async function onPair(assessmentId: string) {
    const raw = (amounts[assessmentId] ?? payment.unallocatedAmount).replace(/\s/g, "").replace(",", ".");
    setBusy(true);
    setError(null);
    try {
      const result = await pair({ input: { paymentId: payment.id, allocations: [{ assessmentId, amount: raw as `${number}` }] } });
      const answer = result.data?.pairPayment;
      if (answer?.__typename === "PairPaymentSuccess") {
        toast(t("paymentsClerk.pairing.done"));
        if (Number(answer.payment.unallocatedAmount) === 0) navigate(paymentLink(payment.id), { replace: true });
      } else if (answer && "message" in answer) {
        setError([answer.message, ...(("fieldErrors" in answer && answer.fieldErrors?.map((e) => e.message)) || [])].join(" "));
      } else
        setError(result.error?.graphQLErrors[0]?.message ?? (result.error?.networkError ? t("errors.network") : t("errors.unexpected")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="manual-pairing-heading" className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <h2 id="manual-pairing-heading" className="text-xl font-semibold">
        {t("paymentsClerk.pairing.title")}
      </h2>
      <form
        role="search"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(text.trim());
        }}
      >
        <TextField
          label={t("paymentsClerk.pairing.search")}
          hint={t("paymentsClerk.pairing.searchHint")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          className="min-w-64"
        />
        <Button type="submit" variant="secondary">
          {t("paymentsClerk.unpaired.searchButton")}
        </Button>
      </form>
      <div role="alert" className="empty:hidden rounded-md border-2 border-danger p-3 font-medium text-danger">
        {error}
      </div>
      {query && !fetching && candidates.length === 0 && <p>{t("paymentsClerk.pairing.noCandidates")}</p>}
      {candidates.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label={t("paymentsClerk.pairing.candidates")}>
          {candidates.map((candidate) => (
            <li key={candidate.assessmentId} className="flex flex-col gap-2 border-t border-line pt-3">
              <p>
                <span className="font-semibold">{candidate.subject}</span> — {candidate.payerName}, {t("paymentsClerk.payment.vs")}{" "}
                {candidate.variableSymbol}
              </p>
              <p className="text-ink-muted">
                {t("paymentsClerk.pairing.candidateFigures", {
                  amount: format.money(candidate.amount),
                  paid: format.money(candidate.paidAmount),
                  due: format.date(candidate.dueDate),
                })}
                {candidate.lifecycle !== "ACTIVE" &&
                  ` · ${t(`paymentsClerk.lifecycle.${candidate.lifecycle as "ACTIVE" | "CANCELLED" | "WRITTEN_OFF"}`)}`}
              </p>
              <div className="flex flex-wrap items-end gap-3">
                <TextField
                  label={t("paymentsClerk.pairing.amount")}
                  inputMode="decimal"
                  value={amounts[candidate.assessmentId] ?? payment.unallocatedAmount}
                  onChange={(event) => setAmounts({ ...amounts, [candidate.assessmentId]: event.target.value })}
                  className="w-40"
                />
                <Button
                  busy={busy}
                  disabled={busy}
                  onClick={() => void onPair(candidate.assessmentId)}
                  aria-label={t("paymentsClerk.pairing.pairNamed", { subject: candidate.subject, vs: candidate.variableSymbol })}
                >
                  {t("paymentsClerk.pairing.pair")}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
