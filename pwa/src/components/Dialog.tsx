import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button.tsx";

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** A modal on the native <dialog>: the browser traps focus, handles Escape and returns focus on close. */
export function Dialog({ open, title, onClose, children }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-full max-w-lg rounded-lg bg-surface p-0 text-ink shadow-xl"
    >
      {open && (
        <div className="flex flex-col gap-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-xl font-semibold">
              {title}
            </h2>
            <button
              type="button"
              className="min-h-11 min-w-11 rounded-md text-2xl leading-none"
              onClick={onClose}
              aria-label={t("common.close")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

interface ConfirmActionsProps {
  /** What will happen, in a sentence. */
  question: string;
  confirmLabel: string;
  /** The answer of the last attempt, when it failed. */
  failure: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The body of a dialog that asks before a destructive action: the question, the failure if any, confirm and cancel. */
export function ConfirmActions({ question, confirmLabel, failure, busy, onConfirm, onCancel }: ConfirmActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-3">
      <p>{question}</p>
      {failure && (
        <p role="alert" className="text-danger">
          {failure}
        </p>
      )}
      <div className="flex gap-3">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </div>
    </div>
  );
}
