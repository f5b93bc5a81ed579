// Host-header poisoning: every link the portal sends is built from the municipality's canonical
// public URL, never from the request's Host; the URL is validated and maps its host; in production
// a host no municipality is mapped to gets 421 Misdirected Request instead of the default town.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { portalLink } from "../../api/src/services/accounts/portal-link.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { CREATE_CLERK, REGISTER, REQUEST_RESET, latestMail, linkIn, STRONG_PASSWORD } from "./accounts-support.ts";

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateMunicipalityInput!) {
    updateMunicipality(input: $input) {
      __typename
      ... on UpdateMunicipalitySuccess {
        municipality {
          publicUrl
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

function settings(publicUrl: string) {
  return {
    name: "Město Kanonické",
    ico: "00064581",
    street: "Náměstí 1",
    city: "Kanonice",
    postalCode: "110 00",
    email: "podatelna@kanonice.example",
    primaryColor: "#0f766e",
    accentColor: "#9a3412",
    bankAccounts: [{ label: "Poplatky", accountNumber: "19-2000145399/0800", isPrimary: true }],
    publicUrl,
  };
}

const REQUEST_RESET_BODY = (email: string) =>
  JSON.stringify({ query: `mutation { requestPasswordReset(input: { email: "${email}" }) { __typename } }` });

describe("links in e-mails (development fallback for unknown hosts)", () => {
  let app: TestApp;
  let server: FastifyInstance;
  let town: Awaited<ReturnType<typeof createMunicipality>>;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createMunicipality(app, { hostname: "localhost", isDefault: true, publicUrl: "https://portal.kanonice.example" });
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it("puts the canonical URL into a reset e-mail whatever Host the request forged", async () => {
    await createUser(app, town.id, { email: "obcan@kanonice.example" });
    for (const host of ["attacker.example", "attacker.example:8443", "localhost"]) {
      const response = await server.inject({
        method: "POST",
        url: "/graphql",
        headers: { host, "content-type": "application/json", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" },
        payload: REQUEST_RESET_BODY("obcan@kanonice.example"),
      });
      expect(response.statusCode, host).toBe(200);
      const mail = await latestMail(app, "obcan@kanonice.example");
      expect(mail.textBody).not.toMatch(/attacker|evil/);
      const link = linkIn(mail.textBody, "/obnova-hesla");
      expect(link.origin, host).toBe("https://portal.kanonice.example");
      expect(link.searchParams.get("token")).toMatch(/\S{20,}/);
    }
  });

  it("builds verification and invitation links from it too", async () => {
    const visitor = new Client(app, { host: "attacker.example" });
    await visitor.request(REGISTER, { input: { email: "nova@kanonice.example", password: STRONG_PASSWORD, fullName: "Nová Občanka" } });
    expect(linkIn((await latestMail(app, "nova@kanonice.example")).textBody, "/overeni-emailu").origin).toBe(
      "https://portal.kanonice.example",
    );
    const admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), "attacker.example");
    const created = await admin.request(CREATE_CLERK, {
      input: { email: "referent@kanonice.example", fullName: "Referent", role: "CLERK", agendas: ["NOTICES"] },
    });
    expect(created.errors).toBeUndefined();
    expect(linkIn((await latestMail(app, "referent@kanonice.example")).textBody, "/obnova-hesla").origin).toBe(
      "https://portal.kanonice.example",
    );
  });

  it("portalLink needs nothing but the municipality (work outside a request builds the same links)", () => {
    expect(portalLink({ municipality: { publicUrl: "https://portal.kanonice.example" } }, "/obnova-hesla", { token: "a b&c" })).toBe(
      "https://portal.kanonice.example/obnova-hesla?token=a+b%26c",
    );
    expect(portalLink({ municipality: { publicUrl: "http://localhost:3000" } }, "/prihlaseni")).toBe("http://localhost:3000/prihlaseni");
  });
});

describe("the canonical public URL in the municipality settings", () => {
  let app: TestApp;
  let admin: Client;
  let town: Awaited<ReturnType<typeof createMunicipality>>;
  let other: Awaited<ReturnType<typeof createMunicipality>>;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createMunicipality(app, { hostname: "kanonice.test", isDefault: true });
    other = await createMunicipality(app, { hostname: "jina.test", publicUrl: "https://portal.jina.example" });
    admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), "kanonice.test");
  });
  afterAll(() => app.close());

  it("refuses anything but a bare http(s) origin, with a localized field error", async () => {
    for (const bad of [
      "portal.kanonice.example",
      "ftp://portal.kanonice.example",
      "javascript:alert(1)//",
      "https://portal.kanonice.example/obcan",
      "https://portal.kanonice.example/?next=x",
      "https://portal.kanonice.example/#x",
      "https://admin:heslo@portal.kanonice.example",
      "https://",
      "https://portal.kanonice.example:99999",
      " ",
    ]) {
      const response = await admin.request(UPDATE, { input: settings(bad) });
      expect(response.data?.updateMunicipality.__typename, bad).toBe("ValidationError");
      expect(response.data?.updateMunicipality.fieldErrors[0].path, bad).toEqual(["publicUrl"]);
    }
    const english = new Client(app, { host: "kanonice.test", locale: "en" });
    english.cookies.clear();
    for (const [name, value] of admin.cookies) english.cookies.set(name, value);
    const answer = await english.request(UPDATE, { input: settings("https://x.example/path") });
    expect(answer.data?.updateMunicipality.fieldErrors[0].message).toBe(
      "Enter the portal's address as https://portal.town.example (no path, parameters or credentials).",
    );
    expect((await app.database.prisma.municipality.findUniqueOrThrow({ where: { id: town.id } })).publicUrl).toBe("http://kanonice.test");
  });

  it("stores the normalised origin, maps its host to the municipality, and links follow it", async () => {
    const response = await admin.request(UPDATE, { input: settings(" HTTPS://Portal.Kanonice.example:443/ ") });
    expect(response.data?.updateMunicipality).toEqual({
      __typename: "UpdateMunicipalitySuccess",
      municipality: { publicUrl: "https://portal.kanonice.example" },
    });
    const host = await app.database.prisma.municipalityHost.findUniqueOrThrow({ where: { hostname: "portal.kanonice.example" } });
    expect(host.municipalityId).toBe(town.id);
    await createUser(app, town.id, { email: "po-zmene@kanonice.example" });
    await new Client(app, { host: "kanonice.test" }).request(REQUEST_RESET, { input: { email: "po-zmene@kanonice.example" } });
    expect(linkIn((await latestMail(app, "po-zmene@kanonice.example")).textBody, "/obnova-hesla").origin).toBe(
      "https://portal.kanonice.example",
    );
    // Leaving it out keeps it (API clients written before the field existed).
    const { publicUrl: _omitted, ...withoutUrl } = settings("");
    const kept = await admin.request(UPDATE, { input: withoutUrl });
    expect(kept.data?.updateMunicipality.municipality.publicUrl).toBe("https://portal.kanonice.example");
  });

  it("refuses a host name or public URL another municipality already has", async () => {
    for (const taken of ["https://jina.test:8443", "https://portal.jina.example"]) {
      const response = await admin.request(UPDATE, { input: settings(taken) });
      expect(response.data?.updateMunicipality, taken).toMatchObject({
        __typename: "ValidationError",
        fieldErrors: [{ path: ["publicUrl"], code: "HOST_TAKEN", message: "Tuto adresu už používá portál jiné obce." }],
      });
    }
    expect((await app.database.prisma.municipalityHost.findMany({ where: { municipalityId: other.id } })).map((h) => h.hostname)).toEqual([
      "jina.test",
    ]);
  });
});

describe("unknown hosts in production", () => {
  let app: TestApp;
  let server: FastifyInstance;
  let town: Awaited<ReturnType<typeof createMunicipality>>;

  beforeAll(async () => {
    app = await createTestApp({ NODE_ENV: "production" });
    town = await createMunicipality(app, {
      hostname: "portal.lipnice.example",
      isDefault: true,
      publicUrl: "https://portal.lipnice.example",
    });
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it("answers 421 with a JSON error on the API routes, never the default town", async () => {
    await createUser(app, town.id, { email: "obcan@lipnice.example" });
    const before = await app.database.prisma.outboxMessage.count();
    const graphql = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: "attacker.example", "content-type": "application/json", "accept-language": "en" },
      payload: REQUEST_RESET_BODY("obcan@lipnice.example"),
    });
    expect(graphql.statusCode).toBe(421);
    expect(graphql.json()).toEqual({
      errors: [{ message: "This address does not belong to any municipality's portal.", extensions: { code: "MISDIRECTED_REQUEST" } }],
    });
    expect(await app.database.prisma.outboxMessage.count()).toBe(before);
    for (const url of [
      "/graphql?query=%7Bmunicipality%7Bname%7D%7D",
      "/feeds/uredni-deska.rss",
      "/opendata/uredni-deska.jsonld",
      "/branding/logo",
      "/soubory/x/y.pdf",
    ]) {
      const response = await server.inject({ url, headers: { host: "localhost" } });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 421 });
      expect(response.json().errors[0].extensions.code).toBe("MISDIRECTED_REQUEST");
    }
  });

  it("shows browsers a small page in Czech and English", async () => {
    const page = await server.inject({ url: "/uredni-deska", headers: { host: "www.attacker.example", accept: "text/html" } });
    expect(page.statusCode).toBe(421);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain('<html lang="cs">');
    expect(page.body).toContain("Tato adresa nepatří žádnému portálu obce");
    expect(page.body).toContain("This address does not belong to any municipality's portal");
  });

  it("serves mapped hosts, and health checks on any host", async () => {
    const answer = await server.inject({
      url: "/graphql?query=%7Bmunicipality%7BpublicUrl%7D%7D",
      headers: { host: "portal.lipnice.example" },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().data.municipality.publicUrl).toBe("https://portal.lipnice.example");
    expect((await server.inject({ url: "/healthz", headers: { host: "10.0.0.7:3000" } })).statusCode).toBe(200);
    expect((await server.inject({ url: "/readyz", headers: { host: "10.0.0.7:3000" } })).statusCode).toBe(200);
  });

  it("serves the host of a newly saved public URL at once", async () => {
    const admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), "portal.lipnice.example");
    expect((await server.inject({ url: "/healthz", headers: { host: "obcan.lipnice.example" } })).statusCode).toBe(200);
    const graphqlOn = (host: string) => server.inject({ url: "/graphql?query=%7B__typename%7D", headers: { host } });
    expect((await graphqlOn("obcan.lipnice.example")).statusCode).toBe(421);
    const saved = await admin.request(UPDATE, { input: settings("https://obcan.lipnice.example") });
    expect(saved.data?.updateMunicipality.__typename).toBe("UpdateMunicipalitySuccess");
    expect((await graphqlOn("obcan.lipnice.example")).statusCode).toBe(200);
  });

  it("counts the host of a public URL as mapped even without its host row (an operator who only set the URL)", async () => {
    const town = await createMunicipality(app, { hostname: "stara-adresa.example", publicUrl: "https://nova.obec.example" });
    await app.database.prisma.municipalityHost.deleteMany({ where: { municipalityId: town.id } });
    app.municipalities.invalidate();
    const answer = await server.inject({ url: "/graphql?query=%7Bmunicipality%7Bname%7D%7D", headers: { host: "nova.obec.example" } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().data.municipality.name).toBe(town.name);
    // Not a mere prefix of it.
    expect((await server.inject({ url: "/graphql?query=%7B__typename%7D", headers: { host: "nova.obec.example.evil" } })).statusCode).toBe(
      421,
    );
  });

  it("answers 421 through yoga alone too (no HTTP server in front)", async () => {
    const response = await app.yoga.fetch("http://attacker.example/graphql", {
      method: "POST",
      headers: { host: "attacker.example", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ municipality { name } }" }),
    });
    expect(response.status).toBe(421);
    expect((await response.json()).errors[0].extensions.code).toBe("MISDIRECTED_REQUEST");
  });
});
