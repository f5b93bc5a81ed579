import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import {
  LOGIN,
  LOGOUT,
  REGISTER,
  STRONG_PASSWORD,
  VERIFY_EMAIL,
  VIEWER,
  latestMail,
  linkIn,
  mailCount,
  tokenIn,
} from "./accounts-support.ts";

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
const host = "registrace.test";

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { hostname: host, name: "Obec Registrační" });
});
afterAll(async () => {
  await app.close();
});

const newClient = (locale = "cs") => new Client(app, { host, locale });
const users = (email: string) => app.database.prisma.user.findMany({ where: { municipalityId: town.id, email } });

describe("registration", () => {
  it("register → e-mail link → verify → login → viewer → logout", async () => {
    const browser = newClient();
    const registered = await browser.request(REGISTER, {
      input: { email: "  Jana.Novakova@Example.CZ ", password: STRONG_PASSWORD, fullName: "Jana Nováková", phone: "601 123 456" },
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register).toEqual({ __typename: "RegisterSuccess", ok: true, email: "jana.novakova@example.cz" });

    const [user] = await users("jana.novakova@example.cz");
    expect(user).toMatchObject({ role: "CITIZEN", emailVerifiedAt: null, phone: "+420601123456", locale: "cs", fullName: "Jana Nováková" });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);

    const mail = await latestMail(app, "jana.novakova@example.cz");
    expect(mail.subject).toBe("Potvrďte svůj e-mail – Obec Registrační");
    const link = linkIn(mail.textBody, "/overeni-emailu");
    expect(link.origin).toBe(`http://${host}`);
    const token = link.searchParams.get("token")!;
    // Only the hash of the token is stored.
    const stored = await app.database.prisma.emailToken.findFirstOrThrow({ where: { userId: user!.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - app.clock.now().getTime()).toBe(48 * 3_600_000);

    // Not verified yet: login refuses with a clear message on "email".
    const early = await browser.request(LOGIN, { input: { email: "jana.novakova@example.cz", password: STRONG_PASSWORD } });
    expect(early.data?.login.__typename).toBe("ValidationError");
    expect(early.data?.login.fieldErrors).toEqual([
      { path: ["email"], code: "EMAIL_UNVERIFIED", message: expect.stringContaining("není potvrzený") },
    ]);
    expect(browser.cookies.has("portal_session")).toBe(false);

    const verified = await browser.request(VERIFY_EMAIL, { input: { token } });
    expect(verified.errors).toBeUndefined();
    expect(verified.data?.verifyEmail).toMatchObject({
      __typename: "VerifyEmailSuccess",
      user: { email: "jana.novakova@example.cz", emailVerified: true },
    });

    const login = await browser.request(LOGIN, { input: { email: "JANA.novakova@example.cz", password: STRONG_PASSWORD } });
    expect(login.errors).toBeUndefined();
    expect(login.data?.login).toMatchObject({ __typename: "LoginSuccess", user: { email: "jana.novakova@example.cz", role: "CITIZEN" } });
    const setCookies = login.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith("portal_session="))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith("portal_session="))).toMatch(/SameSite=Lax/);
    expect(setCookies.find((c) => c.startsWith("portal_csrf="))).not.toMatch(/HttpOnly/);

    const viewer = await browser.request(VIEWER);
    expect(viewer.data?.viewer).toMatchObject({
      email: "jana.novakova@example.cz",
      fullName: "Jana Nováková",
      emailVerified: true,
      disabled: false,
    });

    const logout = await browser.request(LOGOUT);
    expect(logout.data?.logout).toEqual({ __typename: "LogoutSuccess", ok: true });
    expect(browser.cookies.size).toBe(0);
    expect(await app.database.prisma.session.count({ where: { userId: user!.id } })).toBe(0);
    expect((await browser.request(VIEWER)).data?.viewer).toBeNull();

    const actions = (
      await app.database.prisma.auditLogEntry.findMany({
        where: { municipalityId: town.id, actorUserId: user!.id },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["user.created", "auth.email_verified", "auth.login", "auth.logout"]);
  });

  it("a verification link works once; a replay is a field error on token", async () => {
    const browser = newClient("en");
    await browser.request(REGISTER, { input: { email: "once@example.cz", password: STRONG_PASSWORD, fullName: "Once" } });
    const token = tokenIn((await latestMail(app, "once@example.cz")).textBody, "/overeni-emailu");
    expect((await browser.request(VERIFY_EMAIL, { input: { token } })).data?.verifyEmail.__typename).toBe("VerifyEmailSuccess");
    const replay = await browser.request(VERIFY_EMAIL, { input: { token } });
    expect(replay.data?.verifyEmail).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["token"], message: "The link is invalid or has expired. Ask for a new one." }],
    });
    const forged = await browser.request(VERIFY_EMAIL, { input: { token: "x".repeat(43) } });
    expect(forged.data?.verifyEmail.__typename).toBe("ValidationError");
  });

  it("an expired verification link is refused; logging in sends a fresh one", async () => {
    const browser = newClient();
    await browser.request(REGISTER, { input: { email: "late@example.cz", password: STRONG_PASSWORD, fullName: "Late" } });
    const token = tokenIn((await latestMail(app, "late@example.cz")).textBody, "/overeni-emailu");
    app.clock.advance({ hours: 49 });
    try {
      expect((await browser.request(VERIFY_EMAIL, { input: { token } })).data?.verifyEmail.__typename).toBe("ValidationError");
      const before = await mailCount(app, "late@example.cz");
      const login = await browser.request(LOGIN, { input: { email: "late@example.cz", password: STRONG_PASSWORD } });
      expect(login.data?.login.__typename).toBe("ValidationError");
      expect(await mailCount(app, "late@example.cz")).toBe(before + 1);
      const fresh = tokenIn((await latestMail(app, "late@example.cz")).textBody, "/overeni-emailu");
      expect((await browser.request(VERIFY_EMAIL, { input: { token: fresh } })).data?.verifyEmail.__typename).toBe("VerifyEmailSuccess");
      expect(
        (await browser.request(LOGIN, { input: { email: "late@example.cz", password: STRONG_PASSWORD } })).data?.login.__typename,
      ).toBe("LoginSuccess");
    } finally {
      app.clock.advance({ hours: -49 });
    }
  });

  it("an existing e-mail gets the same answer, its owner an e-mail, and nothing changes", async () => {
    const owner = await createUser(app, town.id, { email: "taken@example.cz", fullName: "Původní Majitel" });
    const answer = await newClient().request(REGISTER, {
      input: { email: "Taken@Example.cz", password: STRONG_PASSWORD, fullName: "Útočník", phone: "+420 777 000 111" },
    });
    expect(answer.data?.register).toEqual({ __typename: "RegisterSuccess", ok: true, email: "taken@example.cz" });
    const [after] = await users("taken@example.cz");
    expect(after).toEqual(owner);
    const mail = await latestMail(app, "taken@example.cz");
    expect(mail.subject).toBe("Pokus o registraci – Obec Registrační");
    expect(linkIn(mail.textBody, "/zapomenute-heslo").origin).toBe(`http://${host}`);
    expect(mail.textBody).not.toContain("Útočník");
  });

  it("the same e-mail may register in another municipality", async () => {
    const other = await createMunicipality(app, { hostname: "jina-obec.test" });
    await createUser(app, other.id, { email: "both@example.cz" });
    const answer = await newClient().request(REGISTER, {
      input: { email: "both@example.cz", password: STRONG_PASSWORD, fullName: "Both" },
    });
    expect(answer.data?.register.__typename).toBe("RegisterSuccess");
    expect(await users("both@example.cz")).toHaveLength(1);
    expect(await app.database.prisma.user.count({ where: { email: "both@example.cz" } })).toBe(2);
  });

  it("two simultaneous registrations of one e-mail leave exactly one account", async () => {
    const input = { email: "race@example.cz", password: STRONG_PASSWORD, fullName: "Race" };
    const answers = await Promise.all([
      newClient().request(REGISTER, { input }),
      newClient().request(REGISTER, { input: { ...input, fullName: "Race 2" } }),
    ]);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.register.__typename).toBe("RegisterSuccess");
    }
    expect(await users("race@example.cz")).toHaveLength(1);
  });

  it("SQL-looking input is stored literally", async () => {
    const fullName = 'Robert\'); DROP TABLE "User";--';
    const email = "o'brien+test@example.cz";
    const answer = await newClient().request(REGISTER, { input: { email, password: STRONG_PASSWORD, fullName } });
    expect(answer.data?.register.__typename).toBe("RegisterSuccess");
    const [user] = await users(email);
    expect(user?.fullName).toBe(fullName);
    expect(await app.database.prisma.user.count()).toBeGreaterThan(1);
    const login = await newClient().request(LOGIN, { input: { email: "' OR '1'='1", password: "' OR '1'='1" } });
    expect(login.data?.login.__typename).toBe("ValidationError");
  });
});

describe("registration input errors", () => {
  const valid = { email: "valid@example.cz", password: STRONG_PASSWORD, fullName: "Platný Uživatel" };
  const fieldErrors = async (input: Record<string, unknown>, locale = "cs") => {
    const answer = await newClient(locale).request(REGISTER, { input });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.register.__typename).toBe("ValidationError");
    return answer.data?.register.fieldErrors as { path: string[]; code: string; message: string }[];
  };

  it.each([
    [
      "weak (short)",
      { password: "kratke1" },
      "password",
      "Heslo musí mít alespoň 10 znaků a nesmí být běžně používané ani obsahovat váš e-mail.",
      "The password must have at least 10 characters and must be neither common nor contain your e-mail.",
    ],
    ["common", { password: "Password123" }, "password", "Heslo musí mít alespoň 10 znaků", "at least 10 characters"],
    [
      "containing the e-mail",
      { email: "karel.vomacka@example.cz", password: "karel.vomacka-2026" },
      "password",
      "obsahovat váš e-mail",
      "contain your e-mail",
    ],
    [
      "too long password",
      { password: "a1B-".repeat(33) },
      "password",
      "Heslo může mít nejvýše 128 znaků.",
      "The password may have at most 128 characters.",
    ],
    ["invalid e-mail", { email: "not-an-email" }, "email", "Zadejte platnou e-mailovou adresu.", "Enter a valid e-mail address."],
    ["too long e-mail", { email: `${"a".repeat(250)}@example.cz` }, "email", "Nejvýše 254 znaků.", "At most 254 characters."],
    ["empty e-mail", { email: "   " }, "email", "Vyplňte toto pole.", "This field is required."],
    ["empty name", { fullName: "" }, "fullName", "Vyplňte toto pole.", "This field is required."],
    ["too long name", { fullName: "N".repeat(201) }, "fullName", "Nejvýše 200 znaků.", "At most 200 characters."],
    ["bad phone", { phone: "12ab" }, "phone", "Zadejte telefonní číslo", "Enter a phone number"],
    ["unknown locale", { locale: "de" }, "locale", "Nepodporovaný jazyk.", "Unsupported language."],
  ])("%s: field error in cs and en, nothing stored", async (_name, change, field, cs, en) => {
    const input = { ...valid, ...change };
    const csErrors = await fieldErrors(input, "cs");
    expect(csErrors).toHaveLength(1);
    expect(csErrors[0]!.path).toEqual([field]);
    expect(csErrors[0]!.message).toContain(cs);
    const enErrors = await fieldErrors(input, "en-GB,en;q=0.8");
    expect(enErrors[0]!.message).toContain(en);
    expect(
      await app.database.prisma.user.count({ where: { municipalityId: town.id, email: String(input.email).trim().toLowerCase() } }),
    ).toBe(0);
  });

  it("reports every bad field at once", async () => {
    const errors = await fieldErrors({ email: "x", password: "short", fullName: "" });
    expect(errors.map((e) => e.path[0]).sort()).toEqual(["email", "fullName", "password"]);
  });

  it("a number where a string belongs is a GraphQL error without a stack trace", async () => {
    const answer = await newClient().request(REGISTER, { input: { ...valid, email: 12345 } });
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.message).toMatch(/String cannot represent a non string value/);
    expect(JSON.stringify(answer.errors)).not.toMatch(/at .*\.ts:\d+|stack/i);
  });

  it("a missing field is a GraphQL error too", async () => {
    const answer = await newClient().request(REGISTER, { input: { email: "x@example.cz", fullName: "X" } });
    expect(answer.errors?.[0]?.message).toMatch(/password/);
    expect(JSON.stringify(answer.errors)).not.toMatch(/stack/i);
  });
});
