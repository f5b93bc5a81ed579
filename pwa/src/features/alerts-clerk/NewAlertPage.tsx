import type { ParseKeys } from "i18next";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMutation, useQuery } from "urql";
import { Button } from "../../components/Button.tsx";
import { ConfirmActions, Dialog } from "../../components/Dialog.tsx";
import { CheckboxGroup, TextArea, TextField } from "../../components/fields.tsx";
import type { ErrorResult } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { LoadError, Loading } from "../../components/states.tsx";
import { useToast } from "../../components/Toast.tsx";
import { useFormat } from "../../i18n/format.ts";
import { alertUuid } from "../alerts/alert-ids.ts";
import {
  BODY_MAX,
  DEFAULT_CHANNELS,
  emptyCompose,
  TITLE_MAX,
  toAlertInput,
  validateCompose,
  type Channel,
  type ComposeErrors,
  type ComposeValues,
  type Severity,
} from "./compose-model.ts";
import { AlertAudienceOptionsQuery, AlertRecipientCountsQuery, CreateAlertMutation } from "./operations.ts";

const SEVERITIES: readonly Severity[] = ["INFO", "WARNING", "CRISIS"];
const CHANNELS: readonly Channel[] = ["PUSH", "SMS", "EMAIL"];

/**
 * /urad/upozorneni/nove: the clerk composes an alert (severity, texts, topics, places, channels, validity), sees
 * how many citizens each channel would reach, and sends it now (after a confirmation naming the numbers) or
 * schedules it. A double click or a retried request creates one alert (the form's idempotency key).
 */
export function NewAlertPage() {
  const { t } = useTranslation();
  const [options, reexecute] = useQuery({ query: AlertAudienceOptionsQuery });
  if (!options.data) {
    return (
      <div className="flex flex-col gap-4">
        <PageHeading>{t("alertsClerk.compose.title")}</PageHeading>
        {options.error && !options.fetching ? <LoadError onRetry={() => reexecute({ requestPolicy: "network-only" })} /> : <Loading />}
      </div>
    );
  }
  return <ComposeForm topics={options.data.notificationTopics} areas={options.data.notificationAreas} />;
}

type Topic = { id: string; name: string; isCrisis: boolean };
type Area = { id: string; kind: "TOWN" | "DISTRICT" | "STREET"; name: string };

function ComposeForm({ topics, areas }: { topics: readonly Topic[]; areas: readonly Area[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const [values, setValues] = useState<ComposeValues>(emptyCompose);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<ComposeErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [creation, create] = useMutation(CreateAlertMutation);

  const clientErrors = validateCompose(values, Date.now());
  const error = (name: keyof ComposeValues): string | undefined =>
    serverErrors[name] ?? (touched && clientErrors[name] ? t(clientErrors[name] as ParseKeys) : undefined);
  const set = <K extends keyof ComposeValues>(name: K, value: ComposeValues[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setServerErrors(({ [name]: _cleared, ...rest }) => rest);
  };

  const audience = useDebounced(
    useMemo(
      () => ({
        severity: values.severity,
        topicIds: values.topicIds,
        areaIds: values.everywhere ? [] : values.areaIds,
        channels: values.channels,
      }),
      [values.severity, values.topicIds, values.everywhere, values.areaIds, values.channels],
    ),
    400,
  );
  const [counts] = useQuery({
    query: AlertRecipientCountsQuery,
    variables: { audience },
    pause: audience.topicIds.length === 0 || audience.channels.length === 0 || (!values.everywhere && audience.areaIds.length === 0),
    requestPolicy: "network-only",
  });
  const recipientCounts = counts.data?.alertRecipientCounts;

  const districts = areas.filter((area) => area.kind === "DISTRICT");
  const streets = areas.filter((area) => area.kind === "STREET");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    const firstInvalid = Object.keys(clientErrors)[0];
    if (firstInvalid) {
      const control = event.currentTarget.querySelector<HTMLElement>(`[name="${firstInvalid}"]`);
      control?.focus();
      return;
    }
    setFormError(null);
    setConfirming(true);
  }

  async function send() {
    const result = await create({ input: toAlertInput(values), idempotencyKey });
    const answer = result.data?.createAlert;
    if (answer?.__typename === "CreateAlertSuccess") {
      setConfirming(false);
      toast(t(values.sendLater ? "alertsClerk.compose.scheduled" : "alertsClerk.compose.sent"));
      navigate(`/urad/upozorneni/${alertUuid(answer.alert.id)}`);
      return;
    }
    setConfirming(false);
    const failure = answer as ErrorResult | undefined;
    const fields: ComposeErrors = {};
    for (const fieldError of failure?.fieldErrors ?? []) {
      const name = fieldError.path.at(-1) as keyof ComposeValues | undefined;
      if (name && name in values) fields[name] ??= fieldError.message;
    }
    setServerErrors(fields);
    setFormError(failure?.message ?? t("errors.network"));
  }

  const sendLabel = values.sendLater ? t("alertsClerk.compose.schedule") : t("alertsClerk.compose.sendNow");

  return (
    <div className="flex flex-col gap-5">
      <p>
        <Link to="/urad/upozorneni">{t("alertsClerk.back")}</Link>
      </p>
      <PageHeading>{t("alertsClerk.compose.title")}</PageHeading>
      <form noValidate onSubmit={submit} className="flex flex-col gap-6" aria-label={t("alertsClerk.compose.title")}>
        <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
          {formError}
        </div>

        <fieldset className="flex flex-col gap-2">
          <legend className="font-semibold">{t("alertsClerk.compose.severity")}</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {SEVERITIES.map((severity) => (
              <label
                key={severity}
                className={`flex cursor-pointer gap-3 rounded-lg border-2 bg-surface p-3 ${values.severity === severity ? (severity === "CRISIS" ? "border-danger" : "border-brand") : "border-line"}`}
              >
                <input
                  type="radio"
                  name="severity"
                  className="mt-1 size-5 shrink-0 accent-brand"
                  checked={values.severity === severity}
                  onChange={() => {
                    set("severity", severity);
                    set("channels", [...DEFAULT_CHANNELS[severity]]);
                  }}
                />
                <span>
                  <span className="block font-semibold">{t(`alerts.severity.${severity}`)}</span>
                  <span className="block text-sm text-ink-muted">{t(`alertsClerk.compose.severityHint.${severity}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
          <TextField
            label={t("alertsClerk.compose.titleCs")}
            name="titleCs"
            required
            maxLength={TITLE_MAX}
            value={values.titleCs}
            error={error("titleCs")}
            hint={t("alertsClerk.compose.titleHint")}
            onChange={(event) => set("titleCs", event.target.value)}
          />
          <TextArea
            label={t("alertsClerk.compose.bodyCs")}
            name="bodyCs"
            required
            rows={6}
            maxLength={BODY_MAX}
            value={values.bodyCs}
            error={error("bodyCs")}
            hint={t("alertsClerk.compose.bodyHint")}
            onChange={(event) => set("bodyCs", event.target.value)}
          />
          <details open={Boolean(values.titleEn || values.bodyEn || error("titleEn")) || undefined}>
            <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-text">{t("alertsClerk.compose.english")}</summary>
            <div className="flex flex-col gap-4 pt-2">
              <TextField
                label={t("alertsClerk.compose.titleEn")}
                name="titleEn"
                lang="en"
                maxLength={TITLE_MAX}
                value={values.titleEn}
                error={error("titleEn")}
                onChange={(event) => set("titleEn", event.target.value)}
              />
              <TextArea
                label={t("alertsClerk.compose.bodyEn")}
                name="bodyEn"
                lang="en"
                rows={5}
                maxLength={BODY_MAX}
                value={values.bodyEn}
                error={error("bodyEn")}
                onChange={(event) => set("bodyEn", event.target.value)}
              />
            </div>
          </details>
        </div>

        <div className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
          <CheckboxGroup
            label={t("alertsClerk.compose.topics")}
            options={topics.map((topic) => ({ value: topic.id, label: topic.name }))}
            value={values.topicIds}
            error={error("topicIds")}
            onChange={(next) => set("topicIds", next)}
          />
          <fieldset className="flex flex-col gap-1">
            <legend className="font-medium">{t("alertsClerk.compose.areas")}</legend>
            <label className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="everywhere"
                className="size-5 accent-brand"
                checked={values.everywhere}
                onChange={() => set("everywhere", true)}
              />
              {t("alertsClerk.compose.wholeTown")}
            </label>
            <label className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="everywhere"
                className="size-5 accent-brand"
                checked={!values.everywhere}
                onChange={() => set("everywhere", false)}
              />
              {t("alertsClerk.compose.someAreas")}
            </label>
            {!values.everywhere && (
              <div className="flex flex-col gap-3 pl-2 sm:pl-8">
                {districts.length > 0 && (
                  <CheckboxGroup
                    label={t("alertsClerk.compose.districts")}
                    options={districts.map((area) => ({ value: area.id, label: area.name }))}
                    value={values.areaIds}
                    onChange={(next) => set("areaIds", next)}
                  />
                )}
                {streets.length > 0 && (
                  <CheckboxGroup
                    label={t("alertsClerk.compose.streets")}
                    options={streets.map((area) => ({ value: area.id, label: area.name }))}
                    value={values.areaIds}
                    onChange={(next) => set("areaIds", next)}
                  />
                )}
              </div>
            )}
            {error("areaIds") && <p className="text-sm font-medium text-danger">{error("areaIds")}</p>}
          </fieldset>
          <CheckboxGroup
            label={t("alertsClerk.compose.channels")}
            hint={values.severity === "CRISIS" ? t("alertsClerk.compose.crisisChannels") : t("alertsClerk.compose.quietHours")}
            options={CHANNELS.map((channel) => ({ value: channel, label: t(`alerts.channel.${channel}`) }))}
            value={values.channels}
            error={error("channels")}
            onChange={(next) => set("channels", next as Channel[])}
          />
          <section aria-labelledby="recipients-heading" aria-live="polite" className="rounded-md border border-line bg-page p-3">
            <h2 id="recipients-heading" className="font-semibold">
              {t("alertsClerk.compose.recipients")}
            </h2>
            {recipientCounts ? (
              <ul className="mt-1 flex flex-wrap gap-x-6 gap-y-1" data-testid="recipient-counts">
                {values.channels.includes("PUSH") && (
                  <li>{t("alertsClerk.compose.countPush", { devices: recipientCounts.push, citizens: recipientCounts.pushCitizens })}</li>
                )}
                {values.channels.includes("SMS") && <li>{t("alertsClerk.compose.countSms", { count: recipientCounts.sms })}</li>}
                {values.channels.includes("EMAIL") && <li>{t("alertsClerk.compose.countEmail", { count: recipientCounts.email })}</li>}
                <li className="font-semibold">{t("alertsClerk.compose.countCitizens", { count: recipientCounts.citizens })}</li>
              </ul>
            ) : (
              <p className="text-ink-muted">{counts.fetching ? t("common.loading") : t("alertsClerk.compose.recipientsHint")}</p>
            )}
          </section>
        </div>

        <div className="grid gap-4 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2">
          <TextField
            label={t("alertsClerk.compose.validFrom")}
            hint={t("alertsClerk.compose.validFromHint")}
            type="datetime-local"
            name="validFrom"
            value={values.validFrom}
            error={error("validFrom")}
            onChange={(event) => set("validFrom", event.target.value)}
          />
          <TextField
            label={t("alertsClerk.compose.validTo")}
            hint={t("alertsClerk.compose.validToHint")}
            type="datetime-local"
            name="validTo"
            value={values.validTo}
            error={error("validTo")}
            onChange={(event) => set("validTo", event.target.value)}
          />
          <fieldset className="flex flex-col gap-1 sm:col-span-2">
            <legend className="font-medium">{t("alertsClerk.compose.when")}</legend>
            <label className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="sendLater"
                className="size-5 accent-brand"
                checked={!values.sendLater}
                onChange={() => set("sendLater", false)}
              />
              {t("alertsClerk.compose.now")}
            </label>
            <label className="flex min-h-11 items-center gap-3">
              <input
                type="radio"
                name="sendLater"
                className="size-5 accent-brand"
                checked={values.sendLater}
                onChange={() => set("sendLater", true)}
              />
              {t("alertsClerk.compose.later")}
            </label>
            {values.sendLater && (
              <TextField
                className="sm:w-72"
                label={t("alertsClerk.compose.scheduledAt")}
                type="datetime-local"
                name="scheduledAt"
                required
                value={values.scheduledAt}
                error={error("scheduledAt")}
                onChange={(event) => set("scheduledAt", event.target.value)}
              />
            )}
          </fieldset>
        </div>

        <Button type="submit" variant={values.severity === "CRISIS" ? "danger" : "primary"} className="self-start">
          {sendLabel}
        </Button>
      </form>
      <Dialog open={confirming} title={sendLabel} onClose={() => setConfirming(false)}>
        <ConfirmActions
          question={
            (values.sendLater
              ? t("alertsClerk.compose.confirmSchedule", { time: format.dateTime(toAlertInput(values).scheduledAt ?? Date.now()) })
              : t("alertsClerk.compose.confirmNow")) +
            (recipientCounts ? ` ${t("alertsClerk.compose.confirmCount", { count: recipientCounts.citizens })}` : "")
          }
          confirmLabel={sendLabel}
          failure={null}
          busy={creation.fetching}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </div>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
