import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { readCookie, writePreferenceCookie } from "../cookies.ts";
import coreTexts from "virtual:texts/cs/core";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from "./languages.ts";

/**
 * The chosen language lives in a cookie rather than localStorage: it is read before the first render, and the
 * first localStorage access of a page blocks the main thread while the storage loads (tens of milliseconds on a
 * busy phone, right in the middle of the app's start).
 */
const LANGUAGE_COOKIE = "portal_lang";

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

function initialLanguage(): Language {
  const stored = readCookie(LANGUAGE_COOKIE);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/**
 * The Czech texts of the shell and the home page ship with the app; the rest of Czech (loadRemainingTexts) and
 * other languages load on demand as their own (precached) chunks, which keeps the home page's initial JavaScript
 * smaller for the majority who never switch.
 */
const loadOtherLanguages = {
  type: "backend" as const,
  init() {},
  read(language: string, _namespace: string, callback: (error: unknown, data: object | null) => void) {
    const load = language === "en" ? import("./en.json") : Promise.reject(new Error(`No translations for ${language}`));
    load.then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error, null),
    );
  },
};

void i18n
  .use(loadOtherLanguages)
  .use(initReactI18next)
  .init({
    resources: { cs: { translation: coreTexts } },
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
document.documentElement.lang = currentLanguage();

// The chosen language survives reloads and is announced to assistive technology through <html lang>.
i18n.on("languageChanged", (language) => {
  if (readCookie(LANGUAGE_COOKIE) !== language) writePreferenceCookie(LANGUAGE_COOKIE, language);
  document.documentElement.lang = language;
});

let remainingTexts: Promise<void> | undefined;

/**
 * The Czech texts outside the shell's core set (build/split-texts.ts). Every lazily loaded page waits for them
 * (routes.tsx); the shell and the home page use only core texts (the build checks their literal keys). English
 * always comes whole.
 */
export function loadRemainingTexts(): Promise<void> {
  remainingTexts ??= import("virtual:texts/cs/rest").then(({ default: texts }) => {
    i18n.addResourceBundle("cs", "translation", texts, true, false);
  });
  return remainingTexts;
}

export { i18n };
