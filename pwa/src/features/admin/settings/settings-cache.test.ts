import { cacheExchange } from "@urql/exchange-graphcache";
import { Client, fetchExchange } from "urql";
import { describe, expect, it } from "vitest";
import { cacheConfig } from "../../../graphql/cache.ts";
import { MunicipalityQuery } from "../../shell/operations.ts";
import { TownNameQuery } from "../../notices-clerk/operations.ts";
import { UpdateMunicipalityMutation } from "../operations.ts";

// After the admin saves the settings, everything that shows the municipality (the shell's header and footer, the
// clerk's notice form) must show the new values at once: updateMunicipality answers with the municipality, which
// graphcache stores under its id. Checked against a scripted API (a `fetch` answering like the server would).

const municipality = {
  __typename: "Municipality",
  id: "TXVuaWNpcGFsaXR5OjE=",
  name: "Město Lipnice",
  ico: "00291005",
  street: "Náměstí Míru 1",
  city: "Lipnice",
  postalCode: "582 32",
  email: "podatelna@lipnice.example",
  phone: null,
  website: null,
  publicUrl: "https://portal.lipnice.example",
  noticeTwoPersonRule: false,
  branding: { __typename: "Branding", primaryColor: "#1d4ed8", accentColor: "#b45309", logoUrl: "/branding/logo?v=1" },
  bankAccounts: [
    { __typename: "BankAccount", id: "b1", label: "Hlavní účet", accountNumber: "123456788/0100", iban: "CZ…", isPrimary: true },
  ],
};

interface Sent {
  operationName: string;
  multipart: boolean;
  variables: Record<string, unknown>;
}

function scriptedApi() {
  const sent: Sent[] = [];
  let current = municipality;
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    // A File variable turns the request into a GraphQL multipart request (operations + map + the file).
    const multipart = init?.body instanceof FormData;
    const body = multipart ? String((init.body as FormData).get("operations")) : String(init?.body);
    const { operationName, variables } = JSON.parse(body) as Omit<Sent, "multipart">;
    sent.push({ operationName, multipart, variables });
    let data: unknown;
    if (operationName === "UpdateMunicipality") {
      const input = variables.input as { name: string; primaryColor: string; noticeTwoPersonRule: boolean; logo: unknown };
      current = {
        ...current,
        name: input.name,
        noticeTwoPersonRule: input.noticeTwoPersonRule,
        branding: { ...current.branding, primaryColor: input.primaryColor, logoUrl: "/branding/logo?v=2" },
        bankAccounts: [{ ...current.bankAccounts[0]!, id: "b2" }],
      };
      data = { updateMunicipality: { __typename: "UpdateMunicipalitySuccess", municipality: current } };
    } else {
      data = { municipality: current };
    }
    return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
  };
  return { fetch, sent };
}

describe("graphcache after updateMunicipality", () => {
  it("shows the new name, colour, logo and two-person rule in every query of the municipality, without refetching", async () => {
    const api = scriptedApi();
    const client = new Client({
      url: "http://portal.test/graphql",
      fetch: api.fetch,
      preferGetMethod: false,
      exchanges: [cacheExchange(cacheConfig), fetchExchange],
    });
    let header: { name: string; primaryColor: string; logoUrl: string | null } | null = null;
    let twoPersonRule: boolean | null = null;
    const shell = client.query(MunicipalityQuery, {}, { requestPolicy: "cache-and-network" }).subscribe((result) => {
      const m = result.data?.municipality;
      if (m) header = { name: m.name, primaryColor: m.branding.primaryColor, logoUrl: m.branding.logoUrl };
    });
    const clerk = client.query(TownNameQuery, {}, { requestPolicy: "cache-and-network" }).subscribe((result) => {
      if (result.data) twoPersonRule = result.data.municipality.noticeTwoPersonRule;
    });
    await expect.poll(() => header).toEqual({ name: "Město Lipnice", primaryColor: "#1d4ed8", logoUrl: "/branding/logo?v=1" });
    await expect.poll(() => twoPersonRule).toBe(false);
    const before = api.sent.length;

    const logo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "znak.png", { type: "image/png" });
    const saved = await client
      .mutation(UpdateMunicipalityMutation, {
        input: {
          name: "Městys Lipnice",
          ico: "00291005",
          street: "Náměstí Míru 1",
          city: "Lipnice",
          postalCode: "582 32",
          email: "podatelna@lipnice.example",
          primaryColor: "#7c2d12",
          accentColor: "#b45309",
          noticeTwoPersonRule: true,
          bankAccounts: [{ label: "Hlavní účet", accountNumber: "123456788/0100", isPrimary: true }],
          logo,
        },
      })
      .toPromise();
    expect(saved.data?.updateMunicipality.__typename).toBe("UpdateMunicipalitySuccess");

    await expect.poll(() => header).toEqual({ name: "Městys Lipnice", primaryColor: "#7c2d12", logoUrl: "/branding/logo?v=2" });
    await expect.poll(() => twoPersonRule).toBe(true);
    // The logo went as a multipart upload, and nothing was fetched again: the answer itself updated the cache.
    expect(api.sent.slice(before).map(({ operationName, multipart }) => ({ operationName, multipart }))).toEqual([
      { operationName: "UpdateMunicipality", multipart: true },
    ]);
    shell.unsubscribe();
    clerk.unsubscribe();
  });
});
