import { describe, expect, it } from "vitest";
import {
  clientErrorKeys,
  errorKeyFor,
  ibanOf,
  logoProblem,
  newAccountRow,
  parseDraft,
  toMunicipalityInput,
  valuesFromMunicipality,
  whiteTextContrast,
  withoutAccount,
  withPrimary,
  type SettingsValues,
} from "./settings-model.ts";

const LIPNICE = {
  name: "Město Lipnice",
  ico: "00291005",
  street: "Náměstí Míru 1",
  city: "Lipnice",
  postalCode: "582 32",
  email: "podatelna@lipnice.example",
  phone: "+420 569 000 111",
  website: null,
  publicUrl: "https://portal.lipnice.example",
  noticeTwoPersonRule: false,
  branding: { primaryColor: "#1d4ed8", accentColor: "#b45309" },
  bankAccounts: [
    { id: "a1", label: "Hlavní účet (poplatky)", accountNumber: "123456788/0100", isPrimary: true },
    { id: "a2", label: "Účet u ČNB", accountNumber: "94-9876543/0710", isPrimary: false },
  ],
};

function values(overrides: Partial<SettingsValues> = {}): SettingsValues {
  return { ...valuesFromMunicipality(LIPNICE), ...overrides };
}

describe("municipality settings: checks as the admin types", () => {
  it("accepts the demo town as it is", () => {
    expect(clientErrorKeys(values())).toEqual({});
  });

  it("checks the IČO's check digit, not just its length", () => {
    expect(clientErrorKeys(values({ ico: "00291006" }))).toEqual({ ico: "settings.validation.ico" });
    expect(clientErrorKeys(values({ ico: "0029100" }))).toEqual({ ico: "settings.validation.ico" });
    expect(clientErrorKeys(values({ ico: "" }))).toEqual({ ico: "validation.required" });
    // A weighted sum divisible by 11 gives the check digit 1 ((11 - 0) mod 10).
    expect(clientErrorKeys(values({ ico: "25596641" }))).toEqual({});
  });

  it("checks each account's prefix and number checksums, and names the row by its key", () => {
    const rows = values().bankAccounts;
    const broken = values({ bankAccounts: [rows[0]!, { ...rows[1]!, accountNumber: "94-9876544/0710" }] });
    expect(clientErrorKeys(broken)).toEqual({ "bankAccounts.a2.accountNumber": "settings.validation.bankAccount" });
    // A prefix failing its own weights (10,5,8,4,2,1) with a valid number.
    const badPrefix = values({ bankAccounts: [{ ...rows[0]!, accountNumber: "95-9876543/0710" }] });
    expect(clientErrorKeys(badPrefix)).toEqual({ "bankAccounts.a1.accountNumber": "settings.validation.bankAccount" });
    const noBank = values({ bankAccounts: [{ ...rows[0]!, accountNumber: "123456788" }] });
    expect(clientErrorKeys(noBank)).toEqual({ "bankAccounts.a1.accountNumber": "settings.validation.bankAccount" });
    const empty = values({ bankAccounts: [{ ...rows[0]!, label: " ", accountNumber: "" }] });
    expect(clientErrorKeys(empty)).toEqual({
      "bankAccounts.a1.label": "validation.required",
      "bankAccounts.a1.accountNumber": "validation.required",
    });
  });

  it("wants exactly one main account and at least one account", () => {
    const rows = values().bankAccounts;
    expect(clientErrorKeys(values({ bankAccounts: rows.map((row) => ({ ...row, isPrimary: true })) }))).toEqual({
      bankAccounts: "settings.validation.onePrimary",
    });
    expect(clientErrorKeys(values({ bankAccounts: rows.map((row) => ({ ...row, isPrimary: false })) }))).toEqual({
      bankAccounts: "settings.validation.onePrimary",
    });
    expect(clientErrorKeys(values({ bankAccounts: [] }))).toEqual({ bankAccounts: "settings.validation.bankAccountRequired" });
  });

  it("checks the postal code, e-mail, web address and colours like the API", () => {
    expect(clientErrorKeys(values({ postalCode: "58232" }))).toEqual({});
    expect(clientErrorKeys(values({ postalCode: "5823" }))).toEqual({ postalCode: "settings.validation.postalCode" });
    expect(clientErrorKeys(values({ email: "podatelna@" }))).toEqual({ email: "validation.email" });
    expect(clientErrorKeys(values({ website: "https://www.lipnice.example" }))).toEqual({});
    expect(clientErrorKeys(values({ website: "javascript:alert(1)" }))).toEqual({ website: "settings.validation.website" });
    expect(clientErrorKeys(values({ website: "www.lipnice.example" }))).toEqual({ website: "settings.validation.website" });
  });

  it("wants the portal's address as a bare http(s) origin, as the API does", () => {
    for (const good of ["https://portal.lipnice.example", "http://localhost:3000", "https://Portal.Lipnice.example/"]) {
      expect(clientErrorKeys(values({ publicUrl: good })), good).toEqual({});
    }
    expect(clientErrorKeys(values({ publicUrl: "" }))).toEqual({ publicUrl: "validation.required" });
    for (const bad of [
      "portal.lipnice.example",
      "ftp://portal.lipnice.example",
      "javascript:alert(1)",
      "https://portal.lipnice.example/obcan",
      "https://portal.lipnice.example/?x=1",
      "https://portal.lipnice.example/#top",
      "https://admin:heslo@portal.lipnice.example",
    ]) {
      expect(clientErrorKeys(values({ publicUrl: bad })), bad).toEqual({ publicUrl: "settings.validation.publicUrl" });
    }
    // Sent as the normalised origin.
    expect(toMunicipalityInput(values({ publicUrl: " https://Portal.Lipnice.example/ " })).publicUrl).toBe(
      "https://portal.lipnice.example",
    );
    expect(clientErrorKeys(values({ primaryColor: "#12345", accentColor: "red" }))).toEqual({
      primaryColor: "settings.validation.colour",
      accentColor: "settings.validation.colour",
    });
    expect(clientErrorKeys(values({ name: "x".repeat(201) }))).toEqual({ name: "validation.tooLong" });
  });
});

describe("the API's field errors", () => {
  const rows = values().bankAccounts;
  it("go to the row they name, by the row's key, so they stay with it when another row is removed", () => {
    expect(errorKeyFor(["bankAccounts", "1", "accountNumber"], rows)).toBe("bankAccounts.a2.accountNumber");
    expect(errorKeyFor(["input", "bankAccounts", "0", "label"], rows)).toBe("bankAccounts.a1.label");
    expect(errorKeyFor(["bankAccounts"], rows)).toBe("bankAccounts");
    // A row the form no longer has: the list as a whole.
    expect(errorKeyFor(["bankAccounts", "7", "label"], rows)).toBe("bankAccounts");
    expect(errorKeyFor(["ico"], rows)).toBe("ico");
    expect(errorKeyFor(["input", "logo"], rows)).toBe("logo");
  });
});

describe("editing the list of accounts", () => {
  const rows = values().bankAccounts;
  it("keeps exactly one main account when the main one is removed", () => {
    expect(withoutAccount(rows, "a1")).toEqual([{ ...rows[1]!, isPrimary: true }]);
    expect(withoutAccount(rows, "a2")).toEqual([rows[0]]);
  });
  it("moves the main account with the radio", () => {
    expect(withPrimary(rows, "a2").map((row) => row.isPrimary)).toEqual([false, true]);
  });
  it("adds empty rows with unique keys, the first of an empty list being the main one", () => {
    const first = newAccountRow([]);
    const second = newAccountRow([first]);
    expect(first).toMatchObject({ label: "", accountNumber: "", isPrimary: true });
    expect(second.isPrimary).toBe(false);
    expect(second.key).not.toBe(first.key);
  });
});

describe("what is sent", () => {
  it("trims, sends empty optionals as null, lower-cases colours and leaves the row keys out", () => {
    const input = toMunicipalityInput(
      values({ name: "  Město Lipnice ", phone: " ", website: "", primaryColor: "#1D4ED8", noticeTwoPersonRule: true }),
    );
    expect(input).toMatchObject({ name: "Město Lipnice", phone: null, website: null, primaryColor: "#1d4ed8", noticeTwoPersonRule: true });
    expect(input.bankAccounts).toEqual([
      { label: "Hlavní účet (poplatky)", accountNumber: "123456788/0100", isPrimary: true },
      { label: "Účet u ČNB", accountNumber: "94-9876543/0710", isPrimary: false },
    ]);
  });
});

describe("helpers shown next to the fields", () => {
  it("derives the IBAN the API will store, only from a valid number", () => {
    expect(ibanOf("19-2000145399/0800")).toBe("CZ65 0800 0000 1920 0014 5399");
    expect(ibanOf("19-2000145398/0800")).toBeNull();
  });

  it("measures white text on the main colour against WCAG AA", () => {
    expect(whiteTextContrast("#1d4ed8")).toBeGreaterThan(4.5);
    expect(whiteTextContrast("#ffcc00")).toBeLessThan(4.5);
    expect(whiteTextContrast("#000000")).toBeCloseTo(21, 5);
    expect(whiteTextContrast("#fff")).toBeNull();
  });

  it("refuses a logo of another type or over 512 kB before uploading it", () => {
    expect(logoProblem({ type: "image/png", size: 10_000 })).toBeNull();
    expect(logoProblem({ type: "image/svg+xml", size: 10_000 })).toBe("settings.validation.logoType");
    expect(logoProblem({ type: "image/webp", size: 512 * 1024 + 1 })).toBe("settings.validation.logoSize");
    expect(logoProblem({ type: "image/jpeg", size: 0 })).toBe("settings.validation.logoSize");
  });

  it("reads back only drafts of the form's own shape", () => {
    const draft = values({ name: "Rozepsané" });
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft);
    expect(parseDraft(JSON.stringify({ name: "x" }))).toBeNull();
    expect(parseDraft("{not json")).toBeNull();
    expect(parseDraft(null)).toBeNull();
  });
});
