import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

/** The history entry whose heading took focus last; the first page load ('default') keeps the browser's focus. */
let focusedLocationKey = "default";

/**
 * The page's one <h1>. It names the document and, after client-side navigation, receives focus so screen reader
 * and keyboard users start at the new content instead of on the link they just used.
 */
export function PageHeading({ children }: { children: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  const appName = t("app.name");

  useEffect(() => {
    document.title = `${children} – ${appName}`;
  }, [children, appName]);

  useEffect(() => {
    if (focusedLocationKey === key) return;
    focusedLocationKey = key;
    ref.current?.focus();
  }, [key]);

  return (
    <h1 ref={ref} tabIndex={-1} className="text-2xl font-bold focus:shadow-none focus:outline-none sm:text-3xl">
      {children}
    </h1>
  );
}
