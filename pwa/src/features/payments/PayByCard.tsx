import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { CardPaymentsAvailableQuery, StartCardPaymentMutation } from "./operations.ts";

/** One random key per payment attempt (128 bits, URL-safe): a double click or a retried request answers the same payment. */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * "Pay by card" for one or more assessments (global ids, Money strings): starts the payment and sends the
 * browser to the town's card gateway (Stripe Checkout or the demo gateway). Hidden when the town has no card
 * payments configured.
 */
export function PayByCard(props: { items: { assessmentId: string; amount: string }[]; disabled?: boolean }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: CardPaymentsAvailableQuery, requestPolicy: "cache-first" });
  const [{ fetching }, startPayment] = useMutation(StartCardPaymentMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  // A new key when the items change; the same key for repeated clicks on the same items.
  const itemsKey = JSON.stringify(props.items);
  const idempotencyKey = useMemo(() => (itemsKey ? newIdempotencyKey() : ""), [itemsKey]);

  if (!data?.cardPaymentsAvailable) return null;

  async function pay() {
    setFailure(null);
    // Money travels as decimal strings ("600.00"); the API refuses anything else with a field error.
    const items = props.items.map((item) => ({ assessmentId: item.assessmentId, amount: item.amount as `${number}` }));
    const result = await startPayment({ input: { items, idempotencyKey } });
    const answer = result.data?.startCardPayment;
    if (answer?.__typename === "StartedCardPayment") {
      setLeaving(true);
      window.location.assign(answer.redirectUrl);
      return;
    }
    const fieldMessage = answer && "fieldErrors" in answer ? answer.fieldErrors?.[0]?.message : undefined;
    setFailure(fieldMessage ?? (answer && "message" in answer ? answer.message : null) ?? t("errors.unexpected"));
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <Button busy={fetching || leaving} disabled={props.disabled || props.items.length === 0} onClick={() => void pay()}>
        {t("payments.payByCard")}
      </Button>
      {failure && (
        <p role="alert" className="text-sm font-medium text-danger">
          {failure}
        </p>
      )}
    </div>
  );
}
