import { describe, expect, it } from "vitest";
import { descriptionOf, expectAccessible, field, logIn, trackPageErrors, usePortal, waitForHeading } from "../kit/browser.ts";
import { latestEmail, pathOf } from "../kit/server.ts";

// A citizen's own journey on a phone: register, verify through the outbox, sign in, see the profile, sign out;
// forgotten password. Every page on the way is checked with axe.

const portal = usePortal();

describe("registration", () => {
  it("shows Czech field errors next to the field, keeps what was typed, restores the draft without the password", async () => {
    const { page } = await portal.open("phone");
    const errors = trackPageErrors(page);
    await page.goto("/registrace");
    await waitForHeading(page, "Registrace");
    await expectAccessible(page, "/registrace (phone)");

    const fullName = field(page, "Jméno a příjmení");
    const email = field(page, "E-mail");
    const password = field(page, "Heslo");
    await fullName.fill("Karel Zkušební");
    await email.fill("karel@");
    await password.fill("kratke");
    await page.getByRole("button", { name: "Zaregistrovat se" }).click();

    // Client-side validation: the message is the field's description, in Czech, and focus goes to the first bad field.
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await descriptionOf(email)).toContain("Zadejte e-mail ve tvaru jmeno@example.cz.");
    expect(await descriptionOf(password)).toContain("Heslo je příliš krátké.");
    await expectAccessible(page, "/registrace with errors (phone)");

    // A password the browser accepts but the server refuses (a common one): the API's message lands next to the field.
    await email.fill("karel.zkusebni@example.cz");
    await password.fill("qwerty12345");
    await page.getByRole("button", { name: "Zaregistrovat se" }).click();
    await expect.poll(() => descriptionOf(password)).toContain("nesmí být běžně používané");
    expect(await fullName.inputValue()).toBe("Karel Zkušební");
    expect(await email.inputValue()).toBe("karel.zkusebni@example.cz");
    expect(await password.inputValue()).toBe("qwerty12345");

    // Reload: the draft comes back, the password does not.
    await page.reload();
    await waitForHeading(page, "Registrace");
    expect(await field(page, "Jméno a příjmení").inputValue()).toBe("Karel Zkušební");
    expect(await field(page, "E-mail").inputValue()).toBe("karel.zkusebni@example.cz");
    expect(await field(page, "Heslo").inputValue()).toBe("");
    const draft = await page.evaluate(() => JSON.stringify(sessionStorage));
    expect(draft).not.toContain("qwerty12345");
    expect(errors).toEqual([]);
  });

  it("registers, verifies through the e-mailed link, signs in, shows the profile and signs out", async () => {
    const { context, page } = await portal.open("phone");
    const errors = trackPageErrors(page);
    const address = "marie.vzorova@example.cz";
    const password = "Lipova-alej-2026";

    await page.goto("/registrace");
    await field(page, "Jméno a příjmení").fill("Marie Vzorová");
    await field(page, "E-mail").fill(address);
    await field(page, "Telefon").fill("+420 601 222 333");
    await field(page, "Heslo").fill(password);
    await page.getByRole("button", { name: "Zaregistrovat se" }).click();
    await page.getByText("Zkontrolujte svůj e-mail").waitFor();
    await expectAccessible(page, "/registrace done (phone)");

    // Signing in before verifying is refused with a clear message.
    const mail = await latestEmail(portal.server, address, /Potvrďte svůj e-mail/);
    expect(mail.link).toMatch(/\/overeni-emailu\?token=/);
    await page.goto(pathOf(mail.link!));
    await page.getByText("E-mail je ověřen. Nyní se můžete přihlásit.").waitFor();
    await expectAccessible(page, "/overeni-emailu (phone)");

    await page.getByRole("link", { name: "Přejít na přihlášení" }).click();
    await waitForHeading(page, "Přihlášení");
    await expectAccessible(page, "/prihlaseni (phone)");
    await logIn(page, address, password);
    await page.waitForURL("**/muj-ucet");
    await waitForHeading(page, "Můj účet");
    await page.getByText(`Jste přihlášeni jako ${address}.`).waitFor();
    expect(await field(page, "Jméno a příjmení").inputValue()).toBe("Marie Vzorová");
    expect(await field(page, "Telefon").inputValue()).toMatch(/601\s?222\s?333/);
    await expectAccessible(page, "/muj-ucet (phone)");

    await page.getByRole("button", { name: "Odhlásit se" }).click();
    await expect.poll(async () => (await context.cookies()).some((c) => c.name === "portal_session")).toBe(false);
    await page.goto("/muj-ucet");
    await page.waitForURL(/\/prihlaseni\?next=%2Fmuj-ucet/);
    expect(await portal.server.database.prisma.session.count({ where: { user: { email: address } } })).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("password reset", () => {
  it("sends a reset link to the outbox; the new password works, the old one does not", async () => {
    const { page } = await portal.open("desktop");
    const address = "obcan@lipnice.example";
    const newPassword = "Nove-heslo-na-jare-2027";

    await page.goto("/prihlaseni");
    await page.getByRole("link", { name: "Zapomněli jste heslo?" }).click();
    await waitForHeading(page, "Zapomenuté heslo");
    await expectAccessible(page, "/zapomenute-heslo (desktop)");
    await field(page, "E-mail").fill(address);
    await page.getByRole("button", { name: "Poslat odkaz" }).click();
    await page.getByText(`Pokud k adrese ${address} existuje účet`).waitFor();

    const mail = await latestEmail(portal.server, address, /Obnovení hesla/);
    expect(mail.link).toMatch(/\/obnova-hesla\?token=/);
    await page.goto(pathOf(mail.link!));
    await waitForHeading(page, "Nastavení nového hesla");
    await expectAccessible(page, "/obnova-hesla (desktop)");
    const newPasswordField = field(page, "Nové heslo");
    await newPasswordField.fill("kratke");
    await page.getByRole("button", { name: "Nastavit heslo" }).click();
    await expect.poll(() => descriptionOf(newPasswordField)).toContain("Heslo je příliš krátké.");
    await newPasswordField.fill(newPassword);
    await page.getByRole("button", { name: "Nastavit heslo" }).click();
    await page.getByText("Heslo je nastaveno. Nyní se můžete přihlásit.").waitFor();

    // The link is single-use.
    await page.goto(pathOf(mail.link!));
    await field(page, "Nové heslo").fill("Jeste-jine-heslo-2028");
    await page.getByRole("button", { name: "Nastavit heslo" }).click();
    await page.getByRole("alert").filter({ hasText: /\S/ }).first().waitFor();
    await expectAccessible(page, "/obnova-hesla spent link (desktop)");

    await page.goto("/prihlaseni");
    await field(page, "E-mail").fill(address);
    await field(page, "Heslo").fill("Obcan-demo-2026");
    await page.getByRole("main").getByRole("button", { name: "Přihlásit se" }).click();
    await page.getByRole("alert").filter({ hasText: /\S/ }).first().waitFor();
    expect(page.url()).toContain("/prihlaseni");
    await expectAccessible(page, "/prihlaseni wrong password (desktop)");

    await logIn(page, address, newPassword);
    await waitForHeading(page, "Můj účet");
  });
});

/** The text of the elements a control's aria-describedby points at (hint and error message). */
