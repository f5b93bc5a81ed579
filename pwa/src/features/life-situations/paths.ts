import type { LifeSituation } from "@portal/forms";

/** Readable Czech URLs of the citizen's side (routes.tsx); links and tests rely on them. */
export const CATALOGUE_PATH = "/zivotni-situace";
export const MY_SUBMISSIONS_PATH = "/moje-podani";

export const guidePath = (slug: string) => `${CATALOGUE_PATH}/${slug}`;

/** The form; `draft` resumes a draft (its client id), otherwise the page starts a new one. */
export const formPath = (slug: string, draft?: string) => `${CATALOGUE_PATH}/${slug}/formular${draft ? `?koncept=${draft}` : ""}`;

export const submissionPath = (id: string) => `${MY_SUBMISSIONS_PATH}/${id}`;

/** Lower case without diacritics, so "pes" finds "Psí" and "odpad" finds "Odpady". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

export function matchesSearch(situation: LifeSituation, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(
    [situation.title.cs, situation.title.en, situation.summary.cs, situation.summary.en, ...situation.keywords].join(" "),
  );
  return words.every((word) => haystack.includes(word));
}
