import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../app.ts";
import { authenticateDownload } from "./download-auth.ts";
import type { RequestMeta } from "../context.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import { AppError, ForbiddenError, NotFoundError } from "../errors.ts";
import { isLocale, negotiateLocale, translate, type Locale, type MessageKey } from "../i18n/messages.ts";
import { feedPaths, renderNoticeFeed, type FeedFormat } from "../services/notices/feed.ts";
import { loadPostedBoard, toOpenDataBoard } from "../services/notices/open-data.ts";
import { renderPostingConfirmation } from "../services/notices/posting-confirmation.ts";

/** The longest a public board output may be cached, even when nothing is scheduled: edits and withdrawals show within it. */
const MAX_AGE_SECONDS = 300;

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/**
 * The notice board's outputs outside GraphQL:
 * - `/opendata/uredni-deska.jsonld` (and `/opendata/uredni-deska`, the board's IRI): OFN Úřední desky JSON-LD;
 * - `/feeds/uredni-deska.rss` and `/feeds/uredni-deska.atom`: the posted notices as feeds;
 * - `/api/uredni-deska/:noticeId/potvrzeni.pdf`: the confirmation of posting, for clerks and integrators.
 * The public ones are cacheable only until the board's next scheduled change (see `sendBoardOutput`).
 */
export async function registerNoticeOutputRoutes(server: FastifyInstance, app: App): Promise<void> {
  const { services } = app;

  async function readBoard(request: FastifyRequest) {
    const municipality = await app.municipalities.resolve(request.headers.host);
    const db = scopedToMunicipality(services.database.prisma, municipality.id);
    const now = services.clock.now();
    return { municipality, now, board: await loadPostedBoard(db, now) };
  }

  async function openData(request: FastifyRequest, reply: FastifyReply) {
    const { municipality, now, board } = await readBoard(request);
    const body = JSON.stringify(toOpenDataBoard(board, municipality, municipality.publicUrl), null, 2);
    return sendBoardOutput(request, reply, {
      body,
      contentType: "application/ld+json; charset=utf-8",
      now,
      nextChangeAt: board.nextChangeAt,
    });
  }
  server.get("/opendata/uredni-deska.jsonld", openData);
  server.get("/opendata/uredni-deska", openData);

  for (const format of ["rss", "atom"] as const) {
    server.get(feedPaths[format], async (request, reply) => {
      const { municipality, now, board } = await readBoard(request);
      const body = renderNoticeFeed(board, municipality, municipality.publicUrl, format, now);
      return sendBoardOutput(request, reply, { body, contentType: FEED_TYPES[format], now, nextChangeAt: board.nextChangeAt });
    });
  }

  server.get<{ Params: { noticeId: string }; Querystring: { lang?: string } }>(
    "/api/uredni-deska/:noticeId/potvrzeni.pdf",
    async (request, reply) => {
      reply.header("cache-control", "private, no-store");
      const { municipality, db, auth, messageLocale, secure } = await authenticateDownload(app, request, reply);
      if (!auth || (!auth.viewer && !auth.apiToken)) return sendError(request, reply, 401, "UNAUTHENTICATED", "error.unauthenticated");

      const meta: RequestMeta = { requestId: request.id, ip: request.ip, userAgent: request.headers["user-agent"] ?? null, secure };
      // The confirmation is a Czech legal document whatever the browser's language; `?lang=en` gives a translation.
      const documentLocale: Locale = isLocale(request.query.lang) ? request.query.lang : "cs";
      try {
        const { pdf, fileName } = await renderPostingConfirmation(
          { db, municipality, viewer: auth.viewer, apiToken: auth.apiToken, meta, clock: services.clock, locale: documentLocale },
          { noticeId: request.params.noticeId, baseUrl: municipality.publicUrl },
        );
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .header("x-content-type-options", "nosniff")
          .send(pdf);
      } catch (error) {
        if (error instanceof NotFoundError) return sendError(request, reply, 404, error.code, error.messageKey, messageLocale);
        if (error instanceof ForbiddenError) return sendError(request, reply, 403, error.code, error.messageKey, messageLocale);
        if (error instanceof AppError) return sendError(request, reply, 400, error.code, error.messageKey, messageLocale);
        throw error;
      }
    },
  );
}

function sendBoardOutput(
  request: FastifyRequest,
  reply: FastifyReply,
  output: { body: string; contentType: string; now: Date; nextChangeAt: Date | null },
) {
  const etag = `W/"${createHash("sha256").update(output.body).digest("base64url").slice(0, 32)}"`;
  const untilChange = output.nextChangeAt ? Math.floor((output.nextChangeAt.getTime() - output.now.getTime()) / 1000) : MAX_AGE_SECONDS;
  const maxAge = Math.max(0, Math.min(MAX_AGE_SECONDS, untilChange));
  reply
    .header("cache-control", maxAge > 0 ? `public, max-age=${maxAge}, must-revalidate` : "no-cache")
    .header("etag", etag)
    // Open data: any site or app may read it.
    .header("access-control-allow-origin", "*")
    .header("cross-origin-resource-policy", "cross-origin");
  if (etagMatches(request.headers["if-none-match"], etag)) return reply.status(304).send();
  return reply.header("content-type", output.contentType).send(output.body);
}

/** If-None-Match uses the weak comparison (RFC 9110 § 13.1.2). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim() === "*" || opaque(candidate) === opaque(etag));
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  messageKey: MessageKey,
  locale: Locale = negotiateLocale(request.headers["accept-language"]),
) {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .send({ errors: [{ message: translate(locale, messageKey), extensions: { code } }] });
}
