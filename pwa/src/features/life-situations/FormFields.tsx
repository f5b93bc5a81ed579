import { formatBytes, holds, type AttachmentValue, type Field, type FormValues } from "@portal/forms";
import { createContext, useContext, useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { Checkbox, fileInputClass, Select, TextArea, TextField } from "../../components/fields.tsx";
import { getIn, pathKey, type Path } from "./form-state.ts";
import { useLocale } from "./locale.ts";

/**
 * Renders the fields of a form definition (@portal/forms) with the app's accessible field components: every
 * control has its label, hint and error linked, errors name the field (issueMessage), optional fields say so,
 * repeatable groups (dogs, household members) are fieldsets with add and remove buttons. The definition is the
 * same data the API validates with, so what the citizen sees is what the server checks.
 */

export interface FieldsContext {
  values: FormValues;
  setValue: (path: Path, value: unknown) => void;
  /** Messages to show now (already localized, naming the field), by dotted path. */
  issues: ReadonlyMap<string, string>;
  /** Adds chosen files to an attachment slot: uploads them (or keeps them on the device while offline). */
  addFiles: (path: Path, files: File[]) => void;
  removeFile: (path: Path, id: string) => void;
  /** Attachment ids still waiting on the device for the connection. */
  pendingFiles: ReadonlySet<string>;
  /** Messages about files being added to a slot (upload failed, too big), by path. */
  fileMessages: ReadonlyMap<string, string>;
}

const Ctx = createContext<FieldsContext | null>(null);

export function FieldsProvider({ value, children }: { value: FieldsContext; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

function useFields(): FieldsContext {
  const context = useContext(Ctx);
  if (!context) throw new Error("FormFields outside FieldsProvider");
  return context;
}

/** The DOM id of a field's control, so the error summary can link to it and a failed step can focus it. */
export function controlId(path: Path | string): string {
  return `field-${typeof path === "string" ? path : pathKey(path)}`.replace(/[^A-Za-z0-9_-]/g, "-");
}

export function FormFields({ fields, base = [], scope }: { fields: readonly Field[]; base?: Path; scope?: FormValues }) {
  const { values } = useFields();
  const here = scope ?? values;
  return (
    <>
      {fields.map((field) =>
        holds(field.when, here) ? <FieldControl key={field.name} field={field} path={[...base, field.name]} /> : null,
      )}
    </>
  );
}

function FieldControl({ field, path }: { field: Field; path: Path }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { values, setValue, issues } = useFields();
  const key = pathKey(path);
  const error = issues.get(key);
  const value = getIn(values, path);
  const label =
    field.label[locale] +
    (field.required || field.type === "boolean" || field.type === "group" ? "" : ` (${t("lifeSituations.form.optional")})`);
  const hint = field.hint?.[locale];
  const id = controlId(path);

  switch (field.type) {
    case "text": {
      const common = {
        id,
        label,
        hint,
        error,
        required: field.required,
        name: key,
        value: typeof value === "string" ? value : value === undefined || value === null ? "" : String(value),
        maxLength: field.maxLength ?? (field.multiline ? 4000 : 200),
      };
      if (field.multiline) return <TextArea {...common} rows={5} onChange={(event) => setValue(path, event.target.value)} />;
      return (
        <TextField {...common} {...textInputProps(field.format, field.prefill)} onChange={(event) => setValue(path, event.target.value)} />
      );
    }
    case "number":
      return (
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error}
          required={field.required}
          inputMode={field.integer ? "numeric" : "decimal"}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(event) => setValue(path, event.target.value)}
        />
      );
    case "date":
      return (
        <TextField
          id={id}
          type="date"
          label={label}
          hint={hint}
          error={error}
          required={field.required}
          className="sm:max-w-64"
          value={typeof value === "string" ? value : ""}
          onChange={(event) => setValue(path, event.target.value)}
        />
      );
    case "boolean":
      return (
        <Checkbox
          id={id}
          label={field.label[locale]}
          hint={hint}
          error={error}
          checked={value === true}
          onChange={(event) => setValue(path, event.target.checked)}
        />
      );
    case "choice":
      if (field.multiple) {
        const chosen = Array.isArray(value) ? (value as string[]) : [];
        return (
          <ChoiceSet id={id} legend={label} hint={hint} error={error}>
            {field.options.map((option) => (
              <Checkbox
                key={option.value}
                label={option.label[locale]}
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  setValue(path, event.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))
                }
              />
            ))}
          </ChoiceSet>
        );
      }
      if (field.options.length <= 6) {
        return (
          <ChoiceSet id={id} legend={label} hint={hint} error={error} required={field.required}>
            {field.options.map((option, index) => (
              <Radio
                key={option.value}
                id={index === 0 ? id : undefined}
                name={key}
                label={option.label[locale]}
                checked={value === option.value}
                onChange={() => setValue(path, option.value)}
              />
            ))}
          </ChoiceSet>
        );
      }
      return (
        <Select
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => setValue(path, event.target.value || undefined)}
          options={[
            { value: "", label: t("lifeSituations.form.choose") },
            ...field.options.map((o) => ({ value: o.value, label: o.label[locale] })),
          ]}
        />
      );
    case "attachment":
      return <AttachmentSlot field={field} path={path} label={label} hint={hint} error={error} />;
    case "group":
      if (field.repeatable) return <RepeatableGroup field={field} path={path} error={error} />;
      return (
        <fieldset className="flex flex-col gap-4 rounded-lg border border-line p-4">
          <legend className="px-1 font-semibold">{field.label[locale]}</legend>
          <FormFields fields={field.fields} base={path} scope={(getIn(values, path) as FormValues | undefined) ?? {}} />
        </fieldset>
      );
  }
}

/** Input types and autofill tokens by the field's format, so phones offer the right keyboard and saved details. */
function textInputProps(format: string | undefined, prefill: string | undefined) {
  switch (format) {
    case "email":
      return { type: "email", autoComplete: "email", inputMode: "email" as const };
    case "phone":
      return { type: "tel", autoComplete: "tel", inputMode: "tel" as const };
    case "postalCode":
      return { autoComplete: "postal-code", inputMode: "numeric" as const, className: "sm:max-w-40" };
    case "chipNumber":
      return { inputMode: "numeric" as const, autoComplete: "off", className: "sm:max-w-80" };
    case "birthNumber":
      return { autoComplete: "off", className: "sm:max-w-64" };
    case "ico":
      return { inputMode: "numeric" as const, className: "sm:max-w-64" };
  }
  if (prefill === "fullName") return { autoComplete: "name" };
  return {};
}

function ChoiceSet({
  id,
  legend,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className="flex flex-col gap-1"
      aria-describedby={[hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="font-medium">
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      {hint && (
        <p id={hintId} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
      <div className="flex flex-col">{children}</div>
    </fieldset>
  );
}

function Radio({
  id,
  name,
  label,
  checked,
  onChange,
}: {
  id?: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: () => void;
}) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="flex min-h-11 items-center gap-3">
      <input id={inputId} type="radio" name={name} className="size-5 shrink-0 accent-brand" checked={checked} onChange={onChange} />
      <label htmlFor={inputId}>{label}</label>
    </div>
  );
}

function RepeatableGroup({ field, path, error }: { field: Extract<Field, { type: "group" }>; path: Path; error?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { values, setValue } = useFields();
  const stored = Array.isArray(getIn(values, path)) ? (getIn(values, path) as FormValues[]) : [];
  const { min, max, itemLabel } = field.repeatable!;
  const needed = Math.max(min, field.required ? 1 : 0);
  // A required list starts with its first entry open, ready to fill in (typing into it creates the list).
  const items: FormValues[] = stored.length === 0 && needed > 0 ? [{}] : stored;
  const headingId = useId();
  const itemName = (index: number) => `${itemLabel[locale]} ${index + 1}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <h3 id={headingId} className="text-lg font-semibold">
        {field.label[locale]}
      </h3>
      {error && (
        <p id={controlId(path)} tabIndex={-1} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
      {items.map((item, index) => (
        <fieldset key={index} className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
          <legend className="px-1 font-semibold">{itemName(index)}</legend>
          <FormFields fields={field.fields} base={[...path, index]} scope={item ?? {}} />
          {items.length > needed && (
            <div>
              <Button
                variant="secondary"
                onClick={() =>
                  setValue(
                    path,
                    items.filter((_, i) => i !== index),
                  )
                }
              >
                {t("lifeSituations.form.removeItem", { item: itemName(index) })}
              </Button>
            </div>
          )}
        </fieldset>
      ))}
      {items.length < max && (
        <div>
          <Button variant="secondary" onClick={() => setValue(path, [...items, {}])}>
            {t("lifeSituations.form.addItem", { item: itemLabel[locale].toLocaleLowerCase(locale) })}
          </Button>
        </div>
      )}
    </section>
  );
}

function AttachmentSlot({
  field,
  path,
  label,
  hint,
  error,
}: {
  field: Extract<Field, { type: "attachment" }>;
  path: Path;
  label: string;
  hint?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { values, addFiles, removeFile, pendingFiles, fileMessages } = useFields();
  const files = (Array.isArray(getIn(values, path)) ? getIn(values, path) : []) as AttachmentValue[];
  const id = controlId(path);
  const message = fileMessages.get(pathKey(path));
  const describedBy = [hint ? `${id}-hint` : "", error || message ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="font-medium">
        {label}
        {field.required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      )}
      {(error || message) && (
        <p id={`${id}-error`} className="text-sm font-medium text-danger">
          {error ?? message}
        </p>
      )}
      {files.length > 0 && (
        <ul className="flex flex-col gap-2">
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-line bg-surface px-3 py-2">
              <span className="min-w-0 break-all">{file.fileName}</span>
              <span className="text-sm text-ink-muted">
                {formatBytes(file.size, locale === "cs")}
                {pendingFiles.has(file.id) && ` · ${t("lifeSituations.form.fileWaiting")}`}
              </span>
              <Button variant="link" className="ml-auto" onClick={() => removeFile(path, file.id)}>
                {t("lifeSituations.form.removeFile", { file: file.fileName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {files.length < field.maxFiles && (
        <input
          id={id}
          type="file"
          multiple={field.maxFiles - files.length > 1}
          accept={field.accept.join(",")}
          className={fileInputClass}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            event.target.value = "";
            if (chosen.length > 0) addFiles(path, chosen.slice(0, field.maxFiles - files.length));
          }}
        />
      )}
    </div>
  );
}
