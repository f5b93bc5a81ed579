import type { ParseKeys } from "i18next";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import type { ErrorResult } from "../../../components/form.tsx";
import {
  accountErrorKey,
  clientErrorKeys,
  errorKeyFor,
  logoProblem,
  newAccountRow,
  parseDraft,
  sameValues,
  withoutAccount,
  withPrimary,
  type AccountFieldName,
  type SettingsValues,
  type TextFieldName,
} from "./settings-model.ts";

function readDraft(draftKey: string): SettingsValues | null {
  try {
    return parseDraft(sessionStorage.getItem(draftKey));
  } catch {
    return null;
  }
}

/**
 * State of the municipality settings form: the values (kept as a draft in sessionStorage while they differ from
 * what is saved, so a reload loses nothing), problems found as the admin types, the API's field errors (which
 * win until the field changes), and the logo chosen for upload or marked for removal.
 */
export function useSettingsForm(saved: SettingsValues, draftKey: string) {
  const { t } = useTranslation();
  const [initialDraft] = useState(() => readDraft(draftKey));
  const [values, setValues] = useState<SettingsValues>(() => initialDraft ?? saved);
  const [restoredDraft, setRestoredDraft] = useState(() => initialDraft !== null && !sameValues(initialDraft, saved));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [logoFile, setLogoFile] = useState<File | null>(null);
  const [removeLogo, setRemoveLogo] = useState(false);
  const [logoError, setLogoError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Error keys whose first control takes focus once their messages are rendered (set on a failed submit). */
  const [focusKeys, setFocusKeys] = useState<ReadonlySet<string> | null>(null);

  const dirty = !sameValues(values, saved);
  const clientErrors = useMemo(() => clientErrorKeys(values), [values]);

  useEffect(() => {
    try {
      if (dirty) sessionStorage.setItem(draftKey, JSON.stringify(values));
      else sessionStorage.removeItem(draftKey);
    } catch {
      // Storage full or disabled: the form still works, only without a draft.
    }
  }, [draftKey, dirty, values]);

  useEffect(() => {
    if (focusKeys && formRef.current) focusFirstInvalid(formRef.current, focusKeys);
  }, [focusKeys]);

  function changed(...keys: string[]) {
    setTouched((current) => new Set([...current, ...keys]));
    setServerErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key))));
  }

  function error(key: string): string | undefined {
    if (serverErrors[key]) return serverErrors[key];
    const problem = clientErrors[key];
    return problem && (submitted || touched.has(key)) ? t(problem as ParseKeys) : undefined;
  }

  function updateAccounts(update: (rows: SettingsValues["bankAccounts"]) => SettingsValues["bankAccounts"], ...keys: string[]) {
    setValues((current) => ({ ...current, bankAccounts: update(current.bankAccounts) }));
    changed("bankAccounts", ...keys);
  }

  function resetTo(next: SettingsValues) {
    setValues(next);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setFormError(null);
    setLogoFile(null);
    setRemoveLogo(false);
    setLogoError(null);
    setRestoredDraft(false);
  }

  return {
    values,
    dirty,
    restoredDraft,
    submitting,
    formError,
    logoFile,
    removeLogo,
    logoError: logoError ?? serverErrors.logo,
    error,
    /** For the <form>: after a failed submit, focus moves to its first control with a problem. */
    formRef,
    setField(name: TextFieldName, value: string) {
      setValues((current) => ({ ...current, [name]: value }));
      changed(name);
    },
    setTwoPersonRule(value: boolean) {
      setValues((current) => ({ ...current, noticeTwoPersonRule: value }));
      changed("noticeTwoPersonRule");
    },
    setAccountField(rowKey: string, field: AccountFieldName, value: string) {
      updateAccounts((rows) => rows.map((row) => (row.key === rowKey ? { ...row, [field]: value } : row)), accountErrorKey(rowKey, field));
    },
    /** Adds an empty row and returns its key (the page moves focus into it). */
    addAccount(): string {
      const row = newAccountRow(values.bankAccounts);
      setValues((current) => ({ ...current, bankAccounts: [...current.bankAccounts, row] }));
      return row.key;
    },
    removeAccount(rowKey: string) {
      updateAccounts((rows) => withoutAccount(rows, rowKey));
    },
    setPrimaryAccount(rowKey: string) {
      updateAccounts((rows) => withPrimary(rows, rowKey));
    },
    /** A newly chosen logo replaces a pending removal; one the API would refuse is not kept. */
    chooseLogo(file: File | null) {
      changed("logo");
      setRemoveLogo(false);
      const problem = file ? logoProblem(file) : null;
      setLogoError(problem ? t(problem as ParseKeys) : null);
      setLogoFile(problem ? null : file);
    },
    setRemoveLogo(remove: boolean) {
      changed("logo");
      setLogoError(null);
      setLogoFile(null);
      setRemoveLogo(remove);
    },
    /** Shows why saving failed; everything typed (and the chosen logo) stays in place. */
    fail(failure: ErrorResult | CombinedError | undefined) {
      if (failure && "__typename" in failure) {
        const messages: Record<string, string> = {};
        for (const fieldError of failure.fieldErrors ?? [])
          messages[errorKeyFor(fieldError.path, values.bankAccounts)] ??= fieldError.message;
        setServerErrors(messages);
        setFormError(failure.message);
        setFocusKeys(new Set(Object.keys(messages)));
      } else if (failure?.networkError) {
        setFormError(t("errors.network"));
      } else {
        setFormError(t("errors.unexpected"));
      }
    },
    /** After a successful save: the saved values, no draft, no pending logo. */
    saved(next: SettingsValues) {
      resetTo(next);
      try {
        sessionStorage.removeItem(draftKey);
      } catch {
        // Nothing to clean up without storage.
      }
    },
    /** Throws away what was typed (and the draft) and shows what is saved. */
    discard() {
      resetTo(saved);
    },
    handleSubmit(action: (values: SettingsValues) => Promise<void>) {
      return async (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setSubmitted(true);
        if (Object.keys(clientErrors).length > 0 || logoError) {
          setFocusKeys(new Set([...Object.keys(clientErrors), ...(logoError ? ["logo"] : [])]));
          return;
        }
        setFormError(null);
        setSubmitting(true);
        try {
          await action(values);
        } catch {
          setFormError(t("errors.unexpected"));
        } finally {
          setSubmitting(false);
        }
      };
    },
  };
}

/** Focuses the first control (in document order) whose name is one of the error keys. */
export function focusFirstInvalid(form: HTMLFormElement, keys: ReadonlySet<string>): void {
  const control = [...form.elements].find(
    (element): element is HTMLElement => element instanceof HTMLElement && keys.has(element.getAttribute("name") ?? ""),
  );
  control?.focus();
}
