/**
 * Form definitions as data: one definition renders in the PWA and validates on the server. A definition is
 * versioned (semver): drafts remember the version they were filled in (see version.ts).
 */

export interface Localized {
  cs: string;
  en: string;
}

/** Shows a field or step only when the condition holds on the current values (hidden values are dropped). */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: readonly (string | number)[] }
  | { field: string; notEmpty: true }
  | { not: Condition }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] };

export type TextFormat = "birthNumber" | "ico" | "postalCode" | "phone" | "chipNumber" | "email";

/** Values the PWA fills in from the signed-in citizen's profile (the citizen can change them). */
export type Prefill = "fullName" | "email" | "phone";

/** Where the prefill values come from (the signed-in account's profile). */
export type PrefillProfile = Partial<Record<Prefill, string | null>>;

interface FieldBase {
  /** Unique among its siblings; the value's key. */
  name: string;
  label: Localized;
  hint?: Localized;
  required?: boolean;
  when?: Condition;
  prefill?: Prefill;
}

export interface TextField extends FieldBase {
  type: "text";
  multiline?: boolean;
  minLength?: number;
  /** Every text field has a maximum (default 200, multiline 4000). */
  maxLength?: number;
  format?: TextFormat;
  /** Inside a repeatable group: no two entries may have the same (normalised) value, e.g. a dog's chip number. */
  unique?: boolean;
}

export interface NumberField extends FieldBase {
  type: "number";
  min?: number;
  max?: number;
  integer?: boolean;
}

export interface DateField extends FieldBase {
  type: "date";
  /** "today" or "YYYY-MM-DD". */
  min?: string;
  max?: string;
}

export interface ChoiceField extends FieldBase {
  type: "choice";
  options: readonly { value: string; label: Localized }[];
  multiple?: boolean;
}

export interface BooleanField extends FieldBase {
  type: "boolean";
}

export interface AttachmentField extends FieldBase {
  type: "attachment";
  maxFiles: number;
  /** Per file. */
  maxBytes: number;
  /** MIME types sniffed from the content, not from the name. */
  accept: readonly string[];
}

export interface GroupField extends FieldBase {
  type: "group";
  fields: readonly Field[];
  /** A list of entries (e.g. dogs), between min and max of them; without it a single nested object. */
  repeatable?: { min: number; max: number; itemLabel: Localized };
}

export type Field = TextField | NumberField | DateField | ChoiceField | BooleanField | AttachmentField | GroupField;

export interface Step {
  id: string;
  title: Localized;
  /** The guide shown beside the step: what is needed, fees, deadlines, legal basis. */
  guide?: Localized;
  when?: Condition;
  fields: readonly Field[];
}

export interface SendPolicy {
  /** Starting and sending need a signed-in account. */
  login: boolean;
  /** Sending needs an identity verified by the town (or a national identity provider). */
  verifiedIdentity: boolean;
}

/** The clerk agenda whose queue receives the form's submissions (a subset of the API's Agenda enum). */
export type FormAgenda = "SUBMISSIONS" | "FINANCE";

/**
 * What approving a submission does in the town's records, so the clerk's review can preview it:
 * - DOG_REGISTRATION: dog records + a dog fee assessment from the year's tariff;
 * - DOG_DEREGISTRATION: ends dog records and recalculates the year's dog fee;
 * - WASTE_FEE_REGISTRATION / WASTE_FEE_EXEMPTION: creates / reduces the waste fee;
 * - NONE: the clerk answers; nothing is created (general submission).
 */
export type FormEffect = "DOG_REGISTRATION" | "DOG_DEREGISTRATION" | "WASTE_FEE_REGISTRATION" | "WASTE_FEE_EXEMPTION" | "NONE";

/** A computed preview shown while filling in (and to the clerk): e.g. the dog fee from the town's tariff. */
export type FormPreview = "dogFee";

export interface FormDefinition {
  id: string;
  /** Semver: patch = wording, minor = compatible additions, major = incompatible. */
  version: string;
  title: Localized;
  /** One sentence for lists and the receipt. */
  description: Localized;
  agenda: FormAgenda;
  effect: FormEffect;
  preview?: FormPreview;
  sendPolicy: SendPolicy;
  /** All attachments of one submission together, bytes (each slot has its own per-file limit too). */
  maxAttachmentBytes?: number;
  steps: readonly Step[];
}

/** An attachment as a value: the client-generated id of an uploaded file and what the server found. */
export interface AttachmentValue {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
}

export type FormValues = Record<string, unknown>;
