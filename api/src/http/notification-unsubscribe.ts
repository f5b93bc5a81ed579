import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { negotiateLocale, translate } from "../i18n/messages.ts";
import { UNSUBSCRIBE_ENDPOINT_PATH, UNSUBSCRIBE_LANDING_PATH } from "../jobs/notification-delivery.ts";
import { unsubscribeByToken } from "../services/notification-channels/unsubscribe-by-token.ts";

/**
 * One-click unsubscribe of notification e-mails (RFC 8058). Every notification e-mail carries
 * `List-Unsubscribe: <https://town/api/notifications/unsubscribe?token=…>` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`:
 *
 * - `POST` (what mail providers send, `List-Unsubscribe=One-Click` as a form body, no cookies):
 *   unsubscribes at once, answers 200; a repeat changes nothing and answers 200 too. The token is
 *   the authorization (an HMAC the town's key signs), so no session and no CSRF header is asked for.
 * - `GET` (a person, or a mail scanner following links) changes nothing: it redirects to the app's
 *   page that asks for a confirmation and then POSTs here. Link scanners therefore never unsubscribe
 *   anyone, which is why RFC 8058 wants the POST.
 */
export async function registerNotificationUnsubscribeRoutes(server: FastifyInstance, app: App): Promise<void> {
  const { services } = app;
  await server.register(async (scope) => {
    // RFC 8058's body; nothing in it is needed (the token is in the URL), so it is read as text and ignored.
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_request, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser("text/plain", { parseAs: "string", bodyLimit: 1024 }, (_request, body, done) => done(null, body));

    scope.post<{ Querystring: { token?: string } }>(UNSUBSCRIBE_ENDPOINT_PATH, async (request, reply) => {
      const locale = negotiateLocale(request.headers["accept-language"]);
      reply.header("cache-control", "no-store");
      const token = typeof request.query.token === "string" ? request.query.token : "";
      const result =
        token.length <= 100
          ? await unsubscribeByToken(services.database.prisma, {
              token,
              now: services.clock.now(),
              ip: request.ip,
              userAgent: request.headers["user-agent"] ?? null,
              vapidSubject: services.config.VAPID_SUBJECT,
            })
          : null;
      if (!result) {
        return reply.status(400).send({ unsubscribed: false, message: translate(locale, "unsubscribe.invalid") });
      }
      request.log.info({ municipalityId: result.municipalityId, kind: result.kind, withdrawn: result.withdrawn }, "e-mail unsubscribe");
      return reply.status(200).send({ unsubscribed: true, kind: result.kind, message: translate(locale, "unsubscribe.done") });
    });

    scope.get<{ Querystring: { token?: string } }>(UNSUBSCRIBE_ENDPOINT_PATH, async (request, reply) => {
      const token = typeof request.query.token === "string" ? request.query.token.slice(0, 100) : "";
      return reply
        .header("cache-control", "no-store")
        .redirect(`${UNSUBSCRIBE_LANDING_PATH}?${new URLSearchParams({ token }).toString()}`, 303);
    });
  });
}
