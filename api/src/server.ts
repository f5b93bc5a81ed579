import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from "fastify";
import helmet from "helmet";
import type { App } from "./app.ts";
import type { RequestMeta } from "./context.ts";
import { registerRoutes } from "./http/routes.ts";

/** Hashed build output never changes under its name; everything else must be revalidated. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
const SHORT = "public, max-age=86400";

const API_PREFIXES = ["/graphql", "/healthz", "/readyz", "/branding/", "/soubory/", "/opendata/", "/feeds/", "/api/"];

function cacheControlFor(filePath: string): string {
  const relative = filePath.replaceAll("\\", "/");
  if (/\/assets\//.test(relative)) return IMMUTABLE;
  if (/(index\.html|sw\.js|registerSW\.js|workbox-[^/]*\.js|manifest\.webmanifest)$/.test(relative)) return REVALIDATE;
  return SHORT;
}

/**
 * The security headers helmet sets (CSP, no-sniff, frame options, COOP/CORP, referrer policy...),
 * computed once: none of them depends on the request. (@fastify/helmet rebuilt helmet's whole
 * configuration, directives included, on every request.) HSTS is added per request over TLS only.
 */
function securityHeaders(frameAncestors: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style attributes (brand colours); no inline scripts are allowed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
  })({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** A DNS name (labels of letters, digits and hyphens) or an IP literal, with an optional port. */
const VALID_HOST =
  /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The fetch Request yoga handles, built from what Fastify already has: the URL, the headers object
 * as is, and a body no JSON parser has read (text as text, a stream as a stream, or the raw request
 * when no parser consumed it). A parsed JSON body is handed to yoga beside the request (see
 * `parsedBody` in yoga.ts) instead of being wrapped in a proxy or serialised again.
 */
function fetchRequest(request: FastifyRequest, RequestClass: typeof Request): Request {
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers as Record<string, string> };
  const { body } = request;
  if (typeof body === "string") init.body = body;
  else if (body instanceof Readable || (body === undefined && request.method === "POST")) {
    init.body = (body ?? request.raw) as unknown as BodyInit;
    init.duplex = "half";
  }
  return new RequestClass(`${request.protocol}://${request.host || "localhost"}${request.url}`, init);
}

/** HTTP only: the PWA's files, /graphql, health checks. Business logic lives behind yoga. */
export async function buildServer(app: App): Promise<FastifyInstance> {
  const { config, logger, database } = app.services;
  const server = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: config.NODE_ENV === "test" }),
  });

  // Every response carries the same security headers (routes may override one, e.g. a stricter CSP),
  // its request id, and HSTS when it came over TLS. One synchronous hook, no work per request
  // beyond copying the precomputed headers.
  const headers = securityHeaders(config.FRAME_ANCESTORS.split(/\s+/).filter(Boolean));
  server.addHook("onRequest", (request, reply, done) => {
    reply.headers(headers);
    reply.header("x-request-id", request.id);
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    // RFC 9112 § 3.2: a Host that is not a host name (or address) and port is a bad request. An absent
    // one (HTTP/1.0 health checkers) is answered for the default municipality.
    if (request.host && (request.host.length > 260 || !VALID_HOST.test(request.host))) {
      void reply.status(400).send({
        errors: [{ message: "Neplatná hlavička Host. / Invalid Host header.", extensions: { code: "BAD_REQUEST" } }],
      });
      return;
    }
    done();
  });
  await server.register(fastifyCompress, { global: true, threshold: 1024 });

  // Multipart uploads (GraphQL multipart requests) may carry a file of up to FILE_MAX_BYTES plus the
  // operation itself; every other body keeps BODY_LIMIT. Fastify enforces the limit on the declared
  // length and on the bytes actually received (chunked uploads too). Yoga gets the body as a stream
  // (a bare Buffer would make @whatwg-node enumerate every byte as an object key).
  const multipartLimit = config.FILE_MAX_BYTES + config.BODY_LIMIT;
  server.addContentTypeParser("multipart/form-data", { parseAs: "buffer", bodyLimit: multipartLimit }, (_request, body, done) =>
    done(null, Readable.from([body])),
  );

  server.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, "request failed");
    const code =
      status === 413
        ? "PAYLOAD_TOO_LARGE"
        : status === 400
          ? "BAD_REQUEST"
          : status >= 500
            ? "INTERNAL_SERVER_ERROR"
            : (error.code ?? "ERROR");
    const upload = /^multipart\/form-data/i.test(request.headers["content-type"] ?? "");
    const megabytes = `${Math.round((config.FILE_MAX_BYTES / 1024 / 1024) * 10) / 10} MB`;
    const tooLarge = upload
      ? `Soubor je příliš velký (nejvýše ${megabytes}). / The file is too large (at most ${megabytes}).`
      : `Požadavek je příliš velký (nejvýše ${config.BODY_LIMIT} bajtů). / The request is too large (at most ${config.BODY_LIMIT} bytes).`;
    const message =
      status === 413 ? tooLarge : status >= 500 ? "Nastala neočekávaná chyba. / An unexpected error occurred." : error.message;
    void reply.status(status).send({ errors: [{ message, extensions: { code } }] });
  });

  server.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    handler: async (request, reply) => {
      const meta: RequestMeta = {
        requestId: request.id,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        secure: request.protocol === "https",
      };
      const { body } = request;
      // A JSON body Fastify has parsed (within BODY_LIMIT) goes to yoga as is, not parsed twice.
      const parsedBody = body === undefined || typeof body === "string" || body instanceof Readable ? undefined : { value: body };
      const response = await app.yoga.handleRequest(fetchRequest(request, app.yoga.fetchAPI.Request), { meta, parsedBody });
      for (const [name, value] of response.headers) reply.header(name, value);
      reply.header("cache-control", "no-store");
      reply.status(response.status);
      // Single results are sent as one string, not piped as a web stream (markedly cheaper).
      // Incremental delivery (event streams, multipart) stays streamed.
      const streamed = /text\/event-stream|multipart\/mixed/.test(response.headers.get("content-type") ?? "");
      return reply.send(streamed ? response.body : await response.text());
    },
  });

  server.get("/healthz", async () => ({ status: "ok" }));
  server.get("/readyz", async (_request, reply) => {
    try {
      await database.sql.query("SELECT 1");
      return { status: "ok", database: database.kind };
    } catch (error) {
      server.log.warn({ err: error }, "readiness check failed");
      return reply.status(503).send({ status: "unavailable", database: database.kind });
    }
  });

  server.get("/branding/logo", async (request, reply) => {
    const municipality = await app.municipalities.resolve(request.headers.host);
    const row = await database.prisma.municipality.findUnique({
      where: { id: municipality.id },
      select: { logo: true, logoMimeType: true },
    });
    if (!row?.logo || !row.logoMimeType) return reply.status(404).send({ status: "not found" });
    return reply
      .header("content-type", row.logoMimeType)
      .header("cache-control", SHORT)
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'")
      .send(Buffer.from(row.logo));
  });

  await registerRoutes(server, app);

  const pwaIndex = path.join(config.PWA_DIST, "index.html");
  if (fs.existsSync(pwaIndex)) {
    await server.register(fastifyStatic, {
      root: config.PWA_DIST,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes brotli and gzip copies of every compressible file (pwa/build/precompress.ts), compressed
      // harder than @fastify/compress can afford per response; they are sent as they are when the client accepts them.
      preCompressed: true,
      setHeaders: (reply, filePath) => void reply.header("cache-control", cacheControlFor(filePath)),
    });
    const indexHtml = fs.readFileSync(pwaIndex);
    const indexGzip = zlib.gzipSync(indexHtml, { level: 9 });
    const indexBrotli = zlib.brotliCompressSync(indexHtml);
    // Client-side routes (e.g. /uredni-deska) get the app shell; the PWA shows its own 404 page.
    server.setNotFoundHandler((request, reply) => {
      const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
      const wantsHtml = (request.headers.accept ?? "").includes("text/html");
      if (request.method !== "GET" || isApi || !wantsHtml || path.extname(request.url.split("?")[0] ?? "") !== "") {
        return reply.status(404).send({ status: "not found" });
      }
      reply.header("content-type", "text/html; charset=utf-8").header("cache-control", REVALIDATE).header("vary", "accept-encoding");
      // The not-found handler is outside @fastify/compress' hooks, so the shell (~24 kB with its
      // inlined stylesheet and first screen) is compressed once at start and picked here.
      const accepted = String(request.headers["accept-encoding"] ?? "");
      if (/\bbr\b/.test(accepted)) return reply.header("content-encoding", "br").send(indexBrotli);
      if (/\bgzip\b/.test(accepted)) return reply.header("content-encoding", "gzip").send(indexGzip);
      return reply.send(indexHtml);
    });
  } else {
    server.log.warn({ pwaDist: config.PWA_DIST }, "PWA build not found; serving the API only (run `npm run build`)");
  }

  return server;
}
