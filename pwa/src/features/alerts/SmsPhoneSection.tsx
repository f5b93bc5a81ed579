import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { TextField } from "../../components/fields.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ErrorResult } from "../../components/form.tsx";
import type { Preferences } from "./NotificationPreferencesPage.tsx";
import { ConfirmPhoneVerificationMutation, RemoveSmsPhoneMutation, StartPhoneVerificationMutation } from "./preferences-operations.ts";

const PHONE = /^\+?[0-9 ]{9,17}$/;
const CODE = /^\d{6}$/;

function errorText(answer: ErrorResult | undefined, fallback: string): string {
  const field = answer?.fieldErrors?.[0]?.message;
  return field ?? answer?.message ?? fallback;
}

/** SMS goes only to a number confirmed with a code sent to it (the API limits how often codes are sent). */
export function SmsPhoneSection({ preferences, onChange }: { preferences: Preferences; onChange: (next: Preferences) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [phone, setPhone] = useState(preferences.pendingSmsPhone ?? "");
  const [code, setCode] = useState("");
  const [awaitingCode, setAwaitingCode] = useState(Boolean(preferences.pendingSmsPhone));
  const [editing, setEditing] = useState(false);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [start, startVerification] = useMutation(StartPhoneVerificationMutation);
  const [confirm, confirmVerification] = useMutation(ConfirmPhoneVerificationMutation);
  const [removing, removePhone] = useMutation(RemoveSmsPhoneMutation);

  async function sendCode(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (!PHONE.test(phone.trim())) return setPhoneError(t("validation.phone"));
    setPhoneError(undefined);
    const result = await startVerification({ phone: phone.trim() });
    const answer = result.data?.startPhoneVerification;
    if (answer?.__typename === "StartPhoneVerificationSuccess") {
      setAwaitingCode(true);
      setCode("");
      toast(t("alerts.sms.codeSent", { phone: answer.verification.phone }));
    } else setPhoneError(answer ? errorText(answer as ErrorResult, t("errors.unexpected")) : t("errors.network"));
  }

  async function confirmCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!CODE.test(code.trim())) return setCodeError(t("alerts.sms.codeFormat"));
    setCodeError(undefined);
    const result = await confirmVerification({ code: code.trim() });
    const answer = result.data?.confirmPhoneVerification;
    if (answer?.__typename === "ConfirmPhoneVerificationSuccess") {
      onChange(answer.preferences);
      setAwaitingCode(false);
      setEditing(false);
      toast(t("alerts.sms.verified"));
    } else setCodeError(answer ? errorText(answer as ErrorResult, t("errors.unexpected")) : t("errors.network"));
  }

  async function remove() {
    const result = await removePhone({});
    const answer = result.data?.removeSmsPhone;
    if (answer?.__typename === "RemoveSmsPhoneSuccess") {
      onChange(answer.preferences);
      setPhone("");
      toast(t("alerts.sms.removed"));
    }
  }

  return (
    <div className="flex flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <h3 className="font-semibold">{t("alerts.channel.SMS")}</h3>
      {preferences.smsPhoneVerified && preferences.smsPhone && !awaitingCode && !editing ? (
        <div className="flex flex-wrap items-center gap-3">
          <p>{t("alerts.sms.verifiedNumber", { phone: preferences.smsPhone })}</p>
          <Button variant="secondary" busy={removing.fetching} onClick={() => void remove()}>
            {t("alerts.sms.remove")}
          </Button>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t("alerts.sms.change")}
          </Button>
        </div>
      ) : (
        <>
          <p>{t("alerts.sms.explain")}</p>
          <form noValidate onSubmit={(event) => void sendCode(event)} className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <TextField
              className="sm:w-72"
              label={t("alerts.sms.phone")}
              hint={t("alerts.sms.phoneHint")}
              type="tel"
              autoComplete="tel"
              name="smsPhone"
              value={phone}
              error={phoneError}
              onChange={(event) => setPhone(event.target.value)}
            />
            <Button type="submit" variant={awaitingCode ? "secondary" : "primary"} busy={start.fetching} className="sm:mt-7">
              {t(awaitingCode ? "alerts.sms.resend" : "alerts.sms.sendCode")}
            </Button>
          </form>
          {awaitingCode && (
            <form noValidate onSubmit={(event) => void confirmCode(event)} className="flex flex-col gap-3 sm:flex-row sm:items-start">
              <TextField
                className="sm:w-72"
                label={t("alerts.sms.code")}
                hint={t("alerts.sms.codeHint")}
                inputMode="numeric"
                autoComplete="one-time-code"
                name="smsCode"
                maxLength={6}
                value={code}
                error={codeError}
                onChange={(event) => setCode(event.target.value)}
              />
              <Button type="submit" busy={confirm.fetching} className="sm:mt-7">
                {t("alerts.sms.confirm")}
              </Button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
