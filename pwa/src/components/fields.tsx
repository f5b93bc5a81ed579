import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

interface FieldChrome {
  /** A fixed id for the control (an error summary links to it); generated when omitted. */
  id?: string;
  label: string;
  hint?: string;
  /** Already translated message; shown under the field and announced with it. */
  error?: string;
}

/** Ids and ARIA attributes linking a control to its hint and error message. */
function useDescribedBy(hint?: string, error?: string, fixedId?: string) {
  const generatedId = useId();
  const id = fixedId ?? generatedId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    controlProps: {
      id,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      "aria-invalid": error ? true : undefined,
    },
  };
}

function Messages({ hint, hintId, error, errorId }: { hint?: string; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
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
    </>
  );
}

const controlClass =
  "block w-full min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-ink aria-invalid:border-danger aria-invalid:border-2";

type TextFieldProps = FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { trailing?: ReactNode };

export function TextField({ id: fixedId, label, hint, error, trailing, className = "", ...input }: TextFieldProps) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error, fixedId);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium">
        {label}
        {input.required && <span aria-hidden="true"> *</span>}
      </label>
      <div className="flex gap-2">
        <input className={controlClass} {...controlProps} {...input} />
        {trailing}
      </div>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function TextArea({
  id: fixedId,
  label,
  hint,
  error,
  className = "",
  ...textarea
}: FieldChrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error, fixedId);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium">
        {label}
        {textarea.required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea rows={3} className={controlClass} {...controlProps} {...textarea} />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

/**
 * A native file input drawn as a field, its "choose" button as a button: unstyled, the browser's button loses its
 * border to Tailwind's preflight and reads as plain text.
 */
export const fileInputClass =
  "block w-full rounded-md border border-line bg-surface px-3 py-2 text-ink file:mr-3 file:min-h-9 file:rounded-md file:border file:border-line file:bg-page file:px-3 file:text-ink aria-invalid:border-2 aria-invalid:border-danger";

/** A native file input (keyboard and screen reader friendly as it is), labelled like the other fields. */
export function FileField({
  label,
  hint,
  error,
  onFile,
  ...input
}: FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "onChange"> & { onFile: (file: File | null) => void }) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
        {input.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        type="file"
        className={fileInputClass}
        {...controlProps}
        {...input}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function PasswordField(props: Omit<TextFieldProps, "type" | "trailing">) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? "text" : "password"}
      trailing={
        <button
          type="button"
          className="min-h-11 shrink-0 rounded-md border border-line px-3 text-sm"
          aria-pressed={visible}
          aria-label={t("form.showPassword", { field: props.label })}
          onClick={() => setVisible((v) => !v)}
        >
          {t("form.show")}
        </button>
      }
    />
  );
}

type SelectProps = FieldChrome &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & { options: ReadonlyArray<{ value: string; label: string }> };

export function Select({ id: fixedId, label, hint, error, options, className = "", ...select }: SelectProps) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error, fixedId);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <select className={controlClass} {...controlProps} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

type CheckboxProps = FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type">;

export function Checkbox({ id: fixedId, label, hint, error, className = "", ...input }: CheckboxProps) {
  const { id, hintId, errorId, controlProps } = useDescribedBy(hint, error, fixedId);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <div className="flex min-h-11 items-center gap-3">
        <input type="checkbox" className="size-5 accent-brand" {...controlProps} {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

interface CheckboxGroupProps extends FieldChrome {
  options: ReadonlyArray<{ value: string; label: string }>;
  value: readonly string[];
  onChange: (value: string[]) => void;
}

/** A set of checkboxes answering one question, e.g. a clerk's agendas or a token's scopes. */
export function CheckboxGroup({ label, hint, error, options, value, onChange }: CheckboxGroupProps) {
  const { hintId, errorId, controlProps } = useDescribedBy(hint, error);
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={controlProps["aria-describedby"]}>
      <legend className="font-medium">{label}</legend>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        {options.map((option) => (
          <Checkbox
            key={option.value}
            label={option.label}
            checked={value.includes(option.value)}
            onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))}
          />
        ))}
      </div>
    </fieldset>
  );
}
