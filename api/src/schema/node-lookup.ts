import { brandWithType } from "@pothos/core";
import { queryFromInfo } from "@pothos/plugin-prisma";
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.ts";
import { isUuid } from "../services/accounts/account-rules.ts";

const NO_ROW = "00000000-0000-0000-0000-000000000000";

/** Which rows of a type a reader may reach by id (beyond the tenant scope `ctx.db` adds). */
type Visibility = (ctx: Context) => Record<string, unknown>;

interface NodeModel {
  /** The Prisma delegate's name, e.g. "notice" for the model Notice. */
  delegate: string;
  visibleTo: Visibility;
}

/** Every Prisma-backed node type, by GraphQL type name: filled by `nodeLookup` as the types are built. */
const nodeModels = new Map<string, NodeModel>();

/**
 * How `node(id:)` and `nodes(ids:)` find records of a Prisma model: through the tenant-scoped
 * client (so another town's id answers null), only the rows `visibleTo` allows the reader (e.g.
 * the public sees only posted notices), and null rather than a database error for unknown or
 * malformed ids. `findUnique` is what Pothos uses for one record; `loadNodes` below fetches all the
 * ids of one type asked in a request in one statement, with the same filter.
 */
export function nodeLookup(model: string, visibleTo: Visibility = () => ({})) {
  nodeModels.set(model, { delegate: model.charAt(0).toLowerCase() + model.slice(1), visibleTo });
  return {
    id: { field: "id" },
    nullable: true,
    findUnique: (id: string, ctx: Context) => ({ id: isUuid(id) ? id : NO_ROW, ...visibleTo(ctx) }),
  } as const;
}

type DecodedId = { typename: string; id: string } | null | undefined;
type FindMany = (query: object) => Promise<{ id: string }[]>;

/**
 * The records behind decoded global ids, in their order (null for unknown, malformed, foreign or
 * hidden ones): one SQL statement per type asked for, whatever the number of ids, each selecting
 * only what the query asks of that type (the Prisma plugin's plan for it).
 */
export async function loadNodes(ctx: Context, info: GraphQLResolveInfo, ids: readonly DecodedId[]): Promise<unknown[]> {
  const byType = new Map<string, Set<string>>();
  for (const decoded of ids) {
    if (!decoded || !nodeModels.has(decoded.typename) || !isUuid(decoded.id)) continue;
    let set = byType.get(decoded.typename);
    if (!set) byType.set(decoded.typename, (set = new Set()));
    set.add(decoded.id.toLowerCase());
  }
  const found = new Map<string, unknown>();
  await Promise.all(
    [...byType].map(async ([typename, wanted]) => {
      const model = nodeModels.get(typename)!;
      const query = await queryFromInfo({ context: ctx, info, typeName: typename, awaitSelections: true });
      const delegate = (ctx.db as unknown as Record<string, { findMany: FindMany }>)[model.delegate]!;
      const rows = await delegate.findMany({ ...query, where: { AND: [{ id: { in: [...wanted] } }, model.visibleTo(ctx)] } });
      for (const row of rows) {
        brandWithType(row, typename as never);
        found.set(`${typename}:${row.id}`, row);
      }
    }),
  );
  return ids.map((decoded) => (decoded ? (found.get(`${decoded.typename}:${decoded.id.toLowerCase()}`) ?? null) : null));
}
