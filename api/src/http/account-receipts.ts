import type { FastifyInstance, FastifyReply } from "fastify";
import type { App } from "../app.ts";
import { authenticateDownload } from "./download-auth.ts";
import { NotFoundError } from "../errors.ts";
import { isLocale, translate, type Locale, type MessageKey } from "../i18n/messages.ts";
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
      const { municipality, db, auth, messageLocale } = await authenticateDownload(app, request, reply);
      // A receipt belongs to a person: integrators' tokens have no payer links and get nothing here.
      if (!auth?.viewer) return sendError(reply, 401, "UNAUTHENTICATED", "error.unauthenticated", messageLocale);

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

function sendError(reply: FastifyReply, status: number, code: string, messageKey: MessageKey, locale: Locale) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ errors: [{ message: translate(locale, messageKey), extensions: { code } }] });
}
