import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages.ts";

/**
 * Display formatting goes straight through Intl, which is what luxon's toLocaleString calls too; keeping luxon
 * (date arithmetic, parsing) out of the shell saves ~20 KB gzipped on the home page's initial load.
 * Dates are shown in the town's time zone, whatever the device's zone is.
 */
export const TOWN_ZONE = "Europe/Prague";

export function formatDate(iso: string, language: Language): string {
  // A bare date (YYYY-MM-DD) is a calendar day, not an instant: format it without shifting zones.
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    timeZone: bareDate ? "UTC" : TOWN_ZONE,
  }).format(new Date(bareDate ? `${iso}T00:00:00Z` : iso));
}

export function formatDateTime(instant: string | number, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    day: "numeric",
    month: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: TOWN_ZONE,
  }).format(new Date(instant));
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(language).format(value);
}

/** `amount` is a decimal string (as the API's money values arrive), formatted without passing through a float. */
export function formatMoney(amount: `${number}`, language: Language): string {
  return new Intl.NumberFormat(language, { style: "currency", currency: "CZK" }).format(amount);
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
