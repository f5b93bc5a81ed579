import { equalInstallments } from "@portal/forms";
/**
 * A clerk types amounts the Czech way ("1 234,50", "900", "900 Kč"); the API takes a decimal string ("1234.50").
 * Returns null for anything that is not an amount with at most two decimals.
 */
export function parseMoneyInput(text: string): `${number}` | null {
  const cleaned = text.replace(/\s|\u00a0|Kč/gi, "").replace(",", ".");
  if (!/^-?\d{1,11}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.split(".");
  return `${whole}.${fraction.padEnd(2, "0")}` as `${number}`;
}

/** Haléře from a decimal string, exact (no float on the way). */
export function toHaler(amount: `${number}`): number {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, "0").slice(0, 2));
  return negative ? -value : value;
}

export function fromHaler(haler: number): `${number}` {
  const sign = haler < 0 ? "-" : "";
  const abs = Math.abs(haler);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}` as `${number}`;
}

/** The preview of N equal monthly installments: the very rule the API stores them by (@portal/forms). */
export const previewInstallments = equalInstallments;

/** The payer's uuid from its global id ("Payer:<uuid>" in base64), for readable URLs. */
export const payerUuid = (globalId: string) => atob(globalId).split(":")[1] ?? "";
export const payerGlobalId = (uuid: string) => btoa(`Payer:${uuid}`);
