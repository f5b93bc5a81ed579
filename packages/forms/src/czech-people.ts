// Czech checks for people and their things, pure (the PWA and the API run the same code):
// rodné číslo, PSČ, phone numbers, and ISO 11784 animal chip numbers.

/**
 * Rodné číslo (birth number): YYMMDD/XXXX (10 digits) or YYMMDD/XXX (9 digits, only for people born before
 * 1954). Women have 50 added to the month; from 2004 20 may be added when a day's numbers ran out (70 for
 * women). A 10-digit number is divisible by 11, except that numbers issued before 1985 may have a first nine
 * digits whose remainder is 10 and a check digit 0. The date must exist. Returns the normalised form
 * "YYMMDD/XXXX" and the date of birth, or null.
 */
export function parseBirthNumber(input: string): { normalized: string; birthDate: string; female: boolean } | null {
  const compact = input.replace(/[\s/]/g, "");
  if (!/^\d{9,10}$/.test(compact)) return null;
  const yy = Number(compact.slice(0, 2));
  let mm = Number(compact.slice(2, 4));
  const dd = Number(compact.slice(4, 6));
  let year: number;
  if (compact.length === 9) {
    if (yy >= 54) return null;
    year = 1900 + yy;
  } else {
    year = yy >= 54 ? 1900 + yy : 2000 + yy;
    const body = Number(compact.slice(0, 9));
    const check = Number(compact[9]);
    const remainder = body % 11;
    const ok = remainder === check || (remainder === 10 && check === 0 && year < 1985);
    if (!ok) return null;
  }
  const female = mm > 50;
  if (female) mm -= 50;
  if (mm > 20) {
    if (year < 2004) return null;
    mm -= 20;
  }
  const date = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return {
    normalized: `${compact.slice(0, 6)}/${compact.slice(6)}`,
    birthDate: date.toISOString().slice(0, 10),
    female,
  };
}

/** PSČ: five digits, written "123 45"; the first digit is 1-7. Returns "123 45" or null. */
export function normalizePostalCode(input: string): string | null {
  const compact = input.replace(/\s/g, "");
  if (!/^[1-7]\d{4}$/.test(compact)) return null;
  return `${compact.slice(0, 3)} ${compact.slice(3)}`;
}

/**
 * A Czech phone number: nine digits, optionally after +420 or 00420, spaces allowed; the first digit 2-9.
 * Returns "+420 601 123 456" or null.
 */
export function normalizeCzechPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  const match = /^(?:\+420|00420)?([2-9]\d{8})$/.exec(compact);
  if (!match) return null;
  const digits = match[1]!;
  return `+420 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** A mobile number (SMS-capable): starts with 6 or 7 (601-608, 702-799 and the like). */
export function isCzechMobile(normalized: string): boolean {
  return /^\+420 [67]/.test(normalized);
}

/**
 * ISO 11784 (FDX-B) animal chip number as written: 15 digits, the first three a country code (ISO 3166
 * numeric, e.g. 203 for the Czech Republic) or a manufacturer code (900-998); 999 is reserved for tests and
 * 000 is never valid. Returns the 15 digits or null.
 */
export function normalizeChipNumber(input: string): string | null {
  const compact = input.replace(/[\s.-]/g, "");
  if (!/^\d{15}$/.test(compact)) return null;
  const prefix = Number(compact.slice(0, 3));
  if (prefix === 0 || prefix === 999) return null;
  if (prefix > 899 || ISO_3166_NUMERIC.has(prefix)) return compact;
  return null;
}

/** ISO 3166-1 numeric codes of countries (chips are issued under these). */
const ISO_3166_NUMERIC = new Set([
  4, 8, 10, 12, 16, 20, 24, 28, 31, 32, 36, 40, 44, 48, 50, 51, 52, 56, 60, 64, 68, 70, 72, 74, 76, 84, 86, 90, 92, 96, 100, 104, 108, 112,
  116, 120, 124, 132, 136, 140, 144, 148, 152, 156, 158, 162, 166, 170, 174, 175, 178, 180, 184, 188, 191, 192, 196, 203, 204, 208, 212,
  214, 218, 222, 226, 231, 232, 233, 234, 238, 239, 242, 246, 248, 250, 254, 258, 260, 262, 266, 268, 270, 275, 276, 288, 292, 296, 300,
  304, 308, 312, 316, 320, 324, 328, 332, 334, 336, 340, 344, 348, 352, 356, 360, 364, 368, 372, 376, 380, 384, 388, 392, 398, 400, 404,
  408, 410, 414, 417, 418, 422, 426, 428, 430, 434, 438, 440, 442, 446, 450, 454, 458, 462, 466, 470, 474, 478, 480, 484, 492, 496, 498,
  499, 500, 504, 508, 512, 516, 520, 524, 528, 531, 533, 534, 535, 540, 548, 554, 558, 562, 566, 570, 574, 578, 580, 581, 583, 584, 585,
  586, 591, 598, 600, 604, 608, 612, 616, 620, 624, 626, 630, 634, 638, 642, 643, 646, 652, 654, 659, 660, 662, 663, 666, 670, 674, 678,
  682, 686, 688, 690, 694, 702, 703, 704, 705, 706, 710, 716, 724, 728, 729, 732, 740, 744, 748, 752, 756, 760, 762, 764, 768, 772, 776,
  780, 784, 788, 792, 795, 796, 798, 800, 804, 807, 818, 826, 831, 832, 833, 834, 840, 850, 854, 858, 860, 862, 876, 882, 887, 894,
]);
