// The notification channels end to end, each against a local service speaking the real protocol: e-mail
// to a real SMTP server (smtp-server) with RFC 8058 one-click unsubscribe, web push to a local push
// service that checks the VAPID JWT and decrypts the aes128gcm payload with the subscription's keys,
// SMS to a fake HTTP gateway. One effect per delivery whatever retries, duplicate jobs and gone
// subscriptions happen; dead letters when a channel keeps failing; demo mode writes to the outbox.
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverBatch, enqueueDeliveries, notificationDeliveryJob } from "../../api/src/jobs/notification-delivery.ts";
import { buildServer } from "../../api/src/server.ts";
import type { NotificationChannel } from "../../api/src/generated/prisma/client.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser } from "../kit/factories.ts";
import { startFakeSmsGateway } from "../kit/fake-sms-gateway.ts";
import { startPushService, type TestSubscription } from "../kit/push-service.ts";
import { startSmtpReceiver } from "../kit/smtp-receiver.ts";

const smtp = await startSmtpReceiver();
const push = await startPushService();
const sms = await startFakeSmsGateway();
let app: TestApp;
let server: FastifyInstance;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let topicId: string;
let areaId: string;

beforeAll(async () => {
  app = await createTestApp({
    NOTIFICATION_DELIVERY: "live",
    SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: sms.url,
    SMS_GATEWAY_TOKEN: sms.token,
    SMS_SENDER: "LIPNICE",
    PUSH_ALLOWED_ORIGINS: push.origin,
    NOTIFICATION_RETRY_LIMIT: "2",
    NOTIFICATION_RETRY_DELAY_SECONDS: "30",
  });
  server = await buildServer(app);
  app.clock.set("2026-12-06T09:00:00Z");
  town = await createMunicipality(app, { name: "Obec Lipnice nad Sázavou", publicUrl: "https://portal.lipnice.example" });
  const prisma = app.database.prisma;
  topicId = (await prisma.notificationTopic.create({ data: { municipalityId: town.id, code: "water", nameCs: "Voda", nameEn: "Water" } }))
    .id;
  areaId = (await prisma.notificationArea.create({ data: { municipalityId: town.id, kind: "TOWN", code: "obec", name: "Celá obec" } })).id;
});
afterEach(() => {
  smtp.state.refuse = () => false;
  push.respond.status = () => null;
  sms.respond.status = () => null;
});
afterAll(async () => {
  await server?.close();
  await app?.close();
  await Promise.all([smtp.close(), push.close(), sms.close()]);
});

let serial = 0;

/** A crisis alert message with one delivery per (user, channel) or push subscription, as the fan-out writes them. */
async function alertWithDeliveries(
  recipients: { userId: string; channel: NotificationChannel; address?: string; subscriptionId?: string }[],
  overrides: { bodyCs?: string; validTo?: Date; severity?: "INFO" | "WARNING" | "CRISIS" } = {},
) {
  const prisma = app.database.prisma;
  const n = ++serial;
  const now = app.clock.now();
  const alert = await prisma.alert.create({
    data: {
      municipalityId: town.id,
      severity: overrides.severity ?? "CRISIS",
      status: "SENT",
      titleCs: `Přerušení dodávky vody ${n}`,
      bodyCs: overrides.bodyCs ?? "V ulici Polní nepoteče voda do 18:00. Cisterna stojí u hasičárny.",
      titleEn: `Water supply interrupted ${n}`,
      bodyEn: "No water in Polní street until 6 pm. A tank stands by the fire station.",
      channels: ["EMAIL", "PUSH", "SMS"],
      validFrom: now,
      validTo: overrides.validTo ?? new Date(now.getTime() + 6 * 3600_000),
      scheduledAt: now,
      publishedAt: now,
      topics: { create: [{ topicId }] },
      areas: { create: [{ areaId }] },
    },
  });
  const message = await prisma.message.create({
    data: {
      municipalityId: town.id,
      kind: "ALERT",
      dedupKey: `alert:${alert.id}`,
      alertId: alert.id,
      severity: alert.severity,
      subjectCs: alert.titleCs,
      bodyCs: alert.bodyCs,
      subjectEn: alert.titleEn!,
      bodyEn: alert.bodyEn!,
      path: `/upozorneni/${alert.id}`,
      createdAt: now,
    },
  });
  const deliveries = await prisma.messageDelivery.createManyAndReturn({
    data: recipients.map((r) => ({
      municipalityId: town.id,
      messageId: message.id,
      userId: r.userId,
      channel: r.channel,
      recipientKey: r.subscriptionId ?? r.userId,
      pushSubscriptionId: r.subscriptionId ?? null,
      address: r.address ?? null,
    })),
  });
  return { alert, message, deliveries };
}

async function citizen(options: { locale?: string; phone?: string } = {}) {
  const user = await createUser(app, town.id);
  if (options.locale) await app.database.prisma.user.update({ where: { id: user.id }, data: { locale: options.locale } });
  return user;
}

async function registerDevice(userId: string, subscription: TestSubscription) {
  return app.database.prisma.pushSubscription.create({
    data: { municipalityId: town.id, userId, endpoint: subscription.endpoint, p256dh: subscription.p256dh, auth: subscription.auth },
  });
}

async function statuses(ids: string[]) {
  const rows = await app.database.prisma.messageDelivery.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, attempts: true, lastError: true, providerId: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** Lets jobs waiting for their retry delay run now. */
async function makeRetriesDue() {
  await app.database.sql.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'notification-delivery' AND state = 'retry'`);
}

describe("e-mail", () => {
  it("sends a localized HTML + text e-mail with one-click unsubscribe headers, once, whatever is queued again", async () => {
    const jana = await citizen();
    const john = await citizen({ locale: "en" });
    const { deliveries } = await alertWithDeliveries(
      [
        { userId: jana.id, channel: "EMAIL", address: jana.email },
        { userId: john.id, channel: "EMAIL", address: john.email },
      ],
      { bodyCs: 'Voda <script>alert("x")</script> nepoteče.\n\nDruhý odstavec.' },
    );
    const ids = deliveries.map((d) => d.id);
    expect(await enqueueDeliveries(app.services, town.id, ids)).toBe(1);
    // The same deliveries queued again (a fan-out resumed after a restart): nothing new.
    expect(await enqueueDeliveries(app.services, town.id, ids)).toBe(0);
    await app.jobs.drain();

    const toJana = smtp.received.filter((m) => m.to.includes(jana.email));
    const toJohn = smtp.received.filter((m) => m.to.includes(john.email));
    expect(toJana).toHaveLength(1);
    expect(toJohn).toHaveLength(1);
    const cs = toJana[0]!;
    expect(cs.subject).toMatch(/^KRIZOVÁ ZPRÁVA: Přerušení dodávky vody/);
    expect(toJohn[0]!.subject).toMatch(/^CRISIS ALERT: Water supply interrupted/);
    expect(toJohn[0]!.text).toContain("No water in Polní street");
    expect(cs.text).toContain("Zobrazit na portálu: https://portal.lipnice.example/upozorneni/");
    expect(cs.html).toContain("&lt;script&gt;");
    expect(cs.html).not.toContain("<script>");
    expect(cs.html).toContain('lang="cs"');
    // RFC 8058: an https URI in List-Unsubscribe and the one-click POST marker.
    expect(cs.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(cs.header("list-unsubscribe")).toMatch(
      /^<https:\/\/portal\.lipnice\.example\/api\/notifications\/unsubscribe\?token=[\w-]+\.[\w-]+>$/,
    );
    expect(cs.text).toContain("Úřední písemnosti vám doručujeme dál");

    const rows = await statuses(ids);
    for (const id of ids) expect(rows.get(id)).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    // Another job with the same deliveries (a duplicate) finds them sent and sends nothing.
    await app.jobs.enqueue(notificationDeliveryJob, { municipalityId: town.id, deliveryIds: ids });
    await app.jobs.drain();
    expect(smtp.received.filter((m) => m.to.includes(jana.email))).toHaveLength(1);
    const outbox = await app.database.prisma.outboxMessage.findMany({ where: { toAddress: jana.email } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: "email", transport: "smtp" });
    expect(outbox[0]!.sentAt).not.toBeNull();
  });

  it("one-click unsubscribe (POST) withdraws that alert topic's e-mails with a consent event; GET only leads to the app", async () => {
    const prisma = app.database.prisma;
    const eva = await citizen();
    await prisma.notificationPreference.createMany({
      data: (["EMAIL", "PUSH"] as const).map((channel) => ({ municipalityId: town.id, userId: eva.id, topicId, areaId, channel })),
    });
    const { deliveries } = await alertWithDeliveries([{ userId: eva.id, channel: "EMAIL", address: eva.email }]);
    await enqueueDeliveries(app.services, town.id, [deliveries[0]!.id]);
    await app.jobs.drain();
    const email = smtp.received.find((m) => m.to.includes(eva.email))!;
    const url = new URL(email.header("list-unsubscribe")!.slice(1, -1));
    const path = `${url.pathname}${url.search}`;
    const host = town.hosts[0]!.hostname;

    // A link scanner's GET changes nothing.
    const get = await server.inject({ method: "GET", url: path, headers: { host } });
    expect(get.statusCode).toBe(303);
    expect(get.headers.location).toMatch(/^\/odhlaseni-upozorneni\?token=/);
    expect(await prisma.notificationPreference.count({ where: { userId: eva.id, channel: "EMAIL" } })).toBe(1);

    // A forged token (another delivery's id, or a changed MAC) is refused.
    const token = url.searchParams.get("token")!;
    const forged = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    const bad = await server.inject({
      method: "POST",
      url: `${url.pathname}?token=${forged}`,
      headers: { host, "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(bad.statusCode).toBe(400);

    // The mail provider's one-click POST: a form body, no cookie, no CSRF header.
    const post = () =>
      server.inject({
        method: "POST",
        url: path,
        headers: { host, "content-type": "application/x-www-form-urlencoded" },
        payload: "List-Unsubscribe=One-Click",
      });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ unsubscribed: true, kind: "ALERT" });
    expect(await prisma.notificationPreference.count({ where: { userId: eva.id, channel: "EMAIL" } })).toBe(0);
    // Push stays: only the e-mails were unsubscribed.
    expect(await prisma.notificationPreference.count({ where: { userId: eva.id, channel: "PUSH" } })).toBe(1);
    const events = await prisma.consentEvent.findMany({ where: { userId: eva.id } });
    expect(events).toMatchObject([{ channel: "EMAIL", granted: false, source: "UNSUBSCRIBE_LINK", topicId, areaId }]);
    // A repeat answers the same and records nothing more.
    expect((await post()).statusCode).toBe(200);
    expect(await prisma.consentEvent.count({ where: { userId: eva.id } })).toBe(1);
  });

  it("a refused e-mail is retried with backoff and delivered once", async () => {
    const petr = await citizen();
    const { deliveries } = await alertWithDeliveries([{ userId: petr.id, channel: "EMAIL", address: petr.email }]);
    let refusals = 1;
    smtp.state.refuse = () => refusals-- > 0;
    await enqueueDeliveries(app.services, town.id, [deliveries[0]!.id]);
    expect(await app.jobs.drain()).toMatchObject({ failed: 1 });
    expect((await statuses([deliveries[0]!.id])).get(deliveries[0]!.id)).toMatchObject({ status: "FAILED", attempts: 1 });
    await makeRetriesDue();
    expect(await app.jobs.drain()).toMatchObject({ completed: 1 });
    expect(smtp.received.filter((m) => m.to.includes(petr.email))).toHaveLength(1);
    expect((await statuses([deliveries[0]!.id])).get(deliveries[0]!.id)).toMatchObject({ status: "SENT", attempts: 2 });
  });
});

describe("web push", () => {
  it("encrypts per subscription with the town's VAPID key; TTL and urgency by severity; gone subscriptions pruned; transient failures retried once", async () => {
    const prisma = app.database.prisma;
    const alena = await citizen();
    const bohus = await citizen({ locale: "en" });
    const [phone, laptop, oldTablet, flaky] = [push.subscribe(), push.subscribe(), push.subscribe(), push.subscribe()];
    const devices = [
      await registerDevice(alena.id, phone),
      await registerDevice(alena.id, laptop),
      await registerDevice(bohus.id, oldTablet),
      await registerDevice(bohus.id, flaky),
    ];
    push.respond.status = (id, attempt) => (id === oldTablet.id ? 410 : id === flaky.id && attempt === 1 ? 503 : null);
    const { alert, message, deliveries } = await alertWithDeliveries(
      devices.map((d) => ({ userId: d.userId, channel: "PUSH" as const, subscriptionId: d.id })),
      { validTo: new Date(app.clock.now().getTime() + 2 * 3600_000) },
    );
    const ids = deliveries.map((d) => d.id);
    await enqueueDeliveries(app.services, town.id, ids);
    expect(await app.jobs.drain()).toMatchObject({ failed: 1 });

    const [received] = push.messagesOf(phone.id) as Record<string, unknown>[];
    expect(received).toMatchObject({
      v: 1,
      kind: "ALERT",
      severity: "CRISIS",
      url: `/upozorneni/${alert.id}`,
      tag: `alert:${alert.id}`,
      messageId: message.id,
    });
    expect(received!.title).toMatch(/^Přerušení dodávky vody/);
    const raw = push.received.find((r) => r.subscriptionId === phone.id)!;
    expect(raw.urgency).toBe("high");
    // A crisis is kept by the push service only while it is valid (2 h here), never more than a day.
    expect(raw.ttl).toBe(2 * 3600);
    expect(raw.topic).toMatch(/^[\w-]{1,32}$/);
    const keys = await prisma.vapidKeyPair.findUniqueOrThrow({ where: { municipalityId: town.id } });
    expect(raw.vapidPublicKey).toBe(keys.publicKey);
    expect(push.messagesOf(laptop.id)).toHaveLength(1);

    let rows = await statuses(ids);
    expect(rows.get(deliveries[0]!.id)).toMatchObject({ status: "SENT" });
    expect(rows.get(deliveries[0]!.id)!.providerId).toContain(push.origin);
    expect(rows.get(deliveries[2]!.id)).toMatchObject({ status: "SKIPPED", lastError: "push subscription gone (410)" });
    expect(rows.get(deliveries[3]!.id)).toMatchObject({ status: "FAILED" });
    expect(await prisma.pushSubscription.findUnique({ where: { id: devices[2]!.id } })).toBeNull();
    expect(await prisma.consentEvent.findMany({ where: { userId: bohus.id } })).toMatchObject([
      { channel: "PUSH", granted: false, source: "PUSH_PRUNED" },
    ]);
    expect((await prisma.pushSubscription.findUniqueOrThrow({ where: { id: devices[0]!.id } })).lastSuccessAt).not.toBeNull();

    await makeRetriesDue();
    await app.jobs.drain();
    rows = await statuses(ids);
    expect(rows.get(deliveries[3]!.id)).toMatchObject({ status: "SENT", attempts: 2 });
    const [english] = push.messagesOf(flaky.id) as Record<string, unknown>[];
    expect(english!.title).toMatch(/^Water supply interrupted/);
    // Exactly one message per subscription that could take it.
    for (const subscription of [phone, laptop, flaky]) expect(push.messagesOf(subscription.id)).toHaveLength(1);
    expect(push.messagesOf(oldTablet.id)).toHaveLength(0);
  });

  it("two jobs holding the same deliveries at once send each one once", async () => {
    const users = await Promise.all([citizen(), citizen(), citizen()]);
    const subscriptions = users.map(() => push.subscribe());
    const devices = await Promise.all(users.map((u, i) => registerDevice(u.id, subscriptions[i]!)));
    const { deliveries } = await alertWithDeliveries(
      devices.map((d) => ({ userId: d.userId, channel: "PUSH" as const, subscriptionId: d.id })),
      {
        severity: "INFO",
      },
    );
    const ids = deliveries.map((d) => d.id);
    const [a, b] = await Promise.all([
      deliverBatch(app.services, town.id, ids, { lastAttempt: false }),
      deliverBatch(app.services, town.id, [...ids].reverse(), { lastAttempt: false }),
    ]);
    expect(a.sent + b.sent).toBe(3);
    for (const subscription of subscriptions) expect(push.messagesOf(subscription.id)).toHaveLength(1);
    const raw = push.received.find((r) => r.subscriptionId === subscriptions[0]!.id)!;
    expect(raw.urgency).toBe("low");
    // The other batch put its share back in the queue for when the lease ends, and then finds them sent.
    await app.database.sql.query(`UPDATE pgboss.job SET start_after = now() WHERE name = 'notification-delivery' AND state = 'created'`);
    await app.jobs.drain();
    for (const subscription of subscriptions) expect(push.messagesOf(subscription.id)).toHaveLength(1);
  });

  it("refuses to POST to an endpoint that is not a push service", async () => {
    const user = await citizen();
    const device = await app.database.prisma.pushSubscription.create({
      data: {
        municipalityId: town.id,
        userId: user.id,
        endpoint: "http://169.254.169.254/latest/meta-data",
        p256dh: push.subscribe().p256dh,
        auth: "AAAAAAAAAAAAAAAAAAAAAA",
      },
    });
    const { deliveries } = await alertWithDeliveries([{ userId: user.id, channel: "PUSH", subscriptionId: device.id }]);
    await deliverBatch(app.services, town.id, [deliveries[0]!.id], { lastAttempt: false });
    expect((await statuses([deliveries[0]!.id])).get(deliveries[0]!.id)).toMatchObject({ status: "DEAD" });
  });
});

describe("SMS", () => {
  it("sends through the gateway without diacritics, to E.164, with the delivery as reference; a refused number is dead at once", async () => {
    const marie = await citizen();
    const wrong = await citizen();
    const { deliveries } = await alertWithDeliveries([
      { userId: marie.id, channel: "SMS", address: "+420 601 123 456" },
      { userId: wrong.id, channel: "SMS", address: "+420 799 000 000" },
    ]);
    sms.respond.status = (message) => (message.to === "+420799000000" ? 400 : null);
    await enqueueDeliveries(
      app.services,
      town.id,
      deliveries.map((d) => d.id),
    );
    await app.jobs.drain();
    const toMarie = sms.received.filter((m) => m.to === "+420601123456");
    expect(toMarie).toHaveLength(1);
    expect(toMarie[0]).toMatchObject({ sender: "LIPNICE", reference: deliveries[0]!.id, idempotencyKey: deliveries[0]!.id });
    expect(toMarie[0]!.text).toMatch(/^Obec Lipnice nad Sazavou: Preruseni dodavky vody/);
    expect(toMarie[0]!.text).toContain("Vice: https://portal.lipnice.example/upozorneni/");
    expect(toMarie[0]!.text).toMatch(/^[\x20-\x7e\n]+$/);
    const rows = await statuses(deliveries.map((d) => d.id));
    expect(rows.get(deliveries[0]!.id)).toMatchObject({ status: "SENT", providerId: expect.stringMatching(/^sms-/) });
    expect(rows.get(deliveries[1]!.id)).toMatchObject({ status: "DEAD" });
  });

  it("a gateway that keeps failing: retries with backoff, then the deliveries are dead and the job a dead letter for admins", async () => {
    const user = await citizen();
    const { deliveries } = await alertWithDeliveries([{ userId: user.id, channel: "SMS", address: "+420 602 222 333" }]);
    sms.respond.status = () => 503;
    await enqueueDeliveries(app.services, town.id, [deliveries[0]!.id]);
    await app.jobs.drain(); // attempt 1
    await makeRetriesDue();
    await app.jobs.drain(); // attempt 2
    await makeRetriesDue();
    await app.jobs.drain(); // attempt 3 = the last (limit 2)
    const row = (await statuses([deliveries[0]!.id])).get(deliveries[0]!.id)!;
    expect(row).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(row.lastError).toContain("503");
    const dead = await app.jobs.deadLetters(town.id);
    expect(dead.some((d) => d.kind === "notification-delivery" && d.attempts === 3)).toBe(true);
    expect(sms.received.filter((m) => m.to === "+420602222333")).toHaveLength(0);
  });
});

describe("demo mode (outbox)", () => {
  it("writes every channel's message to the outbox and sends nothing", async () => {
    const demo = await createTestApp({
      NOTIFICATION_DELIVERY: "outbox",
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: sms.url,
      PUSH_ALLOWED_ORIGINS: push.origin,
    });
    try {
      const prisma = demo.database.prisma;
      const demoTown = await createMunicipality(demo, { name: "Obec Ukázková" });
      const user = await createUser(demo, demoTown.id);
      const subscription = push.subscribe();
      const device = await prisma.pushSubscription.create({
        data: {
          municipalityId: demoTown.id,
          userId: user.id,
          endpoint: subscription.endpoint,
          p256dh: subscription.p256dh,
          auth: subscription.auth,
        },
      });
      const message = await prisma.message.create({
        data: {
          municipalityId: demoTown.id,
          kind: "PAYMENT_REMINDER",
          dedupKey: "reminder:demo",
          userId: user.id,
          subjectCs: "Blíží se splatnost poplatku",
          bodyCs: "Poplatek za odpad 1 200 Kč je splatný 15. 12. 2026.",
          subjectEn: "A fee falls due soon",
          bodyEn: "The waste fee of CZK 1,200 is due on 15 Dec 2026.",
          path: "/osobni-ucet",
        },
      });
      const deliveries = await prisma.messageDelivery.createManyAndReturn({
        data: [
          {
            municipalityId: demoTown.id,
            messageId: message.id,
            userId: user.id,
            channel: "EMAIL",
            recipientKey: user.id,
            address: user.email,
          },
          {
            municipalityId: demoTown.id,
            messageId: message.id,
            userId: user.id,
            channel: "SMS",
            recipientKey: user.id,
            address: "+420 603 444 555",
          },
          {
            municipalityId: demoTown.id,
            messageId: message.id,
            userId: user.id,
            channel: "PUSH",
            recipientKey: device.id,
            pushSubscriptionId: device.id,
          },
        ],
      });
      const before = { smtp: smtp.received.length, sms: sms.received.length, push: push.received.length };
      await enqueueDeliveries(
        demo.services,
        demoTown.id,
        deliveries.map((d) => d.id),
      );
      await demo.jobs.drain();
      expect({ smtp: smtp.received.length, sms: sms.received.length, push: push.received.length }).toEqual(before);
      const outbox = await prisma.outboxMessage.findMany({ where: { municipalityId: demoTown.id }, orderBy: { channel: "asc" } });
      expect(outbox.map((o) => [o.channel, o.transport])).toEqual([
        ["email", "outbox"],
        ["push", "outbox"],
        ["sms", "outbox"],
      ]);
      expect(outbox.find((o) => o.channel === "sms")!.textBody).toContain("Blizi se splatnost poplatku");
      expect(JSON.parse(outbox.find((o) => o.channel === "push")!.textBody)).toMatchObject({
        kind: "PAYMENT_REMINDER",
        url: "/osobni-ucet",
      });
      const rows = await prisma.messageDelivery.findMany({ where: { messageId: message.id } });
      expect(rows.every((r) => r.status === "SENT" && r.outboxMessageId)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
