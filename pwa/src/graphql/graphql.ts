import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

/** The typed `graphql()` tag: documents are checked against schema.graphql and their result types inferred. */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; Date: string; Money: `${number}`; File: File };
}>();

export type { ResultOf } from "gql.tada";
