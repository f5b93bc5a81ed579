import { describe, expect, it } from "vitest";
import cs from "./cs.json";
import en from "./en.json";
import { formatDate, formatMoney, formatNumber } from "./format.ts";

type Messages = { [key: string]: string | Messages };

// Plural forms differ by language (Czech has one/few/many/other, English one/other): compare the base key.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Every key (plural suffixes folded) mapped to the interpolation variables its texts use. */
function flatten(messages: Messages, prefix = "", out = new Map<string, Set<string>>()) {
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value !== "string") {
      flatten(value, path, out);
      continue;
    }
    const base = path.replace(PLURAL_SUFFIX, "");
    const variables = out.get(base) ?? new Set<string>();
    for (const match of value.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)) variables.add(match[1]!);
    out.set(base, variables);
  }
  return out;
}

describe("translations", () => {
  const czech = flatten(cs);
  const english = flatten(en);

  it("have the same keys in Czech and English", () => {
    expect([...english.keys()].sort()).toEqual([...czech.keys()].sort());
  });

  it("use the same interpolation variables in both languages", () => {
    for (const [key, variables] of czech) {
      expect({ key, variables: [...(english.get(key) ?? [])].sort() }).toEqual({ key, variables: [...variables].sort() });
    }
  });

  it("have no empty texts", () => {
    const empty = (messages: Messages): boolean =>
      Object.values(messages).some((value) => (typeof value === "string" ? value.trim() === "" : empty(value)));
    expect(empty(cs)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});

describe("formatting", () => {
  // Czech groups digits with a no-break space.
  const nbsp = "\u00a0";

  it("formats money in Czech as 1 234,50 Kč", () => {
    expect(formatMoney("1234.50", "cs")).toBe(`1${nbsp}234,50${nbsp}Kč`);
  });

  it("formats dates in Czech as 26. 11. 2026, in the town time zone", () => {
    expect(formatDate("2026-11-26T23:30:00Z", "cs")).toBe("27. 11. 2026");
    expect(formatDate("2026-11-26", "cs")).toBe("26. 11. 2026");
  });

  it("names the month of an English date, which would be ambiguous in digits", () => {
    expect(formatDate("2026-12-06", "en")).toBe("Dec 6, 2026");
  });

  it("formats numbers per language", () => {
    expect(formatNumber(1234.5, "cs")).toBe(`1${nbsp}234,5`);
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
  });
});
