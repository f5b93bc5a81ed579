/**
 * N equal monthly installments of an amount in haléře, as the finance clerk's form previews them and the API
 * stores them (one rule, shared): whole crowns where the amount allows (else haléře), the remainder on the
 * first; each due date the same day of a later month, moved back to the month's last day when the month is
 * shorter (31 January → 28/29 February → 31 March stays the 31st). Returns [] for input that is not a plan.
 */
export function equalInstallments(total: number, count: number, firstDueDate: string): { amount: number; dueDate: string }[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(firstDueDate);
  if (!match || !Number.isInteger(count) || count < 1 || count > 24 || !Number.isSafeInteger(total) || total <= 0) return [];
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const unit = total % (100 * count) === 0 || total < 100 * count ? 1 : 100;
  const base = Math.floor(total / count / unit) * unit;
  return Array.from({ length: count }, (_, index) => {
    const monthIndex = month - 1 + index;
    const y = year + Math.floor(monthIndex / 12);
    const m = monthIndex % 12;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const dueDate = `${y}-${String(m + 1).padStart(2, "0")}-${String(Math.min(day, lastDay)).padStart(2, "0")}`;
    return { amount: index === 0 ? total - base * (count - 1) : base, dueDate };
  });
}
