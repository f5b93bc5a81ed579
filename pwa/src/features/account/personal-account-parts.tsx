import { useTranslation } from "react-i18next";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { useFormat } from "../../i18n/format.ts";
import { PayByCard } from "../payments/PayByCard.tsx";
import type { AccountAssessment } from "./personal-account-model.ts";

const BADGE: Record<AccountAssessment["status"], string> = {
  UNPAID: "border-accent bg-accent/20",
  PARTLY_PAID: "border-accent bg-accent/20",
  PAID: "border-success bg-success/10",
  OVERPAID: "border-success bg-success/10",
  CANCELLED: "border-line bg-page",
  WRITTEN_OFF: "border-line bg-page",
};

/** The status in words (never by colour alone); overdue wins, since it is what the citizen must act on. */
export function StatusBadge({ assessment }: { assessment: Pick<AccountAssessment, "status" | "isOverdue"> }) {
  const { t } = useTranslation();
  if (assessment.isOverdue) {
    return (
      <span className="inline-block rounded-full border border-danger bg-danger px-2.5 py-0.5 text-sm font-semibold text-white">
        {t("personalAccount.status.OVERDUE")}
      </span>
    );
  }
  return (
    <span className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-medium text-ink ${BADGE[assessment.status]}`}>
      {t(`personalAccount.status.${assessment.status}`)}
    </span>
  );
}

/**
 * When the shown account was read from the server. Offline (or when the last refresh failed) it says so, because
 * the figures may be out of date: payments that arrived since are not in them.
 */
export function LastUpdated({ loadedAt }: { loadedAt: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { online } = useNetworkStatus();
  return (
    <p className={`text-sm ${online ? "text-ink-muted" : "font-semibold"}`} data-testid="account-last-updated">
      {t(online ? "personalAccount.loadedAt" : "personalAccount.offlineLoadedAt", { time: format.dateTime(loadedAt) })}
    </p>
  );
}

export interface SelectedPaymentItem {
  assessmentId: string;
  /** What remains to pay, as the API's decimal string. */
  amount: string;
}

/**
 * Where the payment of the selected items starts: one card payment split to the items (hidden when the town
 * has no card payments; disabled offline, when the gateway cannot be reached).
 */
export function SelectedPaymentActions(props: { items: SelectedPaymentItem[] }) {
  const { online } = useNetworkStatus();
  return <PayByCard items={props.items} disabled={!online} />;
}
