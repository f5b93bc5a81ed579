import { useTranslation } from "react-i18next";

export const QUEUE_STATUSES = ["SUBMITTED", "INFORMATION_REQUESTED", "APPROVED", "REJECTED"] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

const STYLES: Record<QueueStatus, string> = {
  SUBMITTED: "border-accent",
  INFORMATION_REQUESTED: "border-brand",
  APPROVED: "border-success",
  REJECTED: "border-danger",
};

/** A submission's state in words; the border colour only repeats it. */
export function SubmissionStatusBadge({ status }: { status: QueueStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block max-w-full rounded-full border-2 px-2 py-0.5 text-sm font-medium text-ink ${STYLES[status]}`}>
      {t(`submissionsClerk.status.${status}`)}
    </span>
  );
}
