import spayd from "spayd";
import { describe, expect, it } from "vitest";
import { parseCzechAccount } from "@portal/forms";
import { buildSpayd, formatSpaydAmount, parseSpayd, parseSpaydAmount, SpaydError, transliterateForQr } from "./spayd.ts";

// The example account of the specification (qr-platba.cz) and of DOMAIN.md.
const SPEC_IBAN = "CZ5855000000001265098001";
const TOWN_ACCOUNT = "19-2000145399/0800";
const TOWN_IBAN = "CZ6508000000192000145399";

function errorOf(action: () => unknown): SpaydError {
  try {
    action();
  } catch (error) {
    if (error instanceof SpaydError) return error;
    throw error;
  }
  throw new Error("expected a SpaydError");
}

describe("buildSpayd", () => {
  it("writes the specification's example (keys in canonical order)", () => {
    expect(
      buildSpayd({ account: SPEC_IBAN, amount: 48050, currency: "CZK", message: "PLATBA ZA ZBOZI", variableSymbol: "1234567890" }),
    ).toBe("SPD*1.0*ACC:CZ5855000000001265098001*AM:480.50*CC:CZK*MSG:PLATBA ZA ZBOZI*X-VS:1234567890");
  });

  it("derives the IBAN from a Czech account, adds the BIC and all three symbols", () => {
    expect(
      buildSpayd({
        account: TOWN_ACCOUNT,
        bic: "gibaczpx",
        amount: 120000,
        variableSymbol: "2026000042",
        constantSymbol: "0308",
        specificSymbol: "1",
        recipientName: "MESTO VZOR",
      }),
    ).toBe(`SPD*1.0*ACC:${TOWN_IBAN}+GIBACZPX*AM:1200.00*CC:CZK*RN:MESTO VZOR*X-KS:0308*X-SS:1*X-VS:2026000042`);
    expect(buildSpayd({ account: parseCzechAccount(TOWN_ACCOUNT)! })).toBe(`SPD*1.0*ACC:${TOWN_IBAN}*CC:CZK`);
  });

  it.each([
    { acc: SPEC_IBAN, am: 100, msg: "A", xvs: "1" },
    { acc: TOWN_IBAN, am: 999_999_999, msg: "POPLATEK ZA PSA 2026", xvs: "9999999999", xks: "308", xss: "77" },
    { acc: TOWN_IBAN, am: 50_00, msg: "X".repeat(60), xvs: "123" },
    { acc: "CZ2806000000000168540115", am: 450_00, msg: "ODPAD 2026 / 1. SPLATKA", xvs: "1234567890", rn: "OBEC" },
  ])("agrees with the independent npm package `spayd` for %o", (input) => {
    const independent = spayd({
      acc: input.acc,
      am: formatSpaydAmount(input.am),
      cc: "CZK",
      msg: input.msg,
      xvs: input.xvs,
      ...(input.xks ? { xks: input.xks } : {}),
      ...(input.xss ? { xss: input.xss } : {}),
      ...(input.rn ? { rn: input.rn } : {}),
    });
    const ours = buildSpayd({
      account: input.acc,
      amount: input.am,
      message: input.msg,
      variableSymbol: input.xvs,
      constantSymbol: input.xks ?? null,
      specificSymbol: input.xss ?? null,
      recipientName: input.rn ?? null,
    });
    expect(ours).toBe(independent);
  });

  it("escapes * as %2A and % as %25, keeps diacritics as UTF-8 text", () => {
    const text = buildSpayd({ account: TOWN_IBAN, amount: 100, message: "Poplatek *pes* 100 % – Žluťoučký kůň" });
    expect(text).toBe(`SPD*1.0*ACC:${TOWN_IBAN}*AM:1.00*CC:CZK*MSG:Poplatek %2Apes%2A 100 %25 – Žluťoučký kůň`);
    expect(text.split("*")).toHaveLength(6);
    expect(parseSpayd(text).message).toBe("Poplatek *pes* 100 % – Žluťoučký kůň");
  });

  it("transliterates to the QR alphanumeric set when asked", () => {
    expect(transliterateForQr("Poplatek za psa – Žluťoučký kůň, č. 5")).toBe("POPLATEK ZA PSA ZLUTOUCKY KUN C. 5");
    const text = buildSpayd(
      { account: TOWN_IBAN, message: "Místní poplatek; odpad*2026", recipientName: "Město Vzorov" },
      { transliterate: true },
    );
    expect(text).toBe(`SPD*1.0*ACC:${TOWN_IBAN}*CC:CZK*MSG:MISTNI POPLATEK ODPAD%2A2026*RN:MESTO VZOROV`);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
  });

  it("counts the 60 characters of MSG before escaping and in characters, not bytes", () => {
    const sixty = "ř".repeat(59) + "*";
    expect(parseSpayd(buildSpayd({ account: TOWN_IBAN, message: sixty })).message).toBe(sixty);
    expect(errorOf(() => buildSpayd({ account: TOWN_IBAN, message: sixty + "x" })).code).toBe("spayd.messageTooLong");
    expect(errorOf(() => buildSpayd({ account: TOWN_IBAN, recipientName: "R".repeat(36) })).code).toBe("spayd.recipientTooLong");
  });

  it("formats amounts from haléře without floating point", () => {
    expect(formatSpaydAmount(1)).toBe("0.01");
    expect(formatSpaydAmount(10)).toBe("0.10");
    expect(formatSpaydAmount(12345)).toBe("123.45");
    expect(formatSpaydAmount(999_999_999)).toBe("9999999.99");
    expect(parseSpaydAmount("480.5")).toBe(48050);
    expect(parseSpaydAmount("480")).toBe(48000);
    expect(parseSpaydAmount("9999999.99")).toBe(999_999_999);
    for (const bad of ["", "1,5", "1.234", "-1", "0", "0.00", "99999999.99", "1e3"]) expect(parseSpaydAmount(bad)).toBeNull();
  });

  it.each([
    [{ account: "CZ6508000000192000145398" }, "spayd.account"],
    [{ account: "19-2000145398/0800" }, "spayd.account"],
    [{ account: TOWN_IBAN, bic: "NOPE" }, "spayd.bic"],
    [{ account: TOWN_IBAN, amount: 0 }, "spayd.amount"],
    [{ account: TOWN_IBAN, amount: -100 }, "spayd.amount"],
    [{ account: TOWN_IBAN, amount: 12.5 }, "spayd.amount"],
    [{ account: TOWN_IBAN, amount: 1_000_000_000 }, "spayd.amount"],
    [{ account: TOWN_IBAN, currency: "Kč" }, "spayd.currency"],
    [{ account: TOWN_IBAN, variableSymbol: "12345678901" }, "spayd.symbol"],
    [{ account: TOWN_IBAN, variableSymbol: "12 34" }, "spayd.symbol"],
    [{ account: TOWN_IBAN, constantSymbol: "03O8" }, "spayd.symbol"],
    [{ account: TOWN_IBAN, message: "line\nbreak" }, "spayd.controlCharacter"],
    [{ account: TOWN_IBAN, message: "nul\u0000" }, "spayd.controlCharacter"],
  ])("refuses %o with %s", (payment, code) => {
    expect(errorOf(() => buildSpayd(payment)).code).toBe(code);
  });

  it("adds a CRC32 over the canonical text that the parser verifies", () => {
    const text = buildSpayd({ account: TOWN_IBAN, amount: 45000, message: "Pes Alík", variableSymbol: "42" }, { crc32: true });
    expect(text).toMatch(/\*CRC32:[0-9A-F]{8}$/);
    expect(parseSpayd(text).crc32Valid).toBe(true);
    expect(parseSpayd(text.replace("AM:450.00", "AM:540.00")).crc32Valid).toBe(false);
    // The CRC covers the attributes sorted by key, so another generator's order yields the same checksum.
    const [, crc] = /CRC32:(\w+)$/.exec(text)!;
    const reordered = `SPD*1.0*X-VS:42*MSG:Pes Alík*AM:450.00*CC:CZK*ACC:${TOWN_IBAN}*CRC32:${crc}`;
    expect(parseSpayd(reordered).crc32Valid).toBe(true);
  });
});

describe("parseSpayd", () => {
  it("round-trips what buildSpayd writes", () => {
    const payment = {
      account: TOWN_ACCOUNT,
      bic: "GIBACZPX",
      amount: 123456,
      variableSymbol: "2026000042",
      constantSymbol: "0308",
      specificSymbol: "9",
      message: "Poplatek ze psů 2026 * 2. pololetí %",
      recipientName: "Obec Příkladová",
    };
    const parsed = parseSpayd(buildSpayd(payment, { crc32: true }));
    expect(parsed).toMatchObject({
      version: "1.0",
      iban: TOWN_IBAN,
      bic: "GIBACZPX",
      amount: 123456,
      currency: "CZK",
      variableSymbol: "2026000042",
      constantSymbol: "0308",
      specificSymbol: "9",
      message: payment.message,
      recipientName: payment.recipientName,
      paymentDate: null,
      crc32Valid: true,
    });
  });

  it("reads other generators' texts: reference readers' example, percent-encoded UTF-8, trailing *", () => {
    const parsed = parseSpayd(
      "SPD*1.0*ACC:CZ5855000000001265098001+RZBCCZPP*AM:480.50*CC:CZK*RF:1234567890123456*X-VS:1234567890*DT:20120524*MSG:PLATBA ZA ZBOZI*X-ID:ABC*",
    );
    expect(parsed).toMatchObject({
      iban: SPEC_IBAN,
      bic: "RZBCCZPP",
      amount: 48050,
      paymentDate: "2012-05-24",
      message: "PLATBA ZA ZBOZI",
    });
    expect(parsed.attributes["X-ID"]).toBe("ABC");
    expect(parseSpayd(`SPD*1.0*ACC:${SPEC_IBAN}*MSG:MIMO%C5%98%C3%81DN%C3%9D VKLAD`).message).toBe("MIMOŘÁDNÝ VKLAD");
    expect(parseSpayd(`SPD*1.0*ACC:${SPEC_IBAN}*MSG:MIMOŘÁDNÝ VKLAD`).message).toBe("MIMOŘÁDNÝ VKLAD");
  });

  it.each([
    ["", "spayd.header"],
    ["SPD*1.0", "spayd.header"],
    ["QR*1.0*ACC:CZ5855000000001265098001", "spayd.header"],
    ["SPD*1.0*AM:100.00", "spayd.account"],
    ["SPD*1.0*ACC:CZ5855000000001265098021", "spayd.account"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*AM:123,0`, "spayd.amount"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*CC:CZKK`, "spayd.currency"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*DT:20120231`, "spayd.date"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*X-VS:12A`, "spayd.symbol"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*WRONG:XXX`, "spayd.attribute"],
    [`SPD*1.0*ACC:${SPEC_IBAN}**AM:1`, "spayd.attribute"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*AM:1*AM:2`, "spayd.duplicateKey"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*MSG:100%`, "spayd.percentEncoding"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*MSG:%C5`, "spayd.percentEncoding"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*CRC32:XYZ`, "spayd.crc32"],
    [`SPD*1.0*ACC:${SPEC_IBAN}*MSG:${"A".repeat(3000)}`, "spayd.tooLong"],
  ])("refuses %j with %s", (text, code) => {
    expect(errorOf(() => parseSpayd(text)).code).toBe(code);
  });
});
