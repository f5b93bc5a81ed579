import { DateTime } from "luxon";

// Values as accounting systems and Excel in the Czech locale write them: "1 234,50 Kč",
// "26. 11. 2026", and as XLSX stores them (numbers, dates). Each parser answers a value or the key
// of the message explaining what is wrong.

export type CellValue = string | number | Date | boolean | null;
export type Parsed<T> =
  { ok: true; value: T } | { ok: false; messageKey: "import.notAmount" | "import.tooManyDecimals" | "import.notDate" };

const SPACES = /[\s\u00a0\u202f']/g;
const CURRENCY = /(kč|czk|,-|\.-)$/i;

/** An amount in haléře. Decimal comma or point; space, NBSP, apostrophe or the other mark as thousands separator. */
export function parseCzechAmount(cell: CellValue): Parsed<bigint> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return { ok: false, messageKey: "import.notAmount" };
    const hundredths = cell * 100;
    // XLSX numbers are binary floats: 1234.5 may arrive as 1234.4999999999; more than two real decimals is an error.
    if (Math.abs(hundredths - Math.round(hundredths)) > 1e-6) return { ok: false, messageKey: "import.tooManyDecimals" };
    if (!Number.isSafeInteger(Math.round(hundredths))) return { ok: false, messageKey: "import.notAmount" };
    return { ok: true, value: BigInt(Math.round(hundredths)) };
  }
  if (typeof cell !== "string") return { ok: false, messageKey: "import.notAmount" };
  let text = cell.trim().toLowerCase().replace(CURRENCY, "").replace(SPACES, "");
  const negative = /^[-\u2212]/.test(text);
  if (negative) text = text.slice(1);
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false, messageKey: "import.notAmount" };
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  let whole: string;
  let fraction = "";
  if (lastComma >= 0 && lastDot >= 0) {
    // Both marks: the later one is the decimal separator ("1.234,50" or "1,234.50").
    const decimal = lastComma > lastDot ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    const [integer = "", decimals = "", ...rest] = text.split(decimal);
    if (rest.length > 0 || !thousandsGrouped(integer, thousands)) return { ok: false, messageKey: "import.notAmount" };
    whole = integer.replaceAll(thousands, "");
    fraction = decimals;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? "," : ".";
    const parts = text.split(mark);
    if (parts.length > 2) {
      // "1.234.567": only thousands separators.
      if (!thousandsGrouped(text, mark)) return { ok: false, messageKey: "import.notAmount" };
      whole = text.replaceAll(mark, "");
    } else {
      // One mark is the decimal separator, as Czech writes it ("1234,5") and as a point-decimal export does.
      whole = parts[0]!;
      fraction = parts[1]!;
    }
  } else {
    whole = text;
  }
  if (!/^\d+$/.test(whole || "0") || !/^\d*$/.test(fraction)) return { ok: false, messageKey: "import.notAmount" };
  if (fraction.replace(/0+$/, "").length > 2) return { ok: false, messageKey: "import.tooManyDecimals" };
  if ((whole.replace(/^0+/, "") || "0").length > 13) return { ok: false, messageKey: "import.notAmount" };
  const value = BigInt(whole || "0") * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return { ok: true, value: negative ? -value : value };
}

function thousandsGrouped(integer: string, mark: string): boolean {
  if (!integer.includes(mark)) return /^\d+$/.test(integer);
  return new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(integer);
}

const CZECH_DATE = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A calendar date, YYYY-MM-DD: "26. 11. 2026", "26.11.2026", "26/11/2026", ISO, or an XLSX date cell. */
export function parseCzechDate(cell: CellValue): Parsed<string> {
  if (cell instanceof Date) {
    // XLSX dates carry no zone; exceljs hands them over as UTC midnight of the calendar day.
    if (Number.isNaN(cell.getTime())) return { ok: false, messageKey: "import.notDate" };
    return { ok: true, value: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell !== "string") return { ok: false, messageKey: "import.notDate" };
  const text = cell.trim();
  let parts: [number, number, number] | null = null;
  let match = CZECH_DATE.exec(text) ?? SLASH_DATE.exec(text);
  if (match) parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  else if ((match = ISO_DATE.exec(text))) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!parts) return { ok: false, messageKey: "import.notDate" };
  const [year, month, day] = parts;
  const date = DateTime.fromObject({ year, month, day }, { zone: "utc" });
  if (!date.isValid || year < 1900 || year > 2100) return { ok: false, messageKey: "import.notDate" };
  return { ok: true, value: date.toISODate()! };
}

/** Text of a cell: numbers as written (an IČO stored as a number loses its leading zeros, see the caller). */
export function cellText(cell: CellValue): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
