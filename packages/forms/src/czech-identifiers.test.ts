import { describe, expect, it } from "vitest";
import { czechAccountToIban, formatCzechAccount, formatIban, isValidIban, isValidIco, parseCzechAccount } from "./czech-identifiers.ts";

describe("IČO", () => {
  it.each(["00064581", "00231151", "25596641", "27074358"])("accepts %s", (ico) => expect(isValidIco(ico)).toBe(true));
  it.each(["00064582", "1234567", "123456789", "0006458a", "", "25596640"])("rejects %s", (ico) => expect(isValidIco(ico)).toBe(false));
});

describe("Czech bank account", () => {
  it("parses and derives the IBAN of the documented example", () => {
    const account = parseCzechAccount("19-2000145399/0800");
    expect(account).toEqual({ prefix: "19", number: "2000145399", bankCode: "0800" });
    expect(czechAccountToIban(account!)).toBe("CZ6508000000192000145399");
    expect(formatIban("CZ6508000000192000145399")).toBe("CZ65 0800 0000 1920 0014 5399");
    expect(formatCzechAccount(account!)).toBe("19-2000145399/0800");
  });
  it("accepts an account without a prefix", () => {
    const account = parseCzechAccount("2000145399/0800");
    expect(account?.prefix).toBeNull();
    expect(isValidIban(czechAccountToIban(account!))).toBe(true);
  });
  it.each(["19-2000145398/0800", "2000145399/080", "abc/0800", "18-2000145399/0800", "0000000000/0800", ""])("rejects %s", (input) =>
    expect(parseCzechAccount(input)).toBeNull(),
  );
  it("validates IBAN check digits", () => {
    expect(isValidIban("CZ65 0800 0000 1920 0014 5399")).toBe(true);
    expect(isValidIban("CZ66 0800 0000 1920 0014 5399")).toBe(false);
  });
});
