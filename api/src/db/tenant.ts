import type { PrismaClient } from "../generated/prisma/client.ts";

/**
 * Tenant scoping, in one place. Every model listed here is owned by a municipality; the client
 * returned by `scopedToMunicipality` adds `municipalityId` to every filter and every created row,
 * so a resolver cannot read or write another municipality's data even when handed a forged id.
 */
const TENANT_MODELS = new Set([
  "BankAccount",
  "User",
  "Session",
  "ApiToken",
  "AuditLogEntry",
  "OutboxMessage",
  "LoginAttempt",
  "StoredFile",
  "Notice",
  "Contract",
  "Invoice",
  "PurchaseOrder",
  "RegisterImport",
]);

const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
  "upsert",
]);

const CREATING = new Set(["create", "createMany", "createManyAndReturn", "upsert"]);

type Args = { where?: Record<string, unknown>; data?: unknown; create?: Record<string, unknown> };

export function scopedToMunicipality(prisma: PrismaClient, municipalityId: string) {
  return prisma.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) return query(args);
          const scoped = { ...(args as Args) };
          if (FILTERED.has(operation)) scoped.where = { ...scoped.where, municipalityId };
          if (CREATING.has(operation)) {
            if (operation === "upsert") scoped.create = { ...scoped.create, municipalityId };
            else if (Array.isArray(scoped.data))
              scoped.data = scoped.data.map((row: Record<string, unknown>) => ({ ...row, municipalityId }));
            else scoped.data = { ...(scoped.data as Record<string, unknown>), municipalityId };
          }
          return query(scoped as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof scopedToMunicipality>;
