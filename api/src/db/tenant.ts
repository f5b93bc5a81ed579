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
  "PayerClaimAttempt",
  "StoredFile",
  "Notice",
  "Contract",
  "Invoice",
  "PurchaseOrder",
  "RegisterImport",
  "Payer",
  "Assessment",
  "Payment",
  "BankStatement",
  "CardPayment",
  "BudgetOrganisation",
  "BudgetOrganisationMember",
  "BudgetDataSet",
  "BudgetMeasure",
  "BudgetCodelistEntry",
  // Notifications
  "NotificationTopic",
  "NotificationArea",
  "Alert",
  "NotificationPreference",
  "NotificationProfile",
  "ConsentEvent",
  "Message",
  "MessageDelivery",
  "PushSubscription",
  "VapidKeyPair",
  "PhoneVerification",
  "NotificationSettings",
  "FormDraft",
  "Submission",
  "SubmissionEvent",
  "SubmissionFile",
  "DogFeeTariff",
  "WasteFeeTariff",
  "Dog",
  "SubmissionWebhook",
  "SubmissionDelivery",
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

/**
 * Building an extended client is costly (closures, proxies, fresh delegate caches), and every
 * request needs one, so each municipality's client is built once per base client and kept. The
 * client is stateless (transactions get their own), hence safe to share between requests. The
 * bound only matters for a deployment with very many towns: the least recently built goes first.
 */
const MAX_CACHED_CLIENTS = 1000;
const clientsByBase = new WeakMap<PrismaClient, Map<string, TenantDb>>();

export function scopedToMunicipality(prisma: PrismaClient, municipalityId: string): TenantDb {
  let clients = clientsByBase.get(prisma);
  if (!clients) clientsByBase.set(prisma, (clients = new Map()));
  let client = clients.get(municipalityId);
  if (!client) {
    if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value!);
    client = buildScopedClient(prisma, municipalityId);
    clients.set(municipalityId, client);
  }
  return client;
}

function buildScopedClient(prisma: PrismaClient, municipalityId: string) {
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

export type TenantDb = ReturnType<typeof buildScopedClient>;

/** The client inside `db.$transaction(async (tx) => …)`. */
export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];
