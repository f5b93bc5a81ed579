import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { useFormat } from "../../i18n/format.ts";
import { SettleCardPaymentMutation } from "./operations.ts";
import { PayByCard } from "./PayByCard.tsx";

type Settled = ResultOf<typeof SettleCardPaymentMutation>["settleCardPayment"];
type CardPayment = Extract<Settled, { __typename: "SettleCardPaymentSuccess" }>["cardPayment"];

/** How often a processing payment is asked again, and for how long before the page stops on its own. */
const POLL_MS = 3000;
const POLL_LIMIT = 40;

/**
 * Where the card gateway sends the browser back: the payment's REAL state, read through the same settle
 * transition the gateway's webhook runs (never from the URL). Only the payment's own user sees it.
 */
export function CardPaymentReturnPage() {
  const { t } = useTranslation();
  const { orderId = "" } = useParams();
  const [searchParams] = useSearchParams();
  const abandoned = searchParams.get("zruseno") === "1";
  const [{ error }, settle] = useMutation(SettleCardPaymentMutation);
  const [answer, setAnswer] = useState<Settled | null>(null);
  const polls = useRef(0);

  const refresh = useCallback(async () => {
    const result = await settle({ input: { orderId } });
    if (result.data?.settleCardPayment) setAnswer(result.data.settleCardPayment);
  }, [orderId, settle]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const status = answer?.__typename === "SettleCardPaymentSuccess" ? answer.cardPayment.status : null;
  useEffect(() => {
    if (status !== "PENDING" || abandoned || polls.current >= POLL_LIMIT) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      void refresh();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [status, abandoned, answer, refresh]);

  if (!answer) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeading>{t("payments.return.title")}</PageHeading>
        {error ? <LoadError onRetry={() => void refresh()} /> : <Loading />}
      </div>
    );
  }
  if (answer.__typename !== "SettleCardPaymentSuccess") {
    return (
      <div className="flex flex-col gap-4">
        <PageHeading>{t("payments.return.notFoundTitle")}</PageHeading>
        <p>{t("payments.return.notFound")}</p>
        <p>
          <Link to="/osobni-ucet">{t("payments.return.toAccount")}</Link>
        </p>
      </div>
    );
  }
  return <PaymentState payment={answer.cardPayment} abandoned={abandoned} onRefresh={() => void refresh()} />;
}

function PaymentState({ payment, abandoned, onRefresh }: { payment: CardPayment; abandoned: boolean; onRefresh: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const retryItems = payment.items.map((item) => ({ assessmentId: item.assessmentId, amount: item.amount }));
  const state =
    payment.status === "PENDING" && abandoned
      ? "abandoned"
      : (payment.status.toLowerCase() as "pending" | "succeeded" | "failed" | "cancelled" | "mismatch");
  const tone = state === "succeeded" ? "border-success" : state === "pending" || state === "mismatch" ? "border-accent" : "border-danger";

  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t(`payments.return.${state}.title`)}</PageHeading>
      <div role="status" aria-live="polite" className={`rounded-lg border-l-4 ${tone} bg-surface p-4`}>
        <p className="font-semibold">{t(`payments.return.${state}.text`)}</p>
        {payment.failureReason && (state === "failed" || state === "cancelled") && (
          <p className="mt-1 text-ink-muted">{t("payments.return.reason", { reason: payment.failureReason })}</p>
        )}
      </div>
      <section aria-labelledby="card-payment-items" className="flex flex-col gap-2">
        <h2 id="card-payment-items" className="text-lg font-semibold">
          {t("payments.return.items")}
        </h2>
        <ul className="flex flex-col divide-y divide-line rounded-lg border border-line bg-surface">
          {payment.items.map((item) => (
            <li key={item.assessmentId} className="flex flex-wrap justify-between gap-2 p-3">
              <span>
                {item.subject} <span className="text-ink-muted">({t("payments.vs", { vs: item.variableSymbol })})</span>
              </span>
              <span className="font-semibold">{format.money(item.amount as `${number}`)}</span>
            </li>
          ))}
        </ul>
        <p className="text-right font-semibold">
          {t("payments.total")}: {format.money(payment.amount as `${number}`)}
        </p>
        <p className="text-sm text-ink-muted">{t("payments.return.order", { orderId: payment.orderId })}</p>
      </section>
      <div className="flex flex-wrap items-start gap-3">
        {state === "pending" && (
          <Button variant="secondary" onClick={onRefresh}>
            {t("payments.return.refresh")}
          </Button>
        )}
        {(state === "failed" || state === "cancelled" || state === "abandoned") && <PayByCard items={retryItems} />}
        <Link to="/osobni-ucet" className="self-center">
          {t("payments.return.toAccount")}
        </Link>
      </div>
    </div>
  );
}
