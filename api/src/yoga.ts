import { randomUUID } from "node:crypto";
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { createYoga, maskError, type GraphQLParams, type Plugin, type YogaInitialContext, type YogaServerInstance } from "graphql-yoga";
import type { AppServices, Context, RequestMeta } from "./context.ts";
import { scopedToMunicipality } from "./db/tenant.ts";
import { negotiateLocale, translate } from "./i18n/messages.ts";
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from "./lib/cookies.ts";
import { schema } from "./schema/index.ts";
import { authenticateRequest } from "./services/accounts/authenticate-request.ts";
import type { MunicipalityResolver } from "./services/tenancy/resolve-municipality.ts";

/** What the HTTP server hands to each request (tests calling `yoga.fetch` pass nothing). */
export interface ServerContext {
  meta?: RequestMeta;
  /** A JSON body the HTTP server has already parsed (within its size limit): yoga uses it as is. */
  parsedBody?: { value: unknown };
}

export interface YogaOptions {
  services: AppServices;
  municipalities: MunicipalityResolver;
}

/** Takes the HTTP server's parsed JSON body instead of reading and parsing the request's body again. */
function parsedBodyPlugin(): Plugin<Record<string, unknown>, ServerContext> {
  return {
    onRequestParse({ serverContext, setRequestParser }) {
      const parsed = serverContext.parsedBody;
      if (parsed) setRequestParser(() => parsed.value as GraphQLParams);
    },
  };
}

/** Adds the Set-Cookie headers resolvers asked for (login, logout, session renewal). */
function responseCookiesPlugin(): Plugin<Context> {
  const cookiesByRequest = new WeakMap<Request, string[]>();
  return {
    onContextBuilding({ context }) {
      cookiesByRequest.set(context.request, context.responseCookies);
    },
    onResponse({ request, response }) {
      for (const cookie of cookiesByRequest.get(request) ?? []) response.headers.append("set-cookie", cookie);
    },
  };
}

export function createPortalYoga({ services, municipalities }: YogaOptions): YogaServerInstance<ServerContext, Context> {
  const { config } = services;
  const armor = new EnvelopArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true },
    costLimit: { maxCost: config.GRAPHQL_MAX_COST, ignoreIntrospection: true },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    maxTokens: { n: config.GRAPHQL_MAX_TOKENS },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.NODE_ENV === "production" },
  });

  return createYoga<ServerContext, Omit<Context, keyof YogaInitialContext>>({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: config.NODE_ENV === "development" ? { title: "Portál občana – GraphQL" } : false,
    landingPage: false,
    // Unexpected errors never reach the client with their message or stack; expected ones are
    // union members of the result types, and GraphQLErrors we raise on purpose pass through.
    maskedErrors: {
      isDev: false,
      // Unexpected errors never reach the client with their message or stack (the log has them);
      // the context has no locale here, so the masked message carries both languages.
      errorMessage: `${translate("cs", "error.internal")} / ${translate("en", "error.internal")}`,
      maskError: (error, message, isDev) => {
        const masked = maskError(error, message, isDev);
        if (masked !== error) services.logger.error({ err: error }, "unexpected GraphQL error");
        return masked;
      },
    },
    logging: {
      debug: (...args) => services.logger.debug(args),
      info: (...args) => services.logger.info(args),
      warn: (...args) => services.logger.warn(args),
      error: (...args) => services.logger.error(args),
    },
    plugins: [parsedBodyPlugin(), ...armor.protect().plugins, responseCookiesPlugin()],
    context: async ({ request, meta }) => {
      const locale = negotiateLocale(request.headers.get("accept-language"));
      const municipality = await municipalities.resolve(request.headers.get("host"));
      const db = scopedToMunicipality(services.database.prisma, municipality.id);
      const requestMeta: RequestMeta = meta ?? {
        requestId: request.headers.get("x-request-id") ?? randomUUID(),
        ip: null,
        userAgent: request.headers.get("user-agent"),
        secure: new URL(request.url).protocol === "https:",
      };
      const auth = await authenticateRequest({
        db,
        headers: request.headers,
        clock: services.clock,
        locale,
        sessionTtlHours: config.SESSION_TTL_HOURS,
      });
      const responseCookies: string[] = [];
      const cookie = { secure: requestMeta.secure };
      if (auth.clearSessionCookie) {
        responseCookies.push(serializeCookie(SESSION_COOKIE, "", { ...cookie, httpOnly: true, maxAgeSeconds: 0 }));
        responseCookies.push(serializeCookie(CSRF_COOKIE, "", { ...cookie, httpOnly: false, maxAgeSeconds: 0 }));
      }
      if (auth.renewedSession) {
        const maxAgeSeconds = config.SESSION_TTL_HOURS * 3600;
        responseCookies.push(serializeCookie(SESSION_COOKIE, auth.renewedSession.token, { ...cookie, httpOnly: true, maxAgeSeconds }));
        responseCookies.push(serializeCookie(CSRF_COOKIE, auth.renewedSession.csrfToken, { ...cookie, httpOnly: false, maxAgeSeconds }));
      }
      return {
        services,
        clock: services.clock,
        municipality,
        db,
        viewer: auth.viewer,
        apiToken: auth.apiToken,
        locale,
        meta: requestMeta,
        responseCookies,
      };
    },
  });
}
