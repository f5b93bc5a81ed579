import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../app.ts";
import { isLocale, negotiateLocale, translate, type Locale, type MessageKey } from "../i18n/messages.ts";
import { DEMO_GATEWAY_PATH, recordDemoGatewayChoice } from "../integrations/payment-providers/demo.ts";
import { paymentProviderFor } from "../integrations/payment-providers/index.ts";
import { formatCzk } from "../services/payments/card/format-czk.ts";
import { handleProviderWebhook } from "../services/payments/card/handle-provider-webhook.ts";
import { settleCardPayment } from "../services/payments/card/settle-card-payment.ts";

/** Webhook bodies are small JSON documents; anything larger is not from the gateway. */
const WEBHOOK_BODY_LIMIT = 512 * 1024;

/** The path a provider's webhook is delivered to; the README builds the full URL from the town's public URL. */
export const WEBHOOK_PATH = "/api/payments/webhooks";

/**
 * The card gateways' HTTP edges:
 * - `POST /api/payments/webhooks/<provider>`: deliveries, read as the raw bytes (the signature is over
 *   exactly those bytes, so no JSON parser may touch them first); 400 on a bad signature, 200 once
 *   handled (a replay included), 404 when that provider is not configured.
 * - `GET|POST /api/payments/demo-gateway/<id>`: the demo gateway's page (CARD_PAYMENTS=demo only).
 * Both are in an encapsulated scope whose only body parser keeps the bytes as they came.
 */
export async function registerCardPaymentRoutes(server: FastifyInstance, app: App): Promise<void> {
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post<{ Params: { provider: string } }>(`${WEBHOOK_PATH}/:provider`, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const answer = await handleProviderWebhook(app.services, request.params.provider, body, request.headers);
      return reply
        .status(answer.status)
        .header("cache-control", "no-store")
        .send({ received: answer.status === 200, outcome: answer.outcome });
    });

    scope.get<{ Params: { id: string }; Querystring: { lang?: string; krok?: string } }>(
      `${DEMO_GATEWAY_PATH}/:id`,
      async (request, reply) => {
        const locale = pageLocale(request);
        if (paymentProviderFor(app.services)?.name !== "demo") return sendPage(reply.status(404), locale, notFound(locale));
        const payment = await app.services.database.prisma.demoGatewayPayment.findUnique({ where: { id: request.params.id } });
        if (!payment) return sendPage(reply.status(404), locale, notFound(locale));
        const t = (key: MessageKey) => escapeHtml(translate(locale, key));
        if (payment.status !== "open") {
          return sendPage(
            reply,
            locale,
            `<h1>${t("demoGateway.title")}</h1><p>${t("demoGateway.closed")}</p>
          <p><a class="button" href="${escapeHtml(payment.returnUrl)}">${t("demoGateway.back")}</a></p>`,
          );
        }
        const action = `${DEMO_GATEWAY_PATH}/${encodeURIComponent(payment.id)}?lang=${locale}`;
        const summary = `<dl><dt>${t("demoGateway.amount")}</dt><dd>${escapeHtml(amountText(payment.amount, locale))}</dd>
        <dt>${t("demoGateway.order")}</dt><dd>${escapeHtml(payment.description)}</dd></dl>`;
        if (request.query.krok === "3ds") {
          return sendPage(
            reply,
            locale,
            `<h1>${t("demoGateway.challengeTitle")}</h1>
          <p class="notice" role="note">${t("demoGateway.notice")}</p>${summary}<p>${t("demoGateway.challengeText")}</p>
          <form method="post" action="${action}">
            <button name="choice" value="confirm">${t("demoGateway.confirm")}</button>
            <button name="choice" value="reject" class="secondary">${t("demoGateway.reject")}</button>
          </form>`,
          );
        }
        return sendPage(
          reply,
          locale,
          `<h1>${t("demoGateway.title")}</h1>
        <p class="notice" role="note">${t("demoGateway.notice")}</p>${summary}
        <form method="post" action="${action}">
          <button name="choice" value="pay">${t("demoGateway.pay")}</button>
          <button name="choice" value="challenge">${t("demoGateway.challenge")}</button>
          <button name="choice" value="decline" class="secondary">${t("demoGateway.decline")}</button>
          <button name="choice" value="cancel" class="secondary">${t("demoGateway.cancel")}</button>
        </form>`,
        );
      },
    );

    scope.post<{ Params: { id: string }; Querystring: { lang?: string } }>(`${DEMO_GATEWAY_PATH}/:id`, async (request, reply) => {
      const locale = pageLocale(request);
      if (paymentProviderFor(app.services)?.name !== "demo") return sendPage(reply.status(404), locale, notFound(locale));
      const form = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "");
      const choice = form.get("choice");
      const id = request.params.id;
      if (choice === "challenge") {
        return reply.redirect(`${DEMO_GATEWAY_PATH}/${encodeURIComponent(id)}?lang=${locale}&krok=3ds`, 303);
      }
      const outcome =
        choice === "pay" || choice === "confirm"
          ? "succeeded"
          : choice === "decline" || choice === "reject"
            ? "failed"
            : choice === "cancel"
              ? "cancelled"
              : null;
      if (!outcome) return reply.status(400).send({ errors: [{ message: "Unknown choice", extensions: { code: "BAD_REQUEST" } }] });
      const urls = await recordDemoGatewayChoice(app.services.database.prisma, id, outcome);
      if (!urls) return sendPage(reply.status(404), locale, notFound(locale));
      // What a real gateway's webhook would do, at once: the portal settles from the gateway's record.
      const cardPayment = await app.services.database.prisma.cardPayment.findUnique({
        where: { provider_providerPaymentId: { provider: "demo", providerPaymentId: id } },
        select: { id: true },
      });
      if (cardPayment)
        await settleCardPayment(app.services, cardPayment.id, { provider: "demo", eventId: `${id}:${outcome}`, type: `demo.${outcome}` });
      return reply.redirect(outcome === "cancelled" ? urls.cancelUrl : urls.returnUrl, 303);
    });
  });
}

function pageLocale(request: FastifyRequest<{ Querystring: { lang?: string } }>): Locale {
  const lang = request.query.lang;
  return isLocale(lang) ? lang : negotiateLocale(request.headers["accept-language"]);
}

function amountText(halere: bigint, locale: Locale): string {
  const [whole, fraction] = formatCzk(halere).split(".");
  return locale === "cs" ? `${whole},${fraction} Kč` : `CZK ${whole}.${fraction}`;
}

function notFound(locale: Locale): string {
  return `<h1>${escapeHtml(translate(locale, "demoGateway.title"))}</h1><p>${escapeHtml(translate(locale, "demoGateway.notFound"))}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A small self-contained page: no scripts (the CSP allows none inline), large targets, AA contrast. */
function sendPage(reply: FastifyReply, locale: Locale, body: string) {
  const title = escapeHtml(translate(locale, "demoGateway.title"));
  return reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").header("x-robots-tag", "noindex")
    .send(`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d4d4d8;border-radius:.5rem}
h1{font-size:1.5rem;margin-top:0}
.notice{background:#fef3c7;border:2px solid #92400e;color:#451a03;padding:.75rem;border-radius:.375rem;font-weight:600}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
form{display:flex;flex-direction:column;gap:.75rem}
button,.button{min-height:44px;font-size:1rem;padding:.5rem 1rem;border-radius:.375rem;border:2px solid #1e3a8a;background:#1e3a8a;color:#fff;cursor:pointer;text-align:center;text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#1e3a8a}
button:focus-visible,.button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
</style></head>
<body><main>${body}</main></body></html>`);
}
