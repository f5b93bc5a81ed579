// Claiming a payer with the variable symbol and access code of a paper assessment: the right pair links the payer
// (audited), wrong pairs are one indistinguishable field error, failures are rate-limited per user and per client
// address, another town's symbol is unknown here, and a second claim changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneLimitRecords } from "../../api/src/services/accounts/prune-limit-records.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

const CLAIM = /* GraphQL */ `
  mutation Claim($input: ClaimPayerInput!) {
    claimPayer(input: $input) {
      __typename
      ... on ClaimPayerSuccess {
        alreadyLinked
        payer {
          name
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          path
          code
          message
        }
      }
      ... on TooManyAttemptsError {
        message
        retryAfterSeconds
      }
    }
  }
`;

const PAYERS = /* GraphQL */ `
  query {
    personalAccount {
      payers {
        name
      }
      assessments {
        variableSymbol
      }
    }
  }
`;

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let host: string;
let otherHost: string;
const CODE = "K7M2-Q9XP";

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set("2026-12-06T09:00:00Z");
  town = await createMunicipality(app);
  host = town.hosts[0]!.hostname;
  const marie = await createPayer(app, town.id, { name: "Marie Veselá" });
  await createAssessment(app, marie, { variableSymbol: "1104203", accessCode: CODE, subject: "Odpad 2026" });
  // The same symbol for another kind, with its own code: the code decides which payer is meant.
  const karel = await createPayer(app, town.id, { name: "Karel Dvořák" });
  await createAssessment(app, karel, { kind: "DOG_FEE", variableSymbol: "1104203", accessCode: "ZZZZ-2222", subject: "Pes 2026" });
  // Another town's assessment with the same code: unknown here.
  const other = await createMunicipality(app);
  otherHost = other.hosts[0]!.hostname;
  const foreign = await createPayer(app, other.id, { name: "Cizí Plátce" });
  await createAssessment(app, foreign, { variableSymbol: "5550001", accessCode: CODE });
});

afterAll(() => app?.close());

async function citizen(ip?: string): Promise<{ client: Client; userId: string }> {
  const user = await createUser(app, town.id);
  const client = await signedInClient(app, user, host);
  if (ip) client.ip = ip;
  return { client, userId: user.id };
}

const claim = (client: Client, variableSymbol: string, accessCode: string) =>
  client.request(CLAIM, { input: { variableSymbol, accessCode } }).then((response) => {
    expect(response.errors).toBeUndefined();
    return response.data!.claimPayer;
  });

describe("claiming a payer", () => {
  it("links the payer of the right pair to the account, with an audit entry, and shows its assessments", async () => {
    const { client, userId } = await citizen();
    // Typed in lower case with a space instead of the dash: the code is normalised.
    expect(await claim(client, " 1104203 ", "k7m2 q9xp")).toEqual({
      __typename: "ClaimPayerSuccess",
      alreadyLinked: false,
      payer: { name: "Marie Veselá" },
    });
    const links = await app.database.prisma.payerLink.findMany({ where: { userId }, include: { payer: true } });
    expect(links.map((l) => [l.payer.name, l.method])).toEqual([["Marie Veselá", "CLAIM"]]);
    const audit = await app.database.prisma.auditLogEntry.findMany({ where: { actorUserId: userId, action: "account.payer_claimed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subjectId).toBe(links[0]!.payerId);
    const account = (await client.request(PAYERS)).data!.personalAccount;
    expect(account.payers).toEqual([{ name: "Marie Veselá" }]);
    expect(account.assessments).toEqual([{ variableSymbol: "1104203" }]);
  });

  it("picks the payer whose code matches when kinds share a symbol", async () => {
    const { client } = await citizen();
    expect(await claim(client, "1104203", "ZZZZ-2222")).toMatchObject({ payer: { name: "Karel Dvořák" } });
  });

  it("answers a wrong code and a wrong symbol with the same field error, in the user's language", async () => {
    const { client, userId } = await citizen();
    const wrongCode = await claim(client, "1104203", "AAAA-BBBB");
    const wrongSymbol = await claim(client, "9999999", CODE);
    expect(wrongCode).toEqual(wrongSymbol);
    expect(wrongCode).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["accessCode"], code: "CLAIM_INVALID", message: expect.stringContaining("nepatří") }],
    });
    client.locale = "en";
    expect((await claim(client, "1104203", "AAAA-BBBB")).fieldErrors[0].message).toContain("do not belong together");
    expect(await app.database.prisma.payerLink.count({ where: { userId } })).toBe(0);
    // Malformed input is a field error on its own field (not counted as a guess: nothing was checked).
    expect((await claim(client, "12a", CODE)).fieldErrors[0]).toMatchObject({ path: ["variableSymbol"] });
    expect((await claim(client, "1104203", "")).fieldErrors[0]).toMatchObject({ path: ["accessCode"] });
  });

  it("does not link another town's payer (its symbol is unknown here)", async () => {
    const { client, userId } = await citizen();
    expect(await claim(client, "5550001", CODE)).toMatchObject({ __typename: "ValidationError" });
    expect(await app.database.prisma.payerLink.count({ where: { userId } })).toBe(0);
    // The same pair on the other town's portal works for a user of that town.
    const other = await app.database.prisma.municipality.findFirstOrThrow({ where: { hosts: { some: { hostname: otherHost } } } });
    const foreignUser = await createUser(app, other.id);
    const foreignClient = await signedInClient(app, foreignUser, otherHost);
    expect(await claim(foreignClient, "5550001", CODE)).toMatchObject({ payer: { name: "Cizí Plátce" } });
  });

  it("treats a second claim of a linked payer as a success that changes nothing", async () => {
    const { client, userId } = await citizen();
    expect(await claim(client, "1104203", CODE)).toMatchObject({ alreadyLinked: false });
    expect(await claim(client, "1104203", CODE)).toMatchObject({ __typename: "ClaimPayerSuccess", alreadyLinked: true });
    expect(await app.database.prisma.payerLink.count({ where: { userId } })).toBe(1);
    expect(await app.database.prisma.auditLogEntry.count({ where: { actorUserId: userId, action: "account.payer_claimed" } })).toBe(1);
    // A payer a clerk linked before is also "already linked".
    const clerkLinked = await citizen();
    const payer = await app.database.prisma.payer.findFirstOrThrow({ where: { name: "Marie Veselá", municipalityId: town.id } });
    await app.database.prisma.payerLink.create({ data: { payerId: payer.id, userId: clerkLinked.userId, method: "CLERK" } });
    expect(await claim(clerkLinked.client, "1104203", CODE)).toMatchObject({ alreadyLinked: true });
    const link = await app.database.prisma.payerLink.findFirstOrThrow({ where: { userId: clerkLinked.userId } });
    expect(link.method).toBe("CLERK");
  });

  it("locks a user out after 5 failures in an hour, even for the right pair, until the window passes", async () => {
    app.clock.set("2026-12-06T10:00:00Z");
    const { client, userId } = await citizen();
    for (let i = 0; i < 5; i++) expect(await claim(client, "1104203", `WRONG-${i}`)).toMatchObject({ __typename: "ValidationError" });
    const locked = await claim(client, "1104203", CODE);
    expect(locked).toMatchObject({ __typename: "TooManyAttemptsError", retryAfterSeconds: 3600 });
    expect(locked.message).toContain("60 min");
    expect(await app.database.prisma.payerLink.count({ where: { userId } })).toBe(0);
    // Another user is not affected.
    expect(await claim((await citizen()).client, "1104203", CODE)).toMatchObject({ __typename: "ClaimPayerSuccess" });
    app.clock.advance({ minutes: 61 });
    expect(await claim(client, "1104203", CODE)).toMatchObject({ __typename: "ClaimPayerSuccess" });
  });

  it("locks a client address after 20 failures across users", async () => {
    app.clock.set("2026-12-06T14:00:00Z");
    for (let user = 0; user < 5; user++) {
      const { client } = await citizen("203.0.113.7");
      for (let i = 0; i < 4; i++) await claim(client, "1104203", `WRONG-${user}-${i}`);
    }
    const fresh = await citizen("203.0.113.7");
    expect(await claim(fresh.client, "1104203", CODE)).toMatchObject({ __typename: "TooManyAttemptsError" });
    const elsewhere = await citizen("198.51.100.2");
    expect(await claim(elsewhere.client, "1104203", CODE)).toMatchObject({ __typename: "ClaimPayerSuccess" });
  });

  it("refuses parallel guesses beyond the limit (the decision is atomic)", async () => {
    app.clock.set("2026-12-06T18:00:00Z");
    const { client } = await citizen();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(client, "1104203", `PAR-${i}`)));
    const typenames = results.map((r) => r.__typename);
    expect(typenames.filter((t) => t === "ValidationError")).toHaveLength(5);
    expect(typenames.filter((t) => t === "TooManyAttemptsError")).toHaveLength(7);
  });

  it("needs a signed-in user, and the hourly prune drops attempts outside the window", async () => {
    const anonymous = await new Client(app, { host }).request(CLAIM, { input: { variableSymbol: "1104203", accessCode: CODE } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    app.clock.set("2026-12-07T12:00:00Z");
    const { client, userId } = await citizen();
    await claim(client, "1104203", "WRONG");
    const count = () => app.database.prisma.payerClaimAttempt.count({ where: { userId } });
    expect(await count()).toBe(1);
    app.clock.advance({ minutes: 59 });
    await pruneLimitRecords(app.services);
    expect(await count()).toBe(1);
    app.clock.advance({ minutes: 2 });
    const pruned = await pruneLimitRecords(app.services);
    expect(pruned.payerClaimAttempts).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
  });
});
