import type { Cache, CacheExchangeOpts, KeyingConfig } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { schema } from "virtual:graphcache-schema";

/**
 * Types without an `id` (results, errors, edges, branding) have no identity of their own: graphcache embeds them
 * in their parent. Derived from the schema so a new result type needs no entry here.
 */
const keys: KeyingConfig = Object.fromEntries(
  schema.__schema.types
    .filter((type) => type.kind === "OBJECT" && !type.fields?.some((field) => field.name === "id"))
    .map((type) => [type.name, () => null]),
);

/**
 * Drops every cached entry of a root query field, whatever its arguments. `cache.invalidate("Query", "clerks")`
 * alone only reaches `clerks` without arguments, while pages query `clerks(first: 50)`, `clerks(first: 50,
 * after: "…")`, …: each argument set is its own field key. Queries that read an invalidated entry are refetched.
 */
export function invalidateQueryField(cache: Cache, fieldName: string): void {
  for (const field of cache.inspectFields("Query")) {
    if (field.fieldName === fieldName) cache.invalidate("Query", field.fieldKey);
  }
}

/**
 * The one graphcache configuration. Feature modules extend it by adding their own `updates` and `resolvers`
 * entries here, next to the ones below, so every cache rule lives in one reviewed place.
 */
export const cacheConfig = {
  schema,
  keys,
  resolvers: {
    Query: {
      clerks: relayPagination(),
      outbox: relayPagination(),
    },
  },
  updates: {
    Mutation: {
      login(result, _args, cache) {
        const login = result.login as { __typename: string; user?: { __typename: string; id: string } };
        if (login.__typename === "LoginSuccess" && login.user) cache.link("Query", "viewer", login.user);
      },
      // A new clerk's place in the paginated list is the server's to decide: refetch every page of it.
      createClerk(_result, _args, cache) {
        invalidateQueryField(cache, "clerks");
      },
      createApiToken(_result, _args, cache) {
        invalidateQueryField(cache, "apiTokens");
      },
    },
  },
} satisfies Omit<CacheExchangeOpts, "storage">;
