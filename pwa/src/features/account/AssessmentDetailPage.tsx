import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { PersonalAccountQuery } from "./operations.ts";
import { isPayable, type AccountAssessment, type PersonalAccount } from "./personal-account-model.ts";
import { LastUpdated, SelectedPaymentActions, StatusBadge } from "./personal-account-parts.tsx";
import { QrPlatba } from "./QrPlatba.tsx";

/**
 * One assessment: how to pay it (transfer details with copy buttons, QR Platba), its installments and the payments
 * paired with it, each with its receipt. Reads the same cached query as the overview, so it opens offline too.
 */
export function AssessmentDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: PersonalAccountQuery });
  // Offline with nothing on the device, no answer is coming: say so instead of loading forever.
  const { online } = useNetworkStatus();
  const account = data?.personalAccount;
  const assessment = account?.assessments.find((a) => a.id === id);

  if (!account) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeading>{t("personalAccount.detailTitle")}</PageHeading>
        {(error && !fetching) || !online ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />}
      </div>
    );
  }
  if (!assessment) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeading>{t("personalAccount.notFound")}</PageHeading>
        <EmptyState title={t("personalAccount.notFoundHint")}>
          <Link to="/osobni-ucet">{t("personalAccount.back")}</Link>
        </EmptyState>
      </div>
    );
  }
  return <Detail account={account} assessment={assessment} />;
}

function Detail({ account, assessment: a }: { account: PersonalAccount; assessment: AccountAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const payer = account.payers.find((p) => p.id === a.payerId);
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link to="/osobni-ucet">← {t("personalAccount.back")}</Link>
      </p>
      <div className="flex flex-col gap-2">
        <PageHeading>{a.subject}</PageHeading>
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge assessment={a} />
          <LastUpdated loadedAt={account.loadedAt} />
        </div>
      </div>

      <section aria-labelledby="summary-heading" className="rounded-lg border border-line bg-surface p-5">
        <h2 id="summary-heading" className="mb-3 text-xl font-semibold">
          {t("personalAccount.summary")}
        </h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {payer && <Fact label={t("personalAccount.payerLabel")} value={payer.name} />}
          <Fact label={t("personalAccount.kindLabel")} value={t(`personalAccount.kind.${a.kind}`)} />
          <Fact label={t("personalAccount.yearLabel")} value={String(a.year)} />
          <Fact label={t("personalAccount.amount")} value={format.money(a.amount as `${number}`)} />
          <Fact label={t("personalAccount.paid")} value={format.money(a.paid as `${number}`)} />
          <Fact label={t("personalAccount.remaining")} value={format.money(a.remaining as `${number}`)} strong />
          {a.isOverdue && <Fact label={t("personalAccount.overdue")} value={format.money(a.overdue as `${number}`)} danger />}
          {a.credit !== "0.00" && <Fact label={t("personalAccount.credit")} value={format.money(a.credit as `${number}`)} />}
          <Fact label={t("personalAccount.dueDate")} value={format.date(a.nextDueDate ?? a.dueDate)} danger={a.isOverdue} />
          {a.lifecycleReason && <Fact label={t("personalAccount.reason")} value={a.lifecycleReason} />}
        </dl>
      </section>

      {a.instructions && <Instructions assessment={a} instructions={a.instructions} />}
      {a.installments.length > 1 && <Installments assessment={a} />}
      <Payments assessment={a} />
    </div>
  );
}

function Fact({ label, value, strong, danger }: { label: string; value: string; strong?: boolean; danger?: boolean }) {
  return (
    <div className="contents">
      <dt className="text-ink-muted">{label}</dt>
      <dd className={`${strong ? "font-bold" : "font-medium"} ${danger ? "text-danger" : ""}`}>{value}</dd>
    </div>
  );
}

type PaymentInstructions = NonNullable<AccountAssessment["instructions"]>;

function Instructions({ assessment, instructions: i }: { assessment: AccountAssessment; instructions: PaymentInstructions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [announcement, setAnnouncement] = useState("");
  const amountText = format.money(i.amount as `${number}`);
  // Copy the amount as a bank form wants it: digits and a decimal comma in Czech, a point in English.
  const amountPlain = format.language === "cs" ? i.amount.replace(".", ",") : i.amount;
  const rows: { key: string; label: string; shown: string; copied: string }[] = [
    { key: "account", label: t("personalAccount.pay.account"), shown: i.accountNumber, copied: i.accountNumber },
    { key: "iban", label: t("personalAccount.pay.iban"), shown: i.iban, copied: i.iban.replace(/\s/g, "") },
    { key: "vs", label: t("personalAccount.pay.variableSymbol"), shown: i.variableSymbol, copied: i.variableSymbol },
    ...(i.constantSymbol
      ? [{ key: "ks", label: t("personalAccount.pay.constantSymbol"), shown: i.constantSymbol, copied: i.constantSymbol }]
      : []),
    ...(i.specificSymbol
      ? [{ key: "ss", label: t("personalAccount.pay.specificSymbol"), shown: i.specificSymbol, copied: i.specificSymbol }]
      : []),
    { key: "amount", label: t("personalAccount.pay.amount"), shown: amountText, copied: amountPlain },
    { key: "due", label: t("personalAccount.pay.dueDate"), shown: format.date(i.dueDate), copied: format.date(i.dueDate) },
  ];
  const description = t("personalAccount.pay.qrDescription", {
    amount: amountText,
    account: i.accountNumber,
    vs: i.variableSymbol,
  });
  return (
    <section aria-labelledby="pay-heading" className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-5">
      <h2 id="pay-heading" className="text-xl font-semibold">
        {t("personalAccount.pay.title")}
      </h2>
      <div className="flex flex-col gap-6 md:flex-row md:items-start">
        <dl className="flex min-w-0 flex-1 flex-col divide-y divide-line">
          {rows.map((row) => (
            <div
              key={row.key}
              className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-0.5 py-2 sm:grid-cols-[11rem_1fr_auto]"
              data-testid={`pay-${row.key}`}
            >
              <dt className="col-span-2 text-ink-muted sm:col-span-1">{row.label}</dt>
              <dd className="min-w-0 font-mono text-lg font-semibold break-words">{row.shown}</dd>
              <dd>
                <CopyButton label={row.label} value={row.copied} onCopied={setAnnouncement} />
              </dd>
            </div>
          ))}
        </dl>
        <figure className="flex flex-col items-center gap-2">
          <QrPlatba spayd={i.spayd} description={description} />
          <figcaption className="max-w-64 text-center text-sm text-ink-muted">{t("personalAccount.pay.qrHint")}</figcaption>
        </figure>
      </div>
      <p className="text-sm text-ink-muted">{t("personalAccount.pay.accountLabel", { label: i.accountLabel })}</p>
      {isPayable(assessment) && <SelectedPaymentActions items={[{ assessmentId: assessment.id, amount: assessment.remaining }]} />}
      <p role="status" aria-live="polite" className="min-h-6 text-sm font-semibold text-success" data-testid="copy-status">
        {announcement}
      </p>
    </section>
  );
}

/** Copies one value; the confirmation is announced by the section's live region (and shown there). */
function CopyButton({ label, value, onCopied }: { label: string; value: string; onCopied: (message: string) => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      onCopied(t("personalAccount.pay.copied", { label, value }));
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2000);
    } catch {
      onCopied(t("personalAccount.pay.copyFailed", { label }));
    }
  };
  return (
    <button
      type="button"
      className="min-h-11 rounded-md border border-line bg-surface px-3 text-sm font-medium hover:bg-page"
      onClick={() => void copy()}
    >
      {/* The visible word starts the accessible name ("Kopírovat IBAN"), as voice control users say it. */}
      {copied ? t("personalAccount.pay.copyDone") : t("personalAccount.pay.copy")}
      <span className="sr-only"> {label}</span>
    </button>
  );
}

function Installments({ assessment }: { assessment: AccountAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="installments-heading" className="flex flex-col gap-3">
      <h2 id="installments-heading" className="text-xl font-semibold">
        {t("personalAccount.installments.title")}
      </h2>
      <ResponsiveTable
        caption={t("personalAccount.installments.title")}
        rowKey={(row) => String(row.position)}
        rows={assessment.installments}
        columns={[
          { header: t("personalAccount.installments.position"), cell: (row) => `${row.position}.` },
          { header: t("personalAccount.installments.dueDate"), cell: (row) => format.date(row.effectiveDueDate), nowrap: true },
          { header: t("personalAccount.amount"), cell: (row) => format.money(row.amount as `${number}`), nowrap: true },
          { header: t("personalAccount.remaining"), cell: (row) => format.money(row.remaining as `${number}`), nowrap: true },
          {
            header: t("personalAccount.installments.status"),
            cell: (row) => (
              <span className={row.status === "OVERDUE" ? "font-semibold text-danger" : ""}>
                {t(`personalAccount.installmentStatus.${row.status}`)}
                {row.paidOn ? ` (${format.date(row.paidOn)})` : ""}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}

function Payments({ assessment }: { assessment: AccountAssessment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="payments-heading" className="flex flex-col gap-3">
      <h2 id="payments-heading" className="text-xl font-semibold">
        {t("personalAccount.payments.title")}
      </h2>
      {assessment.payments.length === 0 ? (
        <p>{t("personalAccount.payments.none")}</p>
      ) : (
        <ResponsiveTable
          caption={t("personalAccount.payments.title")}
          rowKey={(row) => `${row.paymentId}:${row.receivedOn}:${row.amount}`}
          rows={assessment.payments}
          columns={[
            { header: t("personalAccount.payments.receivedOn"), cell: (row) => format.date(row.receivedOn), nowrap: true },
            { header: t("personalAccount.payments.amount"), cell: (row) => format.money(row.amount as `${number}`), nowrap: true },
            { header: t("personalAccount.payments.source"), cell: (row) => t(`personalAccount.source.${row.source}`) },
            {
              header: t("personalAccount.payments.receipt"),
              cell: (row) => (
                <a href={`${row.receiptUrl}?lang=${format.language}`} download>
                  {t("personalAccount.payments.receiptLink", { date: format.date(row.receivedOn) })}
                </a>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
