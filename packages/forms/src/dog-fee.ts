/**
 * The dog fee (poplatek ze psů, zákon č. 565/1990 Sb. o místních poplatcích, § 2 and the town's OZV), computed the
 * same way in the citizen's preview, the clerk's proposed effect and the assessment the API creates.
 *
 * - The holder (držitel) pays for each dog older than 3 months. The town's tariff sets a yearly rate for the first
 *   dog and a higher one for the second and each further dog; a holder who is over 65 or whose only income is an
 *   old-age, disability, widow's/widower's pension (or who receives an orphan's pension) pays the reduced rates
 *   (first / further dog). The law caps them: 1 500 / 2 250 / 200 / 300 Kč a year (§ 2 odst. 4).
 * - When the duty starts or ends during the year, the fee is pro rata by calendar months. The law (§ 2 odst. 5)
 *   counts every month that was started ("počtu i započatých kalendářních měsíců"): "STARTED_MONTHS", the default.
 *   A town whose older OZV charges from the month after the duty arose sets "FROM_NEXT_MONTH" on its tariff.
 * - In each month the dogs held that month are ordered by when the duty for them began (then by their order in
 *   the form): the earliest is the first dog, the others are further dogs. So when the first dog is deregistered,
 *   the next one becomes the first dog from the following month. Exempt dogs (guide dogs of blind holders,
 *   assistance dogs, § 2 odst. 2) pay nothing and do not count.
 * - Amounts are integer haléře; each dog's part is rounded up to whole crowns (daňový řád § 146: a tax is rounded
 *   up to whole crowns), so the lines add up to the total.
 */

export type ProRataRule = "STARTED_MONTHS" | "FROM_NEXT_MONTH";

export interface DogFeeTariff {
  year: number;
  /** Haléře per calendar year. */
  firstDog: number;
  furtherDog: number;
  pensionerFirstDog: number;
  pensionerFurtherDog: number;
  proRata?: ProRataRule;
}

/** The law's maximum yearly rates (§ 2 odst. 4), haléře. */
export const DOG_FEE_LEGAL_MAXIMUM = {
  firstDog: 150_000,
  furtherDog: 225_000,
  pensionerFirstDog: 20_000,
  pensionerFurtherDog: 30_000,
} as const;

export interface DogFeeDog {
  /** Stable id of the dog in the caller's terms (chip number, record id, form index). */
  key: string;
  name?: string;
  /** "YYYY-MM-DD": the day the holder started keeping the dog. */
  since: string;
  /** "YYYY-MM-DD": the day the dog stopped being kept (died, given away); null while kept. */
  until?: string | null;
  /** "YYYY-MM-DD": the duty starts no earlier than the day the dog is 3 months old. */
  birthDate?: string | null;
  exempt?: boolean;
}

export type DogFeeRate = "FIRST" | "FURTHER" | "EXEMPT";

export interface DogFeeLine {
  key: string;
  name?: string;
  rate: DogFeeRate;
  pensioner: boolean;
  /** Haléře per year at this rate. */
  annualRate: number;
  /** "YYYY-MM", both included. */
  fromMonth: string;
  toMonth: string;
  months: number;
  /** Haléře, whole crowns. */
  amount: number;
}

export interface DogFeeResult {
  year: number;
  pensioner: boolean;
  lines: DogFeeLine[];
  /** Haléře; the sum of the lines. */
  total: number;
}

export interface DogFeeOptions {
  /** "YYYY-MM-DD", within the tariff's year; default the whole year. */
  from?: string;
  to?: string;
  /** The holder claims (and the clerk accepts) the reduced rate. */
  pensioner?: boolean;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Month index: year * 12 + month - 1 (so months compare and subtract as integers). */
function monthOf(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The day a dog born on birthDate is 3 months old (31 Nov does not exist: the month's last day instead). */
export function threeMonthsOld(birthDate: string): string {
  const match = ISO_DATE.exec(birthDate);
  if (!match) throw new RangeError(`Not a date: ${birthDate}`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + 3;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(Math.min(Number(match[3]), lastDay)).padStart(2, "0")}`;
}

/** The day the duty for a dog begins: when it is kept and at least 3 months old. */
export function dogFeeDutyStart(dog: Pick<DogFeeDog, "since" | "birthDate">): string {
  if (!dog.birthDate) return dog.since;
  const adult = threeMonthsOld(dog.birthDate);
  return adult > dog.since ? adult : dog.since;
}

export function computeDogFee(tariff: DogFeeTariff, dogs: readonly DogFeeDog[], options: DogFeeOptions = {}): DogFeeResult {
  const pensioner = options.pensioner ?? false;
  const yearStart = tariff.year * 12;
  const from = options.from ? monthOf(options.from) : yearStart;
  const to = options.to ? monthOf(options.to) : yearStart + 11;
  if (from < yearStart || to > yearStart + 11 || from > to) throw new RangeError("The period must lie within the tariff's year.");
  const rule = tariff.proRata ?? "STARTED_MONTHS";

  const held = dogs.map((dog, order) => {
    const start = dogFeeDutyStart(dog);
    const startMonth = monthOf(start) + (rule === "FROM_NEXT_MONTH" ? 1 : 0);
    const endMonth = dog.until ? monthOf(dog.until) : Number.POSITIVE_INFINITY;
    return { dog, order, start, first: Math.max(startMonth, from), last: Math.min(endMonth, to) };
  });
  // Per month, which rate each dog pays.
  const ratesByDog = held.map(() => new Map<number, DogFeeRate>());
  for (let month = from; month <= to; month++) {
    const present = held.filter((h) => h.first <= month && month <= h.last);
    let counted = 0;
    for (const h of [...present].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.order - b.order))) {
      ratesByDog[h.order]!.set(month, h.dog.exempt ? "EXEMPT" : counted++ === 0 ? "FIRST" : "FURTHER");
    }
  }
  const annual = (rate: DogFeeRate) =>
    rate === "EXEMPT"
      ? 0
      : rate === "FIRST"
        ? pensioner
          ? tariff.pensionerFirstDog
          : tariff.firstDog
        : pensioner
          ? tariff.pensionerFurtherDog
          : tariff.furtherDog;

  const lines: DogFeeLine[] = [];
  held.forEach((h, index) => {
    // Consecutive months at the same rate make one line.
    const runs: { rate: DogFeeRate; from: number; to: number }[] = [];
    for (const [month, rate] of ratesByDog[index]!) {
      const last = runs.at(-1);
      if (last && last.rate === rate && last.to + 1 === month) last.to = month;
      else runs.push({ rate, from: month, to: month });
    }
    for (const run of runs) {
      const months = run.to - run.from + 1;
      const annualRate = annual(run.rate);
      lines.push({
        key: h.dog.key,
        ...(h.dog.name !== undefined ? { name: h.dog.name } : {}),
        rate: run.rate,
        pensioner,
        annualRate,
        fromMonth: monthLabel(run.from),
        toMonth: monthLabel(run.to),
        months,
        amount: Math.ceil((annualRate * months) / 12 / 100) * 100,
      });
    }
  });
  return { year: tariff.year, pensioner, lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
}

export type DogFeeTariffIssue = { field: keyof typeof DOG_FEE_LEGAL_MAXIMUM | "year"; code: "integer" | "max" | "year" };

/** A tariff a clerk may save: whole haléře, not negative, within the law's maximum, a plausible year. */
export function checkDogFeeTariff(tariff: DogFeeTariff): DogFeeTariffIssue[] {
  const issues: DogFeeTariffIssue[] = [];
  if (!Number.isInteger(tariff.year) || tariff.year < 2000 || tariff.year > 2100) issues.push({ field: "year", code: "year" });
  for (const field of Object.keys(DOG_FEE_LEGAL_MAXIMUM) as (keyof typeof DOG_FEE_LEGAL_MAXIMUM)[]) {
    const value = tariff[field];
    if (!Number.isSafeInteger(value) || value < 0) issues.push({ field, code: "integer" });
    else if (value > DOG_FEE_LEGAL_MAXIMUM[field]) issues.push({ field, code: "max" });
  }
  return issues;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dog fee's inputs from the values of a dog registration form (validated, or a draft being typed: dogs without
 * a valid "kept since" date are left out, so the citizen's preview grows as they type).
 */
export function dogFeeInputFromRegistration(values: Record<string, unknown>): { dogs: DogFeeDog[]; pensioner: boolean } {
  const items = Array.isArray(values.dogs) ? values.dogs : [];
  const dogs: DogFeeDog[] = [];
  items.forEach((item, index) => {
    if (typeof item !== "object" || item === null) return;
    const dog = item as Record<string, unknown>;
    if (typeof dog.keptSince !== "string" || !DATE_ONLY.test(dog.keptSince)) return;
    dogs.push({
      key: typeof dog.chipNumber === "string" && dog.chipNumber !== "" ? dog.chipNumber : `dog-${index + 1}`,
      ...(typeof dog.name === "string" && dog.name !== "" ? { name: dog.name } : {}),
      since: dog.keptSince,
      birthDate: typeof dog.birthDate === "string" && DATE_ONLY.test(dog.birthDate) ? dog.birthDate : null,
      exempt: dog.exempt === true,
    });
  });
  return { dogs, pensioner: values.reducedRate === true };
}
