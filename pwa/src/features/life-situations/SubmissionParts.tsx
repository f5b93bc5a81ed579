import { useTranslation } from "react-i18next";

export type SubmissionStatus = "SUBMITTED" | "INFORMATION_REQUESTED" | "APPROVED" | "REJECTED";

const BADGE: Record<SubmissionStatus, string> = {
  SUBMITTED: "border-line bg-page",
  INFORMATION_REQUESTED: "border-accent bg-accent/20",
  APPROVED: "border-success bg-success/10",
  REJECTED: "border-danger bg-danger/10",
};

/** The submission's status in words (never by colour alone). */
export function SubmissionStatusBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-medium text-ink ${BADGE[status]}`}>
      {t(`lifeSituations.status.${status}`)}
    </span>
  );
}

/** Sent offline, waiting on this device for the connection. */
export function WaitingBadge({ failed }: { failed: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded-full border px-2.5 py-0.5 text-sm font-medium text-ink ${failed ? "border-danger bg-danger/10" : "border-accent bg-accent/20"}`}
    >
      {failed ? t("lifeSituations.mine.refused") : t("lifeSituations.mine.waiting")}
    </span>
  );
}
