import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { PREFLIGHT_HEADER } from "../../graphql/client.ts";
import { currentLanguage } from "../../i18n/setup.ts";

/** The one-click endpoint of notification e-mails (RFC 8058); its GET redirects here. */
const UNSUBSCRIBE_ENDPOINT = "/api/notifications/unsubscribe";

type State = { step: "confirm" } | { step: "sending" } | { step: "done"; message: string } | { step: "failed"; message: string };

/**
 * /odhlaseni-upozorneni?token=…: where the unsubscribe link of an e-mail leads. Opening the link changes nothing
 * (mail scanners follow links); the citizen confirms with one button, which sends the same POST a mail program
 * sends for the List-Unsubscribe header. No sign-in needed: the signed token names what to stop. How official
 * documents are delivered is not affected, and the page says so.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [state, setState] = useState<State>({ step: "confirm" });

  async function confirm() {
    setState({ step: "sending" });
    try {
      const response = await fetch(`${UNSUBSCRIBE_ENDPOINT}?${new URLSearchParams({ token }).toString()}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": currentLanguage(), [PREFLIGHT_HEADER]: "1" },
        body: "List-Unsubscribe=One-Click",
        credentials: "omit",
      });
      const answer = (await response.json().catch(() => null)) as { unsubscribed?: boolean; message?: string } | null;
      if (response.ok && answer?.unsubscribed) setState({ step: "done", message: answer.message ?? t("alerts.unsubscribe.done") });
      else setState({ step: "failed", message: answer?.message ?? t("alerts.unsubscribe.invalid") });
    } catch {
      setState({ step: "failed", message: t("errors.network") });
    }
  }

  return (
    <div className="flex max-w-xl flex-col gap-4">
      <PageHeading>{t("alerts.unsubscribe.title")}</PageHeading>
      {!token ? (
        <p role="alert">{t("alerts.unsubscribe.invalid")}</p>
      ) : state.step === "done" ? (
        <p role="status" className="rounded-md border-2 border-success bg-surface p-3 font-medium">
          {state.message}
        </p>
      ) : (
        <>
          <p>{t("alerts.unsubscribe.intro")}</p>
          {state.step === "failed" && (
            <p role="alert" className="rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
              {state.message}
            </p>
          )}
          <Button className="self-start" busy={state.step === "sending"} onClick={() => void confirm()}>
            {t("alerts.unsubscribe.confirm")}
          </Button>
        </>
      )}
      <p className="text-sm text-ink-muted">{t("alerts.unsubscribe.officialNote")}</p>
      <p>
        <Link to="/muj-ucet/upozorneni">{t("alerts.unsubscribe.toPreferences")}</Link>
      </p>
    </div>
  );
}
