import type { FastifyReply, FastifyRequest } from "fastify";
import { negotiateLocale, translate } from "../i18n/messages.ts";

/**
 * The answer for a host name no municipality is mapped to (production): 421 Misdirected Request
 * (RFC 9110 § 15.5.20), so that no stray or forged name is served as some town's portal. Browsers
 * get a small page in Czech and English; API clients a JSON error.
 */
export function sendMisdirected(request: FastifyRequest, reply: FastifyReply, isApi: boolean) {
  reply.status(421).header("cache-control", "no-store");
  const wantsHtml = (request.headers.accept ?? "").includes("text/html");
  if (isApi || !wantsHtml) {
    const locale = negotiateLocale(request.headers["accept-language"]);
    return reply.send({ errors: [{ message: translate(locale, "error.unknownHost"), extensions: { code: "MISDIRECTED_REQUEST" } }] });
  }
  return reply
    .header("content-type", "text/html; charset=utf-8")
    .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .send(MISDIRECTED_PAGE);
}

const MISDIRECTED_PAGE = `<!doctype html>
<html lang="cs">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neznámá adresa portálu / Unknown portal address</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}h1{font-size:1.5rem}</style>
</head>
<body>
<main>
<h1>Tato adresa nepatří žádnému portálu obce</h1>
<p>Portál občana na této adrese neodpovídá. Zkontrolujte prosím adresu, nebo otevřete portál z webových stránek své obce.</p>
<section lang="en">
<h2>This address does not belong to any municipality's portal</h2>
<p>The citizen portal does not answer at this address. Please check the address, or open the portal from your municipality's website.</p>
</section>
</main>
</body>
</html>
`;
