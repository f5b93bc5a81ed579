import { useEffect, useMemo, useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { brandCssVariables } from "../../../components/branding.ts";
import { Button } from "../../../components/Button.tsx";
import { fileInputClass, TextField } from "../../../components/fields.tsx";
import { useFormat } from "../../../i18n/format.ts";
import { AA_CONTRAST, LOGO_TYPES, whiteTextContrast } from "./settings-model.ts";

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

interface ColorFieldProps {
  name: "primaryColor" | "accentColor";
  label: string;
  hint: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** A colour as #rrggbb: typed (keyboard, pasted from the town's design manual) or picked from the system palette. */
export function ColorField({ name, label, hint, value, error, onChange }: ColorFieldProps) {
  const { t } = useTranslation();
  const valid = HEX_COLOR.test(value.trim());
  return (
    <TextField
      name={name}
      label={label}
      hint={hint}
      required
      spellCheck={false}
      autoComplete="off"
      maxLength={7}
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
      trailing={
        <input
          type="color"
          aria-label={t("settings.branding.pick", { field: label })}
          // The picker needs a valid colour; while the text is incomplete it keeps showing black.
          value={valid ? value.trim().toLowerCase() : "#000000"}
          onChange={(event) => onChange(event.target.value)}
          className="h-11 w-14 shrink-0 cursor-pointer rounded-md border border-line bg-surface p-1"
        />
      }
    />
  );
}

/** Says when white text on the main colour would fall below WCAG AA; the app then writes in black on it. */
export function ContrastWarning({ primaryColor }: { primaryColor: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ratio = whiteTextContrast(primaryColor);
  const low = ratio !== null && ratio < AA_CONTRAST;
  return (
    <div aria-live="polite" className="empty:hidden">
      {low && (
        <p className="rounded-md border-2 border-danger bg-surface p-3 text-danger">
          {t("settings.branding.lowContrast", {
            ratio: format.number(Math.floor(ratio * 100) / 100),
            required: format.number(AA_CONTRAST),
          })}
        </p>
      )}
    </div>
  );
}

interface HeaderPreviewProps {
  name: string;
  primaryColor: string;
  accentColor: string;
  logoUrl: string | null;
}

/**
 * The portal's header as it will look with these colours and this logo, with the text colours the app picks
 * (brandCssVariables: white or black on the brand colour, whichever keeps AA contrast).
 */
export function HeaderPreview({ name, primaryColor, accentColor, logoUrl }: HeaderPreviewProps) {
  const { t } = useTranslation();
  const style = useMemo(() => brandCssVariables({ primaryColor, accentColor }) as CSSProperties, [primaryColor, accentColor]);
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="font-medium">{t("settings.branding.preview")}</figcaption>
      <div style={style} className="overflow-hidden rounded-lg border border-line" data-testid="header-preview">
        <div className="flex flex-wrap items-center gap-3 bg-brand px-4 py-3 text-on-brand">
          <img src={logoUrl ?? "/icons/icon-192.png"} alt="" width={40} height={40} className="size-10 object-contain" />
          <span className="mr-auto text-lg font-semibold break-all">{name.trim() || t("app.name")}</span>
          <span className="underline">{t("notices.nav")}</span>
        </div>
        <div className="flex flex-wrap items-center gap-3 bg-surface px-4 py-3">
          <span className="text-brand-text underline">{t("settings.branding.previewLink")}</span>
          <span className="rounded-md bg-accent px-3 py-1 text-on-accent">{t("settings.branding.previewAccent")}</span>
        </div>
      </div>
    </figure>
  );
}

interface LogoFieldProps {
  currentUrl: string | null;
  file: File | null;
  remove: boolean;
  error?: string;
  onChoose: (file: File | null) => void;
  onRemove: (remove: boolean) => void;
  /** The object URL of the chosen file, for the previews. */
  previewUrl: string | null;
}

/** The logo or coat of arms: the current one, a newly chosen one (previewed, uploaded on save), or none. */
export function LogoField({ currentUrl, file, remove, error, onChoose, onRemove, previewUrl }: LogoFieldProps) {
  const { t } = useTranslation();
  const shown = previewUrl ?? (remove ? null : currentUrl);
  const errorId = "logo-error";
  const hintId = "logo-hint";
  return (
    <div className="flex flex-col gap-2">
      <p className="font-medium">{t("settings.logo.title")}</p>
      <div className="flex flex-wrap items-center gap-4">
        {shown ? (
          <img
            src={shown}
            alt={t(file ? "settings.logo.newAlt" : "settings.logo.currentAlt")}
            className="size-20 rounded-md border border-line bg-surface object-contain p-1"
          />
        ) : (
          <p className="text-ink-muted">{t(remove ? "settings.logo.willRemove" : "settings.logo.none")}</p>
        )}
        {file && <p>{t("settings.logo.chosen", { name: file.name })}</p>}
        {(file || (currentUrl && !remove)) && (
          <Button variant="secondary" onClick={() => (file ? onChoose(null) : onRemove(true))}>
            {t(file ? "settings.logo.cancelNew" : "settings.logo.remove")}
          </Button>
        )}
        {remove && (
          <Button variant="secondary" onClick={() => onRemove(false)}>
            {t("settings.logo.keep")}
          </Button>
        )}
      </div>
      <label htmlFor="logo-input" className="font-medium">
        {t("settings.logo.upload")}
      </label>
      <p id={hintId} className="text-sm text-ink-muted">
        {t("settings.logo.hint")}
      </p>
      <input
        id="logo-input"
        name="logo"
        type="file"
        accept={LOGO_TYPES.join(",")}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
        className={fileInputClass}
        onChange={(event) => {
          onChoose(event.currentTarget.files?.[0] ?? null);
          // The same file can be chosen again after a removal.
          event.currentTarget.value = "";
        }}
      />
      {error && (
        <p id={errorId} className="text-sm font-medium text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** An object URL for the chosen file, revoked when the file changes or the page closes. */
export function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const created = URL.createObjectURL(file);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return url;
}
