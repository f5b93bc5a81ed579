import { randomUUID } from "node:crypto";
import { czechAccountToIban, parseCzechAccount } from "@portal/forms";
import { hashAccessCode } from "../../api/src/domain/access-code.ts";
import type { Agenda, Role } from "../../api/src/generated/prisma/client.ts";
import { randomToken, sha256 } from "../../api/src/lib/tokens.ts";
import { hashPassword } from "../../api/src/services/accounts/password.ts";
import { dateColumn, minimumRelevantUntil, takeDownMoment } from "../../api/src/domain/notice-window.ts";
import type { NoticeCategory, NoticeStatus } from "../../api/src/generated/prisma/client.ts";
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

export async function createMunicipality(
  app: TestApp,
  overrides: { hostname?: string; name?: string; isDefault?: boolean; publicUrl?: string } = {},
) {
  const n = next();
  const hostname = overrides.hostname ?? `town-${n}.test`;
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
      publicUrl: overrides.publicUrl ?? `http://${hostname}`,
      hosts: { create: [{ hostname }] },
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

/**
 * A notice written straight to the database (the shape the notice services leave behind), for tests of
 * what reads notices: APPROVED by default, posted at `postedAt` (default: the test clock's now), relevant
 * until `relevantUntil` (default: the legal minimum), taken down at the moment the posting-window rules
 * give. Revision 1 and the evidence events (created, approved, withdrawn) are written too, acted by
 * `createdById`/`approvedById`. Attachments are stored-file rows without bytes.
 */
export async function createNotice(
  app: TestApp,
  municipalityId: string,
  overrides: {
    status?: NoticeStatus;
    title?: string;
    description?: string;
    category?: NoticeCategory;
    originator?: string;
    referenceNumber?: string | null;
    fileMark?: string | null;
    postedAt?: Date | string;
    relevantUntil?: string;
    withdrawnAt?: Date | string;
    withdrawalReason?: string;
    createdById?: string | null;
    approvedById?: string | null;
    attachments?: { fileName: string; mimeType?: string }[];
  } = {},
) {
  const n = next();
  const status = overrides.status ?? "APPROVED";
  const postedAt = new Date(overrides.postedAt ?? app.clock.now());
  const relevantUntil = overrides.relevantUntil ?? minimumRelevantUntil(postedAt);
  const withdrawnAt = status === "WITHDRAWN" ? new Date(overrides.withdrawnAt ?? app.clock.now()) : null;
  const approved = status === "APPROVED" || status === "WITHDRAWN";
  const createdAt = new Date(Math.min(app.clock.now().getTime(), postedAt.getTime()));
  const content = {
    title: overrides.title ?? `Oznámení ${n}`,
    description: overrides.description ?? `Popis oznámení ${n}`,
    category: overrides.category ?? "ANNOUNCEMENTS",
    originator: overrides.originator ?? "Obecní úřad",
    referenceNumber: overrides.referenceNumber === undefined ? `OU/${n}/2026` : overrides.referenceNumber,
    fileMark: overrides.fileMark === undefined ? `SZ-${n}/2026` : overrides.fileMark,
  };
  const files = await Promise.all(
    (overrides.attachments ?? []).map((attachment, index) =>
      app.database.prisma.storedFile.create({
        data: {
          municipalityId,
          fileName: attachment.fileName,
          mimeType: attachment.mimeType ?? "application/pdf",
          size: 1000 + index,
          sha256: sha256(`${n}-${index}`),
          storageKey: `test/${randomUUID()}`,
        },
      }),
    ),
  );
  return app.database.prisma.notice.create({
    data: {
      municipalityId,
      status,
      ...content,
      postedAt,
      relevantUntil: dateColumn(relevantUntil),
      takeDownAt: withdrawnAt ?? takeDownMoment(relevantUntil),
      createdById: overrides.createdById ?? null,
      approvedById: approved ? (overrides.approvedById ?? null) : null,
      approvedAt: approved ? createdAt : null,
      withdrawnAt,
      withdrawalReason: withdrawnAt ? (overrides.withdrawalReason ?? "Chybně vyvěšeno") : null,
      createdAt,
      updatedAt: withdrawnAt ?? createdAt,
      attachments: { create: files.map((file, position) => ({ fileId: file.id, position })) },
      revisions: {
        create: [
          { revision: 1, ...content, attachmentIds: files.map((file) => file.id), createdById: overrides.createdById ?? null, createdAt },
        ],
      },
      events: {
        create: [
          { type: "CREATED" as const, actorUserId: overrides.createdById ?? null, createdAt },
          ...(approved
            ? [
                {
                  type: "APPROVED" as const,
                  actorUserId: overrides.approvedById ?? null,
                  postedAt,
                  takeDownAt: takeDownMoment(relevantUntil),
                  createdAt,
                },
              ]
            : []),
          ...(withdrawnAt
            ? [
                {
                  type: "WITHDRAWN" as const,
                  actorUserId: overrides.approvedById ?? null,
                  reason: overrides.withdrawalReason ?? "Chybně vyvěšeno",
                  takeDownAt: withdrawnAt,
                  createdAt: withdrawnAt,
                },
              ]
            : []),
        ],
      },
    },
    include: { attachments: { include: { file: true } } },
  });
}

/** A payer of the municipality, linked (as a clerk would link it) to the given citizen accounts. */
export async function createPayer(
  app: TestApp,
  municipalityId: string,
  overrides: { name?: string; kind?: "PERSON" | "HOUSEHOLD"; userIds?: string[]; externalId?: string; directDebit?: boolean } = {},
) {
  const n = next();
  return app.database.prisma.payer.create({
    data: {
      municipalityId,
      name: overrides.name ?? `Plátce ${n}`,
      kind: overrides.kind ?? "PERSON",
      externalId: overrides.externalId ?? null,
      directDebit: overrides.directDebit ?? false,
      address: `Zkušební ${n}, 123 45 Zkušebnice`,
      links: { create: (overrides.userIds ?? []).map((userId) => ({ userId, method: "CLERK" as const })) },
    },
  });
}

/**
 * An assessment (předpis) written straight to the database: one installment of the whole amount unless
 * `installments` are given (they must add up to `amount`, as the database checks). Amounts in haléře. The
 * variable symbol is unique per call unless given; the municipality's primary account is used.
 */
export async function createAssessment(
  app: TestApp,
  payer: { id: string; municipalityId: string },
  overrides: {
    kind?: "WASTE_FEE" | "DOG_FEE" | "ADMIN_FEE" | "FINE" | "OTHER";
    subject?: string;
    year?: number;
    amount?: number;
    dueDate?: string;
    installments?: { amount: number; dueDate: string }[];
    variableSymbol?: string;
    constantSymbol?: string;
    specificSymbol?: string;
    lifecycle?: "ACTIVE" | "CANCELLED" | "WRITTEN_OFF";
    externalId?: string;
    accessCode?: string;
  } = {},
) {
  const n = next();
  const prisma = app.database.prisma;
  const account = await prisma.bankAccount.findFirstOrThrow({
    where: { municipalityId: payer.municipalityId },
    orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
  });
  const amount = overrides.amount ?? 50_000;
  const dueDate = overrides.dueDate ?? "2026-03-31";
  const installments = overrides.installments ?? [{ amount, dueDate }];
  const lastDue = installments
    .map((i) => i.dueDate)
    .sort()
    .at(-1)!;
  return prisma.assessment.create({
    data: {
      municipalityId: payer.municipalityId,
      payerId: payer.id,
      kind: overrides.kind ?? "WASTE_FEE",
      subject: overrides.subject ?? `Předpis ${n}`,
      year: overrides.year ?? Number(dueDate.slice(0, 4)),
      amount: BigInt(amount),
      dueDate: new Date(`${lastDue}T00:00:00Z`),
      variableSymbol: overrides.variableSymbol ?? String(7_000_000_000 + (((Date.now() % 1_000_000) * 1000 + n) % 999_999_999)),
      constantSymbol: overrides.constantSymbol ?? null,
      specificSymbol: overrides.specificSymbol ?? null,
      bankAccountId: account.id,
      lifecycle: overrides.lifecycle ?? "ACTIVE",
      externalId: overrides.externalId ?? null,
      accessCodeHash: overrides.accessCode ? hashAccessCode(overrides.accessCode) : null,
      installments: {
        create: installments.map((i, index) => ({
          position: index + 1,
          amount: BigInt(i.amount),
          dueDate: new Date(`${i.dueDate}T00:00:00Z`),
        })),
      },
    },
    include: { installments: true },
  });
}
