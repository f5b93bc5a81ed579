import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { GraphQLError } from "graphql";
import type { Context } from "./context.ts";
import type { Agenda } from "./generated/prisma/client.ts";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import { translate } from "./i18n/messages.ts";
import { loadNodes } from "./schema/node-lookup.ts";
import { MAX_LIST_ITEMS } from "./schema/request-limits.ts";
import type { CalendarDate } from "./schema/scalars.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    ID: { Input: string; Output: string | number | bigint };
    DateTime: { Input: Date; Output: Date };
    Date: { Input: CalendarDate; Output: CalendarDate };
    /** Amounts travel as decimal strings ("1234.50"); inside they are integer haléře. */
    Money: { Input: bigint; Output: bigint | number };
    /** A file sent with the GraphQL multipart request specification. */
    File: { Input: File; Output: never };
    /** Form values and summaries (life situations): structured by a form definition, validated by services. */
    JSON: { Input: unknown; Output: unknown };
  };
  AuthScopes: {
    authenticated: boolean;
    citizen: boolean;
    clerk: boolean;
    admin: boolean;
    agenda: Agenda;
    apiScope: string;
  };
}>({
  // Order matters. Relay first so authScopes see decoded global ids; scope-auth next so that no
  // other wrapper (errors, dataloader) runs before authorization; errors after it, so auth
  // failures stay top-level GraphQL errors (UNAUTHENTICATED/FORBIDDEN) while expected business
  // failures become union members; validation only constrains arguments (pagination sizes) -
  // mutation input is validated by services, after authorization (see docs/ARCHITECTURE.md).
  plugins: [RelayPlugin, ScopeAuthPlugin, PrismaPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.viewer !== null,
      citizen: ctx.viewer?.role === "CITIZEN",
      clerk: ctx.viewer?.role === "CLERK" || ctx.viewer?.role === "ADMIN",
      admin: ctx.viewer?.role === "ADMIN",
      agenda: (agenda) => ctx.viewer?.role === "ADMIN" || (ctx.viewer?.role === "CLERK" && ctx.viewer.agendas.includes(agenda)),
      apiScope: (scope) => ctx.apiToken?.scopes.includes(scope) ?? false,
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer || ctx.apiToken
        ? new GraphQLError(translate(ctx.locale, "error.forbidden"), { extensions: { code: "FORBIDDEN" } })
        : new GraphQLError(translate(ctx.locale, "error.unauthenticated"), { extensions: { code: "UNAUTHENTICATED" } }),
  },
  prisma: {
    client: (ctx) => ctx.db as never,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: true,
    // node(id:)/nodes(ids:) fetch each type's records in one statement with its visibility rules
    // (schema/node-lookup.ts), not one statement per id; ids are capped like every list argument.
    nodeQueryOptions: { resolve: (_root, args, ctx, info) => loadNodes(ctx, info, [args.id]).then(([node]) => node) as never },
    nodesQueryOptions: {
      args: { ids: { extensions: { maxItems: MAX_LIST_ITEMS } } },
      resolve: (_root, args, ctx, info) => loadNodes(ctx, info, args.ids) as never,
    },
  },
  errors: {
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  validation: {
    validationError: (result, _args, ctx) =>
      new GraphQLError(result.issues.map((issue) => issue.message).join("; ") || translate(ctx.locale, "error.validation"), {
        extensions: { code: "BAD_USER_INPUT" },
      }),
  },
});

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
