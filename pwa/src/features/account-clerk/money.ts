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

/**
 * The preview of N equal monthly installments, as the API will compute them (services/account-admin/
 * account-admin-rules.ts, equalInstallments): whole crowns where the amount allows, the remainder on the first;
 * each due date the same day of a later month, clamped to the month's end. The API's answer is what is stored.
 */
export function previewInstallments(totalHaler: number, count: number, firstDueDate: string): { amount: number; dueDate: string }[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(firstDueDate) || count < 1 || count > 24 || totalHaler <= 0) return [];
  const unit = totalHaler % (100 * count) === 0 || totalHaler < 100 * count ? 1 : 100;
  const base = Math.floor(totalHaler / count / unit) * unit;
  const [year, month, day] = firstDueDate.split("-").map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, index) => {
    const monthIndex = month - 1 + index;
    const y = year + Math.floor(monthIndex / 12);
    const m = monthIndex % 12;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const date = `${y}-${String(m + 1).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
    return { amount: index === 0 ? totalHaler - base * (count - 1) : base, dueDate: date };
  });
}

/** The payer's uuid from its global id ("Payer:<uuid>" in base64), for readable URLs. */
export const payerUuid = (globalId: string) => atob(globalId).split(":")[1] ?? "";
export const payerGlobalId = (uuid: string) => btoa(`Payer:${uuid}`);
