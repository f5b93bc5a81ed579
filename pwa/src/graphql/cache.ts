import type { CacheExchangeOpts, KeyingConfig } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { introspection } from "./introspection.ts";

/**
 * Types without an `id` (results, errors, edges, branding) have no identity of their own: graphcache embeds them
 * in their parent. Derived from the schema so a new result type needs no entry here.
 */
const keys: KeyingConfig = Object.fromEntries(
  introspection.__schema.types
    .filter((type) => type.kind === "OBJECT" && !type.name.startsWith("__"))
    .filter((type) => !("fields" in type && type.fields.some((field) => field.name === "id")))
    .map((type) => [type.name, () => null]),
);

/**
 * The one graphcache configuration. Feature modules extend it by adding their own `updates` and `resolvers`
 * entries here, next to the ones below, so every cache rule lives in one reviewed place.
 */
export const cacheConfig = {
  schema: introspection,
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
      createClerk(_result, _args, cache) {
        cache.invalidate("Query", "clerks");
      },
      createApiToken(_result, _args, cache) {
        cache.invalidate("Query", "apiTokens");
      },
    },
  },
} satisfies Omit<CacheExchangeOpts, "storage">;
