import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import type { App } from "../app.ts";
import { scopedToMunicipality, type TenantDb } from "../db/tenant.ts";
import { negotiateLocale, type Locale } from "../i18n/messages.ts";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, parseCookies, serializeCookie } from "../lib/cookies.ts";
import { authenticateRequest } from "../services/accounts/authenticate-request.ts";
import type { Municipality } from "../services/tenancy/resolve-municipality.ts";

export interface DownloadRequest {
  municipality: Municipality;
  db: TenantDb;
  /** null when the request carries no valid session or token (the caller answers 401). */
  auth: Awaited<ReturnType<typeof authenticateRequest>> | null;
  /** The language of error messages (the browser's). */
  messageLocale: Locale;
  secure: boolean;
}

/**
 * Who asks for a private download (a PDF confirmation, a receipt): the town by the Host header, the session or
 * token as for GraphQL, and the session cookie renewed or cleared as the GraphQL endpoint would. A download is a
 * plain link (GET, no script), so it cannot echo the CSRF token in a header; for these read-only routes the CSRF
 * cookie stands in for it: another site can trigger the download but never read it (no CORS), and a GET here
 * changes nothing a forger could want. Mutations keep requiring the header.
 */
export async function authenticateDownload(app: App, request: FastifyRequest, reply: FastifyReply): Promise<DownloadRequest> {
  const { services } = app;
  const municipality = await app.municipalities.resolve(request.headers.host);
  const db = scopedToMunicipality(services.database.prisma, municipality.id);
  const messageLocale = negotiateLocale(request.headers["accept-language"]);
  const secure = request.protocol === "https";
  let auth: DownloadRequest["auth"];
  try {
    auth = await authenticateRequest({
      db,
      headers: downloadHeaders(request),
      clock: services.clock,
      locale: messageLocale,
      sessionTtlHours: services.config.SESSION_TTL_HOURS,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === "UNAUTHENTICATED") {
      return { municipality, db, auth: null, messageLocale, secure };
    }
    throw error;
  }
  const cookie = { secure };
  if (auth.clearSessionCookie) {
    reply.header("set-cookie", [
      serializeCookie(SESSION_COOKIE, "", { ...cookie, httpOnly: true, maxAgeSeconds: 0 }),
      serializeCookie(CSRF_COOKIE, "", { ...cookie, httpOnly: false, maxAgeSeconds: 0 }),
    ]);
  } else if (auth.renewedSession) {
    const maxAgeSeconds = services.config.SESSION_TTL_HOURS * 3600;
    reply.header("set-cookie", [
      serializeCookie(SESSION_COOKIE, auth.renewedSession.token, { ...cookie, httpOnly: true, maxAgeSeconds }),
      serializeCookie(CSRF_COOKIE, auth.renewedSession.csrfToken, { ...cookie, httpOnly: false, maxAgeSeconds }),
    ]);
  }
  return { municipality, db, auth, messageLocale, secure };
}

function downloadHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  if (!headers.has(CSRF_HEADER)) {
    const csrf = parseCookies(headers.get("cookie")).get(CSRF_COOKIE);
    if (csrf) headers.set(CSRF_HEADER, csrf);
  }
  return headers;
}
