import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useQuery } from "urql";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { AlertSubscriptionsForm } from "./AlertSubscriptionsForm.tsx";
import { ConsentHistory } from "./ConsentHistory.tsx";
import { OfficialDeliveryForm } from "./OfficialDeliveryForm.tsx";
import { NotificationPreferencesQuery, type PreferencesFields } from "./preferences-operations.ts";
import { PushDeviceSection } from "./PushDeviceSection.tsx";
import { SmsPhoneSection } from "./SmsPhoneSection.tsx";

export type Preferences = ResultOf<typeof PreferencesFields>;
export type PageData = ResultOf<typeof NotificationPreferencesQuery>;

/**
 * /muj-ucet/upozorneni: how the citizen wants to hear from the town. Contacts first (e-mail, push on this device,
 * a verified phone for SMS), then what to hear about (alert topics × places × channels, personal messages, quiet
 * hours), then, apart, how official documents are delivered, which no notification choice ever changes.
 */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const [result, reexecute] = useQuery({ query: NotificationPreferencesQuery });
  // Every mutation answers the whole new state; it replaces what the query gave until the query refreshes.
  const [latest, setLatest] = useState<Preferences | null>(null);
  const fetched = result.data?.myNotificationPreferences ?? null;
  useEffect(() => setLatest(null), [fetched]);
  const preferences = latest ?? fetched;

  if (!result.data || !preferences) {
    if (result.error && !result.fetching) {
      return (
        <div className="flex flex-col gap-4">
          <PageHeading>{t("alerts.preferences.title")}</PageHeading>
          <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
        </div>
      );
    }
    return <Loading />;
  }

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-2">
        <PageHeading>{t("alerts.preferences.title")}</PageHeading>
        <p>{t("alerts.preferences.intro")}</p>
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <Link to="/upozorneni">{t("alerts.preferences.toAlerts")}</Link>
          </li>
          <li>
            <Link to="/historie-komunikace">{t("alerts.preferences.toHistory")}</Link>
          </li>
        </ul>
      </div>
      <section aria-labelledby="contacts-heading" className="flex flex-col gap-4">
        <h2 id="contacts-heading" className="text-xl font-semibold">
          {t("alerts.preferences.contacts")}
        </h2>
        <div className="rounded-lg border border-line bg-surface p-4">
          <h3 className="font-semibold">{t("alerts.channel.EMAIL")}</h3>
          <p className="break-words">
            {preferences.email}{" "}
            <span className="text-ink-muted">
              ({t(preferences.emailVerified ? "alerts.preferences.emailVerified" : "alerts.preferences.emailNotVerified")})
            </span>
          </p>
        </div>
        <PushDeviceSection preferences={preferences} onChange={setLatest} />
        <SmsPhoneSection preferences={preferences} onChange={setLatest} />
      </section>
      <AlertSubscriptionsForm data={result.data} preferences={preferences} onChange={setLatest} />
      <OfficialDeliveryForm preferences={preferences} onChange={setLatest} />
      <ConsentHistory />
    </div>
  );
}
