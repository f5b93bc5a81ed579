import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { LoadError, Loading } from "../../components/states.tsx";
import { useFormat } from "../../i18n/format.ts";
import { ConsentHistoryQuery } from "./preferences-operations.ts";

/** The append-only record of every consent given or withdrawn, loaded when the citizen opens it. */
export function ConsentHistory() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="consent-heading" className="flex flex-col gap-2">
      <details onToggle={(event) => setOpen(event.currentTarget.open)} className="rounded-lg border border-line bg-surface p-4">
        <summary className="min-h-11 cursor-pointer py-2 font-semibold">
          <h2 id="consent-heading" className="inline text-xl">
            {t("alerts.consent.title")}
          </h2>
        </summary>
        <p className="mb-3 text-sm text-ink-muted">{t("alerts.consent.explain")}</p>
        {open && <ConsentList />}
      </details>
    </section>
  );
}

function ConsentList() {
  const { t } = useTranslation();
  const format = useFormat();
  const [result, reexecute] = useQuery({ query: ConsentHistoryQuery, requestPolicy: "cache-and-network" });
  const entries = result.data?.myConsentHistory;
  if (!entries) {
    if (result.error && !result.fetching) return <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />;
    return <Loading lines={2} />;
  }
  if (entries.length === 0) return <p>{t("alerts.consent.empty")}</p>;
  return (
    <ol className="flex flex-col gap-2">
      {entries.map((entry, index) => (
        <li key={`${entry.createdAt}-${index}`} className="border-b border-line pb-2 last:border-b-0">
          <p>
            <strong>{t(entry.granted ? "alerts.consent.granted" : "alerts.consent.withdrawn")}</strong>{" "}
            {t(`alerts.channel.${entry.channel}`)}
            {" – "}
            {entry.topicName
              ? `${entry.topicName}${entry.areaName ? `, ${entry.areaName}` : ""}`
              : entry.messageKind
                ? t(`alerts.messageKind.${entry.messageKind}`)
                : ""}
          </p>
          <p className="text-sm text-ink-muted">
            {format.dateTime(entry.createdAt)} · {t(`alerts.consent.source.${entry.source}`)}
          </p>
        </li>
      ))}
    </ol>
  );
}
