import { randomUUID } from "node:crypto";
import { czechAccountToIban, parseCzechAccount } from "../../api/src/domain/czech-identifiers.ts";
import type { Agenda, Role } from "../../api/src/generated/prisma/client.ts";
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";
import { hashPassword } from "../../api/src/services/accounts/password.ts";
import type { TestApp } from "./app.ts";
import { Client } from "./graphql.ts";

let sequence = 0;
const next = () => ++sequence;

/** IČO with a valid check digit, unique per call. */
export function validIco(seed = next()): string {
  const body = String(1_000_000 + (seed % 8_999_999)).padStart(7, "0");
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (8 - i), 0);
  return body + String((11 - (sum % 11)) % 10);
}

export async function createMunicipality(app: TestApp, overrides: { hostname?: string; name?: string; isDefault?: boolean } = {}) {
  const n = next();
  const account = parseCzechAccount("123456788/0100")!;
  return app.database.prisma.municipality.create({
    data: {
      slug: `town-${n}-${randomUUID().slice(0, 8)}`,
      name: overrides.name ?? `Obec Zkušební ${n}`,
      ico: validIco(n * 7919 + (Date.now() % 1000)),
      street: `Náves ${n}`,
      city: "Zkušebnice",
      postalCode: "123 45",
      email: `obec${n}@test.example`,
      isDefault: overrides.isDefault ?? false,
      hosts: { create: [{ hostname: overrides.hostname ?? `town-${n}.test` }] },
      bankAccounts: {
        create: [
          {
            label: "Hlavní účet",
            isPrimary: true,
            prefix: null,
            number: account.number,
            bankCode: account.bankCode,
            iban: czechAccountToIban(account),
          },
        ],
      },
    },
    include: { hosts: true },
  });
}

export const DEFAULT_PASSWORD = "Spravne-heslo-2026";

export async function createUser(
  app: TestApp,
  municipalityId: string,
  overrides: {
    role?: Role;
    agendas?: Agenda[];
    email?: string;
    password?: string;
    verified?: boolean;
    disabled?: boolean;
    fullName?: string;
  } = {},
) {
  const n = next();
  return app.database.prisma.user.create({
    data: {
      municipalityId,
      email: overrides.email ?? `user${n}-${randomUUID().slice(0, 6)}@test.example`,
      fullName: overrides.fullName ?? `Uživatel ${n}`,
      passwordHash: await hashPassword(overrides.password ?? DEFAULT_PASSWORD),
      role: overrides.role ?? "CITIZEN",
      agendas: overrides.agendas ?? [],
      emailVerifiedAt: overrides.verified === false ? null : app.clock.now(),
      disabledAt: overrides.disabled ? app.clock.now() : null,
    },
  });
}

/** A Client already holding a valid session for the user (skips the login form). */
export async function signedInClient(app: TestApp, user: { id: string; municipalityId: string }, host: string): Promise<Client> {
  const token = randomToken();
  const csrfToken = randomToken();
  await app.database.prisma.session.create({
    data: {
      id: sha256(token),
      municipalityId: user.municipalityId,
      userId: user.id,
      csrfToken,
      lastSeenAt: app.clock.now(),
      expiresAt: new Date(app.clock.now().getTime() + 24 * 3_600_000),
    },
  });
  const client = new Client(app, { host });
  client.cookies.set("portal_session", token);
  client.cookies.set("portal_csrf", csrfToken);
  return client;
}

/** An integrator's client holding a fresh API token with the given scopes. */
export async function apiTokenClient(app: TestApp, municipalityId: string, scopes: string[], host: string): Promise<Client> {
  const token = `po_${randomToken()}`;
  await app.database.prisma.apiToken.create({
    data: { municipalityId, name: `token ${next()}`, prefix: token.slice(0, 10), tokenHash: sha256(token), scopes },
  });
  const client = new Client(app, { host });
  client.bearer = token;
  return client;
}
