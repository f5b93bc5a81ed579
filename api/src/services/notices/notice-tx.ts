import type { TenantDb } from "../../db/tenant.ts";

/** The tenant-scoped client inside `ctx.db.$transaction(async (tx) => …)`. */
export type NoticeTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];
