import type { FastifyInstance, FastifyReply } from "fastify";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import { NotFoundError } from "../errors.ts";
import { isLocale, translate, type Locale, type MessageKey } from "../i18n/messages.ts";
import { renderSubmissionSummary } from "../services/submissions/render-submission-summary.ts";
import { authenticateDownload } from "./download-auth.ts";

/**
 * `GET /api/podani/:id/shrnuti.pdf[?lang=cs|en]`: the summary of a submission as frozen at submit, for its
 * citizen and the reviewers of its agenda; anyone else 404 (as for an unknown id), no session 401. Personal
 * data: `private, no-store`.
 */
export async function registerSubmissionSummaryRoutes(server: FastifyInstance, app: App): Promise<void> {
  const { services } = app;
  server.get<{ Params: { id: string }; Querystring: { lang?: string } }>("/api/podani/:id/shrnuti.pdf", async (request, reply) => {
    reply.header("cache-control", "private, no-store");
    const { municipality, db, auth, messageLocale } = await authenticateDownload(app, request, reply);
    if (!auth?.viewer) return sendError(reply, 401, "UNAUTHENTICATED", "error.unauthenticated", messageLocale);
    const locale: Locale = isLocale(request.query.lang) ? request.query.lang : messageLocale;
    const ctx = { db, municipality, viewer: auth.viewer, apiToken: null, clock: services.clock, services, locale } as unknown as Context;
    try {
      const { pdf, fileName } = await renderSubmissionSummary(ctx, request.params.id, locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`)
        .header("x-content-type-options", "nosniff")
        .send(pdf);
    } catch (error) {
      if (error instanceof NotFoundError) return sendError(reply, 404, error.code, error.messageKey, messageLocale);
      throw error;
    }
  });
}

function sendError(reply: FastifyReply, status: number, code: string, messageKey: MessageKey, locale: Locale) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ errors: [{ message: translate(locale, messageKey), extensions: { code } }] });
}
