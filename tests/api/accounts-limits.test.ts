// Limits on the account e-mails anyone can cause without a session (finding 3), and a password-reset
// request that does the same work for a known and an unknown address (finding 4). Bursts are sent in
// parallel: on PostgreSQL (TEST_DATABASE_URL) they really run at once, and the counts must still hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, DEFAULT_PASSWORD } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { LOGIN, REGISTER, REQUEST_RESET, STRONG_PASSWORD, mailCount } from "./accounts-support.ts";
import { pruneLimitRecords } from "../../api/src/services/accounts/prune-limit-records.ts";

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
const host = "limity.test";
const PER_IP = 8;

beforeAll(async () => {
  app = await createTestApp({
    ACCOUNT_EMAIL_MAX_PER_IP: String(PER_IP),
    ACCOUNT_EMAIL_MAX_PER_ADDRESS: "3",
    ACCOUNT_EMAIL_COOLDOWN_MINUTES: "5",
    ACCOUNT_EMAIL_WINDOW_MINUTES: "60",
  });
  town = await createMunicipality(app, { hostname: host, name: "Obec Limitová" });
});
afterAll(async () => {
  await app.close();
});

let ipCounter = 0;
/** A client at an address of its own, so one test's requests do not count against another's. */
const clientAt = (ip = `198.51.100.${++ipCounter}`, locale = "cs") => new Client(app, { host, ip, locale });

const requestReset = (client: Client, email: string) => client.request(REQUEST_RESET, { input: { email } });

async function requestsFor(email: string) {
  return app.database.prisma.accountEmailRequest.findMany({
    where: { email },
    orderBy: { id: "asc" },
    select: { action: true, emailAllowed: true },
  });
}

describe("password-reset e-mails per address", () => {
  it("30 resets for one address at once send one e-mail, and answer exactly as for an unknown address", async () => {
    const known = await createUser(app, town.id, { email: "davka@example.cz" });
    const unknown = "nikdo-davka@example.cz";
    // Many clients (addresses) at once, so only the per-address limit applies.
    const burst = (email: string) => Promise.all(Array.from({ length: 30 }, () => requestReset(clientAt(), email)));
    const [knownAnswers, unknownAnswers] = await Promise.all([burst(known.email), burst(unknown)]);
    for (const answer of [...knownAnswers, ...unknownAnswers]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.requestPasswordReset).toEqual({ __typename: "RequestPasswordResetSuccess", ok: true });
    }
    expect(await mailCount(app, known.email)).toBe(1);
    expect(await mailCount(app, unknown)).toBe(0);
    // The limit counted both addresses the same way: one allowed, 29 answered without an e-mail.
    for (const email of [known.email, unknown]) {
      const requests = await requestsFor(email);
      expect(requests).toHaveLength(30);
      expect(requests.filter((request) => request.emailAllowed)).toHaveLength(1);
    }
  });

  it("a further e-mail after the cool-down, at most three within the window", async () => {
    const user = await createUser(app, town.id, { email: "znovu@example.cz" });
    await requestReset(clientAt(), user.email);
    await requestReset(clientAt(), user.email);
    expect(await mailCount(app, user.email)).toBe(1);
    app.clock.advance({ minutes: 6 });
    await requestReset(clientAt(), user.email);
    expect(await mailCount(app, user.email)).toBe(2);
    app.clock.advance({ minutes: 6 });
    await requestReset(clientAt(), user.email);
    expect(await mailCount(app, user.email)).toBe(3);
    app.clock.advance({ minutes: 6 });
    await requestReset(clientAt(), user.email);
    expect(await mailCount(app, user.email)).toBe(3);
    // The window slides: an hour after the first e-mail, one more may go.
    app.clock.advance({ minutes: 45 });
    await requestReset(clientAt(), user.email);
    expect(await mailCount(app, user.email)).toBe(4);
  });
});

describe("per client address", () => {
  it("a burst from one address gets exactly the allowed number through, then a localized TooManyAttemptsError", async () => {
    const ip = "203.0.113.7";
    const answers = await Promise.all(Array.from({ length: PER_IP + 5 }, (_, i) => requestReset(clientAt(ip), `sprej${i}@example.cz`)));
    const refused = answers.filter((answer) => answer.data?.requestPasswordReset.__typename === "TooManyAttemptsError");
    expect(answers.filter((answer) => answer.data?.requestPasswordReset.__typename === "RequestPasswordResetSuccess")).toHaveLength(PER_IP);
    expect(refused).toHaveLength(5);
    expect(refused[0]!.data?.requestPasswordReset.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused[0]!.data?.requestPasswordReset.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect(refused[0]!.data?.requestPasswordReset.message).toMatch(
      /^Z vaší adresy přišlo příliš mnoho žádostí\. Zkuste to znovu za \d+ min\.$/,
    );
    const english = await requestReset(clientAt(ip, "en"), "sprej-en@example.cz");
    expect(english.data?.requestPasswordReset).toMatchObject({
      __typename: "TooManyAttemptsError",
      message: expect.stringMatching(/Too many/),
    });
    // Sign-ups from the same address count too, and are refused the same way.
    const signUp = await clientAt(ip).request(REGISTER, {
      input: { email: "sprej-registrace@example.cz", password: STRONG_PASSWORD, fullName: "Sprej" },
    });
    expect(signUp.data?.register.__typename).toBe("TooManyAttemptsError");
    expect(await app.database.prisma.user.count({ where: { email: "sprej-registrace@example.cz" } })).toBe(0);
    // Another address is not affected; this one is free again when its window has slid by.
    expect((await requestReset(clientAt(), "jinde@example.cz")).data?.requestPasswordReset.__typename).toBe("RequestPasswordResetSuccess");
    app.clock.advance({ minutes: 61 });
    expect((await requestReset(clientAt(ip), "sprej-pozdeji@example.cz")).data?.requestPasswordReset.__typename).toBe(
      "RequestPasswordResetSuccess",
    );
  });
});

describe("sign-up and verification e-mails", () => {
  it("repeated sign-ups for a registered address send one 'you already have an account' e-mail per cool-down", async () => {
    const owner = await createUser(app, town.id, { email: "uz-mam-ucet@example.cz" });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        clientAt().request(REGISTER, { input: { email: owner.email, password: STRONG_PASSWORD, fullName: "Někdo" } }),
      ),
    );
    for (const answer of answers) expect(answer.data?.register).toMatchObject({ __typename: "RegisterSuccess", ok: true });
    expect(await mailCount(app, owner.email)).toBe(1);
  });

  it("a new sign-up still gets its verification e-mail; logging in unverified resends it at most once per cool-down", async () => {
    const email = "novy-limit@example.cz";
    const signedUp = await clientAt().request(REGISTER, { input: { email, password: STRONG_PASSWORD, fullName: "Nový" } });
    expect(signedUp.data?.register).toMatchObject({ __typename: "RegisterSuccess" });
    expect(await mailCount(app, email)).toBe(1);
    const logins = await Promise.all(
      Array.from({ length: 10 }, () => clientAt().request(LOGIN, { input: { email, password: STRONG_PASSWORD } })),
    );
    for (const login of logins) expect(login.data?.login.__typename).toBe("ValidationError");
    expect(await mailCount(app, email)).toBe(2);
    const requests = await requestsFor(email);
    expect(requests.filter((request) => request.action === "VERIFY_RESEND" && request.emailAllowed)).toHaveLength(1);
  });
});

describe("password reset: the same work for any address (finding 4)", () => {
  it("runs the same statements for a known and an unknown address, and sends nothing itself", async () => {
    const known = await createUser(app, town.id, { email: "znamy-cas@example.cz", password: DEFAULT_PASSWORD });
    const statementsFor = async (email: string) => {
      await app.jobs.drain();
      const outboxBefore = await app.database.prisma.outboxMessage.count();
      const tokensBefore = await app.database.prisma.emailToken.count();
      app.queries.length = 0;
      const answer = await requestReset(clientAt(), email);
      const statements = [...app.queries];
      expect(answer.data?.requestPasswordReset).toEqual({ __typename: "RequestPasswordResetSuccess", ok: true });
      // Nothing was written or sent by the request beyond its bookkeeping: the job does that.
      expect(await app.database.prisma.outboxMessage.count()).toBe(outboxBefore);
      expect(await app.database.prisma.emailToken.count()).toBe(tokensBefore);
      return statements;
    };
    await requestReset(clientAt(), "zahrati@example.cz"); // warms the caches (the town's host) that the first request fills
    const knownStatements = await statementsFor(known.email);
    const unknownStatements = await statementsFor("neznamy-cas@example.cz");
    // The limit's bookkeeping and the one queued job, in one transaction.
    expect(knownStatements.filter((sql) => sql.includes("pgboss.job"))).toHaveLength(1);
    expect(unknownStatements).toEqual(knownStatements);
    // No statement of the request looks at the account.
    expect(knownStatements.filter((sql) => sql.includes('"User"'))).toEqual([]);
    // The job then writes to the known address only.
    await app.jobs.drain();
    expect(await mailCount(app, known.email)).toBe(1);
    expect(await mailCount(app, "neznamy-cas@example.cz")).toBe(0);
  });
});

describe("expired limit records", () => {
  it("are deleted once no window reads them, and only then", async () => {
    const user = await createUser(app, town.id, { email: "uklid@example.cz" });
    const client = clientAt();
    await requestReset(client, user.email);
    await client.request(LOGIN, { input: { email: user.email, password: "Not-the-password-1" } });
    const counts = async () => ({
      requests: await app.database.prisma.accountEmailRequest.count({ where: { email: user.email } }),
      attempts: await app.database.prisma.loginAttempt.count({ where: { email: user.email } }),
    });
    expect(await counts()).toEqual({ requests: 1, attempts: 1 });

    // Within the windows (login 15 min, e-mail 60 min) nothing a limit reads goes.
    app.clock.advance({ minutes: 14 });
    await pruneLimitRecords(app.services);
    expect(await counts()).toEqual({ requests: 1, attempts: 1 });
    app.clock.advance({ minutes: 2 });
    await pruneLimitRecords(app.services);
    expect(await counts()).toEqual({ requests: 1, attempts: 0 });
    app.clock.advance({ minutes: 45 });
    const pruned = await pruneLimitRecords(app.services);
    expect(pruned.accountEmailRequests).toBeGreaterThanOrEqual(1);
    expect(await counts()).toEqual({ requests: 0, attempts: 0 });
  });
});
