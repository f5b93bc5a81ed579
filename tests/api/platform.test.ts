import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

let app: TestApp;
let townA: Awaited<ReturnType<typeof createMunicipality>>;
let townB: Awaited<ReturnType<typeof createMunicipality>>;

beforeAll(async () => {
  app = await createTestApp();
  townA = await createMunicipality(app, { hostname: "a.test", name: "Město A", isDefault: true });
  townB = await createMunicipality(app, { hostname: "b.test", name: "Obec B" });
});
afterAll(() => app.close());

const MUNICIPALITY = /* GraphQL */ `
  {
    municipality {
      id
      name
      ico
      branding {
        primaryColor
        accentColor
        logoUrl
      }
      bankAccounts {
        accountNumber
        iban
        isPrimary
      }
    }
  }
`;

describe("tenancy", () => {
  it("resolves the municipality from the host name", async () => {
    const a = await new Client(app, { host: "a.test" }).request(MUNICIPALITY);
    const b = await new Client(app, { host: "b.test:3000" }).request(MUNICIPALITY);
    expect(a.data?.municipality.name).toBe("Město A");
    expect(b.data?.municipality.name).toBe("Obec B");
    expect(a.data?.municipality.bankAccounts[0]).toEqual({
      accountNumber: "123456788/0100",
      iban: "CZ4501000000000123456788",
      isPrimary: true,
    });
  });

  it("falls back to the default municipality for an unmapped host", async () => {
    const response = await new Client(app, { host: "unknown.example" }).request(MUNICIPALITY);
    expect(response.data?.municipality.name).toBe("Město A");
  });

  it("scopes every tenant query to the request's municipality", async () => {
    const scopedToA = (await import("../../api/src/db/tenant.ts")).scopedToMunicipality(app.database.prisma, townA.id);
    const account = await app.database.prisma.bankAccount.findFirstOrThrow({ where: { municipalityId: townB.id } });
    // A forged id of another municipality's row is simply not found, for reads and for writes.
    expect(await scopedToA.bankAccount.findUnique({ where: { id: account.id } })).toBeNull();
    expect(await scopedToA.bankAccount.findMany({ where: { id: account.id } })).toEqual([]);
    expect((await scopedToA.bankAccount.updateMany({ where: { id: account.id }, data: { label: "hacked" } })).count).toBe(0);
    await expect(scopedToA.bankAccount.update({ where: { id: account.id }, data: { label: "hacked" } })).rejects.toThrow();
    // Created rows belong to the scope's municipality whatever the caller passed.
    const created = await scopedToA.bankAccount.create({
      data: { municipalityId: townB.id, label: "x", number: "2000100", bankCode: "0800", iban: "CZ7408000000000002000100" },
    });
    expect(created.municipalityId).toBe(townA.id);
    expect((await app.database.prisma.bankAccount.findUniqueOrThrow({ where: { id: account.id } })).label).not.toBe("hacked");
  });
});

describe("GraphQL limits and errors", () => {
  const client = () => new Client(app, { host: "a.test", locale: "en" });

  it("rejects malformed queries with a GraphQL error and no stack trace", async () => {
    const response = await client().request("{ municipality { name ");
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(JSON.stringify(response)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("rejects too deep queries", async () => {
    let query = "id";
    for (let i = 0; i < 14; i++) query = `node(id: "x") { ... on Municipality { ${query} } }`;
    // A generous cost limit, so that the depth rule is the one that answers.
    const lenient = await createTestApp({ GRAPHQL_MAX_COST: "100000000" });
    await createMunicipality(lenient, { hostname: "a.test", isDefault: true });
    const response = await new Client(lenient, { host: "a.test", locale: "en" }).request(`{ ${query} }`);
    expect(response.errors?.map((e) => e.message).join(" ")).toMatch(/depth/i);
    expect(response.data ?? null).toBeNull();
    await lenient.close();
  });

  it("rejects too many aliases", async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: municipality { name }`).join(" ");
    const response = await client().request(`{ ${aliases} }`);
    expect(response.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("rejects too costly queries", async () => {
    const strict = await createTestApp({ GRAPHQL_MAX_COST: "100" });
    await createMunicipality(strict, { hostname: "a.test", isDefault: true });
    const fields = Array.from(
      { length: 10 },
      (_, i) => `m${i}: municipality { bankAccounts { id label iban accountNumber isPrimary } }`,
    ).join(" ");
    const costly = await new Client(strict, { host: "a.test", locale: "en" }).request(`{ ${fields} }`);
    expect(costly.errors?.[0]?.message).toMatch(/cost/i);
    expect(costly.data ?? null).toBeNull();
    const cheap = await new Client(strict, { host: "a.test" }).request("{ municipality { name } }");
    expect(cheap.errors).toBeUndefined();
    await strict.close();
  });

  it("answers a wrong variable type with a clear error", async () => {
    const response = await client().request("query ($id: ID!) { node(id: $id) { id } }", { id: { nested: true } });
    expect(response.errors?.[0]?.message).toMatch(/ID/);
  });
});
