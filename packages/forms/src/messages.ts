import type { Localized } from "./definition.ts";
import type { FormIssue } from "./validate.ts";

export type Locale = keyof Localized;

/**
 * A validation issue as a sentence that names the field's label (screen-reader users hear the message without
 * seeing where it is). The PWA shows it under the field and the API returns it in ValidationError, so both say
 * the same thing.
 */
export function issueMessage(issue: FormIssue, locale: Locale): string {
  const label = issue.label[locale];
  const p = issue.params ?? {};
  const cs = locale === "cs";
  switch (issue.code) {
    case "required":
      return cs ? `Vyplňte pole „${label}“.` : `Fill in “${label}”.`;
    case "type":
      return cs ? `Pole „${label}“ má neplatnou hodnotu.` : `“${label}” has an invalid value.`;
    case "tooShort":
      return cs ? `Pole „${label}“ musí mít alespoň ${p.min} znaků.` : `“${label}” needs at least ${p.min} characters.`;
    case "tooLong":
      return cs ? `Pole „${label}“ může mít nejvýše ${p.max} znaků.` : `“${label}” can have at most ${p.max} characters.`;
    case "format":
      return formatMessage(label, String(p.format), cs);
    case "min":
      return cs ? `Pole „${label}“ musí být nejméně ${formatBound(p.min, cs)}.` : `“${label}” must be at least ${formatBound(p.min, cs)}.`;
    case "max":
      return cs ? `Pole „${label}“ může být nejvýše ${formatBound(p.max, cs)}.` : `“${label}” can be at most ${formatBound(p.max, cs)}.`;
    case "integer":
      return cs ? `Pole „${label}“ musí být celé číslo.` : `“${label}” must be a whole number.`;
    case "choice":
      return cs ? `V poli „${label}“ vyberte jednu z nabízených možností.` : `Choose one of the options for “${label}”.`;
    case "date":
      return cs ? `Pole „${label}“ musí být platné datum.` : `“${label}” must be a valid date.`;
    case "tooFew":
      return cs ? `„${label}“: uveďte alespoň ${p.min}.` : `“${label}”: add at least ${p.min}.`;
    case "tooMany":
      return cs ? `„${label}“: nejvýše ${p.max}.` : `“${label}”: at most ${p.max}.`;
    case "fileTooBig":
      return cs
        ? `Soubor ${p.file} v poli „${label}“ je větší než ${formatBytes(Number(p.max), cs)}.`
        : `The file ${p.file} in “${label}” is larger than ${formatBytes(Number(p.max), cs)}.`;
    case "fileType":
      return cs ? `Soubor ${p.file} v poli „${label}“ nemá povolený typ.` : `The file ${p.file} in “${label}” is not an allowed type.`;
    case "filesTooBig":
      return cs
        ? `Přílohy dohromady přesahují ${formatBytes(Number(p.max), cs)} (pole „${label}“).`
        : `The attachments together exceed ${formatBytes(Number(p.max), cs)} (“${label}”).`;
    case "duplicateFile":
      return cs
        ? `Soubor ${p.file} je přiložen vícekrát (pole „${label}“).`
        : `The file ${p.file} is attached more than once (“${label}”).`;
    case "duplicate":
      return cs
        ? `Pole „${label}“ má stejnou hodnotu jako položka č. ${p.entry}; každá položka musí mít vlastní.`
        : `“${label}” is the same as in entry ${p.entry}; each entry needs its own.`;
    case "alreadyRegistered":
      return cs
        ? `Pole „${label}“: tato hodnota je už v evidenci obce přihlášena (pokud jde o vašeho psa, nejprve ho odhlaste, nebo kontaktujte úřad).`
        : `“${label}”: this value is already registered in the town's records (if it is your dog, deregister it first, or contact the office).`;
  }
}

function formatMessage(label: string, format: string, cs: boolean): string {
  const what: Record<string, Localized> = {
    birthNumber: { cs: "platné rodné číslo (např. 855215/1234)", en: "a valid Czech birth number (e.g. 855215/1234)" },
    ico: { cs: "platné IČO (8 číslic)", en: "a valid company ID, IČO (8 digits)" },
    postalCode: { cs: "platné PSČ (např. 582 32)", en: "a valid postal code (e.g. 582 32)" },
    phone: { cs: "české telefonní číslo (9 číslic)", en: "a Czech phone number (9 digits)" },
    chipNumber: { cs: "číslo čipu podle ISO 11784 (15 číslic)", en: "an ISO 11784 chip number (15 digits)" },
    email: { cs: "platnou e-mailovou adresu", en: "a valid e-mail address" },
  };
  const expected = what[format]?.[cs ? "cs" : "en"] ?? format;
  return cs ? `Do pole „${label}“ zadejte ${expected}.` : `Enter ${expected} in “${label}”.`;
}

function formatBound(value: string | number | undefined, cs: boolean): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, cs ? "cs" : "en");
  return String(value);
}

/** "2026-03-01" as "1. 3. 2026" (cs) or "1 Mar 2026" (en); pure, no time zone involved. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  if (locale === "cs") return `${d}. ${m}. ${y}`;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${d} ${months[m - 1]} ${y}`;
}

export function formatBytes(bytes: number, cs: boolean): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toLocaleString(cs ? "cs-CZ" : "en-GB", { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`;
  return `${bytes} B`;
}

/** Haléře as "1 500 Kč" / "1 500,50 Kč" (cs) or "CZK 1,500" (en). */
export function formatCzk(halere: number, locale: Locale): string {
  const whole = halere % 100 === 0;
  const text = (halere / 100).toLocaleString(locale === "cs" ? "cs-CZ" : "en-GB", {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return locale === "cs" ? `${text} Kč` : `CZK ${text}`;
}
