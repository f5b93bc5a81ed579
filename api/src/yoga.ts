import { randomUUID } from "node:crypto";
import { EnvelopArmor } from "@escape.tech/graphql-armor";
import { useResponseCache, type Cache } from "@graphql-yoga/plugin-response-cache";
import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, type ExecutionResult } from "graphql";
import { createYoga, maskError, type GraphQLParams, type Plugin, type YogaInitialContext, type YogaServerInstance } from "graphql-yoga";
import type { AppServices, Context, RequestMeta } from "./context.ts";
import { scopedToMunicipality } from "./db/tenant.ts";
import { negotiateLocale, translate } from "./i18n/messages.ts";
import { CSRF_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from "./lib/cookies.ts";
import { isCrossSiteSafe, PREFLIGHT_HEADER } from "./lib/csrf.ts";
import { sha256 } from "./lib/tokens.ts";
import { schema } from "./schema/index.ts";
import { compiledExecutionPlugin } from "./schema/compiled-execution.ts";
import { requestLimitsPlugin } from "./schema/request-limits.ts";
import { authenticateRequest } from "./services/accounts/authenticate-request.ts";
import type { PublicResponseCache } from "./services/public-cache/create-public-cache.ts";
import { UnknownHostError, type Municipality, type MunicipalityResolver } from "./services/tenancy/resolve-municipality.ts";

/** What the HTTP server hands to each request (tests calling `yoga.fetch` pass nothing). */
export interface ServerContext {
  meta?: RequestMeta;
  /** A JSON body the HTTP server has already parsed (within its size limit): yoga uses it as is. */
  parsedBody?: { value: unknown };
}

export interface YogaOptions {
  services: AppServices;
  municipalities: MunicipalityResolver;
  /** Anonymous public answers (also `services.publicCache`); not consulted when disabled. */
  responseCache?: PublicResponseCache<ExecutionResult>;
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

/**
 * Refuses a POST that an HTML form on another site could have sent (see lib/csrf.ts): every
 * mutation, anonymous ones (login, registration, password reset) included, and uploads. Runs before
 * the body is parsed.
 */
function csrfPreventionPlugin(): Plugin {
  return {
    onRequestParse({ request }) {
      if (isCrossSiteSafe(request.method, request.headers.get("content-type"), request.headers.has(PREFLIGHT_HEADER))) return;
      const locale = negotiateLocale(request.headers.get("accept-language"));
      throw new GraphQLError(translate(locale, "error.csrf"), { extensions: { code: "CSRF", http: { status: 403 } } });
    },
  };
}

/** Turns introspection (`__schema`, `__type`) into a validation error; `__typename` stays. */
function disableIntrospectionPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/**
 * The request's municipality. An unknown host (production, where nothing falls back) is 421
 * Misdirected Request; the HTTP server already answers it so before yoga, this covers `yoga.fetch`.
 */
async function municipalityOf(municipalities: MunicipalityResolver, request: Request): Promise<Municipality> {
  try {
    return await municipalities.resolve(request.headers.get("host"));
  } catch (error) {
    if (!(error instanceof UnknownHostError)) throw error;
    const locale = negotiateLocale(request.headers.get("accept-language"));
    throw new GraphQLError(translate(locale, "error.unknownHost"), { extensions: { code: "MISDIRECTED_REQUEST", http: { status: 421 } } });
  }
}

/** A request that acts for nobody: no API token, no session cookie. Only such answers are shared. */
function isAnonymous(headers: Headers): boolean {
  return !headers.has("authorization") && !parseCookies(headers.get("cookie")).has(SESSION_COOKIE);
}

/**
 * Caches anonymous answers with yoga's response cache, keyed by municipality (and its cache
 * generation), locale, document, variables and operation name. A hit is answered before the
 * context is built: no tenant client, no authentication, no SQL. Each answer is kept for the
 * configured TTL but never past the notice board's next scheduled change (see create-public-cache).
 */
function publicResponseCachePlugin(cache: PublicResponseCache<ExecutionResult>, municipalities: MunicipalityResolver): Plugin {
  const validUntilByRequest = new WeakMap<Request, number | null>();
  const store: Cache = {
    get: (key) => cache.get(key),
    set: (key, result, _entities, ttl) => cache.set(key, withMemoizedJson(result), ttl),
    // Entity-level invalidation is off (invalidateViaMutation: false): mutations invalidate their
    // municipality through services.publicCache. Should it ever be asked for, everything goes.
    invalidate: () => cache.clear(),
  };
  return useResponseCache<Context>({
    cache: store,
    session: () => null,
    enabled: (request) => isAnonymous(request.headers),
    ttl: cache.ttlMs,
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    buildResponseCacheKey: async ({ request, documentString, variableValues, operationName }) => {
      // The key is built for every request; those that are never cached need none. Only queries are
      // cached: a mutation (a login, a registration) must run every time.
      if (!isAnonymous(request.headers) || !isQueryOperation(documentString, operationName)) return "";
      const municipality = await municipalityOf(municipalities, request);
      const scope = await cache.scope(municipality.id);
      validUntilByRequest.set(request, scope.validUntil);
      const locale = negotiateLocale(request.headers.get("accept-language"));
      return `${scope.keyPrefix}${locale}:${sha256(JSON.stringify([documentString, variableValues ?? null, operationName ?? null]))}`;
    },
    onTtl: ({ ttl, context }) => {
      const { request } = context as YogaInitialContext;
      const validUntil = request && validUntilByRequest.get(request);
      return validUntil === undefined ? 0 : cache.lifetime({ validUntil }, ttl);
    },
  });
}

/**
 * A cached answer is serialised once, not on every hit: yoga's result processor uses a result's own
 * `stringify` when it has one (its documented hook, as @envelop/graphql-jit uses it). The copy the
 * cache serves on a hit carries the same function; the text is that of the first answer.
 */
function withMemoizedJson(result: ExecutionResult): ExecutionResult {
  let json: string | undefined;
  return Object.assign(result, { stringify: (sanitized: unknown) => (json ??= JSON.stringify(sanitized)) });
}

const operationKinds = new Map<string, boolean>();
const MEMO_MAX_DOCUMENT_LENGTH = 16 * 1024;

/**
 * Whether the operation a request runs is a query (not a mutation or subscription). Remembered per
 * document and operation name (bounded), since the response cache asks before yoga parses.
 */
function isQueryOperation(documentString: string, operationName: string | null | undefined): boolean {
  const key = `${operationName ?? ""}\n${documentString}`;
  let isQuery = operationKinds.get(key);
  if (isQuery === undefined) {
    try {
      isQuery = getOperationAST(parse(documentString), operationName)?.operation === "query";
    } catch {
      isQuery = false;
    }
    // Only ordinary documents are remembered, so the memo stays small whatever callers send.
    if (key.length <= MEMO_MAX_DOCUMENT_LENGTH) {
      if (operationKinds.size >= 1000) operationKinds.clear();
      operationKinds.set(key, isQuery);
    }
  }
  return isQuery;
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

export function createPortalYoga({ services, municipalities, responseCache }: YogaOptions): YogaServerInstance<ServerContext, Context> {
  const { config } = services;
  const armor = new EnvelopArmor({
    maxDepth: { n: config.GRAPHQL_MAX_DEPTH, ignoreIntrospection: true },
    // The cost is counted by requestLimitsPlugin, which multiplies by list sizes (armor's does not).
    costLimit: { enabled: false },
    maxAliases: { n: config.GRAPHQL_MAX_ALIASES },
    maxTokens: { n: config.GRAPHQL_MAX_TOKENS },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: config.NODE_ENV === "production" },
  });

  return createYoga<ServerContext, Omit<Context, keyof YogaInitialContext>>({
    schema,
    graphqlEndpoint: "/graphql",
    // Other sites may read public data from a browser, never with a visitor's cookies: yoga's
    // default would reflect any Origin with Access-Control-Allow-Credentials.
    cors: { origin: "*", credentials: false },
    // GraphiQL needs introspection, so it follows the setting (off by default in production).
    graphiql: config.introspection && config.NODE_ENV !== "test" ? { title: "Portál občana – GraphQL" } : false,
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
    plugins: [
      csrfPreventionPlugin(),
      ...(config.introspection ? [] : [disableIntrospectionPlugin()]),
      parsedBodyPlugin(),
      ...(responseCache?.enabled ? [publicResponseCachePlugin(responseCache, municipalities)] : []),
      ...armor.protect().plugins,
      requestLimitsPlugin({ maxCost: config.GRAPHQL_MAX_COST }),
      responseCookiesPlugin(),
      compiledExecutionPlugin(),
    ],
    context: async ({ request, meta }) => {
      const locale = negotiateLocale(request.headers.get("accept-language"));
      const municipality = await municipalityOf(municipalities, request);
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
