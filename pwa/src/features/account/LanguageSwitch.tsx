import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { LANGUAGES, type Language } from "../../i18n/languages.ts";
import { currentLanguage } from "../../i18n/setup.ts";
import { useSession } from "../auth/session.tsx";
import { UpdateProfileMutation } from "./operations.ts";

const LANGUAGE_NAMES: Record<Language, string> = { cs: "Čeština", en: "English" };

/** Switches the UI language; for a signed-in user it also becomes the profile's language (e-mails follow it). */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const { viewer } = useSession();
  const [, updateProfile] = useMutation(UpdateProfileMutation);
  const other = LANGUAGES.find((language) => language !== currentLanguage()) ?? "cs";

  async function switchTo(language: Language) {
    await i18n.changeLanguage(language);
    if (viewer && viewer.locale !== language) {
      await updateProfile({ input: { fullName: viewer.fullName, phone: viewer.phone, locale: language } });
    }
  }

  return (
    <button type="button" lang={other} className="min-h-11 rounded-md border border-current px-3" onClick={() => void switchTo(other)}>
      {LANGUAGE_NAMES[other]}
    </button>
  );
}
