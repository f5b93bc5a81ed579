import type { AttachmentValue, Field, FormDefinition, FormValues, Localized } from "./definition.ts";
import { formatDate } from "./messages.ts";
import { holds, isEmpty } from "./validate.ts";

/**
 * The summary of a submission: labelled sections of values in both languages, as the citizen confirms it before
 * sending and as it is frozen at submit (JSON stored with the submission, and the PDF rendered from it). It is
 * built from the definition of the version the citizen filled in, so a later wording change does not alter what
 * was sent. Empty optional fields are left out; hidden fields never appear (validation drops them).
 */

export type SummaryEntry =
  | { kind: "value"; path: string; label: Localized; value: Localized }
  | { kind: "files"; path: string; label: Localized; files: AttachmentValue[] }
  | { kind: "group"; path: string; label: Localized; items: { label: Localized; entries: SummaryEntry[] }[] };

export interface SummarySection {
  stepId: string;
  title: Localized;
  entries: SummaryEntry[];
}

export interface FormSummary {
  formId: string;
  formVersion: string;
  title: Localized;
  sections: SummarySection[];
}

const YES: Localized = { cs: "Ano", en: "Yes" };
const NO: Localized = { cs: "Ne", en: "No" };

/** Pass validated values (validateForm's `values`): the summary shows them as they will be stored. */
export function summarize(definition: FormDefinition, values: FormValues): FormSummary {
  const sections: SummarySection[] = [];
  for (const step of definition.steps) {
    if (!holds(step.when, values)) continue;
    const entries = summarizeFields(step.fields, values, "");
    if (entries.length > 0) sections.push({ stepId: step.id, title: step.title, entries });
  }
  return { formId: definition.id, formVersion: definition.version, title: definition.title, sections };
}

function summarizeFields(fields: readonly Field[], values: FormValues, prefix: string): SummaryEntry[] {
  const entries: SummaryEntry[] = [];
  for (const field of fields) {
    if (!holds(field.when, values)) continue;
    const entry = summarizeField(field, values[field.name], prefix + field.name);
    if (entry) entries.push(entry);
  }
  return entries;
}

function summarizeField(field: Field, value: unknown, path: string): SummaryEntry | null {
  if (field.type === "group") {
    if (field.repeatable) {
      if (!Array.isArray(value) || value.length === 0) return null;
      const items = value.map((item, index) => ({
        label: { cs: `${field.repeatable!.itemLabel.cs} ${index + 1}`, en: `${field.repeatable!.itemLabel.en} ${index + 1}` },
        entries: summarizeFields(field.fields, isRecord(item) ? item : {}, `${path}.${index}.`),
      }));
      return { kind: "group", path, label: field.label, items };
    }
    if (!isRecord(value)) return null;
    const entries = summarizeFields(field.fields, value, `${path}.`);
    return entries.length > 0 ? { kind: "group", path, label: field.label, items: [{ label: field.label, entries }] } : null;
  }
  if (field.type === "attachment") {
    if (!Array.isArray(value) || value.length === 0) return null;
    return { kind: "files", path, label: field.label, files: value as AttachmentValue[] };
  }
  if (field.type === "boolean") {
    // An unticked optional box says "No" only when it asks something; leaving it out would hide a claim not made.
    if (typeof value !== "boolean") return null;
    return { kind: "value", path, label: field.label, value: value ? YES : NO };
  }
  if (isEmpty(value)) return null;
  return { kind: "value", path, label: field.label, value: displayValue(field, value) };
}

function displayValue(field: Exclude<Field, { type: "group" | "attachment" | "boolean" }>, value: unknown): Localized {
  switch (field.type) {
    case "choice": {
      const chosen = (Array.isArray(value) ? value : [value]).map(
        (v) => field.options.find((o) => o.value === v)?.label ?? { cs: String(v), en: String(v) },
      );
      return { cs: chosen.map((c) => c.cs).join(", "), en: chosen.map((c) => c.en).join(", ") };
    }
    case "date":
      return typeof value === "string" ? { cs: formatDate(value, "cs"), en: formatDate(value, "en") } : same(String(value));
    case "number":
      return typeof value === "number" ? { cs: value.toLocaleString("cs-CZ"), en: value.toLocaleString("en-GB") } : same(String(value));
    case "text":
      return same(String(value));
  }
}

const same = (text: string): Localized => ({ cs: text, en: text });

function isRecord(value: unknown): value is FormValues {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One line of a summary as printed (PDF, e-mail): a heading (no value) or a label with its value, indented. */
export interface SummaryLine {
  depth: number;
  label: string;
  value?: string;
}

/** A summary flattened to lines in one language, for the receipt PDF and e-mail. */
export function summaryLines(summary: FormSummary, locale: keyof Localized): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const walk = (entries: readonly SummaryEntry[], depth: number) => {
    for (const entry of entries) {
      if (entry.kind === "value") lines.push({ depth, label: entry.label[locale], value: entry.value[locale] });
      else if (entry.kind === "files")
        lines.push({ depth, label: entry.label[locale], value: entry.files.map((f) => f.fileName).join(", ") });
      else
        for (const item of entry.items) {
          lines.push({ depth, label: item.label[locale] });
          walk(item.entries, depth + 1);
        }
    }
  };
  for (const section of summary.sections) {
    lines.push({ depth: 0, label: section.title[locale] });
    walk(section.entries, 1);
  }
  return lines;
}

export function summaryText(summary: FormSummary, locale: keyof Localized): string {
  const heading = `${summary.title[locale]} (${summary.formVersion})`;
  const body = summaryLines(summary, locale).map(
    (line) => `${"  ".repeat(line.depth)}${line.value === undefined ? line.label : `${line.label}: ${line.value}`}`,
  );
  return [heading, ...body].join("\n");
}
