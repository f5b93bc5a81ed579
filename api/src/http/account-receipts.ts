import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError } from "graphql";
import type { App } from "../app.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import { NotFoundError } from "../errors.ts";
import { isLocale, negotiateLocale, translate, type Locale, type MessageKey } from "../i18n/messages.ts";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, parseCookies, serializeCookie } from "../lib/cookies.ts";
import { authenticateRequest } from "../services/accounts/authenticate-request.ts";
import { renderPaymentReceipt } from "../services/account/render-payment-receipt.ts";

/** The receipt's URL; the API's `AssessmentPayment.receiptUrl` and the tests build it with this. */
export function receiptPath(paymentId: string): string {
  return `/api/osobni-ucet/platby/${paymentId}/potvrzeni.pdf`;
}

/**
 * `GET /api/osobni-ucet/platby/:paymentId/potvrzeni.pdf[?lang=cs|en]`: the confirmation of payment, for a
 * signed-in citizen linked to a payer the payment is paired with. Anyone else gets 404 (not 403), exactly as for
 * a payment that does not exist; without a session 401. Personal data: `private, no-store`, never in a shared
 * cache (nor in the service worker's).
 */
export async function registerAccountReceiptRoutes(server: FastifyInstance, app: App): Promise<void> {
  const { services } = app;
  server.get<{ Params: { paymentId: string }; Querystring: { lang?: string } }>(
    "/api/osobni-ucet/platby/:paymentId/potvrzeni.pdf",
    async (request, reply) => {
      reply.header("cache-control", "private, no-store");
      const municipality = await app.municipalities.resolve(request.headers.host);
      const db = scopedToMunicipality(services.database.prisma, municipality.id);
      const messageLocale = negotiateLocale(request.headers["accept-language"]);
      const secure = request.protocol === "https";

      let auth: Awaited<ReturnType<typeof authenticateRequest>>;
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
          return sendError(reply, 401, "UNAUTHENTICATED", "error.unauthenticated", messageLocale);
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
      // A receipt belongs to a person: integrators' tokens have no payer links and get nothing here.
      if (!auth.viewer) return sendError(reply, 401, "UNAUTHENTICATED", "error.unauthenticated", messageLocale);

      const documentLocale: Locale = isLocale(request.query.lang) ? request.query.lang : messageLocale;
      try {
        const { pdf, fileName } = await renderPaymentReceipt(
          { db, municipality, viewer: auth.viewer, clock: services.clock, locale: documentLocale },
          { paymentId: request.params.paymentId },
        );
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", contentDisposition(fileName))
          .header("x-content-type-options", "nosniff")
          .send(pdf);
      } catch (error) {
        if (error instanceof NotFoundError) return sendError(reply, 404, error.code, error.messageKey, messageLocale);
        throw error;
      }
    },
  );
}

/** An attachment name that is plain ASCII (the receipt's names are) and, for safety, stripped of anything else. */
function contentDisposition(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}"`;
}

/**
 * A download is a plain link (GET, no script), so it cannot echo the CSRF token in a header; for this read-only
 * route the CSRF cookie stands in for it, as for the notice confirmation (http/notice-outputs.ts): another site can
 * trigger the download but never read it.
 */
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

function sendError(reply: FastifyReply, status: number, code: string, messageKey: MessageKey, locale: Locale) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ errors: [{ message: translate(locale, messageKey), extensions: { code } }] });
}
