import { describe, expect, it } from "vitest";
import { isCzechMobile, normalizeChipNumber, normalizeCzechPhone, normalizePostalCode, parseBirthNumber } from "./czech-people.ts";

describe("rodné číslo", () => {
  it("accepts valid numbers for men and women, before and after 1954, and the +20 months of 2004 on", () => {
    expect(parseBirthNumber("736028/5163")).toEqual({ normalized: "736028/5163", birthDate: "1973-10-28", female: true });
    expect(parseBirthNumber("7801233540")).toMatchObject({ birthDate: "1978-01-23", female: false });
    expect(parseBirthNumber("530912/123")).toMatchObject({ birthDate: "1953-09-12" });
    // 2004 and later: month + 20 (men) when a day's numbers ran out.
    const body = "042205123";
    const check = Number(body) % 11;
    expect(parseBirthNumber(body + String(check))).toMatchObject({ birthDate: "2004-02-05", female: false });
  });

  it("accepts the pre-1985 remainder-10 exception and refuses it later", () => {
    // Find a first-nine-digits body with remainder 10 for 1970 and 1990.
    const withRemainder10 = (prefix: string) => {
      for (let n = 0; n < 1000; n++) {
        const body = prefix + String(n).padStart(3, "0");
        if (Number(body) % 11 === 10) return body;
      }
      throw new Error("none");
    };
    expect(parseBirthNumber(withRemainder10("700101") + "0")).not.toBeNull();
    expect(parseBirthNumber(withRemainder10("900101") + "0")).toBeNull();
  });

  it("refuses wrong checksums, impossible dates, 9 digits after 1953 and +20 before 2004", () => {
    expect(parseBirthNumber("7801233541")).toBeNull();
    expect(parseBirthNumber("780230/0000")).toBeNull();
    expect(parseBirthNumber("540101/123")).toBeNull();
    const body = "782101123";
    expect(parseBirthNumber(body + String(Number(body) % 11))).toBeNull();
    expect(parseBirthNumber("abc")).toBeNull();
  });
});

describe("postal codes, phones and chips", () => {
  it("normalises PSČ and refuses impossible ones", () => {
    expect(normalizePostalCode("58232")).toBe("582 32");
    expect(normalizePostalCode("582 32")).toBe("582 32");
    expect(normalizePostalCode("082 32")).toBeNull();
    expect(normalizePostalCode("5823")).toBeNull();
  });

  it("normalises Czech phone numbers and tells mobiles", () => {
    expect(normalizeCzechPhone("601123456")).toBe("+420 601 123 456");
    expect(normalizeCzechPhone("+420 601 123 456")).toBe("+420 601 123 456");
    expect(normalizeCzechPhone("00420 569 000 111")).toBe("+420 569 000 111");
    expect(normalizeCzechPhone("123456789")).toBeNull();
    expect(normalizeCzechPhone("+421 601 123 456")).toBeNull();
    expect(isCzechMobile("+420 601 123 456")).toBe(true);
    expect(isCzechMobile("+420 569 000 111")).toBe(false);
  });

  it("accepts ISO 11784 chip numbers with a country or manufacturer code", () => {
    expect(normalizeChipNumber("203 164 000 123 456")).toBe("203164000123456");
    expect(normalizeChipNumber("941000012345678")).toBe("941000012345678");
    expect(normalizeChipNumber("999000012345678")).toBeNull();
    expect(normalizeChipNumber("000000012345678")).toBeNull();
    expect(normalizeChipNumber("201000012345678")).toBeNull(); // 201 is no country code
    expect(normalizeChipNumber("20316400012345")).toBeNull();
  });
});
