import { useTranslation } from "react-i18next";
import type { NoticePhase } from "../notices/notice-model.ts";

const STYLES: Record<NoticePhase, string> = {
  DRAFT: "border-line",
  PENDING_APPROVAL: "border-accent",
  SCHEDULED: "border-brand",
  POSTED: "border-success",
  TAKEN_DOWN: "border-line",
  WITHDRAWN: "border-danger",
};

/** A notice's state in words (the colour only repeats it, for those who see it). */
export function PhaseBadge({ phase }: { phase: NoticePhase }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded-full border-2 px-2 py-0.5 text-sm font-medium whitespace-nowrap text-ink ${STYLES[phase]}`}>
      {t(`noticesClerk.phase.${phase}`)}
    </span>
  );
}
