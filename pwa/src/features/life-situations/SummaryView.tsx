import { formatBytes, type FormSummary, type SummaryEntry } from "@portal/forms";
import { useId, type ReactNode } from "react";
import { useLocale } from "./locale.ts";

/**
 * A submission's summary (@portal/forms summarize): the labelled sections the citizen confirms before sending, and
 * the frozen copy shown on the receipt and in "Moje podání". Definition lists, so a screen reader pairs each
 * label with its value; `editStep` adds a link back to each section's step before sending.
 */
export function SummaryView({ summary, editAction }: { summary: FormSummary; editAction?: (stepId: string, title: string) => ReactNode }) {
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      {summary.sections.map((section) => (
        <SummarySection key={section.stepId} title={section.title[locale]} action={editAction?.(section.stepId, section.title[locale])}>
          <Entries entries={section.entries} />
        </SummarySection>
      ))}
    </div>
  );
}

function SummarySection({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-line bg-surface p-4">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id} className="text-lg font-semibold">
          {title}
        </h3>
        {action}
      </div>
      {children}
    </section>
  );
}

function Entries({ entries }: { entries: readonly SummaryEntry[] }) {
  const locale = useLocale();
  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(10rem,16rem)_1fr]">
      {entries.map((entry) => {
        if (entry.kind === "group") {
          return (
            <div key={entry.path} className="flex flex-col gap-2 sm:col-span-2">
              <dt className="sr-only">{entry.label[locale]}</dt>
              <dd className="flex flex-col gap-3">
                {entry.items.map((item, index) => (
                  <div key={index} className="rounded-md border border-line p-3">
                    <p className="mb-2 font-semibold">{item.label[locale]}</p>
                    <Entries entries={item.entries} />
                  </div>
                ))}
              </dd>
            </div>
          );
        }
        return (
          <div key={entry.path} className="contents">
            <dt className="text-ink-muted">{entry.label[locale]}</dt>
            <dd className="min-w-0 break-words whitespace-pre-line">
              {entry.kind === "value"
                ? entry.value[locale]
                : entry.files.map((file) => `${file.fileName} (${formatBytes(file.size, locale === "cs")})`).join(", ")}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
