import { z } from "zod";
import { czechAccountToIban, formatIban, isValidIco, parseCzechAccount } from "@portal/forms";
import { publicOriginOf } from "../../../../../api/src/domain/public-url.ts";
import { contrastRatio, parseHexColor } from "../../../components/branding.ts";

// The municipality settings form checks as the admin types what the API checks too
// (api/src/services/tenancy/update-municipality.ts): required fields and their lengths, the IČO check digit and
// every account's checksums (the very functions the API uses, from the shared package @portal/forms, which has
// no server imports), postal code, e-mail, web address, colours, exactly one main account. The API checks
// everything again; its field errors are shown next to the same fields. Messages are i18n keys.

export interface BankAccountRow {
  /** Identifies the row in the UI only (React key, error keys); never sent. */
  key: string;
  label: string;
  accountNumber: string;
  isPrimary: boolean;
}

export interface SettingsValues {
  name: string;
  ico: string;
  street: string;
  city: string;
  postalCode: string;
  email: string;
  phone: string;
  website: string;
  /** The portal's canonical address: every link in the portal's e-mails starts with it. */
  publicUrl: string;
  primaryColor: string;
  accentColor: string;
  bankAccounts: BankAccountRow[];
  noticeTwoPersonRule: boolean;
}

export type TextFieldName = Exclude<keyof SettingsValues, "bankAccounts" | "noticeTwoPersonRule">;
export type AccountFieldName = "label" | "accountNumber";

/** The API's limits for the logo (LOGO_TYPES and LOGO_MAX_BYTES in update-municipality.ts). */
export const LOGO_MAX_BYTES = 512 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const MAX_BANK_ACCOUNTS = 10;
/** WCAG 2.1 AA for normal text. */
export const AA_CONTRAST = 4.5;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const required = (max: number) => z.string().trim().min(1, "validation.required").max(max, "validation.tooLong");
const optional = (max: number) => z.string().trim().max(max, "validation.tooLong");
const colour = z.string().trim().regex(HEX_COLOR, "settings.validation.colour");

const bankAccountSchema = z.object({
  label: required(100),
  accountNumber: z
    .string()
    .trim()
    .min(1, "validation.required")
    .refine((value) => parseCzechAccount(value) !== null, "settings.validation.bankAccount"),
  isPrimary: z.boolean(),
});

export const settingsSchema = z.object({
  name: required(200),
  ico: z
    .string()
    .trim()
    .min(1, "validation.required")
    .refine((value) => isValidIco(value), "settings.validation.ico"),
  street: required(200),
  city: required(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{2}$/, "settings.validation.postalCode"),
  email: z.string().trim().min(1, "validation.required").max(254, "validation.tooLong").email("validation.email"),
  phone: optional(40),
  website: z
    .string()
    .trim()
    .max(300, "validation.tooLong")
    .refine((value) => value === "" || isWebAddress(value), "settings.validation.website"),
  publicUrl: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(300, "validation.tooLong")
    .refine((value) => publicOriginOf(value) !== null, "settings.validation.publicUrl"),
  primaryColor: colour,
  accentColor: colour,
  bankAccounts: z
    .array(bankAccountSchema)
    .min(1, "settings.validation.bankAccountRequired")
    .max(MAX_BANK_ACCOUNTS, "settings.validation.tooManyAccounts")
    .refine((accounts) => accounts.filter((account) => account.isPrimary).length === 1, "settings.validation.onePrimary"),
  noticeTwoPersonRule: z.boolean(),
});

/** Only http(s) addresses: the website ends up in a link on every page. */
function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

interface MunicipalityData {
  name: string;
  ico: string;
  street: string;
  city: string;
  postalCode: string;
  email: string;
  phone: string | null;
  website: string | null;
  publicUrl: string;
  noticeTwoPersonRule: boolean;
  branding: { primaryColor: string; accentColor: string };
  bankAccounts: ReadonlyArray<{ id: string; label: string; accountNumber: string; isPrimary: boolean }>;
}

/** The form's values for what the API holds now. */
export function valuesFromMunicipality(municipality: MunicipalityData): SettingsValues {
  return {
    name: municipality.name,
    ico: municipality.ico,
    street: municipality.street,
    city: municipality.city,
    postalCode: municipality.postalCode,
    email: municipality.email,
    phone: municipality.phone ?? "",
    website: municipality.website ?? "",
    publicUrl: municipality.publicUrl,
    primaryColor: municipality.branding.primaryColor,
    accentColor: municipality.branding.accentColor,
    noticeTwoPersonRule: municipality.noticeTwoPersonRule,
    bankAccounts: municipality.bankAccounts.map((account) => ({
      key: account.id,
      label: account.label,
      accountNumber: account.accountNumber,
      isPrimary: account.isPrimary,
    })),
  };
}

let rowSequence = 0;
/** A new, empty account row; the first account of an empty list is the main one. */
export function newAccountRow(existing: readonly BankAccountRow[]): BankAccountRow {
  rowSequence += 1;
  return { key: `new-${Date.now().toString(36)}-${rowSequence}`, label: "", accountNumber: "", isPrimary: existing.length === 0 };
}

/** Removing the main account makes the first remaining one the main account, so there is always exactly one. */
export function withoutAccount(rows: readonly BankAccountRow[], key: string): BankAccountRow[] {
  const removed = rows.find((row) => row.key === key);
  const rest = rows.filter((row) => row.key !== key);
  if (removed?.isPrimary && rest.length > 0 && !rest.some((row) => row.isPrimary)) rest[0] = { ...rest[0]!, isPrimary: true };
  return rest;
}

export function withPrimary(rows: readonly BankAccountRow[], key: string): BankAccountRow[] {
  return rows.map((row) => ({ ...row, isPrimary: row.key === key }));
}

/** The variables of updateMunicipality (without the logo, which the page adds): trimmed, empty optionals as null. */
export function toMunicipalityInput(values: SettingsValues) {
  return {
    name: values.name.trim(),
    ico: values.ico.trim(),
    street: values.street.trim(),
    city: values.city.trim(),
    postalCode: values.postalCode.trim(),
    email: values.email.trim(),
    phone: values.phone.trim() || null,
    website: values.website.trim() || null,
    publicUrl: publicOriginOf(values.publicUrl.trim()) ?? values.publicUrl.trim(),
    primaryColor: values.primaryColor.trim().toLowerCase(),
    accentColor: values.accentColor.trim().toLowerCase(),
    noticeTwoPersonRule: values.noticeTwoPersonRule,
    bankAccounts: values.bankAccounts.map((row) => ({
      label: row.label.trim(),
      accountNumber: row.accountNumber.trim(),
      isPrimary: row.isPrimary,
    })),
  };
}

/**
 * Where a message about `path` is shown. Account rows are named by their key, not their position, so a message
 * stays with its row when another row is removed: ["bankAccounts", "1", "accountNumber"] → "bankAccounts.<key of
 * row 1>.accountNumber". Messages about the list as a whole (no main account, none at all) go to "bankAccounts".
 */
export function errorKeyFor(path: ReadonlyArray<string | number | symbol>, rows: readonly BankAccountRow[]): string {
  const segments = path.map(String);
  if (segments[0] === "input") segments.shift();
  const [head = "", index, field] = segments;
  if (head !== "bankAccounts") return head;
  const row = index === undefined ? undefined : rows[Number(index)];
  return row && field ? accountErrorKey(row.key, field) : "bankAccounts";
}

export function accountErrorKey(rowKey: string, field: string): string {
  return `bankAccounts.${rowKey}.${field}`;
}

/** Each field's first problem as an i18n key, by error key (see errorKeyFor). */
export function clientErrorKeys(values: SettingsValues): Record<string, string> {
  const parsed = settingsSchema.safeParse(values);
  const errors: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) errors[errorKeyFor(issue.path, values.bankAccounts)] ??= issue.message;
  return errors;
}

/** The IBAN the API will derive from a valid Czech account number, grouped for reading; null while invalid. */
export function ibanOf(accountNumber: string): string | null {
  const parsed = parseCzechAccount(accountNumber.trim());
  return parsed ? formatIban(czechAccountToIban(parsed)) : null;
}

/** Contrast of white text on the colour (what the header shows on the main colour); null for a malformed colour. */
export function whiteTextContrast(color: string): number | null {
  const rgb = parseHexColor(color);
  return HEX_COLOR.test(color.trim()) && rgb ? contrastRatio(rgb, [255, 255, 255]) : null;
}

/** A logo the API would refuse by its claimed type or size (the API also checks the content): an i18n key. */
export function logoProblem(file: { type: string; size: number }): string | null {
  if (!(LOGO_TYPES as readonly string[]).includes(file.type)) return "settings.validation.logoType";
  if (file.size === 0 || file.size > LOGO_MAX_BYTES) return "settings.validation.logoSize";
  return null;
}

const draftShape = z.object({
  name: z.string(),
  ico: z.string(),
  street: z.string(),
  city: z.string(),
  postalCode: z.string(),
  email: z.string(),
  phone: z.string(),
  website: z.string(),
  publicUrl: z.string(),
  primaryColor: z.string(),
  accentColor: z.string(),
  noticeTwoPersonRule: z.boolean(),
  bankAccounts: z.array(z.object({ key: z.string(), label: z.string(), accountNumber: z.string(), isPrimary: z.boolean() })).max(50),
});

/** A draft read back from storage, or null when there is none or it has a shape this version does not know. */
export function parseDraft(stored: string | null): SettingsValues | null {
  if (!stored) return null;
  try {
    const parsed = draftShape.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function sameValues(a: SettingsValues, b: SettingsValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
