import type { Locale } from "../../i18n/messages.ts";
import { formatCzk } from "../payments/card/format-czk.ts";

/** Haléře as a message writes them: "1 234,50 Kč" in Czech, "CZK 1,234.50" in English. */
export function formatMoney(halere: bigint | number, locale: Locale): string {
  const [whole, fraction] = formatCzk(BigInt(halere)).split(".");
  const negative = whole!.startsWith("-");
  const digits = negative ? whole!.slice(1) : whole!;
  const grouped = `${negative ? "−" : ""}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === "cs" ? "\u00a0" : ",")}`;
  return locale === "cs" ? `${grouped},${fraction}\u00a0Kč` : `CZK ${grouped}.${fraction}`;
}
