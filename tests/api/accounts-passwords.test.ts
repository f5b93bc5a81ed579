import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../api/src/services/accounts/password.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, DEFAULT_PASSWORD, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import {
  CHANGE_PASSWORD,
  LOGIN,
  REQUEST_RESET,
  RESET_PASSWORD,
  STRONG_PASSWORD,
  UPDATE_PROFILE,
  VIEWER,
  latestMail,
  mailCount,
  tokenIn,
} from "./accounts-support.ts";

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;
const host = "hesla.test";

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { hostname: host, name: "Obec Heslová" });
});
afterAll(async () => {
  await app.close();
});

const newClient = (locale = "cs") => new Client(app, { host, locale });

describe("password reset", () => {
  it("request → e-mail → reset → old sessions end → new password works; the link is single use", async () => {
    const user = await createUser(app, town.id, { email: "zapomnel@example.cz", verified: false });
    const oldSession = await signedInClient(app, user, host);
    const asked = await newClient().request(REQUEST_RESET, { input: { email: " Zapomnel@Example.cz" } });
    expect(asked.data?.requestPasswordReset).toEqual({ __typename: "RequestPasswordResetSuccess", ok: true });

    const mail = await latestMail(app, "zapomnel@example.cz");
    expect(mail.subject).toBe("Obnovení hesla – Obec Heslová");
    const token = tokenIn(mail.textBody, "/obnova-hesla");

    const weak = await newClient("en").request(RESET_PASSWORD, { input: { token, newPassword: "short" } });
    expect(weak.data?.resetPassword).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["newPassword"], message: expect.stringContaining("at least 10") }],
    });

    const reset = await newClient().request(RESET_PASSWORD, { input: { token, newPassword: STRONG_PASSWORD } });
    expect(reset.data?.resetPassword).toEqual({ __typename: "ResetPasswordSuccess", ok: true });
    const after = await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(after.passwordHash!, STRONG_PASSWORD)).toBe(true);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect((await oldSession.request(VIEWER)).data?.viewer).toBeNull();

    const replay = await newClient().request(RESET_PASSWORD, { input: { token, newPassword: "Jine-silne-heslo-77" } });
    expect(replay.data?.resetPassword).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["token"], message: "Odkaz je neplatný nebo vypršel. Požádejte o nový." }],
    });
    expect(
      await verifyPassword((await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!, STRONG_PASSWORD),
    ).toBe(true);

    expect(
      (await newClient().request(LOGIN, { input: { email: "zapomnel@example.cz", password: STRONG_PASSWORD } })).data?.login.__typename,
    ).toBe("LoginSuccess");
    expect(
      (await newClient().request(LOGIN, { input: { email: "zapomnel@example.cz", password: DEFAULT_PASSWORD } })).data?.login.__typename,
    ).toBe("InvalidCredentialsError");
    const audit = await app.database.prisma.auditLogEntry.findFirst({
      where: { municipalityId: town.id, action: "auth.password_reset", subjectId: user.id },
    });
    expect(audit).not.toBeNull();
  });

  it("an unknown e-mail gets the same answer and no e-mail is sent", async () => {
    const asked = await newClient().request(REQUEST_RESET, { input: { email: "neexistuje@example.cz" } });
    expect(asked.data?.requestPasswordReset).toEqual({ __typename: "RequestPasswordResetSuccess", ok: true });
    expect(await mailCount(app, "neexistuje@example.cz")).toBe(0);
    const invalid = await newClient("en").request(REQUEST_RESET, { input: { email: "nope" } });
    expect(invalid.data?.requestPasswordReset).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["email"], message: "Enter a valid e-mail address." }],
    });
  });

  it("a reset link expires after an hour", async () => {
    await createUser(app, town.id, { email: "pozde@example.cz" });
    await newClient().request(REQUEST_RESET, { input: { email: "pozde@example.cz" } });
    const token = tokenIn((await latestMail(app, "pozde@example.cz")).textBody, "/obnova-hesla");
    app.clock.advance({ minutes: 61 });
    const answer = await newClient().request(RESET_PASSWORD, { input: { token, newPassword: STRONG_PASSWORD } });
    expect(answer.data?.resetPassword.__typename).toBe("ValidationError");
    expect(answer.data?.resetPassword.fieldErrors[0].path).toEqual(["token"]);
  });

  it("a reset link from another municipality does not work here", async () => {
    const other = await createMunicipality(app, { hostname: "jinde.test" });
    await createUser(app, other.id, { email: "jinde@example.cz" });
    await new Client(app, { host: "jinde.test" }).request(REQUEST_RESET, { input: { email: "jinde@example.cz" } });
    const mail = await latestMail(app, "jinde@example.cz");
    expect(new URL(mail.textBody.match(/https?:\/\/\S+/)![0]).host).toBe("jinde.test");
    const token = tokenIn(mail.textBody, "/obnova-hesla");
    const answer = await newClient().request(RESET_PASSWORD, { input: { token, newPassword: STRONG_PASSWORD } });
    expect(answer.data?.resetPassword.__typename).toBe("ValidationError");
  });
});

describe("change password", () => {
  it("needs the current password, checks the new one, and ends the other sessions", async () => {
    const user = await createUser(app, town.id, { email: "menim@example.cz" });
    const here = await signedInClient(app, user, host);
    const elsewhere = await signedInClient(app, user, host);

    const wrong = await here.request(CHANGE_PASSWORD, { input: { currentPassword: "Spatne-heslo-123", newPassword: STRONG_PASSWORD } });
    expect(wrong.data?.changePassword).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["currentPassword"], message: "Současné heslo není správné." }],
    });
    const weak = await here.request(CHANGE_PASSWORD, { input: { currentPassword: DEFAULT_PASSWORD, newPassword: "menim-2026-heslo" } });
    expect(weak.data?.changePassword).toMatchObject({ __typename: "ValidationError", fieldErrors: [{ path: ["newPassword"] }] });
    expect(
      await verifyPassword((await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!, DEFAULT_PASSWORD),
    ).toBe(true);

    const changed = await here.request(CHANGE_PASSWORD, { input: { currentPassword: DEFAULT_PASSWORD, newPassword: STRONG_PASSWORD } });
    expect(changed.data?.changePassword).toEqual({ __typename: "ChangePasswordSuccess", ok: true });
    expect((await here.request(VIEWER)).data?.viewer.id).toBeTruthy();
    expect((await elsewhere.request(VIEWER)).data?.viewer).toBeNull();
    expect(
      (await newClient().request(LOGIN, { input: { email: "menim@example.cz", password: STRONG_PASSWORD } })).data?.login.__typename,
    ).toBe("LoginSuccess");
  });

  it("is for signed-in people only", async () => {
    const answer = await newClient().request(CHANGE_PASSWORD, {
      input: { currentPassword: DEFAULT_PASSWORD, newPassword: STRONG_PASSWORD },
    });
    expect(answer.data?.changePassword ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("profile", () => {
  it("updates name, phone and language; bad values are field errors and change nothing", async () => {
    const user = await createUser(app, town.id, { fullName: "Stará Jména" });
    const browser = await signedInClient(app, user, host);
    const updated = await browser.request(UPDATE_PROFILE, {
      input: { fullName: "  Nová Jména ", phone: "+44 20 7946 0958", locale: "en" },
    });
    expect(updated.data?.updateProfile).toEqual({
      __typename: "UpdateProfileSuccess",
      user: { id: expect.any(String), fullName: "Nová Jména", phone: "+442079460958", locale: "en" },
    });

    const bad = await browser.request(UPDATE_PROFILE, { input: { fullName: "", phone: "abc", locale: "xx" } });
    expect(bad.data?.updateProfile.__typename).toBe("ValidationError");
    expect(bad.data?.updateProfile.fieldErrors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(["fullName", "locale", "phone"]);
    expect(await app.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      fullName: "Nová Jména",
      phone: "+442079460958",
      locale: "en",
    });

    const cleared = await browser.request(UPDATE_PROFILE, { input: { fullName: "Nová Jména", phone: null, locale: "cs" } });
    expect(cleared.data?.updateProfile.user.phone).toBeNull();
  });
});
