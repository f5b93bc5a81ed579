import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The legend-and-box of a group of fields. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
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
