import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import type { ErrorResult } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { Preferences } from "./NotificationPreferencesPage.tsx";
import { SetOfficialDeliveryMutation } from "./preferences-operations.ts";

type Method = Preferences["officialDelivery"];
const METHODS: readonly Method[] = ["DATA_BOX", "POST", "IN_PERSON"];

/**
 * How official documents reach the citizen (datová schránka, post, in person). Kept apart from the notification
 * choices on purpose: turning e-mails off, or a one-click unsubscribe, must never change a legal delivery.
 */
export function OfficialDeliveryForm({ preferences, onChange }: { preferences: Preferences; onChange: (next: Preferences) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, save] = useMutation(SetOfficialDeliveryMutation);
  const [method, setMethod] = useState<Method>(preferences.officialDelivery);
  const [address, setAddress] = useState(preferences.officialDeliveryAddress ?? "");
  const [error, setError] = useState<{ form?: string; address?: string }>({});
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (method === "DATA_BOX" && !/^[a-z0-9]{7}$/i.test(address.trim())) return setError({ address: t("alerts.official.dataBoxFormat") });
    setError({});
    setSaving(true);
    try {
      const result = await save({ method, address: method === "IN_PERSON" ? null : address.trim() || null });
      const answer = result.data?.setOfficialDelivery;
      if (answer?.__typename === "SetOfficialDeliverySuccess") {
        onChange(answer.preferences);
        toast(t("alerts.official.saved"));
      } else {
        const failure = answer as ErrorResult | undefined;
        setError({ form: failure?.message ?? t("errors.network"), address: failure?.fieldErrors?.[0]?.message });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="official-heading" className="flex max-w-2xl flex-col gap-3 rounded-lg border border-line bg-surface p-4">
      <h2 id="official-heading" className="text-xl font-semibold">
        {t("alerts.official.title")}
      </h2>
      <p>{t("alerts.official.explain")}</p>
      <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-3" aria-labelledby="official-heading">
        <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
          {error.form}
        </div>
        <Select
          label={t("alerts.official.method")}
          name="officialDelivery"
          value={method}
          onChange={(event) => setMethod(event.target.value as Method)}
          options={METHODS.map((value) => ({ value, label: t(`alerts.official.methods.${value}`) }))}
        />
        {method !== "IN_PERSON" && (
          <TextField
            label={t(method === "DATA_BOX" ? "alerts.official.dataBoxId" : "alerts.official.postalAddress")}
            hint={t(method === "DATA_BOX" ? "alerts.official.dataBoxHint" : "alerts.official.postalHint")}
            name="officialDeliveryAddress"
            value={address}
            maxLength={300}
            error={error.address}
            onChange={(event) => setAddress(event.target.value)}
          />
        )}
        <Button type="submit" variant="secondary" busy={saving} className="self-start">
          {t("alerts.official.save")}
        </Button>
      </form>
    </section>
  );
}
