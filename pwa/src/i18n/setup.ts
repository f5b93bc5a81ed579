import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import cs from "./cs.json";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from "./languages.ts";

const STORAGE_KEY = "portal.language";

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

// The chosen language survives reloads and is announced to assistive technology through <html lang>.
i18n.on("languageChanged", (language) => {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
});

/**
 * Czech ships with the app; other languages load on demand as their own (precached) chunk, which keeps the
 * home page's initial JavaScript smaller for the majority who never switch.
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
    resources: { cs: { translation: cs } },
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
document.documentElement.lang = currentLanguage();

export { i18n };
