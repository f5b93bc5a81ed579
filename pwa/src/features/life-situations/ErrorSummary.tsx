import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { controlId } from "./FormFields.tsx";

/**
 * What must be fixed before going on, at the top of the step: each message names its field and links to it. It
 * takes focus when it appears, so keyboard and screen reader users learn at once why the step did not advance.
 */
export interface FieldMessage {
  /** Dotted path of the field ("dogs.1.chipNumber"). */
  path: string;
  message: string;
}

export function ErrorSummary({ issues, attempt }: { issues: readonly FieldMessage[]; attempt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0 && issues.length > 0) ref.current?.focus();
    // Only a new attempt moves focus, not each keystroke that changes the list.
  }, [attempt]);
  if (issues.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="rounded-md border-2 border-danger bg-surface p-4"
    >
      <h2 id="error-summary-title" className="font-semibold text-danger">
        {t("lifeSituations.form.fixThese", { count: issues.length })}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {issues.map((issue) => (
          <li key={issue.path + issue.message}>
            <a
              href={`#${controlId(issue.path)}`}
              onClick={(event) => {
                const target = document.getElementById(controlId(issue.path));
                if (!target) return;
                event.preventDefault();
                target.focus();
                target.scrollIntoView({ block: "center" });
              }}
            >
              {issue.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
