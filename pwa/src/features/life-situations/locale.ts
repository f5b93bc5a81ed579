import { useTranslation } from "react-i18next";

/** The UI language as a key of the forms' bilingual texts (Czech unless English is chosen). */
export function useLocale(): "cs" | "en" {
  const { i18n } = useTranslation();
  return i18n.language === "en" ? "en" : "cs";
}
