import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages.ts";

/**
 * Display formatting goes straight through Intl, which is what luxon's toLocaleString calls too; keeping luxon
 * (date arithmetic, parsing) out of the shell saves ~20 KB gzipped on the home page's initial load.
 * Dates are shown in the town's time zone, whatever the device's zone is.
 */
export const TOWN_ZONE = "Europe/Prague";

/**
 * Intl formatters are costly to construct (each one loads locale data; a list of dates built them by the dozen
 * while the home page started) and cheap to reuse: one per language and style, created on first use.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

/**
 * Czech dates are numeric ("6. 12. 2026"), unambiguous to Czech readers. English ones name the month ("Dec 6,
 * 2026"): a numeric "12/6/2026" is 6 December to an American and 12 June to most other readers of the English UI.
 */
const DAY: Record<Language, Intl.DateTimeFormatOptions> = {
  cs: { day: "numeric", month: "numeric", year: "numeric" },
  en: { day: "numeric", month: "short", year: "numeric" },
};

export function formatDate(iso: string, language: Language): string {
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: format it without shifting zones.
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const timeZone = bareDate ? "UTC" : TOWN_ZONE;
  return cached(`date:${language}:${timeZone}`, () => new Intl.DateTimeFormat(language, { ...DAY[language], timeZone })).format(
    new Date(bareDate ? `${iso}T00:00:00Z` : iso),
  );
}

export function formatDateTime(instant: string | number, language: Language): string {
  return cached(
    `dateTime:${language}`,
    () => new Intl.DateTimeFormat(language, { ...DAY[language], hour: "numeric", minute: "2-digit", timeZone: TOWN_ZONE }),
  ).format(new Date(instant));
}

export function formatNumber(value: number, language: Language): string {
  return cached(`number:${language}`, () => new Intl.NumberFormat(language)).format(value);
}

/** `amount` is a decimal string (as the API's money values arrive), formatted without passing through a float. */
export function formatMoney(amount: `${number}`, language: Language): string {
  return cached(`money:${language}`, () => new Intl.NumberFormat(language, { style: "currency", currency: "CZK" })).format(amount);
}

/** The formatters bound to the current UI language; components re-render when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  return {
    language,
    date: (iso: string) => formatDate(iso, language),
    dateTime: (instant: string | number) => formatDateTime(instant, language),
    number: (value: number) => formatNumber(value, language),
    money: (amount: `${number}`) => formatMoney(amount, language),
  };
}
