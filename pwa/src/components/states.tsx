import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-line bg-surface p-6 text-center">
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-2 text-ink-muted">{children}</div>}
    </div>
  );
}

/** Placeholder blocks while data loads; announced once as "Loading". */
export function Loading({ lines = 3 }: { lines?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-busy="true" className="flex flex-col gap-3">
      <span className="sr-only">{t("common.loading")}</span>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="h-5 animate-pulse rounded bg-line/60" style={{ width: `${90 - index * 15}%` }} />
      ))}
    </div>
  );
}

/** For a query that failed without cached data to show. */
export function LoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="flex flex-col items-start gap-2 rounded-lg border-2 border-danger bg-surface p-4">
      <p>{t("errors.loadFailed")}</p>
      <button type="button" className="underline" onClick={onRetry}>
        {t("common.retry")}
      </button>
    </div>
  );
}
