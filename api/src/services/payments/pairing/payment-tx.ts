import type { TenantTx } from "../../../db/tenant.ts";

/** The client inside `ctx.db.$transaction(async (tx) => …)`. */
export type PaymentTx = TenantTx;
