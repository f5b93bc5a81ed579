// Czech identifiers with check digits. Pure functions with no Node imports: the PWA imports this
// module too, so the browser and the API validate the same way.

/** IČO: 8 digits; weights 8..2 over the first seven, check digit = (11 - sum mod 11) mod 10. */
export function isValidIco(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 7).reduce((acc, digit, i) => acc + digit * (8 - i), 0);
  const check = (11 - (sum % 11)) % 10;
  return check === digits[7];
}

const NUMBER_WEIGHTS = [6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
const PREFIX_WEIGHTS = [10, 5, 8, 4, 2, 1];

function weightedSumDivisibleBy11(digits: string, weights: number[]): boolean {
  const padded = digits.padStart(weights.length, "0");
  const sum = [...padded].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return sum % 11 === 0;
}

export interface CzechAccount {
  prefix: string | null;
  number: string;
  bankCode: string;
}

const ACCOUNT_PATTERN = /^(?:(\d{1,6})-)?(\d{2,10})\/(\d{4})$/;

/** Parses `prefix-number/bank` (prefix optional); null when malformed or a checksum fails. */
export function parseCzechAccount(input: string): CzechAccount | null {
  const match = ACCOUNT_PATTERN.exec(input.replace(/\s+/g, ""));
  if (!match) return null;
  const [, prefix, number, bankCode] = match as unknown as [string, string | undefined, string, string];
  if (prefix && !weightedSumDivisibleBy11(prefix, PREFIX_WEIGHTS)) return null;
  if (!weightedSumDivisibleBy11(number, NUMBER_WEIGHTS)) return null;
  if (/^0+$/.test(number)) return null;
  return { prefix: prefix && !/^0+$/.test(prefix) ? prefix.replace(/^0+/, "") : null, number: number.replace(/^0+/, ""), bankCode };
}

export function formatCzechAccount(account: CzechAccount): string {
  return `${account.prefix ? `${account.prefix}-` : ""}${account.number}/${account.bankCode}`;
}

/** ISO 13616 mod-97 over the rearranged IBAN, computed piecewise to stay within safe integers. */
function mod97(numeric: string): number {
  let remainder = 0;
  for (let i = 0; i < numeric.length; i += 7) {
    remainder = Number(String(remainder) + numeric.slice(i, i + 7)) % 97;
  }
  return remainder;
}

function lettersToDigits(value: string): string {
  return [...value].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join("");
}

/** CZ IBAN: CZ + check digits + bank code (4) + prefix (6) + number (10). */
export function czechAccountToIban(account: CzechAccount): string {
  const bban = account.bankCode + (account.prefix ?? "").padStart(6, "0") + account.number.padStart(10, "0");
  const check = 98 - mod97(lettersToDigits(`${bban}CZ00`));
  return `CZ${String(check).padStart(2, "0")}${bban}`;
}

export function isValidIban(input: string): boolean {
  const iban = input.replace(/\s+/g, "").toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  return mod97(lettersToDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}

/** Groups an IBAN in fours for display: CZ65 0800 0000 1920 0014 5399. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}
