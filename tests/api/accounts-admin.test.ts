import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import {
  CREATE_API_TOKEN,
  CREATE_CLERK,
  LOGIN,
  RESET_PASSWORD,
  REVOKE_API_TOKEN,
  STRONG_PASSWORD,
  UPDATE_CLERK,
  VIEWER,
  latestMail,
  tokenIn,
} from "./accounts-support.ts";

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let admin: Awaited<ReturnType<typeof createUser>>;
let adminClient: Client;
const host = "urad.test";

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { hostname: host, name: "Městys Úřední" });
  admin = await createUser(app, town.id, { role: "ADMIN", email: "starosta@example.cz" });
  adminClient = await signedInClient(app, admin, host);
});
afterAll(async () => {
  await app.close();
});

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

describe("clerk accounts", () => {
  it("an admin creates a clerk, who sets a password from the invitation and logs in", async () => {
    const created = await adminClient.request(CREATE_CLERK, {
      input: { email: "Referent@Example.cz", fullName: "Petr Referent", role: "CLERK", agendas: ["NOTICES", "FINANCE", "NOTICES"] },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createClerk).toMatchObject({
      __typename: "CreateClerkSuccess",
      user: { email: "referent@example.cz", role: "CLERK", agendas: ["NOTICES", "FINANCE"], emailVerified: false, disabled: false },
    });
    const stored = await app.database.prisma.user.findFirstOrThrow({ where: { municipalityId: town.id, email: "referent@example.cz" } });
    expect(stored.passwordHash).toBeNull();

    const invite = await latestMail(app, "referent@example.cz");
    expect(invite.subject).toBe("Váš účet na Portálu občana – Městys Úřední");
    const token = tokenIn(invite.textBody, "/obnova-hesla");
    const emailToken = await app.database.prisma.emailToken.findFirstOrThrow({ where: { userId: stored.id } });
    expect(emailToken.expiresAt.getTime() - app.clock.now().getTime()).toBe(48 * 3_600_000);

    // No password yet: nobody gets in.
    expect(
      (await new Client(app, { host }).request(LOGIN, { input: { email: "referent@example.cz", password: "" } })).data?.login.__typename,
    ).toBe("ValidationError");

    const set = await new Client(app, { host }).request(RESET_PASSWORD, { input: { token, newPassword: STRONG_PASSWORD } });
    expect(set.data?.resetPassword.__typename).toBe("ResetPasswordSuccess");
    const clerk = new Client(app, { host });
    const login = await clerk.request(LOGIN, { input: { email: "referent@example.cz", password: STRONG_PASSWORD } });
    expect(login.data?.login).toMatchObject({
      __typename: "LoginSuccess",
      user: { role: "CLERK", agendas: ["NOTICES", "FINANCE"], emailVerified: true },
    });

    const list = await adminClient.request(`{ clerks(first: 10) { edges { node { email role } } pageInfo { hasNextPage } } }`);
    expect(list.data?.clerks.edges.map((e: { node: { email: string } }) => e.node.email).sort()).toEqual([
      "referent@example.cz",
      "starosta@example.cz",
    ]);

    const audit = await app.database.prisma.auditLogEntry.findFirstOrThrow({
      where: { municipalityId: town.id, action: "user.created", subjectId: stored.id },
    });
    expect(audit.actorUserId).toBe(admin.id);
  });

  it("refuses a taken e-mail, a citizen role and unknown agendas", async () => {
    const taken = await adminClient.request(CREATE_CLERK, {
      input: { email: "starosta@example.cz", fullName: "Dvojník", role: "CLERK", agendas: [] },
    });
    expect(taken.data?.createClerk).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["email"], code: "EMAIL_TAKEN" }],
    });
    const citizen = await adminClient.request(CREATE_CLERK, {
      input: { email: "obcan@example.cz", fullName: "Občan", role: "CITIZEN", agendas: [] },
    });
    expect(citizen.data?.createClerk).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["role"] }] });
    const agenda = await adminClient.request(CREATE_CLERK, {
      input: { email: "obcan@example.cz", fullName: "Občan", role: "CLERK", agendas: ["PARKING"] },
    });
    expect(agenda.errors?.[0]?.message).toMatch(/Agenda/);
    expect(await app.database.prisma.user.count({ where: { email: "obcan@example.cz" } })).toBe(0);
  });

  it("updates role, agendas and access; disabling ends the clerk's sessions", async () => {
    const clerk = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"] });
    const clerkClient = await signedInClient(app, clerk, host);
    const id = globalId("User", clerk.id);
    const promoted = await adminClient.request(UPDATE_CLERK, { input: { id, role: "ADMIN", agendas: ["BUDGET"] } });
    expect(promoted.data?.updateClerk).toEqual({
      __typename: "UpdateClerkSuccess",
      user: { id, role: "ADMIN", agendas: ["BUDGET"], disabled: false },
    });
    expect((await clerkClient.request(VIEWER)).data?.viewer.role).toBe("ADMIN");

    const disabled = await adminClient.request(UPDATE_CLERK, { input: { id, disabled: true } });
    expect(disabled.data?.updateClerk.user).toMatchObject({ role: "ADMIN", disabled: true });
    expect(await app.database.prisma.session.count({ where: { userId: clerk.id } })).toBe(0);
    expect((await clerkClient.request(VIEWER)).data?.viewer).toBeNull();

    const enabled = await adminClient.request(UPDATE_CLERK, { input: { id, disabled: false, role: "CLERK" } });
    expect(enabled.data?.updateClerk.user).toMatchObject({ role: "CLERK", disabled: false });
    const entries = await app.database.prisma.auditLogEntry.findMany({
      where: { municipalityId: town.id, action: "clerk.updated", subjectId: clerk.id },
    });
    expect(entries).toHaveLength(3);
  });

  it("an admin cannot demote or disable themselves", async () => {
    const id = globalId("User", admin.id);
    const demote = await adminClient.request(UPDATE_CLERK, { input: { id, role: "CLERK" } });
    expect(demote.data?.updateClerk).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["role"], message: "Nemůžete odebrat oprávnění sami sobě." }],
    });
    const disable = await adminClient.request(UPDATE_CLERK, { input: { id, disabled: true } });
    expect(disable.data?.updateClerk).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["disabled"], code: "SELF_DEMOTION" }],
    });
    expect(await app.database.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "ADMIN",
      disabledAt: null,
    });
  });

  it("citizens and other municipalities' clerks are not found", async () => {
    const citizen = await createUser(app, town.id);
    const other = await createMunicipality(app, { hostname: "cizi-urad.test" });
    const foreignClerk = await createUser(app, other.id, { role: "CLERK" });
    for (const target of [citizen.id, foreignClerk.id, "00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      const answer = await adminClient.request(UPDATE_CLERK, { input: { id: globalId("User", target), role: "ADMIN" } });
      expect(answer.data?.updateClerk).toMatchObject({
        __typename: "NotFoundError",
        code: "NOT_FOUND",
        message: "Požadovaný záznam neexistuje.",
      });
    }
    expect(await app.database.prisma.user.findUniqueOrThrow({ where: { id: foreignClerk.id } })).toMatchObject({ role: "CLERK" });
  });
});

describe("API tokens", () => {
  it("create (shown once, stored hashed) → use → lastUsedAt → revoke → UNAUTHENTICATED", async () => {
    const created = await adminClient.request(CREATE_API_TOKEN, { input: { name: "Úřední deska – export", scopes: ["notices:write"] } });
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^po_[A-Za-z0-9_-]{40,}$/);
    expect(apiToken).toMatchObject({
      name: "Úřední deska – export",
      prefix: token.slice(0, 10),
      scopes: ["notices:write"],
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await app.database.prisma.apiToken.findFirstOrThrow({ where: { municipalityId: town.id, name: "Úřední deska – export" } });
    expect(JSON.stringify(row)).not.toContain(token);

    const listed = await adminClient.request(`{ apiTokens { name prefix } }`);
    expect(JSON.stringify(listed.data)).not.toContain(token);

    const integrator = new Client(app, { host });
    integrator.bearer = token;
    const used = await integrator.request(`{ viewer { id } municipality { name } }`);
    expect(used.errors).toBeUndefined();
    expect(used.data).toEqual({ viewer: null, municipality: { name: "Městys Úřední" } });
    expect((await app.database.prisma.apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(app.clock.now());
    // The token does not open admin fields.
    expect((await integrator.request(`{ apiTokens { id } }`)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const revoked = await adminClient.request(REVOKE_API_TOKEN, { input: { id: apiToken.id } });
    expect(revoked.data?.revokeApiToken).toMatchObject({
      __typename: "RevokeApiTokenSuccess",
      apiToken: { id: apiToken.id, revokedAt: app.clock.now().toISOString() },
    });
    const refused = await integrator.request(`{ municipality { name } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(refused.data ?? null).toBeNull();

    const actions = await app.database.prisma.auditLogEntry.findMany({
      where: { municipalityId: town.id, subjectId: row.id },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["api_token.created", "api_token.revoked"]);
  });

  it("an unknown scope is a field error at its index; a past expiry too", async () => {
    const answer = await adminClient.request(CREATE_API_TOKEN, {
      input: { name: "x", scopes: ["notices:write", "root", "finance:write", "*"] },
    });
    expect(answer.data?.createApiToken.__typename).toBe("ValidationError");
    expect(answer.data?.createApiToken.fieldErrors).toEqual([
      { path: ["scopes", "1"], code: "CUSTOM", message: "Neznámé oprávnění." },
      { path: ["scopes", "3"], code: "CUSTOM", message: "Neznámé oprávnění." },
    ]);
    const past = await adminClient.request(CREATE_API_TOKEN, {
      input: { name: "x", scopes: ["notices:write"], expiresAt: new Date(app.clock.now().getTime() - 1000).toISOString() },
    });
    expect(past.data?.createApiToken.fieldErrors).toEqual([
      { path: ["expiresAt"], code: "CUSTOM", message: "Datum musí být v budoucnosti." },
    ]);
    const empty = await adminClient.request(CREATE_API_TOKEN, { input: { name: " ", scopes: [] } });
    expect(empty.data?.createApiToken.fieldErrors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(["name", "scopes"]);
    expect(await app.database.prisma.apiToken.count({ where: { municipalityId: town.id, name: "x" } })).toBe(0);
  });

  it("an expired token is refused", async () => {
    const created = await adminClient.request(CREATE_API_TOKEN, {
      input: { name: "krátký", scopes: ["alerts:write"], expiresAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString() },
    });
    const integrator = new Client(app, { host });
    integrator.bearer = created.data?.createApiToken.token;
    expect((await integrator.request(`{ viewer { id } }`)).errors).toBeUndefined();
    app.clock.advance({ hours: 2 });
    expect((await integrator.request(`{ viewer { id } }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("another municipality's token cannot be revoked from here", async () => {
    const other = await createMunicipality(app, { hostname: "jiny-urad.test" });
    const foreign = await app.database.prisma.apiToken.create({
      data: { municipalityId: other.id, name: "cizí", prefix: "po_abcdefg", tokenHash: "f".repeat(64), scopes: [] },
    });
    const answer = await adminClient.request(REVOKE_API_TOKEN, { input: { id: globalId("ApiToken", foreign.id) } });
    expect(answer.data?.revokeApiToken).toMatchObject({ __typename: "NotFoundError" });
    expect((await app.database.prisma.apiToken.findUniqueOrThrow({ where: { id: foreign.id } })).revokedAt).toBeNull();
  });

  it("lists the scopes a token may have", async () => {
    const answer = await adminClient.request(`{ apiTokenScopes }`);
    expect(answer.data?.apiTokenScopes).toContain("notices:write");
  });
});

describe("outbox and audit log", () => {
  it("admins read the outbox newest first, filtered by recipient", async () => {
    await adminClient.request(CREATE_CLERK, { input: { email: "posta@example.cz", fullName: "Pošta", role: "CLERK", agendas: [] } });
    await app.jobs.drain(); // the invitation is written by a job
    const answer = await adminClient.request(
      `{ outbox(first: 5, to: "Posta@example.cz") { edges { node { id toAddress subject textBody transport sentAt } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.outbox.edges).toHaveLength(1);
    expect(answer.data?.outbox.edges[0].node).toMatchObject({ toAddress: "posta@example.cz", transport: "outbox", sentAt: null });
    const all = await adminClient.request(`{ outbox(first: 1) { edges { node { toAddress } } pageInfo { hasNextPage endCursor } } }`);
    expect(all.data?.outbox.edges[0].node.toAddress).toBe("posta@example.cz");
    expect(all.data?.outbox.pageInfo.hasNextPage).toBe(true);
  });

  it("admins read the audit log newest first, with the actor's e-mail or token name", async () => {
    const answer = await adminClient.request(
      `{ auditLog(first: 50) { edges { node { id action actor subjectType subjectId ip createdAt } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    const nodes = answer.data?.auditLog.edges.map((e: { node: Record<string, string> }) => e.node);
    expect(nodes[0].action).toBe("user.created");
    expect(nodes[0].actor).toBe("starosta@example.cz");
    const ids = nodes.map((n: { id: string }) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = await adminClient.request(`{ auditLog(first: 2) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`);
    const next = await adminClient.request(`query($after: String) { auditLog(first: 2, after: $after) { edges { node { id } } } }`, {
      after: page.data?.auditLog.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data?.auditLog.edges.map((e: { node: { id: string } }) => Number(e.node.id))).toEqual(ids.slice(2, 4));
  });
});
