import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, DEFAULT_PASSWORD, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { LOGIN_LIMITS } from "../../api/src/services/accounts/log-in.ts";
import { LOGIN, LOGOUT, VIEWER } from "./accounts-support.ts";

/** The password hashes every login verified against, in order (the real check still runs). */
const verifiedHashes = vi.hoisted(() => [] as string[]);
vi.mock("../../api/src/services/accounts/password.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../api/src/services/accounts/password.ts")>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      verifiedHashes.push(hash);
      return original.verifyPassword(hash, password);
    },
  };
});

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
const host = "prihlaseni.test";

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { hostname: host });
});
afterAll(async () => {
  await app.close();
});

const newClient = (locale = "cs") => new Client(app, { host, locale });
const login = (client: Client, email: string, password: string) => client.request(LOGIN, { input: { email, password } });

/** Sends one request as if it came through the HTTP server from `ip` (the server passes meta). */
async function loginFrom(ip: string, email: string, password: string) {
  const response = await app.yoga.fetch(
    `http://${host}/graphql`,
    {
      method: "POST",
      headers: { "content-type": "application/json", host, "accept-language": "en" },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email, password } } }),
    },
    { meta: { requestId: `req-${ip}`, ip, userAgent: "test", secure: false } },
  );
  return ((await response.json()) as { data: { login: Record<string, any> } }).data.login;
}

describe("login", () => {
  it("a wrong password and an unknown e-mail get the same answer, and nothing changes", async () => {
    const user = await createUser(app, town.id, { email: "wrong@example.cz" });
    const wrong = await login(newClient("en"), "wrong@example.cz", "Not-the-password-1");
    const unknown = await login(newClient("en"), "nobody@example.cz", "Not-the-password-1");
    expect(wrong.data?.login).toEqual({
      __typename: "InvalidCredentialsError",
      message: "Wrong e-mail or password.",
      code: "INVALID_CREDENTIALS",
    });
    expect(unknown.data?.login).toEqual(wrong.data?.login);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await app.database.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const failures = await app.database.prisma.auditLogEntry.findMany({ where: { municipalityId: town.id, action: "auth.login_failed" } });
    expect(failures.map((f) => (f.details as { reason: string }).reason).sort()).toEqual(["unknown_email", "wrong_password"]);
  });

  it("an unknown e-mail pays for the same password check as a wrong password", async () => {
    await createUser(app, town.id, { email: "timing@example.cz" });
    verifiedHashes.length = 0;
    await login(newClient(), "timing@example.cz", "Not-the-password-1");
    await login(newClient(), "nobody@example.cz", "Not-the-password-1");
    // One argon2id verification each, with the same cost parameters (memory, iterations, parallelism):
    // the time of a verification is set by them, so the answer's time tells nothing about the address.
    expect(verifiedHashes).toHaveLength(2);
    const cost = (hash: string) => hash.split("$").slice(1, 4).join("$");
    expect(cost(verifiedHashes[0]!)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
    expect(cost(verifiedHashes[1]!)).toBe(cost(verifiedHashes[0]!));
  });

  it("a parallel burst gets no more real password checks than the limit (40 and 100 at once)", async () => {
    /** Real password checks are those that ended in a verdict on the password (audited with its reason). */
    const checks = async (where: { email?: string; prefix?: string }) => {
      const failures = await app.database.prisma.auditLogEntry.findMany({
        where: { municipalityId: town.id, action: "auth.login_failed" },
      });
      const details = failures.map((entry) => entry.details as { email: string; reason: string });
      const mine = details.filter((detail) => (where.email ? detail.email === where.email : detail.email.startsWith(where.prefix!)));
      return {
        checked: mine.filter((detail) => detail.reason !== "rate_limited").length,
        refused: mine.filter((detail) => detail.reason === "rate_limited").length,
      };
    };
    for (const burst of [40, 100]) {
      const email = `burst${burst}@example.cz`;
      await createUser(app, town.id, { email });
      const answers = await Promise.all(Array.from({ length: burst }, (_, i) => login(newClient(), email, `Wrong-password-${i}`)));
      const kinds = answers.map((answer) => answer.data?.login.__typename);
      expect(kinds.filter((kind) => kind === "InvalidCredentialsError")).toHaveLength(LOGIN_LIMITS.perEmail);
      expect(kinds.filter((kind) => kind === "TooManyAttemptsError")).toHaveLength(burst - LOGIN_LIMITS.perEmail);
      expect(await checks({ email })).toEqual({ checked: LOGIN_LIMITS.perEmail, refused: burst - LOGIN_LIMITS.perEmail });
      expect(await app.database.prisma.loginAttempt.count({ where: { email, success: false } })).toBe(LOGIN_LIMITS.perEmail);
    }
    // One address spraying 100 different e-mails at once: at most the address limit is checked.
    const ip = "198.51.100.77";
    const sprayed = await Promise.all(
      Array.from({ length: 100 }, (_, i) => loginFrom(ip, `burst-spray${i}@example.cz`, "Wrong-password-1")),
    );
    expect(sprayed.filter((answer) => answer.__typename === "InvalidCredentialsError")).toHaveLength(LOGIN_LIMITS.perIp);
    expect(await checks({ prefix: "burst-spray" })).toEqual({ checked: LOGIN_LIMITS.perIp, refused: 100 - LOGIN_LIMITS.perIp });
  });

  it("the 20th wrong password is refused as too many attempts; the right one too, until the lock passes", async () => {
    const user = await createUser(app, town.id, { email: "locked@example.cz" });
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 20; attempt++)
      answers.push((await login(newClient(), "locked@example.cz", `Wrong-password-${attempt}`)).data?.login.__typename);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill("InvalidCredentialsError"));
    expect(answers.slice(10)).toEqual(Array(10).fill("TooManyAttemptsError"));

    const twentieth = await login(newClient("en"), "locked@example.cz", "Wrong-password-20");
    expect(twentieth.data?.login).toMatchObject({
      __typename: "TooManyAttemptsError",
      code: "TOO_MANY_ATTEMPTS",
      message: "Too many failed attempts. Try again in 15 min.",
    });
    expect(twentieth.data?.login.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(twentieth.data?.login.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    const right = await login(newClient(), "locked@example.cz", DEFAULT_PASSWORD);
    expect(right.data?.login.__typename).toBe("TooManyAttemptsError");
    expect(right.data?.login.message).toMatch(/Příliš mnoho neúspěšných pokusů/);
    expect(await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    expect(await app.database.prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // Other accounts are not affected.
    await createUser(app, town.id, { email: "neighbour@example.cz" });
    expect((await login(newClient(), "neighbour@example.cz", DEFAULT_PASSWORD)).data?.login.__typename).toBe("LoginSuccess");

    app.clock.advance({ minutes: 16 });
    expect((await login(newClient(), "locked@example.cz", DEFAULT_PASSWORD)).data?.login.__typename).toBe("LoginSuccess");
  });

  it("one address spraying many e-mails is locked after 50 failures", async () => {
    for (let i = 0; i < 50; i++)
      expect((await loginFrom("203.0.113.9", `spray${i}@example.cz`, "Wrong-password-1")).__typename).toBe("InvalidCredentialsError");
    const blocked = await loginFrom("203.0.113.9", "spray-last@example.cz", "Wrong-password-1");
    expect(blocked).toMatchObject({ __typename: "TooManyAttemptsError", retryAfterSeconds: expect.any(Number) });
    await createUser(app, town.id, { email: "elsewhere@example.cz" });
    expect((await loginFrom("198.51.100.7", "elsewhere@example.cz", DEFAULT_PASSWORD)).__typename).toBe("LoginSuccess");
    app.clock.advance({ minutes: 16 });
  });

  it("a disabled account cannot log in, and says no more than a wrong password", async () => {
    await createUser(app, town.id, { email: "disabled@example.cz", disabled: true });
    const answer = await login(newClient(), "disabled@example.cz", DEFAULT_PASSWORD);
    expect(answer.data?.login.__typename).toBe("InvalidCredentialsError");
  });

  it("rotates the session: the one the browser presented ends, a new one starts with the configured lifetime", async () => {
    const user = await createUser(app, town.id, { email: "rotate@example.cz" });
    const browser = await signedInClient(app, user, host);
    const before = browser.cookies.get("portal_session");
    const answer = await login(browser, "rotate@example.cz", DEFAULT_PASSWORD);
    expect(answer.data?.login.__typename).toBe("LoginSuccess");
    expect(browser.cookies.get("portal_session")).not.toBe(before);
    const sessions = await app.database.prisma.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.expiresAt.getTime() - app.clock.now().getTime()).toBe(app.services.config.SESSION_TTL_HOURS * 3_600_000);
    const sessionCookie = answer.headers.getSetCookie().find((c) => c.startsWith("portal_session="))!;
    expect(sessionCookie).toContain(`Max-Age=${app.services.config.SESSION_TTL_HOURS * 3600}`);
    expect(sessionCookie).not.toContain("Secure");
    expect((await browser.request(VIEWER)).data?.viewer.email).toBe("rotate@example.cz");
  });

  it("marks the cookies Secure when the request came over TLS", async () => {
    await createUser(app, town.id, { email: "tls@example.cz" });
    const response = await app.yoga.fetch(`https://${host}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", host },
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: "tls@example.cz", password: DEFAULT_PASSWORD } } }),
    });
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
  });
});

describe("sessions", () => {
  it("an expired session is anonymous and its cookies are cleared", async () => {
    const user = await createUser(app, town.id);
    const browser = newClient();
    expect((await login(browser, user.email, DEFAULT_PASSWORD)).data?.login.__typename).toBe("LoginSuccess");
    app.clock.advance({ hours: app.services.config.SESSION_TTL_HOURS + 1 });
    const answer = await browser.request(VIEWER);
    expect(answer.data?.viewer).toBeNull();
    expect(
      answer.headers
        .getSetCookie()
        .filter((c) => /Max-Age=0/.test(c))
        .map((c) => c.split("=")[0]),
    ).toEqual(["portal_session", "portal_csrf"]);
    expect(browser.cookies.size).toBe(0);
  });

  it("a forged session cookie is anonymous", async () => {
    const browser = newClient();
    browser.cookies.set("portal_session", "forged-token-value");
    browser.cookies.set("portal_csrf", "forged-csrf");
    const answer = await browser.request(VIEWER);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.viewer).toBeNull();
  });

  it("a missing or wrong x-csrf-token makes a cookie request anonymous", async () => {
    const user = await createUser(app, town.id);
    const browser = await signedInClient(app, user, host);
    expect((await browser.request(VIEWER)).data?.viewer.id).toBeTruthy();
    expect((await browser.request(VIEWER, {}, { "x-csrf-token": "not-the-token" })).data?.viewer).toBeNull();
    const csrf = browser.cookies.get("portal_csrf")!;
    browser.cookies.delete("portal_csrf");
    expect((await browser.request(VIEWER)).data?.viewer).toBeNull();
    browser.cookies.set("portal_csrf", csrf);
    // A cross-site logout (no CSRF header) does not end the session.
    const foreign = newClient();
    foreign.cookies.set("portal_session", browser.cookies.get("portal_session")!);
    await foreign.request(LOGOUT);
    expect((await browser.request(VIEWER)).data?.viewer.id).toBeTruthy();
  });

  it("logout ends only this session and clears both cookies", async () => {
    const user = await createUser(app, town.id);
    const phone = await signedInClient(app, user, host);
    const laptop = await signedInClient(app, user, host);
    const answer = await laptop.request(LOGOUT);
    expect(answer.data?.logout).toEqual({ __typename: "LogoutSuccess", ok: true });
    expect(answer.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(["portal_session", "portal_csrf"]);
    expect(laptop.cookies.size).toBe(0);
    expect((await phone.request(VIEWER)).data?.viewer.id).toBeTruthy();
    expect(await app.database.prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("a session from one municipality means nothing on another's host", async () => {
    const user = await createUser(app, town.id);
    const browser = await signedInClient(app, user, host);
    await createMunicipality(app, { hostname: "sousedni.test" });
    browser.host = "sousedni.test";
    expect((await browser.request(VIEWER)).data?.viewer).toBeNull();
  });
});
