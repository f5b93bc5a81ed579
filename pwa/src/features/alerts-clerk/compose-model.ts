import { DateTime } from "luxon";
import { TOWN_ZONE } from "../../i18n/format.ts";

/**
 * The compose form's values and their checks. Times are typed in the town's clock (datetime-local carries no
 * zone): 8:00 means 8:00 in Prague whatever the clerk's computer says, converted with luxon across DST.
 */
export type Severity = "INFO" | "WARNING" | "CRISIS";
export type Channel = "EMAIL" | "PUSH" | "SMS";

export interface ComposeValues {
  severity: Severity;
  titleCs: string;
  bodyCs: string;
  titleEn: string;
  bodyEn: string;
  topicIds: string[];
  everywhere: boolean;
  areaIds: string[];
  channels: Channel[];
  validFrom: string;
  validTo: string;
  sendLater: boolean;
  scheduledAt: string;
}

export const TITLE_MAX = 150;
export const BODY_MAX = 5000;

/** What each severity suggests for channels: a crisis goes by push and SMS first, and e-mail too. */
export const DEFAULT_CHANNELS: Record<Severity, Channel[]> = {
  INFO: ["EMAIL", "PUSH"],
  WARNING: ["PUSH", "EMAIL"],
  CRISIS: ["PUSH", "SMS", "EMAIL"],
};

export function emptyCompose(): ComposeValues {
  return {
    severity: "WARNING",
    titleCs: "",
    bodyCs: "",
    titleEn: "",
    bodyEn: "",
    topicIds: [],
    everywhere: true,
    areaIds: [],
    channels: [...DEFAULT_CHANNELS.WARNING],
    validFrom: "",
    validTo: "",
    sendLater: false,
    scheduledAt: "",
  };
}

/** A datetime-local value ("2026-12-06T08:00") read on the town's clock, as an ISO instant; null when empty or invalid. */
export function townInstant(local: string): string | null {
  if (!local) return null;
  const moment = DateTime.fromISO(local, { zone: TOWN_ZONE });
  return moment.isValid ? moment.toUTC().toISO() : null;
}

/** An ISO instant as a datetime-local value on the town's clock (for editing). */
export function townLocal(iso: string): string {
  return DateTime.fromISO(iso, { zone: TOWN_ZONE }).toFormat("yyyy-LL-dd'T'HH:mm");
}

export type ComposeErrors = Partial<Record<keyof ComposeValues, string>>;

/** Message keys (i18n) per field; the API checks the same again and its messages win. */
export function validateCompose(values: ComposeValues, now: number): ComposeErrors {
  const errors: ComposeErrors = {};
  if (!values.titleCs.trim()) errors.titleCs = "validation.required";
  else if (values.titleCs.trim().length > TITLE_MAX) errors.titleCs = "validation.tooLong";
  if (!values.bodyCs.trim()) errors.bodyCs = "validation.required";
  else if (values.bodyCs.length > BODY_MAX) errors.bodyCs = "validation.tooLong";
  if (values.titleEn.trim().length > TITLE_MAX) errors.titleEn = "validation.tooLong";
  if (values.bodyEn.length > BODY_MAX) errors.bodyEn = "validation.tooLong";
  if (values.bodyEn.trim() && !values.titleEn.trim()) errors.titleEn = "alertsClerk.errors.englishTitle";
  if (values.topicIds.length === 0) errors.topicIds = "alertsClerk.errors.topics";
  if (!values.everywhere && values.areaIds.length === 0) errors.areaIds = "alertsClerk.errors.areas";
  if (values.channels.length === 0) errors.channels = "alertsClerk.errors.channels";
  const from = values.validFrom ? townInstant(values.validFrom) : null;
  const to = values.validTo ? townInstant(values.validTo) : null;
  if (values.validFrom && !from) errors.validFrom = "alertsClerk.errors.dateTime";
  if (values.validTo && !to) errors.validTo = "alertsClerk.errors.dateTime";
  if (to && Date.parse(to) <= now) errors.validTo = "alertsClerk.errors.validToPast";
  else if (from && to && Date.parse(to) <= Date.parse(from)) errors.validTo = "alertsClerk.errors.validToOrder";
  if (values.sendLater) {
    const at = townInstant(values.scheduledAt);
    if (!at) errors.scheduledAt = values.scheduledAt ? "alertsClerk.errors.dateTime" : "validation.required";
    else if (Date.parse(at) <= now) errors.scheduledAt = "alertsClerk.errors.scheduledPast";
    else if (to && Date.parse(to) <= Date.parse(at)) errors.validTo = "alertsClerk.errors.validToBeforeSend";
  }
  return errors;
}

/** The API's AlertInput from valid values. */
export function toAlertInput(values: ComposeValues) {
  return {
    severity: values.severity,
    titleCs: values.titleCs.trim(),
    bodyCs: values.bodyCs.trim(),
    titleEn: values.titleEn.trim() || null,
    bodyEn: values.bodyEn.trim() || null,
    topicIds: values.topicIds,
    areaIds: values.everywhere ? [] : values.areaIds,
    channels: values.channels,
    validFrom: townInstant(values.validFrom),
    validTo: townInstant(values.validTo),
    scheduledAt: values.sendLater ? townInstant(values.scheduledAt) : null,
  };
}
