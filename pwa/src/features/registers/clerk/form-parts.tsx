import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

// Controls the shared components/fields.tsx does not have yet, with the same label, hint and error
// wiring (aria-describedby, aria-invalid), so they read the same to assistive technology.

interface Chrome {
  label: string;
  hint?: string;
  error?: string;
}

function described(id: string, hint?: string, error?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    hintId,
    errorId,
    props: {
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

export function TextArea({
  label,
  hint,
  error,
  className = "",
  ...textarea
}: Chrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  const id = useId();
  const { hintId, errorId, props } = described(id, hint, error);
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium">
        {label}
        {textarea.required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea rows={3} className={controlClass} {...props} {...textarea} />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

/** A native file input (keyboard and screen reader friendly as it is), labelled like the other fields. */
export function FileField({
  label,
  hint,
  error,
  onFile,
  ...input
}: Chrome & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "onChange"> & { onFile: (file: File | null) => void }) {
  const id = useId();
  const { hintId, errorId, props } = described(id, hint, error);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
        {input.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        type="file"
        className="block w-full rounded-md border border-line bg-surface px-3 py-2 text-ink file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-page file:px-3 aria-invalid:border-2 aria-invalid:border-danger"
        {...props}
        {...input}
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

/** The legend-and-box of a group of fields. */
export function FieldGroup({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-4">
      <legend className="px-1 text-lg font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

/** Explains the asterisk once per form. */
export function RequiredNote() {
  const { t } = useTranslation();
  return <p className="text-sm text-ink-muted">{t("registers.clerk.requiredNote")}</p>;
}
