import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useNetworkStatus } from "../../graphql/network-status.ts";
import { PUSH_RECEIVED_MESSAGE } from "../../sw/cache-names.ts";
import { alertPath } from "./alert-ids.ts";
import { isStillValid, readCrisisCopy, writeCrisisCopy } from "./crisis-copy.ts";
import { CrisisAlertQuery } from "./crisis-operations.ts";

/**
 * The newest valid crisis alert, on every page (the shell renders it above the header), offline too: from the
 * offline GraphQL store, else from the device's own copy (crisis-copy.ts). It disappears at the end of its
 * validity by the device's clock, and is refreshed at once when a push arrives while the app is open.
 */
export function CrisisBanner() {
  const { t } = useTranslation();
  const { online } = useNetworkStatus();
  const [result, reexecute] = useQuery({ query: CrisisAlertQuery });
  const fromApi = result.data !== undefined && !result.stale && !result.error && result.operation?.context.meta?.cacheOutcome !== "hit";
  const answered = result.data?.crisisAlert;

  // The API's answer is copied for offline starts without the GraphQL store; written after the page is up.
  useEffect(() => {
    if (!fromApi) return;
    const timer = setTimeout(() => writeCrisisCopy(answered ?? null), 0);
    return () => clearTimeout(timer);
  }, [fromApi, answered]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === PUSH_RECEIVED_MESSAGE) reexecute({ requestPolicy: "network-only" });
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => navigator.serviceWorker?.removeEventListener("message", onMessage);
  }, [reexecute]);

  const useCopy = result.data === undefined && (!online || Boolean(result.error));
  const alert = useCopy ? readCrisisCopy() : (answered ?? null);
  const now = useNowUntil(alert?.validTo ?? null);
  if (!alert || !isStillValid(alert.validTo, now)) return null;

  return (
    <section aria-labelledby="crisis-banner-heading" className="bg-danger text-white" data-testid="crisis-banner">
      <div className="mx-auto flex max-w-5xl flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:gap-3">
        <h2 id="crisis-banner-heading" className="shrink-0 font-bold tracking-wide uppercase">
          {t("alerts.banner.heading")}
        </h2>
        <p className="min-w-0 break-words">
          <span className="font-semibold">{alert.title}</span>{" "}
          <Link to={alertPath(alert.id)} className="whitespace-nowrap text-white underline">
            {t("alerts.banner.more")}
          </Link>
        </p>
      </div>
    </section>
  );
}

/** The device's time, re-read when `moment` passes, so the banner leaves at the end of the alert's validity. */
function useNowUntil(moment: string | null): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!moment) return;
    const delay = Date.parse(moment) - Date.now();
    if (!(delay > 0)) return;
    // setTimeout holds at most ~24.8 days; re-check at least daily.
    const timer = setTimeout(() => setTick((value) => value + 1), Math.min(delay + 50, 86_400_000));
    return () => clearTimeout(timer);
  }, [moment, tick]);
  return Date.now();
}
