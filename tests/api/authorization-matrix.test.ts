// THE AUTHORIZATION MATRIX. Every Query and Mutation field of the schema is tried as each kind of
// actor, and the outcome must match the table below. A field missing from the table fails the
// suite, so a new field cannot ship without someone deciding who may use it.
//
// To add a domain module's fields: add one entry per field to FIELD_ACCESS (use the shorthands
// below or spell out all seven actors), with an `operation` that is harmless to repeat (e.g. input
// that fails validation after the authorization check, or an idempotent change), and add any
// records it needs to `seed()`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../api/src/schema/index.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

const ACTORS = ["anonymous", "citizen", "otherCitizen", "clerkWithoutAgenda", "clerk", "admin", "otherTownAdmin"] as const;
type Actor = (typeof ACTORS)[number];

/**
 * allowed: the field resolved (a business answer such as ValidationError counts: authorization passed)
 * null: the field answered null (nothing visible)
 * NOT_FOUND: a NotFoundError result, or null where another municipality's record was asked for
 * UNAUTHENTICATED / FORBIDDEN: a top-level GraphQL error with that code
 */
type Outcome = "allowed" | "null" | "NOT_FOUND" | "UNAUTHENTICATED" | "FORBIDDEN";
type Access = Record<Actor, Outcome>;

interface Fixture {
  citizenId: string;
  clerkId: string;
  revokedTokenId: string;
}
interface FieldCase {
  access: Access;
  operation: (f: Fixture) => { query: string; variables?: Record<string, unknown> };
}

// ----- shorthands --------------------------------------------------------------------------------
const everyone: Access = {
  anonymous: "allowed",
  citizen: "allowed",
  otherCitizen: "allowed",
  clerkWithoutAgenda: "allowed",
  clerk: "allowed",
  admin: "allowed",
  otherTownAdmin: "allowed",
};
const signedIn: Access = { ...everyone, anonymous: "UNAUTHENTICATED" };
/** Admins only; an admin of another town gets its own town's data (checked: nothing of ours leaks). */
const adminOnly: Access = {
  anonymous: "UNAUTHENTICATED",
  citizen: "FORBIDDEN",
  otherCitizen: "FORBIDDEN",
  clerkWithoutAgenda: "FORBIDDEN",
  clerk: "FORBIDDEN",
  admin: "allowed",
  otherTownAdmin: "allowed",
};
/** Admins only, aimed at one of our records: another town's admin must not find it. */
const adminOnlyById: Access = { ...adminOnly, otherTownAdmin: "NOT_FOUND" };

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

// ===== FIELD_ACCESS: one entry per Query/Mutation field =========================================
const FIELD_ACCESS: Record<string, FieldCase> = {
  // --- municipality ---
  "Query.municipality": { access: everyone, operation: () => ({ query: `{ municipality { id name } }` }) },
  "Mutation.updateMunicipality": {
    // Invalid input: authorization is checked first, then the input is refused, nothing changes.
    access: adminOnly,
    operation: () => ({
      query: `mutation { updateMunicipality(input: { name: "", ico: "1", street: "", city: "", postalCode: "", email: "", primaryColor: "", accentColor: "", bankAccounts: [] }) { __typename } }`,
    }),
  },
  "Query.node": {
    // A person's account: visible to that person and to admins of the same municipality.
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "FORBIDDEN",
      clerkWithoutAgenda: "FORBIDDEN",
      clerk: "FORBIDDEN",
      admin: "allowed",
      otherTownAdmin: "null",
    },
    operation: (f) => ({
      query: `query($id: ID!) { node(id: $id) { id ... on User { email } } }`,
      variables: { id: gid("User", f.citizenId) },
    }),
  },
  "Query.nodes": {
    access: {
      anonymous: "UNAUTHENTICATED",
      citizen: "allowed",
      otherCitizen: "FORBIDDEN",
      clerkWithoutAgenda: "FORBIDDEN",
      clerk: "FORBIDDEN",
      admin: "allowed",
      otherTownAdmin: "null",
    },
    operation: (f) => ({
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on User { email } } }`,
      variables: { ids: [gid("User", f.citizenId)] },
    }),
  },

  // --- accounts ---
  "Query.viewer": { access: { ...everyone, anonymous: "null" }, operation: () => ({ query: `{ viewer { id email role } }` }) },
  "Query.clerks": { access: adminOnly, operation: () => ({ query: `{ clerks(first: 50) { edges { node { id email } } } }` }) },
  "Query.apiTokens": { access: adminOnly, operation: () => ({ query: `{ apiTokens { id name } }` }) },
  "Query.apiTokenScopes": { access: adminOnly, operation: () => ({ query: `{ apiTokenScopes }` }) },
  "Query.outbox": { access: adminOnly, operation: () => ({ query: `{ outbox(first: 50) { edges { node { id toAddress textBody } } } }` }) },
  "Query.auditLog": { access: adminOnly, operation: () => ({ query: `{ auditLog(first: 50) { edges { node { id action actor } } } }` }) },
  "Mutation.register": {
    access: everyone,
    operation: () => ({ query: `mutation { register(input: { email: "not-an-email", password: "x", fullName: "x" }) { __typename } }` }),
  },
  "Mutation.verifyEmail": {
    access: everyone,
    operation: () => ({ query: `mutation { verifyEmail(input: { token: "bogus" }) { __typename } }` }),
  },
  "Mutation.login": {
    access: everyone,
    operation: () => ({
      query: `mutation { login(input: { email: "matrix-nobody@example.cz", password: "Wrong-password-1" }) { __typename } }`,
    }),
  },
  "Mutation.logout": { access: everyone, operation: () => ({ query: `mutation { logout { __typename } }` }) },
  "Mutation.requestPasswordReset": {
    access: everyone,
    operation: () => ({ query: `mutation { requestPasswordReset(input: { email: "matrix-nobody@example.cz" }) { __typename } }` }),
  },
  "Mutation.resetPassword": {
    access: everyone,
    operation: () => ({
      query: `mutation { resetPassword(input: { token: "bogus", newPassword: "Zeleny-kopec-u-reky-42" }) { __typename } }`,
    }),
  },
  "Mutation.changePassword": {
    access: signedIn,
    operation: () => ({
      query: `mutation { changePassword(input: { currentPassword: "Not-my-password-1", newPassword: "Zeleny-kopec-u-reky-42" }) { __typename } }`,
    }),
  },
  "Mutation.updateProfile": {
    access: signedIn,
    operation: () => ({ query: `mutation { updateProfile(input: { fullName: "", locale: "cs" }) { __typename } }` }),
  },
  "Mutation.createClerk": {
    access: adminOnly,
    operation: () => ({
      query: `mutation { createClerk(input: { email: "bad", fullName: "x", role: CLERK, agendas: [] }) { __typename } }`,
    }),
  },
  "Mutation.updateClerk": {
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { updateClerk(input: { id: $id, role: CLERK }) { __typename } }`,
      variables: { id: gid("User", f.clerkId) },
    }),
  },
  "Mutation.createApiToken": {
    access: adminOnly,
    operation: () => ({ query: `mutation { createApiToken(input: { name: "", scopes: [] }) { __typename } }` }),
  },
  "Mutation.revokeApiToken": {
    access: adminOnlyById,
    operation: (f) => ({
      query: `mutation($id: ID!) { revokeApiToken(input: { id: $id }) { __typename } }`,
      variables: { id: gid("ApiToken", f.revokedTokenId) },
    }),
  },
};
// ================================================================================================

let app: TestApp;
const host = "matice.test";
const otherHost = "jina-matice.test";
let users: Record<Exclude<Actor, "anonymous">, { id: string; municipalityId: string; email: string }>;
let fixture: Fixture;
/** Strings of our municipality that must never appear in an answer to another town's user. */
let ourSecrets: string[];

beforeAll(async () => {
  app = await createTestApp();
  const town = await createMunicipality(app, { hostname: host, name: "Obec Maticová" });
  const otherTown = await createMunicipality(app, { hostname: otherHost, name: "Obec Sousední" });
  users = {
    citizen: await createUser(app, town.id, { email: "matrix-citizen@example.cz" }),
    otherCitizen: await createUser(app, town.id, { email: "matrix-other-citizen@example.cz" }),
    clerkWithoutAgenda: await createUser(app, town.id, { role: "CLERK", agendas: [], email: "matrix-clerk-none@example.cz" }),
    clerk: await createUser(app, town.id, {
      role: "CLERK",
      agendas: ["NOTICES", "REGISTERS", "FINANCE", "SUBMISSIONS", "ALERTS", "BUDGET", "GRANTS"],
      email: "matrix-clerk@example.cz",
    }),
    admin: await createUser(app, town.id, { role: "ADMIN", email: "matrix-admin@example.cz" }),
    otherTownAdmin: await createUser(app, otherTown.id, { role: "ADMIN", email: "matrix-foreign-admin@example.cz" }),
  };
  const revoked = await app.database.prisma.apiToken.create({
    data: {
      municipalityId: town.id,
      name: "matrix-secret-token",
      prefix: "po_matrix",
      tokenHash: "a".repeat(64),
      scopes: ["notices:write"],
      revokedAt: app.clock.now(),
    },
  });
  await app.services.mailer.send({
    municipalityId: town.id,
    to: "matrix-citizen@example.cz",
    subject: "matrix",
    text: "matrix-secret-mail",
  });
  await app.database.prisma.auditLogEntry.create({
    data: { municipalityId: town.id, action: "matrix.secret", actorUserId: users.admin.id },
  });
  fixture = { citizenId: users.citizen.id, clerkId: users.clerk.id, revokedTokenId: revoked.id };
  ourSecrets = [
    "matrix-citizen@",
    "matrix-other-citizen@",
    "matrix-clerk",
    "matrix-admin@",
    "matrix-secret-token",
    "matrix-secret-mail",
    "matrix.secret",
  ];
});
afterAll(async () => {
  await app.close();
});

async function clientFor(actor: Actor): Promise<Client> {
  if (actor === "anonymous") return new Client(app, { host });
  const user = users[actor];
  return signedInClient(app, user, actor === "otherTownAdmin" ? otherHost : host);
}

function outcomeOf(
  field: string,
  answer: { data: Record<string, unknown> | null | undefined; errors: { extensions?: Record<string, unknown> }[] | undefined },
): Outcome | string {
  const code = answer.errors?.[0]?.extensions?.code;
  if (code === "UNAUTHENTICATED" || code === "FORBIDDEN") return code;
  if (answer.errors) return `unexpected error ${JSON.stringify(answer.errors)}`;
  const value = answer.data?.[field];
  if (value === null || (Array.isArray(value) && value.length > 0 && value.every((v) => v === null))) return "null";
  if (typeof value === "object" && value !== null && (value as { __typename?: string }).__typename === "NotFoundError") return "NOT_FOUND";
  return "allowed";
}

describe("authorization matrix", () => {
  const rootFields = [
    ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
  ];

  it("has an entry for every Query and Mutation field, and none for fields that are gone", () => {
    expect(
      rootFields.filter((field) => !(field in FIELD_ACCESS)),
      "fields missing from FIELD_ACCESS",
    ).toEqual([]);
    expect(
      Object.keys(FIELD_ACCESS).filter((field) => !rootFields.includes(field)),
      "stale FIELD_ACCESS entries",
    ).toEqual([]);
  });

  it.each(Object.keys(FIELD_ACCESS))("%s", async (key) => {
    const [, field] = key.split(".") as [string, string];
    const { query, variables } = FIELD_ACCESS[key]!.operation(fixture);
    const actual: Record<string, string> = {};
    for (const actor of ACTORS) {
      const client = await clientFor(actor);
      const answer = await client.request(query, variables ?? {});
      actual[actor] = outcomeOf(field, answer);
      if (actor === "otherTownAdmin") {
        const text = JSON.stringify(answer);
        for (const secret of ourSecrets) expect(text, `${key} shows another town ${secret}`).not.toContain(secret);
      }
      // A refused or not-found request never carries a stack trace or internal message.
      expect(JSON.stringify(answer.errors ?? [])).not.toMatch(/stack|\.ts:\d+/);
    }
    expect(actual).toEqual(FIELD_ACCESS[key]!.access);
  });

  it("unknown and malformed ids are null, not errors", async () => {
    const admin = await clientFor("admin");
    for (const id of [
      gid("User", "00000000-0000-0000-0000-000000000000"),
      gid("User", "not-a-uuid"),
      gid("ApiToken", 'x\'; DROP TABLE "User";--'),
    ]) {
      const answer = await admin.request(`query($id: ID!) { node(id: $id) { id } }`, { id });
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.node).toBeNull();
    }
  });

  it("mutations in the matrix changed nothing they should not have", async () => {
    const clerk = await app.database.prisma.user.findUniqueOrThrow({ where: { id: users.clerk.id } });
    expect(clerk).toMatchObject({ role: "CLERK", disabledAt: null });
    const citizen = await app.database.prisma.user.findUniqueOrThrow({ where: { id: users.citizen.id } });
    expect(citizen.fullName).not.toBe("");
  });
});
