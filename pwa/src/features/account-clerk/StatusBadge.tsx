import { useTranslation } from "react-i18next";

export type AssessmentStatus = "UNPAID" | "PARTLY_PAID" | "PAID" | "OVERPAID" | "CANCELLED" | "WRITTEN_OFF";

const STYLES: Record<AssessmentStatus, string> = {
  UNPAID: "border-accent",
  PARTLY_PAID: "border-brand",
  PAID: "border-success",
  OVERPAID: "border-success",
  CANCELLED: "border-line",
  WRITTEN_OFF: "border-line",
};

/** An assessment's status in words; the border colour only repeats it. Overdue is said in words too. */
export function StatusBadge({ status, overdue }: { status: AssessmentStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap gap-1">
      <span className={`inline-block rounded-full border-2 px-2 py-0.5 text-sm font-medium whitespace-nowrap text-ink ${STYLES[status]}`}>
        {t(`accountClerk.status.${status}`)}
      </span>
      {overdue && (
        <span className="inline-block rounded-full border-2 border-danger px-2 py-0.5 text-sm font-medium whitespace-nowrap text-ink">
          {t("accountClerk.overdue")}
        </span>
      )}
    </span>
  );
}
