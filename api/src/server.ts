import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { Readable } from "node:stream";
import fastifyCompress from "@fastify/compress";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import helmet from "helmet";
import type { App } from "./app.ts";
import type { TrustProxy } from "./config.ts";
import type { RequestMeta } from "./context.ts";
import { authorizeUpload, readUploadRequest, UploadError, uploadFileLimit, type ReadUpload } from "./http/graphql-uploads.ts";
import { sendMisdirected } from "./http/misdirected.ts";
import { registerRoutes } from "./http/routes.ts";
import { negotiateLocale, translate, type MessageKey } from "./i18n/messages.ts";
import { isCrossSiteSafe, PREFLIGHT_HEADER } from "./lib/csrf.ts";
import { formatMegabytes } from "./services/files/upload-file.ts";

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
 * Browser features the portal never uses, switched off for the portal and anything it embeds, so
 * that an injected script or a hostile frame cannot ask for them either.
 */
const PERMISSIONS_POLICY = [
  "accelerometer",
  "ambient-light-sensor",
  "autoplay",
  "bluetooth",
  "camera",
  "display-capture",
  "encrypted-media",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
  "browsing-topics",
  "interest-cohort",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/**
 * X-Frame-Options for browsers that predate CSP's frame-ancestors, saying the same thing: DENY for
 * 'none', SAMEORIGIN for 'self' alone. A list of sites cannot be said in X-Frame-Options, so then
 * it is left out and frame-ancestors (which every current browser obeys) governs alone.
 */
function frameOptionsFor(frameAncestors: string[]): "DENY" | "SAMEORIGIN" | null {
  const sources = frameAncestors.map((source) => source.toLowerCase());
  if (sources.length === 1 && sources[0] === "'none'") return "DENY";
  if (sources.length === 1 && sources[0] === "'self'") return "SAMEORIGIN";
  return null;
}

/**
 * The security headers helmet sets (CSP, no-sniff, COOP/CORP, referrer policy...), computed once:
 * none of them depends on the request. (@fastify/helmet rebuilt helmet's whole configuration,
 * directives included, on every request.) HSTS is added per request over TLS only.
 */
function securityHeaders(frameAncestors: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  const frameOptions = frameOptionsFor(frameAncestors);
  helmet({
    strictTransportSecurity: false,
    xFrameOptions: frameOptions ? { action: frameOptions === "DENY" ? "deny" : "sameorigin" } : false,
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
  headers["permissions-policy"] = PERMISSIONS_POLICY;
  return headers;
}

/** A DNS name (labels of letters, digits and hyphens) or an IP literal, with an optional port. */
const VALID_HOST =
  /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

/**
 * RFC 9112 § 3.2: a Host must be a host name (or address) and an optional port in 1..65535, and it
 * must make a URL (it becomes part of the URL yoga and the feeds work with): `localhost:99999` or
 * `[::::]` would otherwise fail deep inside a route with a 500.
 */
export function isValidHost(host: string): boolean {
  if (host.length > 260) return false;
  const match = VALID_HOST.exec(host);
  if (!match) return false;
  if (match[1] !== undefined && (Number(match[1]) < 1 || Number(match[1]) > 65535)) return false;
  return URL.canParse(`http://${host}/`);
}

function isMultipartRequest(request: FastifyRequest): boolean {
  return /^multipart\/form-data\b/i.test(request.headers["content-type"] ?? "");
}

function isApiUrl(url: string): boolean {
  return API_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** Answers not tied to a municipality (load balancers' checks reach the process by any name). */
const HOSTLESS_URLS = new Set(["/healthz", "/readyz"]);

function sendLocalizedError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, messageKey: MessageKey) {
  const locale = negotiateLocale(request.headers["accept-language"]);
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ errors: [{ message: translate(locale, messageKey), extensions: { code } }] });
}

/**
 * The fetch Request yoga handles, built from what Fastify already has: the URL, the headers object
 * as is, and a body no JSON parser has read (text as text, a stream as a stream, or the raw request
 * when no parser consumed it). A parsed JSON body is handed to yoga beside the request (see
 * `parsedBody` in yoga.ts) instead of being wrapped in a proxy or serialised again.
 */
function fetchRequest(request: FastifyRequest, RequestClass: typeof Request, options: { bodyRead?: boolean } = {}): Request {
  const init: RequestInit & { duplex?: "half" } = { method: request.method, headers: request.headers as Record<string, string> };
  const { body } = request;
  if (options.bodyRead) {
    // The server has read the body itself (uploads); yoga gets the parameters beside the request.
  } else if (typeof body === "string") init.body = body;
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
    // A hop count or the proxies' addresses (never `true`: config.ts refuses it), so a client's own
    // X-Forwarded-For entries are never taken for its address.
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    bodyLimit: config.BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: config.NODE_ENV === "test" }),
  });

  // Every response carries the same security headers (routes may override one, e.g. a stricter CSP),
  // its request id, and HSTS when it came over TLS: precomputed, copied per request. The same hook
  // refuses malformed hosts (400) and, in production, unknown ones (421; the lookup is cached).
  const headers = securityHeaders(config.FRAME_ANCESTORS.split(/\s+/).filter(Boolean));
  // Production serves only mapped host names (421 for the rest); development and tests fall back to
  // the default municipality for any name.
  const strictHosts = config.NODE_ENV === "production";
  server.addHook("onRequest", async (request, reply) => {
    reply.headers(headers);
    reply.header("x-request-id", request.id);
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    // A Host (or, from a trusted proxy, X-Forwarded-Host) that is not a host name (or address) and
    // port is a bad request, on every route. An absent one (HTTP/1.0 health checkers) is allowed.
    const hosts = [request.headers.host, request.host].filter((host): host is string => Boolean(host));
    if (hosts.some((host) => !isValidHost(host))) {
      return reply
        .status(400)
        .header("connection", "close")
        .send({
          errors: [{ message: "Neplatná hlavička Host. / Invalid Host header.", extensions: { code: "BAD_REQUEST" } }],
        });
    }
    const pathname = request.url.split("?")[0] ?? "";
    if (strictHosts && !HOSTLESS_URLS.has(pathname) && !(await app.municipalities.find(request.headers.host))) {
      return sendMisdirected(request, reply.header("connection", "close"), isApiUrl(pathname));
    }
  });
  await server.register(fastifyCompress, { global: true, threshold: 1024 });

  // Multipart requests (GraphQL uploads) are not read by a body parser: the /graphql route first
  // checks who is uploading, from the headers alone, then streams the files to disk (see
  // http/graphql-uploads.ts). Every other body keeps BODY_LIMIT.
  await server.register(fastifyMultipart, { throwFileSizeLimit: false });
  const uploadDirectory = path.join(config.DATA_DIR, "uploads-incoming");

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
    if (upload) {
      // The rest of a refused upload is not read: the connection closes after the answer.
      reply.header("connection", "close");
      if (status === 413) {
        const locale = negotiateLocale(request.headers["accept-language"]);
        const message = translate(locale, "field.fileTooLarge", { max: formatMegabytes(uploadFileLimit(request, config)) });
        return void reply.status(413).send({ errors: [{ message, extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
      }
      if (error instanceof UploadError) return void sendLocalizedError(request, reply, status, code, error.messageKey);
    }
    const tooLarge = `Požadavek je příliš velký (nejvýše ${config.BODY_LIMIT} bajtů). / The request is too large (at most ${config.BODY_LIMIT} bytes).`;
    const message =
      status === 413 ? tooLarge : status >= 500 ? "Nastala neočekávaná chyba. / An unexpected error occurred." : error.message;
    void reply.status(status).send({ errors: [{ message, extensions: { code } }] });
  });

  server.route({
    url: "/graphql",
    method: ["GET", "POST", "OPTIONS"],
    // Uploads are decided on their headers, before any of the body is read: a form from another site
    // (no CSRF header) gets 403, someone who may not upload 401/403, and the connection closes
    // without reading the rest.
    onRequest: async (request, reply) => {
      if (request.method !== "POST") return;
      const refuse = (status: number, code: string, messageKey: MessageKey) =>
        sendLocalizedError(request, reply.header("connection", "close"), status, code, messageKey);
      // What an HTML form on another site could send is refused before its body is parsed (yoga
      // checks the same for callers of yoga.fetch, see yoga.ts).
      if (!isCrossSiteSafe(request.method, request.headers["content-type"], request.headers[PREFLIGHT_HEADER] !== undefined)) {
        return refuse(403, "CSRF", "error.csrf");
      }
      // (request.isMultipart() is only known once the body parser has run, after this hook.)
      if (!isMultipartRequest(request)) return;
      const refusal = await authorizeUpload(app, request, headersOf(request));
      if (refusal) return refuse(refusal.status, refusal.code, refusal.messageKey);
    },
    handler: async (request, reply) => {
      const meta: RequestMeta = {
        requestId: request.id,
        ip: request.ip,
        userAgent: request.headers["user-agent"] ?? null,
        secure: request.protocol === "https",
      };
      let upload: ReadUpload | null = null;
      try {
        const { body } = request;
        let parsedBody: { value: unknown } | undefined;
        if (request.method === "POST" && isMultipartRequest(request)) {
          upload = await readUploadRequest(request, {
            directory: uploadDirectory,
            maxFileBytes: uploadFileLimit(request, config),
            maxFieldBytes: config.BODY_LIMIT,
          });
          parsedBody = { value: upload.params };
        } else if (body !== undefined && typeof body !== "string" && !(body instanceof Readable)) {
          // A JSON body Fastify has parsed (within BODY_LIMIT) goes to yoga as is, not parsed twice.
          parsedBody = { value: body };
        }
        const fetched = fetchRequest(request, app.yoga.fetchAPI.Request, { bodyRead: upload !== null });
        const response = await app.yoga.handleRequest(fetched, { meta, parsedBody });
        return await sendYogaResponse(reply, response);
      } finally {
        await upload?.cleanup();
      }
    },
  });

  async function sendYogaResponse(reply: FastifyReply, response: Response) {
    for (const [name, value] of response.headers) reply.header(name, value);
    reply.header("cache-control", "no-store");
    reply.status(response.status);
    // Single results are sent as one string, not piped as a web stream (markedly cheaper).
    // Incremental delivery (event streams, multipart) stays streamed.
    const streamed = /text\/event-stream|multipart\/mixed/.test(response.headers.get("content-type") ?? "");
    return reply.send(streamed ? response.body : await response.text());
  }

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
      const isApi = isApiUrl(request.url);
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

/**
 * Fastify's `trustProxy` from the configuration. A hop count trusts that many proxies nearest to the
 * server (what proxy-addr does with a number; Fastify's types only name the function form).
 */
function trustProxyOption(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return trust;
}

/** The request's headers as a fetch `Headers` (for authentication outside yoga). */
function headersOf(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return headers;
}
