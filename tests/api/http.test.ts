import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality } from "../kit/factories.ts";

let app: TestApp;
let server: FastifyInstance;
let dist: string;

beforeAll(async () => {
  // A stand-in PWA build: what matters here is how the server serves it, not what it contains.
  dist = fs.mkdtempSync(path.join(os.tmpdir(), "pwa-dist-"));
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), `<!doctype html><title>Portál</title>${"<p>Úřední deska</p>".repeat(200)}`);
  fs.writeFileSync(path.join(dist, "sw.js"), "self.addEventListener('fetch', () => {});");
  fs.writeFileSync(path.join(dist, "manifest.webmanifest"), "{}");
  fs.writeFileSync(path.join(dist, "assets", "index-AbC123.js"), "console.log(1);".repeat(200));
  fs.writeFileSync(path.join(dist, "icon-192.png"), "png");
  // The build writes brotli and gzip copies next to each file (pwa/build/precompress.ts).
  const script = "export const answer = 42;\n".repeat(300);
  fs.writeFileSync(path.join(dist, "assets", "app-Def456.js"), script);
  fs.writeFileSync(path.join(dist, "assets", "app-Def456.js.br"), zlib.brotliCompressSync(script));
  fs.writeFileSync(path.join(dist, "assets", "app-Def456.js.gz"), zlib.gzipSync(script, { level: 9 }));
  app = await createTestApp({ PWA_DIST: dist, BODY_LIMIT: "4096" });
  await createMunicipality(app, { hostname: "localhost", isDefault: true });
  server = await buildServer(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

describe("HTTP", () => {
  it("serves hashed assets as immutable and the shell, service worker and manifest as no-cache", async () => {
    const asset = await server.inject({ url: "/assets/index-AbC123.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const url of ["/sw.js", "/manifest.webmanifest"]) {
      expect((await server.inject({ url })).headers["cache-control"]).toBe("no-cache");
    }
    const shell = await server.inject({ url: "/uredni-deska", headers: { accept: "text/html" } });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers["content-type"]).toMatch(/text\/html/);
    expect(shell.headers["cache-control"]).toBe("no-cache");
    expect((await server.inject({ url: "/assets/missing.js" })).statusCode).toBe(404);
  });

  it("compresses the app shell it serves for client-side routes", async () => {
    const shell = await server.inject({ url: "/uredni-deska", headers: { accept: "text/html", "accept-encoding": "gzip" } });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(shell.rawPayload).toString()).toContain("<title>Portál</title>");
    const plain = await server.inject({ url: "/uredni-deska", headers: { accept: "text/html" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toContain("<title>Portál</title>");
  });

  it("sends security headers", async () => {
    const response = await server.inject({ url: "/", headers: { accept: "text/html" } });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
    expect(response.headers["x-request-id"]).toMatch(/[0-9a-f-]{36}/);
  });

  it("keeps a caller's request id", async () => {
    const response = await server.inject({ url: "/healthz", headers: { "x-request-id": "abc-123" } });
    expect(response.headers["x-request-id"]).toBe("abc-123");
  });

  it("answers health and readiness (database checked)", async () => {
    expect((await server.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await server.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe("ok");
  });

  it("answers a malformed Host header with 400 on every route family, never a server error", async () => {
    const malformed = ["exa mple.cz", "obec.cz/../x", "<script>", "a".repeat(300), "obec.cz:port"];
    // Shaped like a host and port, but no URL can be made of them (they used to give 500s).
    malformed.push("localhost:99999", "localhost:65536", "localhost:0", "[::::]", "[1:2:3]:80", "localhost:");
    const routes: { url: string; method?: "GET" | "POST" }[] = [
      { url: "/graphql?query=%7B__typename%7D" },
      { url: "/graphql", method: "POST" },
      { url: "/feeds/uredni-deska.rss" },
      { url: "/feeds/uredni-deska.atom" },
      { url: "/opendata/uredni-deska.jsonld" },
      { url: "/api/uredni-deska/00000000-0000-4000-8000-000000000000/potvrzeni.pdf" },
      { url: "/soubory/x/y.pdf" },
      { url: "/branding/logo" },
      { url: "/uredni-deska" },
      { url: "/assets/index-AbC123.js" },
      { url: "/healthz" },
    ];
    for (const host of malformed) {
      for (const { url, method = "GET" } of routes) {
        const response = await server.inject({
          method,
          url,
          headers: { host, accept: "text/html", "content-type": "application/json" },
          ...(method === "POST" ? { payload: JSON.stringify({ query: "{ __typename }" }) } : {}),
        });
        expect({ host, url, status: response.statusCode }).toEqual({ host, url, status: 400 });
        expect(response.json().errors[0]).toEqual({
          message: "Neplatná hlavička Host. / Invalid Host header.",
          extensions: { code: "BAD_REQUEST" },
        });
      }
    }
    // Real names, addresses and ports pass.
    for (const host of ["localhost:3000", "localhost:65535", "www.obec-lipnice.cz", "127.0.0.1", "[::1]:3000", "portal.example."]) {
      const response = await server.inject({ url: "/graphql?query=%7B__typename%7D", headers: { host } });
      expect({ host, status: response.statusCode }).toEqual({ host, status: 200 });
    }
  });

  it("answers a malformed X-Forwarded-Host from a trusted proxy with 400 too", async () => {
    const proxied = await createTestApp({ TRUST_PROXY: "1" });
    await createMunicipality(proxied, { hostname: "localhost", isDefault: true });
    const behindProxy = await buildServer(proxied);
    try {
      for (const url of ["/graphql?query=%7B__typename%7D", "/feeds/uredni-deska.rss", "/opendata/uredni-deska.jsonld"]) {
        const response = await behindProxy.inject({ url, headers: { host: "localhost", "x-forwarded-host": "localhost:99999" } });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      }
    } finally {
      await behindProxy.close();
      await proxied.close();
    }
  });

  it("answers a request without a Host header (HTTP/1.0 health checkers) for the default municipality", async () => {
    const response = await server.inject({ url: "/graphql?query=%7Bmunicipality%7Bname%7D%7D", headers: { host: "" } });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.municipality.name).toBeTruthy();
  });

  it("refuses an oversized GraphQL request with a clear error", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ query: `{ municipality { name } } # ${"x".repeat(8000)}` }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("serves GraphQL through the server with no caching and compression", async () => {
    const response = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ query: "{ municipality { name ico } }" }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.json().data.municipality.ico).toMatch(/^\d{8}$/);
  });

  it("compresses large responses when asked", async () => {
    const response = await server.inject({ url: "/assets/index-AbC123.js", headers: { "accept-encoding": "gzip" } });
    expect(response.headers["content-encoding"]).toBe("gzip");
  });

  it("sends the build's pre-compressed copies as they are, the best one the client accepts", async () => {
    const file = (name: string) => fs.readFileSync(path.join(dist, "assets", name));
    const brotli = await server.inject({ url: "/assets/app-Def456.js", headers: { "accept-encoding": "gzip, deflate, br, zstd" } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotli.rawPayload).toEqual(file("app-Def456.js.br"));
    expect(brotli.headers["content-type"]).toMatch(/javascript/);
    expect(brotli.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    const gzip = await server.inject({ url: "/assets/app-Def456.js", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.rawPayload).toEqual(file("app-Def456.js.gz"));
    const plain = await server.inject({ url: "/assets/app-Def456.js", headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload).toEqual(file("app-Def456.js"));
  });

  it("sends HSTS only when the request came over TLS through a trusted proxy", async () => {
    const proxied = await createTestApp({ TRUST_PROXY: "1" });
    await createMunicipality(proxied, { hostname: "localhost", isDefault: true });
    const behindProxy = await buildServer(proxied);
    const response = await behindProxy.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
    expect(response.headers["strict-transport-security"]).toContain("max-age=");
    await behindProxy.close();
    await proxied.close();
  });

  it("lets other sites read public GraphQL from a browser, but never with the visitor's cookies", async () => {
    const preflight = await server.inject({
      method: "OPTIONS",
      url: "/graphql",
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.headers["access-control-allow-origin"]).toBeDefined();
    expect(preflight.headers["access-control-allow-credentials"]).toBeUndefined();
    const answer = await server.inject({
      method: "POST",
      url: "/graphql",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      payload: JSON.stringify({ query: "{ municipality { name } }" }),
    });
    expect(answer.headers["access-control-allow-origin"]).toBeDefined();
    expect(answer.json()).toMatchObject({ data: { municipality: { name: expect.any(String) } } });
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
  });
});
