declare module "virtual:graphcache-schema" {
  import type { CacheExchangeOpts } from "@urql/exchange-graphcache";

  interface SchemaTypes {
    __schema: { types: readonly { kind: string; name: string; fields?: readonly { name: string }[] }[] };
  }

  /** The schema as graphcache reads it, built from introspection.ts at build time (pwa/build/graphcache-schema.ts). */
  export const schema: NonNullable<CacheExchangeOpts["schema"]> & SchemaTypes;
}
