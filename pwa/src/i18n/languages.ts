export const LANGUAGES = ["cs", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "cs";

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}
