import { isValidIco } from "./czech-identifiers.ts";
import { normalizeChipNumber, normalizeCzechPhone, normalizePostalCode, parseBirthNumber } from "./czech-people.ts";
import type { AttachmentValue, Condition, Field, FormDefinition, FormValues, Localized, PrefillProfile, Step } from "./definition.ts";

/**
 * Validates form values against a definition: the same function in the PWA (as the citizen types) and on
 * the server (the whole payload again at submit - the server never trusts the client). Returns the cleaned
 * values (trimmed, normalised, hidden fields and unknown keys dropped) and every problem at once, each
 * naming its path and the field's label, so messages can say which field is wrong.
 */

export type IssueCode =
  | "required"
  | "type"
  | "tooShort"
  | "tooLong"
  | "format"
  | "min"
  | "max"
  | "integer"
  | "choice"
  | "date"
  | "tooFew"
  | "tooMany"
  | "fileTooBig"
  | "fileType"
  | "filesTooBig"
  | "duplicateFile"
  /** The same value as an earlier entry of a repeatable group, for a field marked `unique`. */
  | "duplicate"
  /** The server's registry already has it (e.g. a chip number of a dog kept in the town); only the server says so. */
  | "alreadyRegistered";

export interface FormIssue {
  /** e.g. "dogs.1.chipNumber". */
  path: string;
  code: IssueCode;
  label: Localized;
  params?: Record<string, string | number>;
}

export interface ValidationResult {
  values: FormValues;
  issues: FormIssue[];
}

export interface ValidateOptions {
  /** "YYYY-MM-DD" in the town's zone, for "today" bounds. */
  today: string;
  /** Validate only these steps (the PWA checks the step being left); all when omitted. */
  steps?: readonly string[];
}

const DEFAULT_MAX = 200;
const DEFAULT_MAX_MULTILINE = 4000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function holds(condition: Condition | undefined, values: FormValues): boolean {
  if (!condition) return true;
  if ("not" in condition) return !holds(condition.not, values);
  if ("all" in condition) return condition.all.every((c) => holds(c, values));
  if ("any" in condition) return condition.any.some((c) => holds(c, values));
  const value = values[condition.field];
  if ("equals" in condition) return value === condition.equals;
  if ("in" in condition) return condition.in.includes(value as string | number);
  return !isEmpty(value);
}

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

export function visibleSteps(definition: FormDefinition, values: FormValues): Step[] {
  return definition.steps.filter((step) => holds(step.when, values));
}

export function validateForm(definition: FormDefinition, input: unknown, options: ValidateOptions): ValidationResult {
  const raw: FormValues = isRecord(input) ? input : {};
  const issues: FormIssue[] = [];
  const values: FormValues = {};
  for (const step of definition.steps) {
    // Conditions read the raw values of earlier fields (all fields share one namespace at the top level).
    if (!holds(step.when, raw)) continue;
    const checked = !options.steps || options.steps.includes(step.id);
    validateFields(step.fields, raw, values, "", checked ? issues : [], options);
  }
  if (!options.steps) checkAttachmentsTogether(definition, values, issues);
  return { values, issues };
}

/** Every attachment in (validated) values, with the path of its field, in form order. */
export function collectAttachments(
  definition: FormDefinition,
  values: FormValues,
): { path: string; label: Localized; file: AttachmentValue }[] {
  const found: { path: string; label: Localized; file: AttachmentValue }[] = [];
  const walk = (fields: readonly Field[], record: FormValues, prefix: string) => {
    for (const field of fields) {
      const value = record[field.name];
      const path = prefix + field.name;
      if (field.type === "attachment" && Array.isArray(value)) {
        for (const file of value) if (isAttachment(file)) found.push({ path, label: field.label, file });
      } else if (field.type === "group") {
        if (Array.isArray(value)) value.forEach((item, i) => isRecord(item) && walk(field.fields, item, `${path}.${i}.`));
        else if (isRecord(value)) walk(field.fields, value, `${path}.`);
      }
    }
  };
  for (const step of definition.steps) walk(step.fields, values, "");
  return found;
}

/** One file may not sit in two slots, and all files together stay under the form's limit. */
function checkAttachmentsTogether(definition: FormDefinition, values: FormValues, issues: FormIssue[]) {
  const seen = new Set<string>();
  let total = 0;
  for (const { path, label, file } of collectAttachments(definition, values)) {
    if (seen.has(file.id)) issues.push({ path, code: "duplicateFile", label, params: { file: file.fileName } });
    seen.add(file.id);
    total += file.size;
    if (definition.maxAttachmentBytes !== undefined && total > definition.maxAttachmentBytes) {
      issues.push({ path, code: "filesTooBig", label, params: { max: definition.maxAttachmentBytes } });
      return;
    }
  }
}

/** Starting values from the signed-in account's profile, for top-level fields that ask for it. */
export function prefillValues(definition: FormDefinition, profile: PrefillProfile): FormValues {
  const values: FormValues = {};
  for (const step of definition.steps) {
    for (const field of step.fields) {
      const value = field.prefill ? profile[field.prefill] : undefined;
      if (typeof value === "string" && value !== "") values[field.name] = value;
    }
  }
  return values;
}

function validateFields(
  fields: readonly Field[],
  raw: FormValues,
  out: FormValues,
  prefix: string,
  issues: FormIssue[],
  options: ValidateOptions,
) {
  for (const field of fields) {
    if (!holds(field.when, raw)) continue;
    const path = prefix + field.name;
    const value = validateField(field, raw[field.name], path, issues, options);
    if (value !== undefined) out[field.name] = value;
  }
}

function validateField(field: Field, value: unknown, path: string, issues: FormIssue[], options: ValidateOptions): unknown {
  const issue = (code: IssueCode, params?: Record<string, string | number>) => {
    issues.push({ path, code, label: field.label, ...(params ? { params } : {}) });
    return undefined;
  };
  if (field.type === "group") return validateGroup(field, value, path, issues, options);
  if (typeof value === "string") value = value.trim();
  if (isEmpty(value) || (field.type === "boolean" && value === false && field.required)) {
    if (field.required) return issue("required");
    return field.type === "boolean" ? false : undefined;
  }
  switch (field.type) {
    case "text": {
      if (typeof value !== "string") return issue("type");
      const max = field.maxLength ?? (field.multiline ? DEFAULT_MAX_MULTILINE : DEFAULT_MAX);
      if (value.length > max) return issue("tooLong", { max });
      if (field.minLength && value.length < field.minLength) return issue("tooShort", { min: field.minLength });
      if (!field.format) return value;
      const normalized = normalizeFormat(field.format, value);
      return normalized ?? issue("format", { format: field.format });
    }
    case "number": {
      const number = typeof value === "string" ? Number(value.replace(",", ".")) : value;
      if (typeof number !== "number" || !Number.isFinite(number)) return issue("type");
      if (field.integer && !Number.isInteger(number)) return issue("integer");
      if (field.min !== undefined && number < field.min) return issue("min", { min: field.min });
      if (field.max !== undefined && number > field.max) return issue("max", { max: field.max });
      return number;
    }
    case "date": {
      if (typeof value !== "string" || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return issue("date");
      if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return issue("date");
      const bound = (b: string | undefined) => (b === "today" ? options.today : b);
      const min = bound(field.min);
      const max = bound(field.max);
      if (min && value < min) return issue("min", { min });
      if (max && value > max) return issue("max", { max });
      return value;
    }
    case "choice": {
      const allowed = new Set(field.options.map((o) => o.value));
      if (field.multiple) {
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || !allowed.has(v))) return issue("choice");
        if (new Set(value).size !== value.length) return issue("choice");
        return value;
      }
      if (typeof value !== "string" || !allowed.has(value)) return issue("choice");
      return value;
    }
    case "boolean":
      if (typeof value !== "boolean") return issue("type");
      return value;
    case "attachment": {
      if (!Array.isArray(value) || !value.every(isAttachment)) return issue("type");
      if (value.length > field.maxFiles) return issue("tooMany", { max: field.maxFiles });
      for (const file of value) {
        if (file.size > field.maxBytes) return issue("fileTooBig", { max: field.maxBytes, file: file.fileName });
        if (!field.accept.includes(file.mimeType)) return issue("fileType", { file: file.fileName });
      }
      return value;
    }
  }
}

function validateGroup(
  field: Extract<Field, { type: "group" }>,
  value: unknown,
  path: string,
  issues: FormIssue[],
  options: ValidateOptions,
) {
  if (!field.repeatable) {
    const raw = isRecord(value) ? value : {};
    const out: FormValues = {};
    validateFields(field.fields, raw, out, `${path}.`, issues, options);
    return out;
  }
  const items = Array.isArray(value) ? value : [];
  if (value !== undefined && value !== null && !Array.isArray(value)) {
    issues.push({ path, code: "type", label: field.label });
    return undefined;
  }
  const { min, max } = field.repeatable;
  const needed = field.required ? Math.max(min, 1) : min;
  if (items.length < needed) issues.push({ path, code: "tooFew", label: field.label, params: { min: needed } });
  if (items.length > max) {
    issues.push({ path, code: "tooMany", label: field.label, params: { max } });
    return undefined;
  }
  const entries = items.map((item, index) => {
    const out: FormValues = {};
    validateFields(field.fields, isRecord(item) ? item : {}, out, `${path}.${index}.`, issues, options);
    return out;
  });
  checkUnique(field, entries, path, issues);
  return entries;
}

/** A `unique` field's value repeated in a later entry is an issue on that later entry, naming the first one. */
function checkUnique(field: Extract<Field, { type: "group" }>, entries: FormValues[], path: string, issues: FormIssue[]) {
  for (const child of field.fields) {
    if (child.type !== "text" || !child.unique) continue;
    const first = new Map<string, number>();
    entries.forEach((entry, index) => {
      const value = entry[child.name];
      if (typeof value !== "string" || value === "") return;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else issues.push({ path: `${path}.${index}.${child.name}`, code: "duplicate", label: child.label, params: { entry: earlier + 1 } });
    });
  }
}

export function normalizeFormat(format: NonNullable<Extract<Field, { type: "text" }>["format"]>, value: string): string | null {
  switch (format) {
    case "birthNumber":
      return parseBirthNumber(value)?.normalized ?? null;
    case "ico": {
      const compact = value.replace(/\s/g, "");
      return isValidIco(compact) ? compact : null;
    }
    case "postalCode":
      return normalizePostalCode(value);
    case "phone":
      return normalizeCzechPhone(value);
    case "chipNumber":
      return normalizeChipNumber(value);
    case "email":
      return value.length <= 254 && EMAIL.test(value) ? value.toLowerCase() : null;
  }
}

function isRecord(value: unknown): value is FormValues {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAttachment(value: unknown): value is AttachmentValue {
  return (
    isRecord(value) &&
    typeof value.id === "string" &&
    typeof value.fileName === "string" &&
    typeof value.size === "number" &&
    typeof value.mimeType === "string"
  );
}
