import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import { isLocale } from "../i18n/messages.ts";
import { alertFeedPaths, renderAlertFeed } from "../services/notifications/render-alert-feed.ts";

const FEED_TYPES = { rss: "application/rss+xml; charset=utf-8", atom: "application/atom+xml; charset=utf-8" } as const;
/** Alerts are urgent: a feed reader may keep one for a minute at most. */
const MAX_AGE_SECONDS = 60;

/** `/feeds/upozorneni.rss` and `/feeds/upozorneni.atom`: the town's published alerts (`?lang=en` for English). */
export async function registerAlertFeedRoutes(server: FastifyInstance, app: App): Promise<void> {
  for (const format of ["rss", "atom"] as const) {
    server.get<{ Querystring: { lang?: string } }>(alertFeedPaths[format], async (request, reply) => {
      const municipality = await app.municipalities.resolve(request.headers.host);
      const db = scopedToMunicipality(app.services.database.prisma, municipality.id);
      const locale = isLocale(request.query.lang) ? request.query.lang : "cs";
      const { body } = await renderAlertFeed(db, municipality, format, locale);
      const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
      reply
        .header("cache-control", `public, max-age=${MAX_AGE_SECONDS}, must-revalidate`)
        .header("etag", etag)
        .header("vary", "accept-encoding")
        .header("access-control-allow-origin", "*")
        .header("cross-origin-resource-policy", "cross-origin");
      const presented = request.headers["if-none-match"];
      if (presented && presented.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""))) {
        return reply.status(304).send();
      }
      return reply.header("content-type", FEED_TYPES[format]).send(body);
    });
  }
}
