import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

let app: TestApp;
let admin: Client;
let town: Awaited<ReturnType<typeof createMunicipality>>;

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateMunicipalityInput!) {
    updateMunicipality(input: $input) {
      __typename
      ... on UpdateMunicipalitySuccess {
        municipality {
          name
          ico
          noticeTwoPersonRule
          branding {
            primaryColor
            logoUrl
          }
          bankAccounts {
            accountNumber
            iban
            isPrimary
          }
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          path
          message
        }
      }
    }
  }
`;

const valid = {
  name: "Město Nové Lipí",
  ico: "00064581",
  street: "Mariánské náměstí 2",
  city: "Nové Lipí",
  postalCode: "110 00",
  email: "Podatelna@Lipi.example",
  phone: "+420 236 001 111",
  website: "https://www.lipi.example",
  primaryColor: "#0f766e",
  accentColor: "#9a3412",
  bankAccounts: [
    { label: "Poplatky", accountNumber: "19-2000145399/0800", isPrimary: true },
    { label: "Dotace", accountNumber: "123456788/0100", isPrimary: false },
  ],
};

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { hostname: "lipi.test", isDefault: true });
  admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), "lipi.test");
});
afterAll(() => app.close());

describe("municipality settings", () => {
  it("lets an admin update identity, branding and bank accounts, deriving IBANs", async () => {
    const response = await admin.request(UPDATE, { input: valid });
    expect(response.data?.updateMunicipality).toEqual({
      __typename: "UpdateMunicipalitySuccess",
      municipality: {
        name: "Město Nové Lipí",
        ico: "00064581",
        noticeTwoPersonRule: false,
        branding: { primaryColor: "#0f766e", logoUrl: null },
        bankAccounts: [
          { accountNumber: "19-2000145399/0800", iban: "CZ6508000000192000145399", isPrimary: true },
          { accountNumber: "123456788/0100", iban: "CZ4501000000000123456788", isPrimary: false },
        ],
      },
    });
    // The next request sees the change at once (the host cache was invalidated).
    const after = await admin.request("{ municipality { name } }");
    expect(after.data?.municipality.name).toBe("Město Nové Lipí");
    const audit = await app.database.prisma.auditLogEntry.findFirst({ where: { action: "municipality.updated" } });
    expect(audit?.subjectId).toBe(town.id);
  });

  it("names every bad field, in the user's language, and changes nothing", async () => {
    const before = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id }, include: { bankAccounts: true } });
    admin.locale = "en";
    const response = await admin.request(UPDATE, {
      input: {
        ...valid,
        name: "",
        ico: "00064582",
        postalCode: "1100",
        email: "not-an-email",
        primaryColor: "blue",
        website: "javascript:alert(1)",
        bankAccounts: [
          { label: "A", accountNumber: "19-2000145398/0800", isPrimary: true },
          { label: "B", accountNumber: "123456788/0100", isPrimary: true },
        ],
      },
    });
    const result = response.data?.updateMunicipality;
    expect(result.__typename).toBe("ValidationError");
    const byField = Object.fromEntries(result.fieldErrors.map((e: { path: string[]; message: string }) => [e.path.join("."), e.message]));
    expect(byField).toMatchObject({
      name: "This field is required.",
      ico: "IČO must have 8 digits and a valid check digit.",
      postalCode: "Enter a postal code, e.g. 582 32.",
      email: "Enter a valid e-mail address.",
      primaryColor: "Enter a colour as #rrggbb.",
      "bankAccounts.0.accountNumber": "Enter the account as prefix-number/bank code with valid checksums.",
      bankAccounts: "Exactly one account must be the main one.",
    });
    expect(byField.website).toBeDefined();
    admin.locale = "cs";
    const czech = await admin.request(UPDATE, { input: { ...valid, ico: "123" } });
    expect(czech.data?.updateMunicipality.fieldErrors[0].message).toBe("IČO musí mít 8 číslic a platnou kontrolní číslici.");
    const after = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id }, include: { bankAccounts: true } });
    expect(after).toEqual(before);
  });

  it("keeps an account assessments are paid to: renaming keeps its row, removing it is a field error", async () => {
    await admin.request(UPDATE, { input: valid });
    const prisma = app.database.prisma;
    const fees = await prisma.bankAccount.findFirstOrThrow({ where: { municipalityId: town.id, iban: "CZ6508000000192000145399" } });
    await createAssessment(app, await createPayer(app, town.id), { amount: 10_000 });
    const assessment = await prisma.assessment.findFirstOrThrow({ where: { municipalityId: town.id } });
    await prisma.assessment.update({ where: { id: assessment.id }, data: { bankAccountId: fees.id } });

    // Renamed and no longer the main account: the same row, so the assessment still points at it.
    const renamed = await admin.request(UPDATE, {
      input: {
        ...valid,
        bankAccounts: [
          { label: "Poplatky a pokuty", accountNumber: "19-2000145399/0800", isPrimary: false },
          { label: "Dotace", accountNumber: "123456788/0100", isPrimary: true },
        ],
      },
    });
    expect(renamed.data?.updateMunicipality.__typename).toBe("UpdateMunicipalitySuccess");
    expect(await prisma.bankAccount.findUniqueOrThrow({ where: { id: fees.id } })).toMatchObject({
      label: "Poplatky a pokuty",
      isPrimary: false,
    });

    // Left out while assessments are paid to it: refused, nothing changed.
    const before = await prisma.bankAccount.findMany({ where: { municipalityId: town.id }, orderBy: { iban: "asc" } });
    admin.locale = "en";
    const removed = await admin.request(UPDATE, {
      input: { ...valid, bankAccounts: [{ label: "Dotace", accountNumber: "123456788/0100", isPrimary: true }] },
    });
    admin.locale = "cs";
    expect(removed.data?.updateMunicipality.fieldErrors).toEqual([
      {
        path: ["bankAccounts"],
        message:
          "Assessments are paid to account 19-2000145399/0800 or its statements are imported; it cannot be removed. You can rename it.",
      },
    ]);
    expect(await prisma.bankAccount.findMany({ where: { municipalityId: town.id }, orderBy: { iban: "asc" } })).toEqual(before);

    // The same account twice is named too.
    const twice = await admin.request(UPDATE, {
      input: { ...valid, bankAccounts: [...valid.bankAccounts, { label: "Znovu", accountNumber: "123456788/0100", isPrimary: false }] },
    });
    expect(twice.data?.updateMunicipality.fieldErrors[0].message).toBe("Účet 123456788/0100 je v seznamu dvakrát.");
  });

  it("keeps another municipality's settings out of reach", async () => {
    const other = await createMunicipality(app, { hostname: "other.test" });
    await admin.request(UPDATE, { input: { ...valid, name: "Převzato" } });
    const untouched = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: other.id } });
    expect(untouched.name).not.toBe("Převzato");
  });

  it("answers node(id) for the municipality, and null (not an error) for malformed or unknown ids", async () => {
    const anonymous = new Client(app, { host: "lipi.test" });
    const gid = (id: string) => Buffer.from(`Municipality:${id}`).toString("base64");
    const query = `query($id: ID!) { node(id: $id) { __typename ... on Municipality { name } } }`;
    const found = await anonymous.request(query, { id: gid(town.id) });
    expect(found.errors).toBeUndefined();
    expect(found.data).toMatchObject({ node: { __typename: "Municipality" } });
    for (const id of ["not-a-uuid", '\'; DROP TABLE "Municipality"; --', "00000000-0000-4000-8000-000000000000"]) {
      const answer = await anonymous.request(query, { id: gid(id) });
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ node: null });
    }
  });

  it("turns the notice board's two-person rule on and off, and keeps it when the field is omitted", async () => {
    const on = await admin.request(UPDATE, { input: { ...valid, noticeTwoPersonRule: true } });
    expect(on.data?.updateMunicipality.municipality.noticeTwoPersonRule).toBe(true);
    const kept = await admin.request(UPDATE, { input: valid });
    expect(kept.data?.updateMunicipality.municipality.noticeTwoPersonRule).toBe(true);
    const off = await admin.request(UPDATE, { input: { ...valid, noticeTwoPersonRule: false } });
    expect(off.data?.updateMunicipality.municipality.noticeTwoPersonRule).toBe(false);
    const row = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id } });
    expect(row.noticeTwoPersonRule).toBe(false);
  });

  describe("logo upload", () => {
    // A 1×1 PNG.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const send = (file: File, extra: Record<string, unknown> = {}) =>
      admin.upload(UPDATE, { input: { ...valid, ...extra, logo: null } }, { "input.logo": file });

    it("stores a PNG logo, typed from its content, and shows its URL in the branding", async () => {
      const answer = await send(new File([png], "znak.bin", { type: "application/octet-stream" }));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.updateMunicipality.municipality.branding.logoUrl).toMatch(/^\/branding\/logo\?v=\d+$/);
      const row = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id } });
      expect(row.logoMimeType).toBe("image/png");
      expect(Buffer.from(row.logo!)).toEqual(png);
    });

    it("refuses an SVG or HTML file named .png, an empty file and one over 512 kB, changing nothing", async () => {
      const before = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id } });
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      const cases: [File, string][] = [
        [new File([svg], "znak.png", { type: "image/png" }), "PNG, JPEG"],
        [new File(["<html><body>x</body></html>"], "znak.png", { type: "image/png" }), "PNG, JPEG"],
        [new File([], "znak.png", { type: "image/png" }), "512 kB"],
        [new File([png, new Uint8Array(600 * 1024)], "znak.png", { type: "image/png" }), "512 kB"],
      ];
      for (const [file, hint] of cases) {
        const answer = await send(file, { name: "Nikdy uloženo" });
        expect(answer.data?.updateMunicipality.__typename).toBe("ValidationError");
        const fieldErrors = answer.data?.updateMunicipality.fieldErrors as { path: string[]; message: string }[];
        expect(fieldErrors.map((e) => e.path.join("."))).toEqual(["logo"]);
        expect(fieldErrors[0]!.message).toContain(hint);
      }
      const after = await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id } });
      expect(after.name).toBe(before.name);
      expect(after.logoMimeType).toBe(before.logoMimeType);
    });

    it("removes the logo on request", async () => {
      await send(new File([png], "znak.png"));
      const answer = await admin.request(UPDATE, { input: { ...valid, removeLogo: true } });
      expect(answer.data?.updateMunicipality.municipality.branding.logoUrl).toBeNull();
    });
  });
});
