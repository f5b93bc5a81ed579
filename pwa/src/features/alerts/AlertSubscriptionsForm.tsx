import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { Select, TextField } from "../../components/fields.tsx";
import type { ErrorResult } from "../../components/form.tsx";
import { useToast } from "../../components/Toast.tsx";
import type { PageData, Preferences } from "./NotificationPreferencesPage.tsx";
import {
  CHANNEL_ORDER,
  choicesFromTriples,
  isClockTime,
  MAX_SUBSCRIPTIONS,
  sortChannels,
  toggle,
  triplesFromChoices,
  withoutUnavailable,
  type AlertChoices,
  type ChannelName,
} from "./preferences-model.ts";
import { SetNotificationPreferencesMutation } from "./preferences-operations.ts";

type PersonalKind = "reminderChannels" | "paymentChannels" | "submissionChannels";
const PERSONAL: readonly PersonalKind[] = ["reminderChannels", "paymentChannels", "submissionChannels"];

/**
 * What the citizen wants to hear about: alert topics by channel, for the places chosen (the whole town, or some
 * districts and streets), personal messages by channel, and quiet hours. One form, one save: the API replaces the
 * choices and records each change in the consent history.
 */
export function AlertSubscriptionsForm({
  data,
  preferences,
  onChange,
}: {
  data: PageData;
  preferences: Preferences;
  onChange: (next: Preferences) => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [, save] = useMutation(SetNotificationPreferencesMutation);
  const topics = data.notificationTopics;
  const areas = data.notificationAreas;
  const townArea = areas.find((area) => area.kind === "TOWN") ?? null;
  const districts = areas.filter((area) => area.kind === "DISTRICT");
  const streets = areas.filter((area) => area.kind === "STREET");

  const unavailable: ChannelName[] = [
    ...(preferences.pushDevices.length === 0 ? (["PUSH"] as const) : []),
    ...(preferences.smsPhoneVerified ? [] : (["SMS"] as const)),
  ];
  const [choices, setChoices] = useState<AlertChoices>(() => choicesFromTriples(preferences.subscriptions, townArea?.id ?? null));
  const [personal, setPersonal] = useState<Record<PersonalKind, ChannelName[]>>(() => ({
    reminderChannels: [...preferences.reminderChannels],
    paymentChannels: [...preferences.paymentChannels],
    submissionChannels: [...preferences.submissionChannels],
  }));
  const [quiet, setQuiet] = useState({ start: preferences.quietHoursStart, end: preferences.quietHoursEnd });
  const [errors, setErrors] = useState<{ form?: string; areas?: string; quietStart?: string; quietEnd?: string }>({});
  const [saving, setSaving] = useState(false);

  const everywhere = townArea !== null && choices.areaIds.includes(townArea.id);
  const chosenStreets = streets.filter((street) => choices.areaIds.includes(street.id));
  const [streetToAdd, setStreetToAdd] = useState("");

  const setTopicChannel = (topicId: string, channel: ChannelName, on: boolean) =>
    setChoices((current) => ({
      ...current,
      channels: { ...current.channels, [topicId]: sortChannels(toggle(current.channels[topicId] ?? [], channel, on)) },
    }));
  const setArea = (areaId: string, on: boolean) => {
    setChoices((current) => ({ ...current, areaIds: toggle(current.areaIds, areaId, on) }));
    setErrors(({ areas: _cleared, ...rest }) => rest);
  };
  const setEverywhere = (on: boolean) => {
    if (!townArea) return;
    setChoices((current) => ({ ...current, areaIds: on ? [townArea.id] : [] }));
    setErrors(({ areas: _cleared, ...rest }) => rest);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    const wanted = withoutUnavailable(choices, unavailable);
    const triples = triplesFromChoices(wanted);
    const anyTopic = Object.values(wanted.channels).some((channels) => channels.length > 0);
    if (anyTopic && wanted.areaIds.length === 0) next.areas = t("alerts.preferences.noArea");
    if (triples.length > MAX_SUBSCRIPTIONS) next.areas = t("alerts.preferences.tooMany", { max: MAX_SUBSCRIPTIONS });
    if (!isClockTime(quiet.start)) next.quietStart = t("alerts.preferences.timeFormat");
    if (!isClockTime(quiet.end)) next.quietEnd = t("alerts.preferences.timeFormat");
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setSaving(true);
    try {
      const result = await save({
        input: {
          subscriptions: triples,
          reminderChannels: personal.reminderChannels.filter((channel) => !unavailable.includes(channel)),
          paymentChannels: personal.paymentChannels.filter((channel) => !unavailable.includes(channel)),
          submissionChannels: personal.submissionChannels.filter((channel) => !unavailable.includes(channel)),
          quietHoursStart: quiet.start,
          quietHoursEnd: quiet.end,
        },
      });
      const answer = result.data?.setNotificationPreferences;
      if (answer?.__typename === "SetNotificationPreferencesSuccess") {
        onChange(answer.preferences);
        toast(t("alerts.preferences.saved"));
      } else {
        const failure = answer as ErrorResult | undefined;
        const field = (name: string) => failure?.fieldErrors?.find((error) => error.path.at(-1) === name)?.message;
        setErrors({
          form: failure?.message ?? t("errors.network"),
          areas: field("subscriptions"),
          quietStart: field("quietHoursStart"),
          quietEnd: field("quietHoursEnd"),
        });
      }
    } finally {
      setSaving(false);
    }
  }

  const channelUnavailableHint = (channel: ChannelName) =>
    channel === "PUSH" ? t("alerts.preferences.pushUnavailable") : channel === "SMS" ? t("alerts.preferences.smsUnavailable") : null;

  return (
    <section aria-labelledby="subscriptions-heading" className="flex flex-col gap-4">
      <h2 id="subscriptions-heading" className="text-xl font-semibold">
        {t("alerts.preferences.whatHeading")}
      </h2>
      <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-6" aria-labelledby="subscriptions-heading">
        <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
          {errors.form}
        </div>
        {unavailable.length > 0 && (
          <ul className="flex flex-col gap-1 text-sm text-ink-muted">
            {unavailable.map((channel) => (
              <li key={channel}>{channelUnavailableHint(channel)}</li>
            ))}
          </ul>
        )}

        <fieldset
          className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4"
          aria-describedby={errors.areas ? "areas-error" : undefined}
        >
          <legend className="px-1 font-semibold">{t("alerts.preferences.where")}</legend>
          {townArea && (
            <>
              <label className="flex min-h-11 items-center gap-3">
                <input
                  type="radio"
                  name="scope"
                  className="size-5 accent-brand"
                  checked={everywhere}
                  onChange={() => setEverywhere(true)}
                />
                {t("alerts.preferences.everywhere", { town: townArea.name })}
              </label>
              <label className="flex min-h-11 items-center gap-3">
                <input
                  type="radio"
                  name="scope"
                  className="size-5 accent-brand"
                  checked={!everywhere}
                  onChange={() => setEverywhere(false)}
                />
                {t("alerts.preferences.onlySome")}
              </label>
            </>
          )}
          {!everywhere && (
            <div className="flex flex-col gap-3 pl-2 sm:pl-8">
              {districts.length > 0 && (
                <fieldset className="flex flex-col gap-1">
                  <legend className="font-medium">{t("alerts.preferences.districts")}</legend>
                  <div className="grid gap-x-4 sm:grid-cols-2">
                    {districts.map((district) => (
                      <label key={district.id} className="flex min-h-11 items-center gap-3">
                        <input
                          type="checkbox"
                          className="size-5 accent-brand"
                          checked={choices.areaIds.includes(district.id)}
                          onChange={(event) => setArea(district.id, event.target.checked)}
                        />
                        {district.name}
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
              {streets.length > 0 && (
                <div className="flex flex-col gap-2">
                  <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
                    <Select
                      className="sm:w-80"
                      label={t("alerts.preferences.addStreet")}
                      name="street"
                      value={streetToAdd}
                      onChange={(event) => setStreetToAdd(event.target.value)}
                      options={[
                        { value: "", label: t("alerts.preferences.chooseStreet") },
                        ...streets
                          .filter((street) => !choices.areaIds.includes(street.id))
                          .map((street) => ({ value: street.id, label: street.name })),
                      ]}
                    />
                    <Button
                      variant="secondary"
                      disabled={!streetToAdd}
                      onClick={() => {
                        setArea(streetToAdd, true);
                        setStreetToAdd("");
                      }}
                    >
                      {t("alerts.preferences.add")}
                    </Button>
                  </div>
                  {chosenStreets.length > 0 && (
                    <ul className="flex flex-wrap gap-2" aria-label={t("alerts.preferences.chosenStreets")}>
                      {chosenStreets.map((street) => (
                        <li key={street.id} className="flex items-center gap-2 rounded-md border border-line bg-page py-1 pr-1 pl-3">
                          {street.name}
                          <Button
                            variant="secondary"
                            className="min-h-9 px-2 py-0"
                            aria-label={t("alerts.preferences.removeStreet", { street: street.name })}
                            onClick={() => setArea(street.id, false)}
                          >
                            ×
                          </Button>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
            </div>
          )}
          {errors.areas && (
            <p id="areas-error" className="text-sm font-medium text-danger">
              {errors.areas}
            </p>
          )}
        </fieldset>

        <ChannelTable
          caption={t("alerts.preferences.topicsCaption")}
          rows={topics.map((topic) => ({
            id: topic.id,
            label: topic.name,
            hint: topic.isCrisis ? t("alerts.preferences.crisisHint") : topic.description,
          }))}
          value={(id) => choices.channels[id] ?? []}
          onToggle={setTopicChannel}
          unavailable={unavailable}
        />

        <ChannelTable
          caption={t("alerts.preferences.personalCaption")}
          rows={PERSONAL.map((kind) => ({ id: kind, label: t(`alerts.preferences.personal.${kind}`), hint: null }))}
          value={(id) => personal[id as PersonalKind]}
          onToggle={(id, channel, on) =>
            setPersonal((current) => ({ ...current, [id]: sortChannels(toggle(current[id as PersonalKind], channel, on)) }))
          }
          unavailable={unavailable}
        />

        <fieldset className="flex flex-col gap-2 rounded-lg border border-line bg-surface p-4">
          <legend className="px-1 font-semibold">{t("alerts.preferences.quietHours")}</legend>
          <p className="text-sm text-ink-muted">{t("alerts.preferences.quietHoursHint")}</p>
          <div className="flex flex-wrap gap-4">
            <TextField
              label={t("alerts.preferences.quietFrom")}
              type="time"
              name="quietHoursStart"
              value={quiet.start}
              error={errors.quietStart}
              onChange={(event) => setQuiet((current) => ({ ...current, start: event.target.value }))}
            />
            <TextField
              label={t("alerts.preferences.quietTo")}
              type="time"
              name="quietHoursEnd"
              value={quiet.end}
              error={errors.quietEnd}
              onChange={(event) => setQuiet((current) => ({ ...current, end: event.target.value }))}
            />
          </div>
        </fieldset>

        <Button type="submit" busy={saving} className="self-start">
          {t("alerts.preferences.save")}
        </Button>
      </form>
    </section>
  );
}

/** Rows (topics or message kinds) × channels, as a real table so each checkbox is named by its row and column. */
function ChannelTable(props: {
  caption: string;
  rows: ReadonlyArray<{ id: string; label: string; hint: string | null }>;
  value: (id: string) => readonly ChannelName[];
  onToggle: (id: string, channel: ChannelName, on: boolean) => void;
  unavailable: readonly ChannelName[];
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full border-collapse text-left">
        <caption className="px-4 pt-3 text-left font-semibold">{props.caption}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="px-4 py-2 font-medium">
              {t("alerts.preferences.topic")}
            </th>
            {CHANNEL_ORDER.map((channel) => (
              <th key={channel} scope="col" className="w-16 px-2 py-2 text-center font-medium sm:w-24">
                {t(`alerts.channelShort.${channel}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.id} className="border-b border-line last:border-b-0">
              <th scope="row" className="px-4 py-2 font-normal">
                <span className="block">{row.label}</span>
                {row.hint && <span className="block text-sm text-ink-muted">{row.hint}</span>}
              </th>
              {CHANNEL_ORDER.map((channel) => {
                const off = props.unavailable.includes(channel);
                return (
                  <td key={channel} className="px-2 py-2 text-center">
                    <input
                      type="checkbox"
                      className="size-6 accent-brand disabled:opacity-40"
                      aria-label={`${row.label}: ${t(`alerts.channel.${channel}`)}`}
                      disabled={off}
                      checked={!off && props.value(row.id).includes(channel)}
                      onChange={(event) => props.onToggle(row.id, channel, event.target.checked)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
