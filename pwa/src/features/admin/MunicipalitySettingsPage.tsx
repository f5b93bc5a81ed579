import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { Checkbox, TextField } from "../../components/fields.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { ResultOf } from "../../graphql/graphql.ts";
import { MunicipalitySettingsQuery, UpdateMunicipalityMutation } from "./operations.ts";
import { BankAccountsField } from "./settings/BankAccountsField.tsx";
import { ColorField, ContrastWarning, HeaderPreview, LogoField, useObjectUrl } from "./settings/BrandingFields.tsx";
import { toMunicipalityInput, valuesFromMunicipality, type TextFieldName } from "./settings/settings-model.ts";
import { useSettingsForm } from "./settings/use-settings-form.ts";

type Municipality = ResultOf<typeof MunicipalitySettingsQuery>["municipality"];

/** /sprava/obec: the admin edits the town's identity, contacts, look, bank accounts and the notice board's rule. */
export function MunicipalitySettingsPage() {
  const { t } = useTranslation();
  // Always what the API holds now: the form starts from it (a stale offline copy would be saved back).
  const [{ data, error }, reexecute] = useQuery({ query: MunicipalitySettingsQuery, requestPolicy: "network-only" });
  return (
    <div className="flex flex-col gap-4">
      <PageHeading>{t("settings.title")}</PageHeading>
      <p>{t("settings.intro")}</p>
      {data ? (
        <SettingsForm key={data.municipality.id} municipality={data.municipality} />
      ) : error ? (
        <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} />
      ) : (
        <Loading lines={6} />
      )}
    </div>
  );
}

function SettingsForm({ municipality }: { municipality: Municipality }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, updateMunicipality] = useMutation(UpdateMunicipalityMutation);
  const saved = useMemo(() => valuesFromMunicipality(municipality), [municipality]);
  const form = useSettingsForm(saved, `portal.municipalitySettingsDraft.${municipality.id}`);
  const { values } = form;
  const logoPreview = useObjectUrl(form.logoFile);
  const currentLogo = municipality.branding.logoUrl;

  const onSubmit = form.handleSubmit(async (current) => {
    const input = {
      ...toMunicipalityInput(current),
      ...(form.logoFile ? { logo: form.logoFile } : {}),
      ...(form.removeLogo && !form.logoFile ? { removeLogo: true } : {}),
    };
    const result = await updateMunicipality({ input });
    const answer = result.data?.updateMunicipality;
    if (answer?.__typename !== "UpdateMunicipalitySuccess") return form.fail(answer ?? result.error);
    // graphcache stores the answer under the municipality's id, so the header, footer and home page show it now.
    form.saved(valuesFromMunicipality(answer.municipality));
    toast(t("settings.saved"));
  });

  const text = (name: TextFieldName) => ({
    name,
    value: values[name],
    error: form.error(name),
    onChange: (event: { target: { value: string } }) => form.setField(name, event.target.value),
  });

  return (
    <form ref={form.formRef} noValidate onSubmit={onSubmit} aria-label={t("settings.title")} className="flex flex-col gap-6">
      <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
        {form.formError}
      </div>
      {form.restoredDraft && form.dirty && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-line bg-surface p-3">
          <p>{t("settings.draftRestored")}</p>
          <Button variant="secondary" onClick={form.discard}>
            {t("settings.discard")}
          </Button>
        </div>
      )}

      <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4">
        <legend className="px-1 text-lg font-semibold">{t("settings.identity.title")}</legend>
        <TextField label={t("settings.fields.name")} hint={t("settings.identity.nameHint")} required maxLength={200} {...text("name")} />
        <TextField
          label={t("settings.fields.ico")}
          hint={t("settings.identity.icoHint")}
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          className="sm:max-w-xs"
          {...text("ico")}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4">
        <legend className="px-1 text-lg font-semibold">{t("settings.contacts.title")}</legend>
        <TextField label={t("settings.fields.street")} required maxLength={200} autoComplete="street-address" {...text("street")} />
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <TextField label={t("settings.fields.city")} required maxLength={100} autoComplete="address-level2" {...text("city")} />
          <TextField
            label={t("settings.fields.postalCode")}
            hint={t("settings.contacts.postalCodeHint")}
            required
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={6}
            {...text("postalCode")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("settings.fields.email")} type="email" required autoComplete="email" maxLength={254} {...text("email")} />
          <TextField
            label={t("settings.fields.phone")}
            hint={t("settings.contacts.optional")}
            type="tel"
            autoComplete="tel"
            maxLength={40}
            {...text("phone")}
          />
        </div>
        <TextField
          label={t("settings.fields.website")}
          hint={t("settings.contacts.websiteHint")}
          type="url"
          autoComplete="url"
          maxLength={300}
          {...text("website")}
        />
        <TextField
          label={t("settings.fields.publicUrl")}
          hint={t("settings.contacts.publicUrlHint")}
          type="url"
          required
          autoComplete="off"
          maxLength={300}
          {...text("publicUrl")}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4">
        <legend className="px-1 text-lg font-semibold">{t("settings.branding.title")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <ColorField
            name="primaryColor"
            label={t("settings.fields.primaryColor")}
            hint={t("settings.branding.primaryHint")}
            value={values.primaryColor}
            error={form.error("primaryColor")}
            onChange={(value) => form.setField("primaryColor", value)}
          />
          <ColorField
            name="accentColor"
            label={t("settings.fields.accentColor")}
            hint={t("settings.branding.accentHint")}
            value={values.accentColor}
            error={form.error("accentColor")}
            onChange={(value) => form.setField("accentColor", value)}
          />
        </div>
        <ContrastWarning primaryColor={values.primaryColor} />
        <LogoField
          currentUrl={currentLogo}
          file={form.logoFile}
          remove={form.removeLogo}
          error={form.logoError}
          previewUrl={logoPreview}
          onChoose={form.chooseLogo}
          onRemove={form.setRemoveLogo}
        />
        <HeaderPreview
          name={values.name}
          primaryColor={values.primaryColor}
          accentColor={values.accentColor}
          logoUrl={logoPreview ?? (form.removeLogo ? null : currentLogo)}
        />
      </fieldset>

      <BankAccountsField
        rows={values.bankAccounts}
        listError={form.error("bankAccounts")}
        error={form.error}
        onChange={form.setAccountField}
        onPrimary={form.setPrimaryAccount}
        onAdd={() => {
          const key = form.addAccount();
          // Into the new row, once it is rendered.
          requestAnimationFrame(() => form.formRef.current?.querySelector<HTMLInputElement>(`[name="bankAccounts.${key}.label"]`)?.focus());
        }}
        onRemove={form.removeAccount}
      />

      <fieldset className="flex flex-col gap-2 rounded-lg border border-line p-4">
        <legend className="px-1 text-lg font-semibold">{t("settings.notices.title")}</legend>
        <Checkbox
          name="noticeTwoPersonRule"
          label={t("settings.fields.noticeTwoPersonRule")}
          hint={t("settings.notices.twoPersonHint")}
          checked={values.noticeTwoPersonRule}
          error={form.error("noticeTwoPersonRule")}
          onChange={(event) => form.setTwoPersonRule(event.target.checked)}
        />
      </fieldset>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={form.submitting}>
          {t("settings.save")}
        </Button>
        {(form.dirty || form.logoFile || form.removeLogo) && (
          <Button variant="secondary" onClick={form.discard}>
            {t("settings.discard")}
          </Button>
        )}
      </div>
    </form>
  );
}
