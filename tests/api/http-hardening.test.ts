// The HTTP edge against a hostile client: forged X-Forwarded-For, cross-site forms (login CSRF,
// forced logout), introspection in production, browser-feature and framing headers, and a
// database that is not there at start.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, paths } from "../../api/src/config.ts";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, DEFAULT_PASSWORD, signedInClient } from "../kit/factories.ts";

const ORIGIN = "https://evil.example";

describe("TRUST_PROXY", () => {
  it("takes a hop count or proxy addresses/CIDRs, and refuses `true` with a clear message", () => {
    const load = (TRUST_PROXY: string) => loadConfig({ NODE_ENV: "test", TRUST_PROXY }).TRUST_PROXY;
    expect(load("false")).toBe(false);
    expect(load("0")).toBe(false);
    expect(load("1")).toBe(1);
    expect(load("2")).toBe(2);
    expect(load("127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,loopback")).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "loopback"]);
    expect(() => load("true")).toThrow(/TRUST_PROXY: `true` would believe any X-Forwarded-For.*TRUST_PROXY=1/);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.300", "1.5", "proxy.example"]) {
      expect(() => load(bad), bad).toThrow(/TRUST_PROXY: not a hop count nor a list of addresses/);
    }
  });

  async function failedLoginFrom(server: FastifyInstance, forwardedFor: string) {
    const response = await server.inject({
      method: "POST",
      url: "/graphql",
      remoteAddress: "127.0.0.1",
      headers: { host: "localhost", "content-type": "application/json", "x-forwarded-for": forwardedFor },
      payload: JSON.stringify({
        query: `mutation { login(input: { email: "nikdo@proxy.example", password: "spatne-heslo-123" }) { __typename } }`,
      }),
    });
    expect(response.statusCode).toBe(200);
  }

  /** The addresses the login limits and the audit log recorded for the failed logins so far (in the same order). */
  async function recordedIps(app: TestApp) {
    const attempts = await app.database.prisma.loginAttempt.findMany({ orderBy: { id: "asc" } });
    const audits = await app.database.prisma.auditLogEntry.findMany({ where: { action: "auth.login_failed" } });
    expect(audits.map((entry) => entry.ip).sort()).toEqual(attempts.map((attempt) => attempt.ip).sort());
    return attempts.map((attempt) => attempt.ip).sort();
  }

  it("with a hop count, a client's own X-Forwarded-For entries never become its address", async () => {
    const app = await createTestApp({ TRUST_PROXY: "1" });
    await createMunicipality(app, { hostname: "localhost", isDefault: true });
    const server = await buildServer(app);
    try {
      // The client sent "198.51.100.202, 127.0.0.1"; our one proxy appended the address it saw.
      await failedLoginFrom(server, "198.51.100.202, 127.0.0.1, 203.0.113.9");
      expect(await recordedIps(app)).toEqual(["203.0.113.9"]);
      // Straight to the server (no proxy appended anything): the last entry is what the peer claims,
      // and the per-IP login limit counts it, never the forged first entries.
      await failedLoginFrom(server, "198.51.100.202, 127.0.0.1");
      expect(await recordedIps(app)).toEqual(["127.0.0.1", "203.0.113.9"]);
    } finally {
      await server.close();
      await app.close();
    }
  });

  it("with proxy addresses, only those proxies' word is taken", async () => {
    const app = await createTestApp({ TRUST_PROXY: "127.0.0.1,10.0.0.0/8" });
    await createMunicipality(app, { hostname: "localhost", isDefault: true });
    const server = await buildServer(app);
    try {
      // Client 203.0.113.9 → proxy 10.1.2.3 → proxy 127.0.0.1: the first untrusted hop is the client.
      await failedLoginFrom(server, "198.51.100.202, 203.0.113.9, 10.1.2.3");
      expect(await recordedIps(app)).toEqual(["203.0.113.9"]);
    } finally {
      await server.close();
      await app.close();
    }
  });
});

describe("cross-site forms (CSRF)", () => {
  let app: TestApp;
  let server: FastifyInstance;
  let town: Awaited<ReturnType<typeof createMunicipality>>;

  beforeAll(async () => {
    app = await createTestApp();
    town = await createMunicipality(app, { hostname: "localhost", isDefault: true });
    server = await buildServer(app);
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const MUTATIONS = {
    login: `mutation { login(input: { email: "obcan@csrf.example", password: "${DEFAULT_PASSWORD}" }) { __typename } }`,
    logout: `mutation { logout { __typename } }`,
    register: `mutation { register(input: { email: "podvrh@csrf.example", password: "Zeleny-kopec-u-reky-42", fullName: "Podvrh" }) { __typename } }`,
    requestPasswordReset: `mutation { requestPasswordReset(input: { email: "obcan@csrf.example" }) { __typename } }`,
  };

  /** What a page on another site can make a browser send: forms (three encodings) and a plain link or image. */
  function forgeries(query: string) {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query, variables: {} }));
    form.set("map", "{}");
    const multipart = new Request("http://x/", { method: "POST", body: form });
    return [
      {
        kind: "urlencoded",
        method: "POST" as const,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ query }).toString(),
      },
      { kind: "multipart", method: "POST" as const, headers: { "content-type": multipart.headers.get("content-type")! }, body: multipart },
      { kind: "text/plain", method: "POST" as const, headers: { "content-type": "text/plain" }, payload: JSON.stringify({ query }) },
      { kind: "GET", method: "GET" as const, headers: {}, url: `/graphql?query=${encodeURIComponent(query)}` },
    ];
  }

  it("refuses login, logout, register and requestPasswordReset from a form on another site", async () => {
    const citizen = await createUser(app, town.id, { email: "obcan@csrf.example" });
    const victim = await signedInClient(app, citizen, "localhost");
    const cookie = [...victim.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
    for (const [name, query] of Object.entries(MUTATIONS)) {
      for (const forgery of forgeries(query)) {
        const payload = forgery.body ? Buffer.from(await forgery.body.clone().arrayBuffer()) : forgery.payload;
        const response = await server.inject({
          method: forgery.method,
          url: forgery.url ?? "/graphql",
          headers: { host: "localhost", origin: ORIGIN, cookie, ...forgery.headers },
          ...(payload === undefined ? {} : { payload }),
        });
        const label = `${name} as ${forgery.kind}`;
        // 403 for the POSTs (no preflight header: refused before the body is read), 405 for a mutation over GET.
        expect(response.statusCode, `${label}: ${response.body}`).toBe(forgery.kind === "GET" ? 405 : 403);
        expect(response.headers["set-cookie"], label).toBeUndefined();
      }
    }
    expect(
      await app.database.prisma.outboxMessage.count({ where: { toAddress: { in: ["obcan@csrf.example", "podvrh@csrf.example"] } } }),
    ).toBe(0);
    expect(await app.database.prisma.user.count({ where: { email: "podvrh@csrf.example" } })).toBe(0);
    expect(await app.database.prisma.loginAttempt.count({ where: { email: "obcan@csrf.example" } })).toBe(0);
    // The victim's session survived the forced-logout attempts.
    expect((await victim.request(`{ viewer { email } }`)).data?.viewer).toEqual({ email: "obcan@csrf.example" });
  });

  it("refuses the same through yoga alone (no HTTP server in front), uploads included", async () => {
    const form = new FormData();
    form.set("operations", JSON.stringify({ query: MUTATIONS.logout, variables: {} }));
    form.set("map", "{}");
    for (const body of [form, new URLSearchParams({ query: MUTATIONS.logout! }), JSON.stringify({ query: MUTATIONS.logout })]) {
      const response = await app.yoga.fetch("http://localhost/graphql", {
        method: "POST",
        headers: { host: "localhost", ...(typeof body === "string" ? { "content-type": "text/plain" } : {}) },
        body,
      });
      expect(response.status).toBe(403);
      expect((await response.json()).errors[0].extensions.code).toBe("CSRF");
    }
  });

  it("says why, in the visitor's language", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: "localhost", "content-type": "text/plain", "accept-language": "en" },
      payload: JSON.stringify({ query: MUTATIONS.logout }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0]).toMatchObject({
      message: expect.stringContaining("x-portal-csrf header is missing"),
      extensions: { code: "CSRF" },
    });
  });

  it("keeps JSON requests working without the header (integrators, curl), and public GET queries", async () => {
    const login = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: "localhost", "content-type": "application/json" },
      payload: JSON.stringify({ query: MUTATIONS.login }),
    });
    expect(login.json().data.login.__typename).toBe("LoginSuccess");
    const token = await import("../kit/factories.ts").then(({ apiTokenClient }) =>
      apiTokenClient(app, town.id, ["notices:read"], "localhost"),
    );
    const integrator = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: "localhost", "content-type": "application/json", authorization: `Bearer ${token.bearer}` },
      payload: JSON.stringify({ query: "{ municipality { name } }" }),
    });
    expect(integrator.statusCode).toBe(200);
    const get = await server.inject({ url: "/graphql?query=%7Bmunicipality%7Bname%7D%7D", headers: { host: "localhost" } });
    expect(get.statusCode).toBe(200);
    // A form-encoded POST with the header is a script's request (a form cannot add it): allowed.
    const withHeader = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { host: "localhost", "content-type": "text/plain", "x-portal-csrf": "1" },
      payload: JSON.stringify({ query: "{ municipality { name } }" }),
    });
    expect(withHeader.statusCode).not.toBe(403);
  });
});

describe("introspection", () => {
  const INTROSPECT = JSON.stringify({ query: "{ __schema { queryType { name } } }" });
  const ask = (app: TestApp) =>
    app.yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { host: "localhost", "content-type": "application/json" },
      body: INTROSPECT,
    });

  it("is off by default in production, on when set, and on in development and tests", async () => {
    const cases: [Record<string, string>, boolean][] = [
      [{ NODE_ENV: "production" }, false],
      [{ NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" }, true],
      [{ NODE_ENV: "test" }, true],
      [{ NODE_ENV: "test", GRAPHQL_INTROSPECTION: "false" }, false],
    ];
    for (const [overrides, allowed] of cases) {
      const app = await createTestApp(overrides);
      try {
        await createMunicipality(app, { hostname: "localhost", isDefault: true });
        const body = await (await ask(app)).json();
        if (allowed) expect(body.data, JSON.stringify(overrides)).toEqual({ __schema: { queryType: { name: "Query" } } });
        else expect(body.errors?.[0]?.message, JSON.stringify(overrides)).toMatch(/introspection/i);
        const typename = await app.yoga.fetch("http://localhost/graphql?query=%7B__typename%7D", { headers: { host: "localhost" } });
        expect((await typename.json()).data).toEqual({ __typename: "Query" });
      } finally {
        await app.close();
      }
    }
    expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: "development" }).introspection).toBe(true);
  });
});

describe("browser feature and framing headers", () => {
  async function headersWith(overrides: Record<string, string>) {
    const app = await createTestApp(overrides);
    const server = await buildServer(app);
    try {
      return (await server.inject({ url: "/healthz" })).headers;
    } finally {
      await server.close();
      await app.close();
    }
  }

  it("switches off camera, microphone, geolocation, payment and the rest", async () => {
    const headers = await headersWith({});
    const policy = String(headers["permissions-policy"]);
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]) {
      expect(policy).toContain(`${feature}=()`);
    }
  });

  it("says the same in X-Frame-Options as in frame-ancestors, or leaves it out", async () => {
    const none = await headersWith({});
    expect(none["x-frame-options"]).toBe("DENY");
    expect(none["content-security-policy"]).toContain("frame-ancestors 'none'");
    const self = await headersWith({ FRAME_ANCESTORS: "'self'" });
    expect(self["x-frame-options"]).toBe("SAMEORIGIN");
    expect(self["content-security-policy"]).toContain("frame-ancestors 'self'");
    const list = await headersWith({ FRAME_ANCESTORS: "'self' https://www.town.example" });
    expect(list["x-frame-options"]).toBeUndefined();
    expect(list["content-security-policy"]).toContain("frame-ancestors 'self' https://www.town.example");
  });
});

describe("start-up", () => {
  async function closedPort(): Promise<number> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(paths.repoRoot, "api", "src", "main.ts")], {
        env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "info", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      child.on("exit", (code) => resolve({ code, output }));
    });
  }

  it("retries an unreachable database with one line per attempt, then exits non-zero with one clear line", async () => {
    const port = await closedPort();
    const { code, output } = await start({
      DATABASE_URL: `postgresql://portal:tajne-heslo@127.0.0.1:${port}/portal`,
      DATABASE_STARTUP_TIMEOUT_SECONDS: "1",
    });
    expect(code).toBe(1);
    const lines = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    const retries = lines.filter((line) => line.msg.startsWith("database not reachable"));
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]!.msg).toMatch(/ECONNREFUSED.*retrying in \d+\.\d s/);
    const fatal = lines.at(-1)!;
    expect(fatal.level).toBe(60);
    expect(fatal.msg).toMatch(/^The database is not reachable \(.*ECONNREFUSED.*\); gave up after \d+ attempt\(s\)/);
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain("tajne-heslo");
  });

  it("refuses TRUST_PROXY=true at start with one clear line", async () => {
    const { code, output } = await start({ TRUST_PROXY: "true", DATABASE_STARTUP_TIMEOUT_SECONDS: "0" });
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(output).msg).toMatch(/^Invalid configuration: TRUST_PROXY: `true` would believe any X-Forwarded-For/);
  });
});
