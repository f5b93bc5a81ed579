import type { TenantDb } from "../../../db/tenant.ts";

/** The client inside `ctx.db.$transaction(async (tx) => …)`. */
export type PaymentTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];
