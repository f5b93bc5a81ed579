// QR Platba: the Short Payment Descriptor (SPAYD 1.0) that every Czech banking app scans.
// Pure functions with no Node imports, so the PWA may import this module too.
//
// Choices, with the reasons (see also docs/ARCHITECTURE.md "Payments groundwork"):
// - Attributes are written in canonical order (keys sorted alphabetically, as the specification sorts them
//   for the CRC32), so the string is deterministic and its CRC32 is computed over exactly what is written.
// - A `*` inside a value is written `%2A` (the specification's escape); `%` itself is written `%25` so that
//   a reader that percent-decodes (as the reference readers do) gets the original text back.
// - Non-ASCII characters stay as UTF-8 (the QR code then uses byte mode); `transliterate` turns the texts
//   into the QR alphanumeric set (A-Z, 0-9, space, `$%+-./:`) for a denser code.
// - No `DT`: it is the date on which the bank is to execute the payment, so a due date there would schedule
//   the citizen's payment for the last day instead of paying now (QR Platba FAQ).
import CRC32 from "crc-32";
import { czechAccountToIban, isValidIban, parseCzechAccount, type CzechAccount } from "@portal/forms";

export const SPAYD_MESSAGE_MAX_LENGTH = 60;
export const SPAYD_RECIPIENT_MAX_LENGTH = 35;
/** AM holds at most 10 characters with two decimals: 9 999 999.99 CZK. */
export const SPAYD_MAX_AMOUNT_MINOR = 999_999_999;
/** Nothing legitimate is longer; a longer text is refused before it is split. */
export const SPAYD_MAX_TEXT_LENGTH = 2_000;

export type SpaydErrorCode =
  | "spayd.account"
  | "spayd.bic"
  | "spayd.amount"
  | "spayd.currency"
  | "spayd.symbol"
  | "spayd.messageTooLong"
  | "spayd.recipientTooLong"
  | "spayd.controlCharacter"
  | "spayd.header"
  | "spayd.attribute"
  | "spayd.duplicateKey"
  | "spayd.percentEncoding"
  | "spayd.date"
  | "spayd.crc32"
  | "spayd.tooLong";

/** An invalid payment or QR text; `code` is stable (for translation), `field` names the attribute. */
export class SpaydError extends Error {
  readonly code: SpaydErrorCode;
  readonly field: string;
  constructor(code: SpaydErrorCode, field: string, message: string) {
    super(message);
    this.name = "SpaydError";
    this.code = code;
    this.field = field;
  }
}

export interface SpaydPayment {
  /** The town's account: a Czech account (parsed or `prefix-number/bank`) or an IBAN. */
  account: CzechAccount | string;
  bic?: string | null;
  /** Integer minor units (haléře). */
  amount?: number | null;
  /** ISO 4217; CZK when omitted. */
  currency?: string;
  variableSymbol?: string | null;
  specificSymbol?: string | null;
  constantSymbol?: string | null;
  message?: string | null;
  recipientName?: string | null;
}

export interface SpaydOptions {
  /** Uppercase ASCII without diacritics, only characters of the QR alphanumeric set. */
  transliterate?: boolean;
  /** Append CRC32 over the canonical text. */
  crc32?: boolean;
}

function fail(code: SpaydErrorCode, field: string, message: string): never {
  throw new SpaydError(code, field, message);
}

function toIban(account: CzechAccount | string): string {
  if (typeof account !== "string") return czechAccountToIban(account);
  const compact = account.replace(/\s+/g, "").toUpperCase();
  if (/^[A-Z]{2}\d{2}/.test(compact)) {
    if (!isValidIban(compact)) fail("spayd.account", "ACC", `Invalid IBAN: ${account}`);
    return compact;
  }
  const parsed = parseCzechAccount(account);
  if (!parsed) fail("spayd.account", "ACC", `Invalid Czech account number: ${account}`);
  return czechAccountToIban(parsed);
}

/** "123.45" from 12345 haléře; integers only, positive, within AM's 10 characters. */
export function formatSpaydAmount(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor <= 0 || minor > SPAYD_MAX_AMOUNT_MINOR) {
    fail("spayd.amount", "AM", `The amount must be a whole number of haléře from 1 to ${SPAYD_MAX_AMOUNT_MINOR}: ${minor}`);
  }
  const units = Math.floor(minor / 100);
  return `${units}.${String(minor % 100).padStart(2, "0")}`;
}

/** 12345 from "123.45" (also "123", "123.5"); null when malformed. No floating point. */
export function parseSpaydAmount(text: string): number | null {
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match || text.length > 10) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return minor > 0 && minor <= SPAYD_MAX_AMOUNT_MINOR ? minor : null;
}

function checkSymbol(value: string | null | undefined, field: string): string | null {
  if (value == null || value === "") return null;
  if (!/^\d{1,10}$/.test(value)) fail("spayd.symbol", field, `${field} must be 1 to 10 digits: ${value}`);
  return value;
}

const QR_ALPHANUMERIC = /[^0-9A-Z $%*+\-./:]/g;

/** Uppercase, without diacritics, every character outside the QR alphanumeric set as a space. */
export function transliterateForQr(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase().replace(QR_ALPHANUMERIC, " ").replace(/ {2,}/g, " ").trim();
}

/** `*` → `%2A` (the specification's escape) and `%` → `%25` (so percent-decoding readers round-trip). */
export function escapeSpaydValue(value: string): string {
  return value.replace(/%/g, "%25").replace(/\*/g, "%2A");
}

/** Percent-decoding of a value as the reference readers do it: `%XX` sequences are UTF-8 bytes. */
export function unescapeSpaydValue(value: string, field = "value"): string {
  if (!value.includes("%")) return value;
  return value.replace(/(?:%[0-9A-Fa-f]{2})+|%/g, (run) => {
    if (run === "%") fail("spayd.percentEncoding", field, `A lone % in ${field}`);
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return fail("spayd.percentEncoding", field, `Percent-encoded bytes in ${field} are not UTF-8`);
    }
  });
}

function checkText(value: string | null | undefined, field: string, max: number, options: SpaydOptions): string | null {
  if (value == null) return null;
  // Control characters (line breaks, NUL) have no place in a payment text; refuse rather than guess.
  if (/\p{Cc}/u.test(value)) fail("spayd.controlCharacter", field, `${field} contains a control character`);
  const text = options.transliterate ? transliterateForQr(value) : value.trim();
  if (text === "") return null;
  if ([...text].length > max) {
    fail(field === "MSG" ? "spayd.messageTooLong" : "spayd.recipientTooLong", field, `${field} is longer than ${max} characters`);
  }
  return escapeSpaydValue(text);
}

/** CRC32 (IEEE) of the UTF-8 bytes, as 8 uppercase hex digits. */
function crc32Hex(text: string): string {
  return (CRC32.buf(new TextEncoder().encode(text)) >>> 0).toString(16).toUpperCase().padStart(8, "0");
}

/** The canonical text the CRC32 covers: header, then every attribute but CRC32 sorted by key. */
export function canonicalSpayd(version: string, attributes: ReadonlyArray<readonly [string, string]>): string {
  const sorted = attributes.filter(([key]) => key !== "CRC32").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [`SPD*${version}`, ...sorted.map(([key, value]) => `${key}:${value}`)].join("*");
}

/** Builds the QR Platba text for one payment. Throws SpaydError on invalid input. */
export function buildSpayd(payment: SpaydPayment, options: SpaydOptions = {}): string {
  const attributes: [string, string][] = [];
  let acc = toIban(payment.account);
  if (payment.bic) {
    const bic = payment.bic.trim().toUpperCase();
    if (!/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)) fail("spayd.bic", "ACC", `Invalid BIC: ${payment.bic}`);
    acc += `+${bic}`;
  }
  attributes.push(["ACC", acc]);
  if (payment.amount != null) attributes.push(["AM", formatSpaydAmount(payment.amount)]);
  const currency = (payment.currency ?? "CZK").toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) fail("spayd.currency", "CC", `Invalid currency: ${payment.currency}`);
  attributes.push(["CC", currency]);
  const message = checkText(payment.message, "MSG", SPAYD_MESSAGE_MAX_LENGTH, options);
  if (message) attributes.push(["MSG", message]);
  const recipient = checkText(payment.recipientName, "RN", SPAYD_RECIPIENT_MAX_LENGTH, options);
  if (recipient) attributes.push(["RN", recipient]);
  const symbols: [string, string | null][] = [
    ["X-KS", checkSymbol(payment.constantSymbol, "X-KS")],
    ["X-SS", checkSymbol(payment.specificSymbol, "X-SS")],
    ["X-VS", checkSymbol(payment.variableSymbol, "X-VS")],
  ];
  for (const [key, value] of symbols) if (value) attributes.push([key, value]);
  const text = canonicalSpayd("1.0", attributes);
  return options.crc32 ? `${text}*CRC32:${crc32Hex(text)}` : text;
}

export interface ParsedSpayd {
  version: string;
  /** Every attribute, percent-decoded, by key (unknown `X-` keys included). */
  attributes: Record<string, string>;
  iban: string;
  bic: string | null;
  amount: number | null;
  currency: string | null;
  variableSymbol: string | null;
  specificSymbol: string | null;
  constantSymbol: string | null;
  message: string | null;
  recipientName: string | null;
  /** DT as "YYYY-MM-DD" (we never write it, but other generators do). */
  paymentDate: string | null;
  /** null when the text carries no CRC32; otherwise whether it matches. */
  crc32Valid: boolean | null;
}

const KNOWN_KEYS = new Set(["ACC", "ALT-ACC", "AM", "CC", "CRC32", "DT", "MSG", "NT", "NTA", "PT", "RF", "RN"]);

/** Decodes a QR Platba text (ours or another generator's). Throws SpaydError when it is not valid SPAYD. */
export function parseSpayd(text: string): ParsedSpayd {
  if (text.length > SPAYD_MAX_TEXT_LENGTH) fail("spayd.tooLong", "SPD", "The text is too long for a QR Platba");
  const header = /^SPD\*(\d+\.\d+)\*/.exec(text);
  if (!header) fail("spayd.header", "SPD", "The text does not start with SPD*<version>*");
  const version = header[1]!;
  const body = text.slice(header[0].length).replace(/\*$/, "");
  const raw: [string, string][] = [];
  const attributes: Record<string, string> = {};
  for (const part of body.split("*")) {
    const match = /^([A-Z][A-Z0-9-]*):(.*)$/s.exec(part);
    if (!match) fail("spayd.attribute", "SPD", `Not a KEY:VALUE attribute: ${part.slice(0, 40)}`);
    const [, key, value] = match as unknown as [string, string, string];
    if (!KNOWN_KEYS.has(key) && !key.startsWith("X-")) fail("spayd.attribute", key, `Unknown attribute ${key}`);
    if (Object.hasOwn(attributes, key)) fail("spayd.duplicateKey", key, `Attribute ${key} appears twice`);
    raw.push([key, value]);
    attributes[key] = unescapeSpaydValue(value, key);
  }
  const acc = attributes.ACC;
  if (!acc) fail("spayd.account", "ACC", "ACC is required");
  const [iban, bic = null] = acc.split("+") as [string, string?];
  if (!isValidIban(iban)) fail("spayd.account", "ACC", `Invalid IBAN: ${iban}`);
  let amount: number | null = null;
  if (attributes.AM !== undefined) {
    amount = parseSpaydAmount(attributes.AM);
    if (amount === null) fail("spayd.amount", "AM", `Invalid amount: ${attributes.AM}`);
  }
  if (attributes.CC !== undefined && !/^[A-Z]{3}$/.test(attributes.CC)) fail("spayd.currency", "CC", `Invalid currency: ${attributes.CC}`);
  let paymentDate: string | null = null;
  if (attributes.DT !== undefined) {
    const date = /^(\d{4})(\d{2})(\d{2})$/.exec(attributes.DT);
    const iso = date ? `${date[1]}-${date[2]}-${date[3]}` : "";
    if (!date || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
      fail("spayd.date", "DT", `Invalid date: ${attributes.DT}`);
    }
    paymentDate = iso;
  }
  const symbol = (key: string) => (attributes[key] === undefined ? null : checkSymbol(attributes[key], key));
  let crc32Valid: boolean | null = null;
  if (attributes.CRC32 !== undefined) {
    if (!/^[0-9A-Fa-f]{8}$/.test(attributes.CRC32)) fail("spayd.crc32", "CRC32", `Invalid CRC32: ${attributes.CRC32}`);
    crc32Valid = crc32Hex(canonicalSpayd(version, raw)) === attributes.CRC32.toUpperCase();
  }
  return {
    version,
    attributes,
    iban,
    bic,
    amount,
    currency: attributes.CC ?? null,
    variableSymbol: symbol("X-VS"),
    specificSymbol: symbol("X-SS"),
    constantSymbol: symbol("X-KS"),
    message: attributes.MSG ?? null,
    recipientName: attributes.RN ?? null,
    paymentDate,
    crc32Valid,
  };
}
