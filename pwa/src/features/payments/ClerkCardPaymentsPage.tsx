import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Dialog } from "../../components/Dialog.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { ResponsiveTable } from "../../components/ResponsiveTable.tsx";
import { EmptyState, LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { ClerkCardPaymentsQuery, RefundCardPaymentMutation } from "./operations.ts";

type Row = ResultOf<typeof ClerkCardPaymentsQuery>["cardPayments"]["nodes"][number];
const STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "CANCELLED", "MISMATCH"] as const;
type Status = (typeof STATUSES)[number];

/** Finance clerks: the town's card payments with a status filter; MISMATCH stands out; paid ones can be refunded. */
export function ClerkCardPaymentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<Status | "">("");
  const [{ data, error }, reexecute] = useQuery({
    query: ClerkCardPaymentsQuery,
    variables: { status: status || null, first: 100 },
    requestPolicy: "cache-and-network",
  });
  const [refunding, setRefunding] = useState<Row | null>(null);
  const rows = data?.cardPayments.nodes ?? [];
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("payments.clerk.title")}</PageHeading>
      <p>{t("payments.clerk.description")}</p>
      <div className="max-w-xs">
        <Select
          label={t("payments.clerk.filter")}
          value={status}
          onChange={(event) => setStatus(event.target.value as Status | "")}
          options={[
            { value: "", label: t("payments.clerk.all") },
            ...STATUSES.map((value) => ({ value, label: t(`payments.status.${value}`) })),
          ]}
        />
      </div>
      {!data && (error ? <LoadError onRetry={refresh} /> : <Loading />)}
      {data && rows.length === 0 && <EmptyState title={t("payments.clerk.empty")} />}
      {rows.length > 0 && (
        <ResponsiveTable
          caption={t("payments.clerk.title")}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { header: t("payments.clerk.created"), cell: (row) => format.dateTime(row.createdAt) },
            {
              header: t("payments.clerk.status"),
              cell: (row) =>
                row.status === "MISMATCH" ? (
                  <strong className="rounded border-2 border-danger px-2 py-0.5 text-danger">{t("payments.status.MISMATCH")}</strong>
                ) : (
                  t(`payments.status.${row.status}`)
                ),
            },
            { header: t("payments.clerk.payer"), cell: (row) => <span className="break-all">{row.payerEmail ?? "–"}</span> },
            {
              header: t("payments.clerk.items"),
              cell: (row) => (
                <ul>
                  {row.items.map((item) => (
                    <li key={item.assessmentId}>
                      {item.subject} ({t("payments.vs", { vs: item.variableSymbol })}): {format.money(item.amount as `${number}`)}
                    </li>
                  ))}
                </ul>
              ),
            },
            { header: t("payments.clerk.amount"), cell: (row) => format.money(row.amount as `${number}`) },
            {
              header: t("payments.clerk.refunded"),
              cell: (row) => (row.refundedAmount === "0.00" ? "–" : format.money(row.refundedAmount as `${number}`)),
            },
            {
              header: t("payments.clerk.actions"),
              cell: (row) =>
                row.status === "SUCCEEDED" && row.refundedAmount !== row.amount ? (
                  <Button
                    variant="secondary"
                    aria-label={t("payments.clerk.refundNamed", { orderId: row.orderId })}
                    onClick={() => setRefunding(row)}
                  >
                    {t("payments.clerk.refund")}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Dialog open={refunding !== null} title={t("payments.clerk.refundTitle")} onClose={() => setRefunding(null)}>
        {refunding && (
          <RefundForm
            payment={refunding}
            onDone={() => {
              setRefunding(null);
              refresh();
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

function subtract(a: string, b: string): string {
  const toHalere = (value: string) => BigInt(value.replace(".", ""));
  const rest = toHalere(a) - toHalere(b);
  return `${rest / 100n}.${String(rest % 100n).padStart(2, "0")}`;
}

function RefundForm({ payment, onDone }: { payment: Row; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const refundable = subtract(payment.amount, payment.refundedAmount);
  const [amount, setAmount] = useState(refundable);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [{ fetching }, refund] = useMutation(RefundCardPaymentMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const normalized = amount.trim().replace(",", ".").replace(/\s/g, "");
    if (!/^\d+(\.\d{1,2})?$/.test(normalized)) return setErrors({ amount: t("payments.clerk.amountFormat") });
    if (!reason.trim()) return setErrors({ reason: t("validation.required") });
    const result = await refund({ input: { id: payment.id, amount: Number(normalized).toFixed(2) as `${number}`, reason: reason.trim() } });
    const answer = result.data?.refundCardPayment;
    if (answer?.__typename === "RefundCardPaymentSuccess") {
      toast(t("payments.clerk.refundDone", { amount: format.money(Number(normalized).toFixed(2) as `${number}`) }));
      return onDone();
    }
    if (answer && "fieldErrors" in answer && answer.fieldErrors?.length) {
      return setErrors(Object.fromEntries(answer.fieldErrors.map((issue) => [issue.path.at(-1) ?? "form", issue.message])));
    }
    setErrors({ form: (answer && "message" in answer ? answer.message : null) ?? t("errors.unexpected") });
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t("payments.clerk.refundable", { amount: format.money(refundable as `${number}`), orderId: payment.orderId })}</p>
      <TextField
        label={t("payments.clerk.refundAmount")}
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        error={errors.amount}
        required
      />
      <TextField
        label={t("payments.clerk.reason")}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason ?? errors.id}
        required
      />
      {errors.form && (
        <p role="alert" className="font-medium text-danger">
          {errors.form}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" busy={fetching}>
          {t("payments.clerk.confirmRefund")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
