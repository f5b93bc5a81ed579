/**
 * Text for searches that ignore case and diacritics: "Vyhláška" and "vyhlaska" both become "vyhlaska".
 * Stored next to the searchable rows (`searchText`) and applied to the query the same way.
 */
export function normalizeForSearch(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(" ")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
