import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planPaymentReminders } from "../../api/src/services/notifications/plan-payment-reminders.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createMunicipality, createPayer, createUser, signedInClient } from "../kit/factories.ts";

let app: TestApp;
let town: Awaited<ReturnType<typeof createMunicipality>>;

beforeAll(async () => {
  app = await createTestApp();
  town = await createMunicipality(app, { name: "Obec Připomínková" });
});
afterAll(async () => {
  await app.close();
});

async function citizenWithAssessment(options: {
  installments: { amount: number; dueDate: string }[];
  directDebit?: boolean;
  lifecycle?: "ACTIVE" | "CANCELLED";
}) {
  const user = await createUser(app, town.id);
  const payer = await createPayer(app, town.id, { userIds: [user.id], directDebit: options.directDebit ?? false });
  const amount = options.installments.reduce((sum, i) => sum + i.amount, 0);
  const assessment = await createAssessment(app, payer, {
    amount,
    installments: options.installments,
    subject: "Poplatek ze psů 2026",
    lifecycle: options.lifecycle ?? "ACTIVE",
  });
  return { user, payer, assessment };
}

async function remindersOf(userId: string) {
  return app.database.prisma.message.findMany({
    where: { userId, kind: "PAYMENT_REMINDER" },
    include: { deliveries: true },
    orderBy: { createdAt: "asc" },
  });
}

async function runAt(instant: string) {
  app.clock.set(instant);
  return planPaymentReminders(app.services, town.id);
}

async function pay(assessmentId: string, amount: number, receivedOn: string) {
  await app.database.prisma.payment.create({
    data: {
      municipalityId: town.id,
      source: "CASH_DESK",
      amount: BigInt(amount),
      receivedOn: new Date(`${receivedOn}T00:00:00Z`),
      allocations: { create: { assessmentId, amount: BigInt(amount), method: "MANUAL" } },
    },
  });
}

describe("due-date reminders", () => {
  it("go at 08:00 Prague time on both sides of the switch to summer time, once per installment and offset", async () => {
    // Due Tuesday 7 April 2026. −14 days: 24 March, still winter time (08:00 = 07:00 UTC);
    // −3 days: Saturday 4 April, summer time since 29 March (08:00 = 06:00 UTC).
    const { user, assessment } = await citizenWithAssessment({ installments: [{ amount: 150_000, dueDate: "2026-04-07" }] });
    expect((await runAt("2026-03-24T06:59:00Z")).messages).toBe(0);
    expect((await runAt("2026-03-24T07:00:00Z")).messages).toBe(1);
    // Later runs the same day (the hourly run) send nothing more.
    expect((await runAt("2026-03-24T11:00:00Z")).messages).toBe(0);
    expect((await runAt("2026-04-04T05:59:00Z")).messages).toBe(0);
    expect((await runAt("2026-04-04T06:00:00Z")).messages).toBe(1);

    const reminders = await remindersOf(user.id);
    expect(reminders.map((m) => [m.createdAt.toISOString(), m.assessmentId])).toEqual([
      ["2026-03-24T07:00:00.000Z", assessment.id],
      ["2026-04-04T06:00:00.000Z", assessment.id],
    ]);
    expect(reminders[0]!.subjectCs).toBe("Připomínka splatnosti: Poplatek ze psů 2026");
    expect(reminders[1]!.bodyCs).toContain("1\u00a0500,00\u00a0Kč");
    expect(reminders[1]!.bodyCs).toContain("7. dubna 2026");
    expect(reminders[1]!.subjectEn).toBe("Payment due soon: Poplatek ze psů 2026");
    expect(reminders[1]!.path).toMatch(/^\/osobni-ucet\//);
    expect(reminders.every((m) => m.deliveries.length === 1 && m.deliveries[0]!.channel === "EMAIL")).toBe(true);

    // After the due date, unpaid: +7 days is 14 April at 08:00 CEST.
    expect((await runAt("2026-04-14T05:00:00Z")).messages).toBe(0);
    expect((await runAt("2026-04-14T06:00:00Z")).messages).toBe(1);
    const after = (await remindersOf(user.id)).at(-1)!;
    expect(after.subjectCs).toBe("Neuhrazená platba: Poplatek ze psů 2026");
  });

  it("go at 08:00 after the switch back to winter time too", async () => {
    // Due Tuesday 20 October 2026; +7 days is 27 October, after the switch on 25 October (08:00 = 07:00 UTC).
    const { user } = await citizenWithAssessment({ installments: [{ amount: 50_000, dueDate: "2026-10-20" }] });
    await runAt("2026-10-06T06:00:00Z"); // −14: summer time
    await runAt("2026-10-17T06:00:00Z"); // −3: Saturday, summer time
    expect((await runAt("2026-10-27T06:30:00Z")).messages).toBe(0);
    expect((await runAt("2026-10-27T07:00:00Z")).messages).toBe(1);
    expect((await remindersOf(user.id)).map((m) => m.createdAt.toISOString())).toEqual([
      "2026-10-06T06:00:00.000Z",
      "2026-10-17T06:00:00.000Z",
      "2026-10-27T07:00:00.000Z",
    ]);
  });

  it("are never sent for paid, cancelled or direct-debit assessments, and stop once an installment is paid", async () => {
    const paid = await citizenWithAssessment({ installments: [{ amount: 60_000, dueDate: "2026-06-30" }] });
    await pay(paid.assessment.id, 60_000, "2026-06-01");
    const cancelled = await citizenWithAssessment({ installments: [{ amount: 60_000, dueDate: "2026-06-30" }], lifecycle: "CANCELLED" });
    const sipo = await citizenWithAssessment({ installments: [{ amount: 60_000, dueDate: "2026-06-30" }], directDebit: true });
    // Two installments: the first paid, the second not.
    const split = await citizenWithAssessment({
      installments: [
        { amount: 30_000, dueDate: "2026-06-30" },
        { amount: 30_000, dueDate: "2026-07-31" },
      ],
    });
    await pay(split.assessment.id, 30_000, "2026-06-10");
    await runAt("2026-06-16T06:00:00Z"); // −14 of 30 June
    await runAt("2026-07-17T06:00:00Z"); // −14 of 31 July
    for (const none of [paid, cancelled, sipo]) expect(await remindersOf(none.user.id)).toHaveLength(0);
    const splitReminders = await remindersOf(split.user.id);
    expect(splitReminders).toHaveLength(1);
    expect(splitReminders[0]!.bodyCs).toContain("(2. splátka)");
    // Paid before the after-due reminder: none comes.
    await pay(split.assessment.id, 30_000, "2026-08-03");
    expect((await runAt("2026-08-07T06:00:00Z")).messages).toBe(0);
  });

  it("let a newer reminder replace an unsent older one, and never mention long-overdue installments", async () => {
    const { user } = await citizenWithAssessment({ installments: [{ amount: 40_000, dueDate: "2026-09-15" }] });
    // The citizen wants reminders by SMS too, but quiet hours 06:00-09:00 hold the −14 days SMS.
    await app.database.prisma.notificationProfile.create({
      data: {
        userId: user.id,
        municipalityId: town.id,
        smsPhone: "+420601555666",
        smsPhoneVerifiedAt: app.clock.now(),
        reminderChannels: ["SMS"],
        quietHoursStart: "06:00",
        quietHoursEnd: "09:00",
      },
    });
    await runAt("2026-09-01T06:00:00Z");
    const [first] = await remindersOf(user.id);
    expect(first!.deliveries[0]).toMatchObject({ channel: "SMS", status: "PENDING", notBefore: new Date("2026-09-01T07:00:00Z") });
    // Still unsent when the −3 days reminder comes: it replaces it.
    await runAt("2026-09-12T06:00:00Z");
    const [older, newer] = await remindersOf(user.id);
    expect(older!.deliveries[0]!.status).toBe("SUPERSEDED");
    expect(newer!.supersedesId).toBe(older!.id);

    // Overdue longer than the town's window (60 days by default): never mentioned.
    const old = await citizenWithAssessment({ installments: [{ amount: 40_000, dueDate: "2026-01-15" }] });
    await app.database.prisma.notificationSettings.create({ data: { municipalityId: town.id, reminderOffsetsDays: [-3, 7, 100] } });
    await runAt("2026-04-25T06:00:00Z"); // +100 days of 15 January
    expect(await remindersOf(old.user.id)).toHaveLength(0);
    await app.database.prisma.notificationSettings.delete({ where: { municipalityId: town.id } });
  });

  it("are configured per town by finance clerks, validated", async () => {
    const finance = await signedInClient(
      app,
      await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }),
      town.hosts[0]!.hostname,
    );
    const citizen = await signedInClient(app, await createUser(app, town.id), town.hosts[0]!.hostname);
    const mutation = /* GraphQL */ `
      mutation ($input: NotificationSettingsInput!) {
        updateNotificationSettings(input: $input) {
          __typename
          ... on UpdateNotificationSettingsSuccess {
            settings {
              reminderOffsetsDays
              reminderSendHour
            }
          }
          ... on ValidationError {
            fieldErrors {
              path
              message
            }
          }
        }
      }
    `;
    const input = {
      remindersEnabled: true,
      reminderOffsetsDays: [7, -14, -3],
      reminderSendHour: 9,
      reminderLateWindowDays: 3,
      reminderMaxOverdueDays: 60,
      paymentConfirmationsEnabled: true,
      quietHoursStart: "21:00",
      quietHoursEnd: "07:00",
    };
    const saved = await finance.request(mutation, { input });
    expect(saved.data!.updateNotificationSettings.settings).toEqual({ reminderOffsetsDays: [-14, -3, 7], reminderSendHour: 9 });
    const bad = await finance.request(mutation, {
      input: { ...input, reminderOffsetsDays: [0, 3, 3], reminderSendHour: 24, quietHoursEnd: "7" },
    });
    expect(bad.data!.updateNotificationSettings.fieldErrors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual([
      "quietHoursEnd",
      "reminderOffsetsDays",
      "reminderSendHour",
    ]);
    expect((await citizen.request(mutation, { input })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await app.database.prisma.notificationSettings.delete({ where: { municipalityId: town.id } });
  });
});
