import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createPublicCache } from "../../api/src/services/public-cache/create-public-cache.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality, createNotice, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

// The public response cache (api/src/services/public-cache, wired in api/src/yoga.ts): anonymous
// answers are shared per municipality and locale, for at most RESPONSE_CACHE_TTL_SECONDS and never
// past the notice board's next posting or take-down moment; session- or token-bearing requests
// never touch it. "Served from the cache" is observed as "no SQL statement ran".

let app: TestApp;
let townA: Awaited<ReturnType<typeof createMunicipality>>;
let townB: Awaited<ReturnType<typeof createMunicipality>>;

const HOME = /* GraphQL */ `
  query Home {
    municipality {
      id
      name
      bankAccounts {
        label
        accountNumber
      }
    }
  }
`;

const BOARD = /* GraphQL */ `
  query Board {
    noticeBoard(first: 20) {
      nodes {
        title
      }
    }
  }
`;

const anonymous = (host = "a.test", locale = "cs") => new Client(app, { host, locale });

/** The answer and how many SQL statements it took. */
async function ask<T = Record<string, any>>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  app.queries.length = 0;
  const response = await client.request<T>(query, variables);
  expect(response.errors).toBeUndefined();
  return { data: response.data!, statements: app.queries.length, headers: response.headers };
}

async function boardTitles(client: Client) {
  const answer = await ask<{ noticeBoard: { nodes: { title: string }[] } }>(client, BOARD);
  return { titles: answer.data.noticeBoard.nodes.map((node) => node.title), statements: answer.statements };
}

beforeAll(async () => {
  app = await createTestApp({ RESPONSE_CACHE_TTL_SECONDS: "60" });
  townA = await createMunicipality(app, { hostname: "a.test", name: "Město A", isDefault: true });
  townB = await createMunicipality(app, { hostname: "b.test", name: "Obec B" });
});
afterAll(() => app.close());

beforeEach(async () => {
  app.clock.set("2026-11-26T10:00:00Z");
  await app.services.publicCache.invalidate(townA.id);
  await app.services.publicCache.invalidate(townB.id);
});

describe("public response cache", () => {
  it("answers the home query from the cache for anonymous visitors, with the same data", async () => {
    const first = await ask(anonymous(), HOME);
    expect(first.statements).toBeGreaterThan(0);
    const second = await ask(anonymous(), HOME);
    expect(second.statements).toBe(0);
    expect(second.data).toEqual(first.data);
    expect(second.data.municipality.name).toBe("Město A");
  });

  it("keeps serving the cached answer until the municipality is invalidated, then answers afresh", async () => {
    await ask(anonymous(), HOME);
    // A change made as a mutation would make it, without the mutation's invalidation yet.
    await app.database.prisma.bankAccount.updateMany({ where: { municipalityId: townA.id }, data: { label: "Přejmenovaný účet" } });
    const stale = await ask(anonymous(), HOME);
    expect(stale.statements).toBe(0);
    expect(stale.data.municipality.bankAccounts[0].label).toBe("Hlavní účet");

    await app.services.publicCache.invalidate(townA.id);
    const fresh = await ask(anonymous(), HOME);
    expect(fresh.statements).toBeGreaterThan(0);
    expect(fresh.data.municipality.bankAccounts[0].label).toBe("Přejmenovaný účet");
    await app.database.prisma.bankAccount.updateMany({ where: { municipalityId: townA.id }, data: { label: "Hlavní účet" } });
  });

  it("invalidates only the municipality asked for", async () => {
    await ask(anonymous("a.test"), HOME);
    await ask(anonymous("b.test"), HOME);
    await app.services.publicCache.invalidate(townB.id);
    expect((await ask(anonymous("a.test"), HOME)).statements).toBe(0);
    expect((await ask(anonymous("b.test"), HOME)).statements).toBeGreaterThan(0);
  });

  it("never gives one municipality another's cached answer", async () => {
    const a = await ask(anonymous("a.test"), HOME);
    const b = await ask(anonymous("b.test"), HOME);
    expect(b.statements).toBeGreaterThan(0);
    expect(a.data.municipality.name).toBe("Město A");
    expect(b.data.municipality.name).toBe("Obec B");
    // Both are cached now, each under its own municipality (the port is not part of the host).
    expect((await ask(anonymous("b.test:3000"), HOME)).data.municipality.name).toBe("Obec B");
    expect((await ask(anonymous("a.test"), HOME)).data.municipality.name).toBe("Město A");
  });

  it("keeps one answer per locale", async () => {
    await ask(anonymous("a.test", "cs"), HOME);
    expect((await ask(anonymous("a.test", "en"), HOME)).statements).toBeGreaterThan(0);
    expect((await ask(anonymous("a.test", "en"), HOME)).statements).toBe(0);
  });

  it("keys answers by variables and operation, not only by the document", async () => {
    const query = /* GraphQL */ `
      query Board($first: Int) {
        noticeBoard(first: $first) {
          nodes {
            title
          }
        }
      }
      query Other {
        municipality {
          name
        }
      }
    `;
    await createNotice(app, townA.id, { title: "Starší oznámení", postedAt: "2026-11-20T08:00:00Z" });
    await createNotice(app, townA.id, { title: "Novější oznámení", postedAt: "2026-11-21T08:00:00Z" });
    await app.services.publicCache.invalidate(townA.id);
    const titles = (answer: { data: Record<string, any> }) => answer.data.noticeBoard.nodes.map((n: { title: string }) => n.title);
    // One document with two operations: the operation name picks one.
    const request = async (first: number, operationName: string) => {
      app.queries.length = 0;
      const response = await app.yoga.fetch("http://a.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", host: "a.test", "accept-language": "cs" },
        body: JSON.stringify({ query, variables: { first }, operationName }),
      });
      const body = (await response.json()) as { data: Record<string, any>; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return { data: body.data, statements: app.queries.length };
    };
    const firstOne = await request(1, "Board");
    expect(titles(firstOne)).toEqual(["Novější oznámení"]);
    const firstTwo = await request(2, "Board");
    expect(firstTwo.statements).toBeGreaterThan(0);
    expect(titles(firstTwo)).toEqual(["Novější oznámení", "Starší oznámení"]);
    const other = await request(1, "Other");
    // (answered from the request context, without SQL: the data shows it is not Board's answer)
    expect(other.data).toEqual({ municipality: { name: "Město A" } });
    expect(await request(1, "Board")).toEqual({ data: firstOne.data, statements: 0 });
  });

  it("never caches a mutation: a repeated anonymous login signs in each time", async () => {
    const user = await createUser(app, townA.id, { email: "opakovane@a.test", password: "Opakovane-heslo-2026" });
    const LOGIN = /* GraphQL */ `
      mutation ($input: LoginInput!) {
        login(input: $input) {
          __typename
        }
      }
    `;
    const variables = { input: { email: user.email, password: "Opakovane-heslo-2026" } };
    for (let attempt = 0; attempt < 2; attempt++) {
      app.queries.length = 0;
      const answer = await anonymous().request(LOGIN, variables);
      expect(answer.data?.login.__typename).toBe("LoginSuccess");
      expect(answer.headers.getSetCookie().some((cookie) => cookie.startsWith("portal_session="))).toBe(true);
      expect(app.queries.length).toBeGreaterThan(0);
    }
    expect(await app.database.prisma.session.count({ where: { userId: user.id } })).toBe(2);
  });

  it("never caches nor serves from the cache a request with a session or an API token", async () => {
    const citizen = await signedInClient(app, await createUser(app, townA.id), "a.test");
    const integrator = await apiTokenClient(app, townA.id, [], "a.test");
    // An anonymous answer is in the cache...
    await ask(anonymous(), HOME);
    expect((await ask(anonymous(), HOME)).statements).toBe(0);
    // ...yet a signed-in person and an integrator are answered from the database, every time.
    for (const client of [citizen, integrator]) {
      expect((await ask(client, HOME)).statements).toBeGreaterThan(0);
      expect((await ask(client, HOME)).statements).toBeGreaterThan(0);
    }
    // Their answers were not stored for anyone: after an invalidation the next anonymous request
    // runs SQL again.
    await app.services.publicCache.invalidate(townA.id);
    await ask(citizen, HOME);
    expect((await ask(anonymous(), HOME)).statements).toBeGreaterThan(0);
  });

  it("answers a request with a stale or forged session cookie afresh, never from the cache", async () => {
    await ask(anonymous(), HOME);
    const forged = anonymous();
    forged.cookies.set("portal_session", "forged-session-token");
    app.queries.length = 0;
    const answer = await forged.request(HOME);
    // The session was looked up (SQL) and the answer clears the cookie: it was computed for this request.
    expect(app.queries.length).toBeGreaterThan(0);
    expect(answer.headers.getSetCookie().join(";")).toMatch(/portal_session=;/);
    expect(answer.data?.municipality.name).toBe("Město A");
  });

  it("drops the cached home answer when an admin updates the municipality", async () => {
    const admin = await signedInClient(app, await createUser(app, townB.id, { role: "ADMIN" }), "b.test");
    expect((await ask(anonymous("b.test"), HOME)).data.municipality.name).toBe("Obec B");
    const update = await admin.request(
      /* GraphQL */ `
        mutation ($input: UpdateMunicipalityInput!) {
          updateMunicipality(input: $input) {
            __typename
          }
        }
      `,
      {
        input: {
          name: "Obec B po změně",
          ico: townB.ico,
          street: townB.street,
          city: townB.city,
          postalCode: townB.postalCode,
          email: townB.email,
          phone: null,
          website: null,
          primaryColor: "#0f766e",
          accentColor: "#9a3412",
          bankAccounts: [{ label: "Poplatky", accountNumber: "19-2000145399/0800", isPrimary: true }],
        },
      },
    );
    expect(update.data?.updateMunicipality.__typename).toBe("UpdateMunicipalitySuccess");
    const after = await ask(anonymous("b.test"), HOME);
    expect(after.statements).toBeGreaterThan(0);
    expect(after.data.municipality.name).toBe("Obec B po změně");
    expect(after.data.municipality.bankAccounts).toEqual([{ label: "Poplatky", accountNumber: "19-2000145399/0800" }]);
  });

  it("never serves a board answer past a notice's take-down moment", async () => {
    const notice = await createNotice(app, townA.id, { title: "Končící oznámení", postedAt: "2026-11-01T08:00:00Z" });
    await app.services.publicCache.invalidate(townA.id);
    const takeDown = notice.takeDownAt.getTime();
    // 20 s before the take-down the board is cached, for those 20 s only (the TTL is 60 s).
    app.clock.set(new Date(takeDown - 20_000));
    expect(await boardTitles(anonymous())).toMatchObject({ titles: ["Končící oznámení"] });
    app.clock.set(new Date(takeDown - 1));
    expect(await boardTitles(anonymous())).toEqual({ titles: ["Končící oznámení"], statements: 0 });
    app.clock.set(new Date(takeDown));
    const after = await boardTitles(anonymous());
    expect(after.titles).toEqual([]);
    expect(after.statements).toBeGreaterThan(0);
  });

  it("shows a scheduled notice from its posting moment even when the board was cached just before", async () => {
    const postedAt = new Date("2026-11-26T23:00:00Z"); // midnight in Prague
    await createNotice(app, townB.id, { title: "Naplánované oznámení", postedAt });
    await app.services.publicCache.invalidate(townB.id);
    app.clock.set(new Date(postedAt.getTime() - 1_000));
    expect((await boardTitles(anonymous("b.test"))).titles).toEqual([]);
    expect(await boardTitles(anonymous("b.test"))).toEqual({ titles: [], statements: 0 });
    app.clock.set(postedAt);
    expect((await boardTitles(anonymous("b.test"))).titles).toEqual(["Naplánované oznámení"]);
  });

  it("keeps an answer no longer than the configured TTL", async () => {
    await ask(anonymous(), HOME);
    app.clock.advance({ seconds: 59 });
    expect((await ask(anonymous(), HOME)).statements).toBe(0);
    app.clock.advance({ seconds: 1 });
    expect((await ask(anonymous(), HOME)).statements).toBeGreaterThan(0);
  });

  it("does not cache answers with errors", async () => {
    const broken = "{ municipality { name } noSuchField }";
    const first = await anonymous().request(broken);
    expect(first.errors?.length).toBeGreaterThan(0);
    app.queries.length = 0;
    const home = await ask(anonymous(), HOME);
    expect(home.statements).toBeGreaterThan(0);
  });
});

describe("the cache store", () => {
  it("does not keep an answer computed while its municipality was invalidated", async () => {
    const store = createPublicCache<{ answer: string }>({ prisma: app.database.prisma, clock: app.clock, ttlSeconds: 60 });
    const scope = await store.scope(townA.id);
    const key = `${scope.keyPrefix}cs:query`;
    // The data changes (and is invalidated) while the answer is being computed...
    await store.invalidate(townA.id);
    store.set(key, { answer: "old" }, store.lifetime(scope, 60_000));
    // ...so the old answer is not stored, and the new generation has its own keys.
    expect(store.get(key)).toBeUndefined();
    const next = await store.scope(townA.id);
    expect(next.keyPrefix).not.toBe(scope.keyPrefix);
    store.set(`${next.keyPrefix}cs:query`, { answer: "new" }, store.lifetime(next, 60_000));
    expect(store.get(`${next.keyPrefix}cs:query`)).toEqual({ answer: "new" });
  });

  it("caps the lifetime at the configured TTL, at the board's next change and at midnight in Prague", async () => {
    const store = createPublicCache<object>({ prisma: app.database.prisma, clock: app.clock, ttlSeconds: 60 });
    app.clock.set("2026-11-26T12:00:00Z");
    const now = app.clock.now().getTime();
    expect(store.lifetime({ validUntil: null }, 600_000)).toBe(60_000);
    expect(store.lifetime({ validUntil: now + 5_000 }, 60_000)).toBe(5_000);
    expect(store.lifetime({ validUntil: now }, 60_000)).toBe(0);
    expect(store.lifetime({ validUntil: now - 1 }, 60_000)).toBe(0);
    expect(store.lifetime({ validUntil: null }, 0)).toBe(0);
    // 23:59:30 in Prague (winter time, UTC+1): the registers' day-based flags turn in 30 s.
    app.clock.set("2026-11-26T22:59:30Z");
    expect(store.lifetime({ validUntil: null }, 60_000)).toBe(30_000);
    // Summer time (UTC+2).
    app.clock.set("2026-07-01T21:59:50Z");
    expect(store.lifetime({ validUntil: null }, 60_000)).toBe(10_000);
  });

  it("finds the board's next change among approved notices only, and drops it on invalidation", async () => {
    const town = await createMunicipality(app, { hostname: "c.test" });
    const store = createPublicCache<object>({ prisma: app.database.prisma, clock: app.clock, ttlSeconds: 60 });
    expect((await store.scope(town.id)).validUntil).toBeNull();
    const posted = await createNotice(app, town.id, { postedAt: "2026-11-20T08:00:00Z" });
    // Cached per municipality: the new notice is not seen until the municipality is invalidated.
    expect((await store.scope(town.id)).validUntil).toBeNull();
    await store.invalidate(town.id);
    expect((await store.scope(town.id)).validUntil).toBe(posted.takeDownAt.getTime());
    const scheduled = await createNotice(app, town.id, { postedAt: "2026-11-27T07:00:00Z" });
    await createNotice(app, town.id, { status: "DRAFT", postedAt: "2026-11-26T12:00:00Z" });
    await createNotice(app, town.id, { status: "WITHDRAWN", postedAt: "2026-11-20T08:00:00Z", withdrawnAt: "2026-11-26T09:00:00Z" });
    await store.invalidate(town.id);
    expect((await store.scope(town.id)).validUntil).toBe(Math.min(scheduled.postedAt.getTime(), posted.takeDownAt.getTime()));
    // Once that moment has passed, the next one is looked up.
    app.clock.set(scheduled.postedAt);
    expect((await store.scope(town.id)).validUntil).toBe(posted.takeDownAt.getTime());
  });
});

describe("through the HTTP server", () => {
  it("sends the cached answer with the same bytes and headers, still no-store", async () => {
    const server = await buildServer(app);
    try {
      const post = () =>
        server.inject({
          method: "POST",
          url: "/graphql",
          headers: { "content-type": "application/json", host: "a.test" },
          payload: JSON.stringify({ query: HOME }),
        });
      const first = await post();
      app.queries.length = 0;
      const second = await post();
      expect(app.queries.length).toBe(0);
      expect(second.statusCode).toBe(200);
      expect(second.body).toBe(first.body);
      expect(second.headers["cache-control"]).toBe("no-store");
      expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
      expect(second.headers["x-content-type-options"]).toBe("nosniff");
    } finally {
      await server.close();
    }
  });
});

describe("RESPONSE_CACHE_TTL_SECONDS=0", () => {
  it("turns the cache off", async () => {
    const uncached = await createTestApp({ RESPONSE_CACHE_TTL_SECONDS: "0" });
    try {
      await createMunicipality(uncached, { hostname: "a.test", isDefault: true });
      const client = new Client(uncached, { host: "a.test" });
      await client.request(HOME);
      uncached.queries.length = 0;
      const again = await client.request(HOME);
      expect(again.errors).toBeUndefined();
      expect(uncached.queries.length).toBeGreaterThan(0);
    } finally {
      await uncached.close();
    }
  });
});
