import type { ParseKeys } from "i18next";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import type { z } from "zod";

/** A failed result as the API returns it: one member of an `Error` union, maybe a `ValidationError`. */
export interface ErrorResult {
  __typename: string;
  message: string;
  fieldErrors?: ReadonlyArray<{ path: readonly string[]; message: string }>;
}

type Values = Record<string, unknown>;
type FieldName<T> = Extract<keyof T, string>;

interface FormOptions<T> {
  /** Keeps a draft in sessionStorage under this key, so a reload or a crash does not lose a long form. */
  draftKey?: string;
  /** Fields never written to the draft (passwords). */
  secretFields?: ReadonlyArray<FieldName<T>>;
}

function readDraft<T extends Values>(key: string | undefined, initial: T): T {
  if (!key) return initial;
  try {
    return { ...initial, ...(JSON.parse(sessionStorage.getItem(key) ?? "{}") as Partial<T>) };
  } catch {
    return initial;
  }
}

/**
 * Form state validated by a zod schema as the user types. Schemas carry i18n keys as messages, so errors follow
 * the UI language. Server field errors (already localized by the API) take precedence until the field changes.
 */
export function useZodForm<T extends Values>(schema: z.ZodType<T>, initial: NoInfer<T>, options: FormOptions<T> = {}) {
  const { t } = useTranslation();
  const { draftKey, secretFields = [] } = options;
  const [values, setValues] = useState<T>(() => readDraft(draftKey, initial));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const parsed = useMemo(() => schema.safeParse(values), [schema, values]);
  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error?.issues ?? []) {
      const name = String(issue.path[0] ?? "");
      errors[name] ??= t(issue.message as ParseKeys);
    }
    return errors;
  }, [parsed, t]);

  useEffect(() => {
    if (!draftKey) return;
    const draft = Object.fromEntries(Object.entries(values).filter(([name]) => !secretFields.includes(name as FieldName<T>)));
    sessionStorage.setItem(draftKey, JSON.stringify(draft));
  }, [draftKey, secretFields, values]);

  function setValue<K extends FieldName<T>>(name: K, value: T[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    setTouched((current) => new Set(current).add(name));
    setServerErrors(({ [name]: _cleared, ...rest }) => rest);
  }

  function error(name: FieldName<T>): string | undefined {
    return serverErrors[name] ?? (touched.has(name) ? clientErrors[name] : undefined);
  }

  /** Shows why a request failed; what the user typed stays in place. */
  function fail(failure: ErrorResult | CombinedError | undefined) {
    if (failure && "__typename" in failure) {
      const fieldMessages: Record<string, string> = {};
      for (const fieldError of failure.fieldErrors ?? []) {
        // The API reports paths like ["input", "email"]; the last segment is the field.
        const name = fieldError.path.at(-1);
        if (name && name in values) fieldMessages[name] ??= fieldError.message;
      }
      setServerErrors(fieldMessages);
      setFormError(failure.message);
    } else if (failure?.networkError) {
      setFormError(t("errors.network"));
    } else {
      setFormError(t("errors.unexpected"));
    }
  }

  return {
    values,
    submitting,
    formError,
    setValue,
    error,
    fail,
    /** Props for a text-like field bound to `name`. */
    bind(name: FieldName<T>) {
      return {
        name,
        value: String(values[name] ?? ""),
        error: error(name),
        onChange: (event: { target: { value: string } }) => setValue(name, event.target.value as T[typeof name]),
        onBlur: () => setTouched((current) => new Set(current).add(name)),
      };
    },
    reset(next: T) {
      setValues(next);
      setTouched(new Set());
      setServerErrors({});
      setFormError(null);
    },
    clearDraft() {
      if (draftKey) sessionStorage.removeItem(draftKey);
    },
    /** Validates everything, focuses the first invalid field, or hands the parsed values to `action`. */
    handleSubmit(action: (data: T) => Promise<void>) {
      return async (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setTouched(new Set(Object.keys(values)));
        if (!parsed.success) {
          const firstInvalid = Object.keys(values).find((name) => clientErrors[name]);
          const control = firstInvalid && event.currentTarget.elements.namedItem(firstInvalid);
          if (control instanceof HTMLElement) control.focus();
          return;
        }
        setFormError(null);
        setSubmitting(true);
        try {
          await action(parsed.data);
        } catch {
          setFormError(t("errors.unexpected"));
        } finally {
          setSubmitting(false);
        }
      };
    },
  };
}

interface FormProps {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error?: string | null;
  children: ReactNode;
  /** Accessible name of the form, when a page has more than one. */
  label?: string;
}

/** A form with a summary of what went wrong, announced when it appears. Native validation bubbles are off. */
export function Form({ onSubmit, error, children, label }: FormProps) {
  return (
    <form noValidate onSubmit={onSubmit} aria-label={label} className="flex flex-col gap-4">
      <div role="alert" className="empty:hidden rounded-md border-2 border-danger bg-surface p-3 font-medium text-danger">
        {error}
      </div>
      {children}
    </form>
  );
}
