import type { RouteMatchCallbackOptions } from "workbox-core/types.js";

/**
 * Request matchers for the service worker's runtime caching rules (runtime-caching.ts). Plain functions of the
 * request, kept apart from workbox's strategies so they can be unit-tested outside a worker.
 */
export type RequestMatcher = (options: Pick<RouteMatchCallbackOptions, "url" | "request" | "sameOrigin">) => boolean;

/** Same-origin GET requests whose path starts with `prefix` (e.g. "/branding/", "/soubory/"). */
export function sameOriginPath(prefix: string): RequestMatcher {
  return ({ url, request, sameOrigin }) => sameOrigin && request.method === "GET" && url.pathname.startsWith(prefix);
}

/**
 * A GraphQL query sent as GET (urql's default for queries) with the given operation name. Only for public queries
 * whose answer does not depend on who asks: per-user data stays in graphcache's offline store, which logout clears.
 */
export function graphqlOperation(operationName: string): RequestMatcher {
  return ({ url, request, sameOrigin }) =>
    sameOrigin && request.method === "GET" && url.pathname === "/graphql" && url.searchParams.get("operationName") === operationName;
}
