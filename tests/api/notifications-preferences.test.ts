import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createAssessment, createPayer, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { createAlertTown, ERROR_FIELDS, fakePushKeys, globalId, type AlertTown } from "./notifications-support.ts";

let app: TestApp;
let t: AlertTown;

beforeAll(async () => {
  app = await createTestApp({ PHONE_CODE_COOLDOWN_SECONDS: "0" });
  t = await createAlertTown(app);
});
afterAll(async () => {
  await app.close();
});

const PREFERENCE_FIELDS = /* GraphQL */ `
  subscriptions { topicId areaId channel }
  smsPhone
  smsPhoneVerified
  pendingSmsPhone
  quietHoursStart
  quietHoursEnd
  reminderChannels
  pushDevices { id }
  officialDelivery
`;

const SET = /* GraphQL */ `
  mutation Set($input: NotificationPreferencesInput!) {
    setNotificationPreferences(input: $input) {
      __typename
      ... on SetNotificationPreferencesSuccess { preferences { ${PREFERENCE_FIELDS} } }
      ${ERROR_FIELDS}
    }
  }
`;

const base = { reminderChannels: ["EMAIL"], paymentChannels: ["EMAIL"], submissionChannels: ["EMAIL"] };
const sub = (topic: { id: string }, area: { id: string }, channel: string) => ({
  topicId: globalId("NotificationTopic", topic.id),
  areaId: globalId("NotificationArea", area.id),
  channel,
});

async function citizen() {
  const user = await createUser(app, t.town.id);
  return { user, client: await signedInClient(app, user, t.host) };
}

describe("a citizen's notification preferences", () => {
  it("saves topic × area × channel choices and appends every grant and withdrawal to the consent history", async () => {
    const { user, client } = await citizen();
    const first = await client.request(SET, {
      input: {
        ...base,
        subscriptions: [sub(t.topics.water, t.areas.northStreet, "EMAIL"), sub(t.topics.crisis, t.areas.wholeTown, "EMAIL")],
        quietHoursStart: "22:00",
        quietHoursEnd: "06:30",
      },
    });
    expect(first.data!.setNotificationPreferences.preferences).toMatchObject({
      quietHoursStart: "22:00",
      quietHoursEnd: "06:30",
      officialDelivery: "POST",
    });
    const second = await client.request(SET, {
      input: { ...base, subscriptions: [sub(t.topics.crisis, t.areas.wholeTown, "EMAIL")], reminderChannels: [] },
    });
    expect(second.data!.setNotificationPreferences.preferences.subscriptions).toEqual([sub(t.topics.crisis, t.areas.wholeTown, "EMAIL")]);
    // Town default quiet hours apply again when the citizen gives none.
    expect(second.data!.setNotificationPreferences.preferences).toMatchObject({
      quietHoursStart: "21:00",
      quietHoursEnd: "07:00",
      reminderChannels: [],
    });

    const history = await client.request(`query { myConsentHistory { channel granted topicName messageKind source } }`);
    const entries = history.data!.myConsentHistory.map((e: { granted: boolean; topicName: string | null; messageKind: string | null }) => [
      e.granted,
      e.topicName ?? e.messageKind,
    ]);
    expect(entries).toEqual(
      expect.arrayContaining([
        [true, "Téma water"],
        [true, "Téma crisis"],
        [false, "Téma water"],
        [false, "PAYMENT_REMINDER"],
      ]),
    );
    expect(entries).toHaveLength(4);
    // Append-only: the database refuses to change or delete the evidence.
    await expect(app.database.prisma.consentEvent.updateMany({ where: { userId: user.id }, data: { granted: true } })).rejects.toThrow(
      /append-only/,
    );
    await expect(app.database.prisma.consentEvent.deleteMany({ where: { userId: user.id } })).rejects.toThrow(/append-only/);
    // Saving the same again records nothing.
    await client.request(SET, {
      input: { ...base, subscriptions: [sub(t.topics.crisis, t.areas.wholeTown, "EMAIL")], reminderChannels: [] },
    });
    expect(await app.database.prisma.consentEvent.count({ where: { userId: user.id } })).toBe(4);
  });

  it("refuses SMS without a verified phone, push without a device, other towns' topics and bad times", async () => {
    const { client } = await citizen();
    const other = await createAlertTown(app);
    const refused = await client.request(SET, {
      input: {
        ...base,
        subscriptions: [sub(t.topics.water, t.areas.north, "SMS"), sub(t.topics.water, t.areas.north, "PUSH")],
        quietHoursStart: "25:00",
        quietHoursEnd: "06:00",
      },
    });
    expect(refused.data!.setNotificationPreferences.__typename).toBe("ValidationError");
    expect(refused.data!.setNotificationPreferences.fieldErrors.map((e: { path: string[] }) => e.path[0])).toEqual(["quietHoursStart"]);
    const channels = await client.request(SET, {
      input: { ...base, subscriptions: [sub(t.topics.water, t.areas.north, "SMS"), sub(t.topics.water, t.areas.north, "PUSH")] },
    });
    expect(channels.data!.setNotificationPreferences.fieldErrors.map((e: { code: string }) => e.code).sort()).toEqual([
      "NO_PUSH_DEVICE",
      "SMS_UNVERIFIED",
    ]);
    const foreign = await client.request(SET, { input: { ...base, subscriptions: [sub(other.topics.water, t.areas.north, "EMAIL")] } });
    expect(foreign.data!.setNotificationPreferences.fieldErrors[0]).toMatchObject({ code: "UNKNOWN" });
    const anonymous = await new Client(app, { host: t.host }).request(SET, { input: { ...base, subscriptions: [] } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("verifies a phone by a code sent by SMS, with limits on codes and tries", async () => {
    const { user, client } = await citizen();
    const start = `mutation($phone: String!) { startPhoneVerification(phone: $phone) { __typename ... on StartPhoneVerificationSuccess { verification { phone } } ${ERROR_FIELDS} } }`;
    const confirm = `mutation($code: String!) { confirmPhoneVerification(code: $code) { __typename ... on ConfirmPhoneVerificationSuccess { preferences { smsPhone smsPhoneVerified } } ${ERROR_FIELDS} } }`;
    expect((await client.request(start, { phone: "212 345 678" })).data!.startPhoneVerification.fieldErrors[0].code).toBe("CUSTOM");
    const started = await client.request(start, { phone: "605 111 222" });
    expect(started.data!.startPhoneVerification.verification.phone).toBe("+420605111222");
    await app.jobs.drain();
    // Demo mode: the SMS is in the outbox; the code is in it.
    const sms = await app.database.prisma.outboxMessage.findFirstOrThrow({ where: { delivery: { userId: user.id, channel: "SMS" } } });
    const code = /(\d{6})/.exec(sms.textBody)![1]!;
    const wrong = await client.request(confirm, { code: code === "000000" ? "111111" : "000000" });
    expect(wrong.data!.confirmPhoneVerification.fieldErrors[0]).toMatchObject({ path: ["code"], code: "WRONG_CODE" });
    const right = await client.request(confirm, { code });
    expect(right.data!.confirmPhoneVerification.preferences).toEqual({ smsPhone: "+420605111222", smsPhoneVerified: true });
    // Three codes an hour.
    await client.request(start, { phone: "605 111 223" });
    await client.request(start, { phone: "605 111 224" });
    const limited = await client.request(start, { phone: "605 111 225" });
    expect(limited.data!.startPhoneVerification).toMatchObject({ __typename: "TooManyAttemptsError", code: "TOO_MANY_ATTEMPTS" });
    // The verified phone allows SMS choices; removing it withdraws them.
    await client.request(SET, { input: { ...base, subscriptions: [sub(t.topics.water, t.areas.north, "SMS")] } });
    const removed = await client.request(
      `mutation { removeSmsPhone { ... on RemoveSmsPhoneSuccess { preferences { smsPhone subscriptions { channel } } } } }`,
    );
    expect(removed.data!.removeSmsPhone.preferences).toEqual({ smsPhone: null, subscriptions: [] });
  });

  it("registers push devices of known push services only, and keeps the legal delivery apart", async () => {
    const { client } = await citizen();
    const register = `mutation($input: PushSubscriptionInput!) { registerPushSubscription(input: $input) { __typename ... on RegisterPushSubscriptionSuccess { preferences { pushDevices { id } } } ${ERROR_FIELDS} } }`;
    const evil = await client.request(register, { input: { endpoint: "http://169.254.169.254/latest", ...fakePushKeys() } });
    expect(evil.data!.registerPushSubscription.fieldErrors[0].path).toEqual(["endpoint"]);
    const badKey = await client.request(register, {
      input: { endpoint: "https://fcm.googleapis.com/fcm/send/abc", p256dh: "AAAA", auth: "BBBB" },
    });
    expect(badKey.data!.registerPushSubscription.fieldErrors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(["auth", "p256dh"]);
    const input = { endpoint: "https://fcm.googleapis.com/fcm/send/device-1", ...fakePushKeys() };
    await client.request(register, { input });
    const again = await client.request(register, { input });
    expect(again.data!.registerPushSubscription.preferences.pushDevices).toHaveLength(1);

    const official = await client.request(
      `mutation { setOfficialDelivery(method: DATA_BOX, address: "abc2def") { ... on SetOfficialDeliverySuccess { preferences { officialDelivery } } } }`,
    );
    expect(official.data!.setOfficialDelivery.preferences.officialDelivery).toBe("DATA_BOX");
    // Changing notification choices never touches it.
    const after = await client.request(SET, { input: { ...base, subscriptions: [], reminderChannels: [] } });
    expect(after.data!.setNotificationPreferences.preferences.officialDelivery).toBe("DATA_BOX");
    const removed = await client.request(
      `mutation($endpoint: String) { removePushSubscription(endpoint: $endpoint) { ... on RemovePushSubscriptionSuccess { preferences { pushDevices { id } } } } }`,
      {
        endpoint: input.endpoint,
      },
    );
    expect(removed.data!.removePushSubscription.preferences.pushDevices).toEqual([]);
  });
});

describe("the communication history", () => {
  it("shows the citizen's own messages with their delivery status, assessments and payments, newest first, with filters and pages", async () => {
    app.clock.set("2026-11-26T10:00:00Z");
    const { user } = await citizen();
    const { user: neighbour } = await citizen();
    const payer = await createPayer(app, t.town.id, { userIds: [user.id] });
    app.clock.set("2026-11-26T10:00:00Z");
    const assessment = await createAssessment(app, payer, { subject: "Poplatek za odpad 2026", amount: 80_000, dueDate: "2026-12-31" });
    // The factory leaves the creation time to the database's clock; the history orders by it.
    await app.database.prisma.assessment.update({ where: { id: assessment.id }, data: { createdAt: app.clock.now() } });
    app.clock.set("2026-11-27T10:00:00Z");
    await app.database.prisma.payment.create({
      data: {
        municipalityId: t.town.id,
        source: "BANK_STATEMENT",
        amount: 80_000n,
        receivedOn: new Date("2026-11-27T00:00:00Z"),
        createdAt: app.clock.now(),
        allocations: { create: { assessmentId: assessment.id, amount: 80_000n, method: "AUTO" } },
      },
    });
    // A confirmation of that payment, by the job as the statement import queues it.
    const { confirmPayments } = await import("../../api/src/services/notifications/confirm-payments.ts");
    app.clock.set("2026-11-27T10:05:00Z");
    expect(
      await confirmPayments(app.services, t.town.id, {
        paymentIds: (await app.database.prisma.payment.findMany({ where: { allocations: { some: { assessmentId: assessment.id } } } })).map(
          (p) => p.id,
        ),
      }),
    ).toBe(1);
    await app.jobs.drain();
    // Someone else's message never shows.
    await app.database.prisma.message.create({
      data: {
        municipalityId: t.town.id,
        kind: "PAYMENT_REMINDER",
        dedupKey: `other-${neighbour.id}`,
        userId: neighbour.id,
        subjectCs: "Cizí",
        bodyCs: "x",
        subjectEn: "Other",
        bodyEn: "x",
        path: "/",
        deliveries: { create: { municipalityId: t.town.id, userId: neighbour.id, channel: "EMAIL", recipientKey: neighbour.id } },
      },
    });

    const client = await signedInClient(app, user, t.host);
    const query = `query($first: Int, $after: String, $filter: TimelineFilter) {
      communicationHistory(first: $first, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor }
        nodes { id kind title summary amount messageKind deliveries { channel status } }
      }
    }`;
    const all = await client.request(query, { first: 10 });
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.communicationHistory.nodes;
    expect(nodes.map((n: { kind: string }) => n.kind)).toEqual(["MESSAGE", "PAYMENT", "ASSESSMENT"]);
    expect(nodes[0]).toMatchObject({
      messageKind: "PAYMENT_CONFIRMATION",
      title: "Přijali jsme vaši platbu 800,00\u00a0Kč",
      deliveries: [{ channel: "EMAIL", status: "SENT" }],
    });
    expect(nodes[1]).toMatchObject({ title: "Platba 800,00\u00a0Kč přijata", amount: "800.00" });
    expect(nodes[2]).toMatchObject({ title: "Poplatek za odpad 2026", amount: "800.00" });

    const page1 = await client.request(query, { first: 2 });
    expect(page1.data!.communicationHistory.pageInfo.hasNextPage).toBe(true);
    const page2 = await client.request(query, { first: 2, after: page1.data!.communicationHistory.pageInfo.endCursor });
    expect(page2.data!.communicationHistory.nodes.map((n: { id: string }) => n.id)).toEqual([nodes[2].id]);

    const onlyEmail = await client.request(query, { filter: { channel: "EMAIL" } });
    expect(onlyEmail.data!.communicationHistory.nodes.map((n: { kind: string }) => n.kind)).toEqual(["MESSAGE"]);
    const onlyMoney = await client.request(query, { filter: { kinds: ["PAYMENT", "ASSESSMENT"], from: "2026-11-27" } });
    expect(onlyMoney.data!.communicationHistory.nodes.map((n: { kind: string }) => n.kind)).toEqual(["PAYMENT"]);
    const badCursor = await client.request(query, { after: "nonsense" });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await new Client(app, { host: t.host }).request(query)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
