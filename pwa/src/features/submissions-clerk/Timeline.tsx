import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format.ts";

export const EVENT_TYPES = ["SUBMITTED", "INFORMATION_REQUESTED", "INFORMATION_PROVIDED", "APPROVED", "REJECTED"] as const;
export type SubmissionEventType = (typeof EVENT_TYPES)[number];

export interface TimelineEvent {
  id: string;
  type: SubmissionEventType;
  createdAt: string;
  /** The citizen acted (sent, answered); otherwise the office. */
  byCitizen: boolean;
  message: string | null;
}

/** Every step of the submission, oldest first, with who took it: the audit trail as the clerk reads it. */
export function Timeline({ events }: { events: readonly TimelineEvent[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="timeline-heading" className="flex flex-col gap-3">
      <h2 id="timeline-heading" className="text-xl font-semibold">
        {t("submissionsClerk.timeline.title")}
      </h2>
      <ol className="flex flex-col gap-0 border-l-2 border-line pl-4" data-testid="timeline">
        {events.map((event) => (
          <li key={event.id} className="relative pb-4 last:pb-0" data-event={event.type}>
            <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] size-3 rounded-full border-2 border-brand bg-surface" />
            <p className="font-medium">{t(`submissionsClerk.timeline.event.${event.type}`)}</p>
            <p className="text-sm text-ink-muted">
              <time dateTime={event.createdAt}>{format.dateTime(event.createdAt)}</time>
              {" · "}
              {t(event.byCitizen ? "submissionsClerk.timeline.byCitizen" : "submissionsClerk.timeline.byOffice")}
            </p>
            {event.message && <p className="mt-1 rounded-md bg-page p-2 break-words whitespace-pre-line">{event.message}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
