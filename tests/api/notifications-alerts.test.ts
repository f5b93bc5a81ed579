import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createUser, signedInClient } from "../kit/factories.ts";
import { alertPublishJob } from "../../api/src/jobs/alert-publish.ts";
import { notificationDeliveryJob } from "../../api/src/jobs/notification-delivery.ts";
import { notificationFanoutJob } from "../../api/src/jobs/notification-fanout.ts";
import {
  ALERT_FIELDS,
  CREATE_ALERT,
  createAlertTown,
  createSubscriber,
  ERROR_FIELDS,
  globalId,
  runJobsDueBy,
  type AlertTown,
} from "./notifications-support.ts";

let app: TestApp;
let server: FastifyInstance;
let t: AlertTown;

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
  t = await createAlertTown(app);
});
// Sessions last a day and the tests move the clock forward: each test signs the clerk in afresh.
beforeEach(async () => {
  t.clerk = await signedInClient(app, t.clerkUser, t.host);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const id = (type: string, row: { id: string }) => globalId(type, row.id);

function alertInput(overrides: Record<string, unknown> = {}) {
  return {
    severity: "WARNING",
    titleCs: "Odstávka vody",
    bodyCs: "Ve čtvrtek nepoteče voda.",
    topicIds: [id("NotificationTopic", t.topics.water)],
    areaIds: [id("NotificationArea", t.areas.north)],
    channels: ["EMAIL", "PUSH", "SMS"],
    ...overrides,
  };
}

const COUNTS = /* GraphQL */ `
  query Counts($audience: AlertAudienceInput!) {
    alertRecipientCounts(audience: $audience) {
      email
      sms
      push
      pushCitizens
      citizens
    }
  }
`;

async function deliveriesOf(alertGlobalId: string) {
  const alertId = Buffer.from(alertGlobalId, "base64").toString().split(":")[1]!;
  return app.database.prisma.messageDelivery.findMany({ where: { message: { alertId } }, orderBy: { createdAt: "asc" } });
}

describe("composing and sending alerts", () => {
  it("reaches exactly the citizens whose topic × area × channel choices match, counted before sending", async () => {
    const { water, roadworks } = t.topics;
    const { wholeTown, north, south, northStreet, southStreet } = t.areas;
    // Matches: the street of the alerted district, the district itself, the whole town.
    const onStreet = await createSubscriber(app, t, [{ topicId: water.id, areaId: northStreet.id, channel: "EMAIL" }], { devices: 2 });
    await app.database.prisma.notificationPreference.create({
      data: { municipalityId: t.town.id, userId: onStreet.id, topicId: water.id, areaId: northStreet.id, channel: "PUSH" },
    });
    const inDistrict = await createSubscriber(app, t, [{ topicId: water.id, areaId: north.id, channel: "SMS" }]);
    const townWide = await createSubscriber(app, t, [{ topicId: water.id, areaId: wholeTown.id, channel: "EMAIL" }]);
    // Not: another district's street, another topic, an unverified e-mail, a disabled account.
    await createSubscriber(app, t, [{ topicId: water.id, areaId: southStreet.id, channel: "EMAIL" }]);
    await createSubscriber(app, t, [{ topicId: roadworks.id, areaId: north.id, channel: "EMAIL" }]);
    await createSubscriber(app, t, [{ topicId: water.id, areaId: north.id, channel: "EMAIL" }], { verified: false });
    const disabled = await createSubscriber(app, t, [{ topicId: water.id, areaId: wholeTown.id, channel: "EMAIL" }]);
    await app.database.prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: app.clock.now() } });
    void south;

    const audience = {
      severity: "WARNING",
      topicIds: [id("NotificationTopic", water)],
      areaIds: [id("NotificationArea", north)],
      channels: ["EMAIL", "PUSH", "SMS"],
    };
    const counts = await t.clerk.request(COUNTS, { audience });
    expect(counts.errors).toBeUndefined();
    expect(counts.data!.alertRecipientCounts).toEqual({ email: 2, sms: 1, push: 2, pushCitizens: 1, citizens: 3 });
    const emailOnly = await t.clerk.request(COUNTS, { audience: { ...audience, channels: ["EMAIL"] } });
    expect(emailOnly.data!.alertRecipientCounts).toMatchObject({ email: 2, sms: 0, push: 0, citizens: 2 });

    const created = await t.clerk.request(CREATE_ALERT, { input: alertInput(), key: "compose-1" });
    expect(created.data!.createAlert.__typename).toBe("CreateAlertSuccess");
    const alert = created.data!.createAlert.alert;
    expect(alert).toMatchObject({ status: "SENDING", severity: "WARNING", isValid: true, path: expect.stringMatching(/^\/upozorneni\//) });

    // A double submit answers the same alert and sends nothing more.
    const again = await t.clerk.request(CREATE_ALERT, { input: alertInput(), key: "compose-1" });
    expect(again.data!.createAlert.alert.id).toBe(alert.id);

    await app.jobs.drain();
    const deliveries = await deliveriesOf(alert.id);
    const summary = deliveries.map((d) => `${d.channel}:${d.userId}`).sort();
    expect(summary).toEqual(
      [`EMAIL:${onStreet.id}`, `EMAIL:${townWide.id}`, `PUSH:${onStreet.id}`, `PUSH:${onStreet.id}`, `SMS:${inDistrict.id}`].sort(),
    );
    // Demo mode (outbox): every delivery was handed to its channel, once.
    expect(deliveries.every((d) => d.status === "SENT")).toBe(true);
    expect(await app.database.prisma.outboxMessage.count({ where: { delivery: { messageId: deliveries[0]!.messageId } } })).toBe(5);
    const sent = await app.database.prisma.alert.findFirstOrThrow({ where: { titleCs: "Odstávka vody", municipalityId: t.town.id } });
    expect(sent.status).toBe("SENT");

    // Delivery statistics for the desk.
    const list = await t.clerk.request(/* GraphQL */ `
      query {
        allAlerts(first: 5) {
          totalCount
          nodes {
            id
            status
            deliveries {
              channel
              total
              sent
              pending
            }
          }
        }
      }
    `);
    expect(list.errors).toBeUndefined();
    const row = list.data!.allAlerts.nodes.find((n: { id: string }) => n.id === alert.id);
    expect(row.deliveries).toEqual([
      { channel: "PUSH", total: 2, sent: 2, pending: 0 },
      { channel: "SMS", total: 1, sent: 1, pending: 0 },
      { channel: "EMAIL", total: 2, sent: 2, pending: 0 },
    ]);
  });

  it("holds push and SMS of a non-crisis alert until quiet hours end, sends a crisis at once and by push and SMS first", async () => {
    const { water, crisis } = t.topics;
    // 23:30 in Prague (CET): inside the town's default quiet hours 21:00-07:00.
    app.clock.set("2026-11-26T22:30:00Z");
    const night = await createSubscriber(app, t, [
      { topicId: crisis.id, areaId: t.areas.wholeTown.id, channel: "SMS" },
      { topicId: crisis.id, areaId: t.areas.wholeTown.id, channel: "EMAIL" },
      { topicId: water.id, areaId: t.areas.south.id, channel: "SMS" },
      { topicId: water.id, areaId: t.areas.south.id, channel: "EMAIL" },
    ]);
    const quiet = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({
        topicIds: [id("NotificationTopic", water)],
        areaIds: [id("NotificationArea", t.areas.southStreet)],
        channels: ["SMS", "EMAIL"],
      }),
    });
    const crisisAlert = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({
        severity: "CRISIS",
        titleCs: "Povodeň",
        topicIds: [id("NotificationTopic", water)],
        areaIds: [id("NotificationArea", t.areas.southStreet)],
        channels: ["EMAIL", "SMS"],
      }),
    });
    // pg-boss schedules by the database's real clock; these run the jobs as of the test clock.
    await runJobsDueBy(app, [notificationFanoutJob, notificationDeliveryJob]);
    const held = (await deliveriesOf(quiet.data!.createAlert.alert.id)).filter((d) => d.userId === night.id);
    expect(held.find((d) => d.channel === "SMS")).toMatchObject({ status: "PENDING", notBefore: new Date("2026-11-27T06:00:00Z") });
    expect(held.find((d) => d.channel === "EMAIL")).toMatchObject({ status: "SENT", notBefore: null });
    // The crisis topic's subscribers get a crisis alert of another topic too; nobody waits.
    const urgent = (await deliveriesOf(crisisAlert.data!.createAlert.alert.id)).filter((d) => d.userId === night.id);
    expect(urgent.map((d) => [d.channel, d.status, d.notBefore]).sort()).toEqual([
      ["EMAIL", "SENT", null],
      ["SMS", "SENT", null],
    ]);

    // At 07:00 the held SMS goes.
    app.clock.set("2026-11-27T06:00:30Z");
    await runJobsDueBy(app, [notificationDeliveryJob]);
    const later = (await deliveriesOf(quiet.data!.createAlert.alert.id)).find((d) => d.userId === night.id && d.channel === "SMS");
    expect(later!.status).toBe("SENT");
  });

  it("publishes a crisis alert for everyone: list, detail, banner and the feed", async () => {
    const created = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({
        severity: "CRISIS",
        titleCs: "Uzavřený most",
        titleEn: "Bridge closed",
        bodyCs: "Most přes řeku je uzavřen <a>.",
        topicIds: [id("NotificationTopic", t.topics.crisis)],
        areaIds: [],
        channels: ["PUSH"],
        validTo: "2026-11-28T10:00:00Z",
      }),
    });
    const alert = created.data!.createAlert.alert;
    const banner = await t.anonymous.request(`query { crisisAlert { id title severity areas { id } } }`);
    expect(banner.data!.crisisAlert).toMatchObject({ id: alert.id, title: "Uzavřený most", severity: "CRISIS", areas: [] });
    const english = t.anonymous;
    english.locale = "en";
    const detail = await english.request(`query($id: ID!) { alert(id: $id) { ${ALERT_FIELDS} } }`, { id: alert.id });
    expect(detail.data!.alert.title).toBe("Bridge closed");
    english.locale = "cs";
    const list = await t.anonymous.request(`query { alerts(first: 20, filter: { severity: CRISIS }) { totalCount nodes { id } } }`);
    expect(list.data!.alerts.nodes.map((n: { id: string }) => n.id)).toContain(alert.id);
    // The desk's fields are not public.
    const peek = await t.anonymous.request(`query($id: ID!) { alert(id: $id) { status channels } }`, { id: alert.id });
    expect(peek.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const atom = await server.inject({ url: "/feeds/upozorneni.atom", headers: { host: t.host } });
    expect(atom.statusCode).toBe(200);
    expect(atom.headers["content-type"]).toContain("application/atom+xml");
    expect(atom.body).toContain("Krizová situace: Uzavřený most");
    expect(atom.body).toContain("&lt;a&gt;");
    const rss = await server.inject({ url: "/feeds/upozorneni.rss?lang=en", headers: { host: t.host } });
    expect(rss.body).toContain("Crisis: Bridge closed");
    const cached = await server.inject({
      url: "/feeds/upozorneni.atom",
      headers: { host: t.host, "if-none-match": String(atom.headers.etag) },
    });
    expect(cached.statusCode).toBe(304);

    // Ended: the banner goes, the alert stays listed.
    const ended = await t.clerk.request(
      `mutation($id: ID!) { endAlert(id: $id) { __typename ... on EndAlertSuccess { alert { isValid } } } }`,
      { id: alert.id },
    );
    expect(ended.data!.endAlert.alert.isValid).toBe(false);
    expect((await t.anonymous.request(`query { crisisAlert { id } }`)).data!.crisisAlert?.id).not.toBe(alert.id);
  });

  it("schedules, reschedules and cancels; a scheduled alert is public only once published by its job", async () => {
    const scheduled = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({
        titleCs: "Plánovaná uzavírka",
        topicIds: [id("NotificationTopic", t.topics.roadworks)],
        scheduledAt: "2026-11-27T07:00:00Z",
      }),
    });
    const alert = scheduled.data!.createAlert.alert;
    expect(alert.status).toBe("SCHEDULED");
    expect((await t.anonymous.request(`query($id: ID!) { alert(id: $id) { id } }`, { id: alert.id })).data!.alert).toBeNull();

    // Moved to 09:00; the job of 07:00 then finds nothing to do.
    const moved = await t.clerk.request(
      `mutation($id: ID!, $input: AlertInput!) { updateAlert(id: $id, input: $input) { __typename ... on UpdateAlertSuccess { alert { scheduledAt status } } ${ERROR_FIELDS} } }`,
      {
        id: alert.id,
        input: alertInput({
          titleCs: "Plánovaná uzavírka",
          topicIds: [id("NotificationTopic", t.topics.roadworks)],
          scheduledAt: "2026-11-27T09:00:00Z",
        }),
      },
    );
    expect(moved.data!.updateAlert.alert).toEqual({ scheduledAt: "2026-11-27T09:00:00.000Z", status: "SCHEDULED" });
    app.clock.set("2026-11-27T07:30:00Z");
    await runJobsDueBy(app, [alertPublishJob]);
    expect((await app.database.prisma.alert.findFirstOrThrow({ where: { titleCs: "Plánovaná uzavírka" } })).status).toBe("SCHEDULED");
    app.clock.set("2026-11-27T09:00:05Z");
    await runJobsDueBy(app, [alertPublishJob]);
    expect((await t.anonymous.request(`query($id: ID!) { alert(id: $id) { id publishedAt } }`, { id: alert.id })).data!.alert).toEqual({
      id: alert.id,
      publishedAt: "2026-11-27T09:00:05.000Z",
    });
    // Published: it can no longer be cancelled.
    const late = await t.clerk.request(`mutation($id: ID!) { cancelAlert(id: $id) { __typename ${ERROR_FIELDS} } }`, { id: alert.id });
    expect(late.data!.cancelAlert).toMatchObject({ __typename: "AlertStateError", code: "ALERT_NOT_SCHEDULED" });

    const other = await t.clerk.request(CREATE_ALERT, { input: alertInput({ titleCs: "Zrušená", scheduledAt: "2026-11-28T09:00:00Z" }) });
    const cancelled = await t.clerk.request(
      `mutation($id: ID!) { cancelAlert(id: $id) { __typename ... on CancelAlertSuccess { alert { status } } } }`,
      {
        id: other.data!.createAlert.alert.id,
      },
    );
    expect(cancelled.data!.cancelAlert.alert.status).toBe("CANCELLED");
    app.clock.set("2026-11-28T10:00:00Z");
    await runJobsDueBy(app, [alertPublishJob]);
    expect((await app.database.prisma.alert.findFirstOrThrow({ where: { titleCs: "Zrušená" } })).publishedAt).toBeNull();
  });

  it("refuses bad input field by field, and other towns' topics", async () => {
    const otherTown = await createAlertTown(app);
    const bad = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({
        titleCs: " ",
        topicIds: [id("NotificationTopic", otherTown.topics.water)],
        channels: [],
        validFrom: "2026-11-27T10:00:00Z",
        validTo: "2026-11-27T09:00:00Z",
      }),
    });
    expect(bad.data!.createAlert.__typename).toBe("ValidationError");
    const paths = bad.data!.createAlert.fieldErrors.map((e: { path: string[] }) => e.path.join("."));
    expect(paths).toContain("titleCs");
    const audience = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({ topicIds: [id("NotificationTopic", otherTown.topics.water)], channels: [] }),
    });
    expect(audience.data!.createAlert.fieldErrors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(["channels"]);
    const foreign = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({ topicIds: [id("NotificationTopic", otherTown.topics.water)] }),
    });
    expect(foreign.data!.createAlert.fieldErrors[0]).toMatchObject({
      path: ["topicIds"],
      code: "UNKNOWN",
      message: "Některé z vybraných témat neexistuje.",
    });
    const window = await t.clerk.request(CREATE_ALERT, {
      input: alertInput({ validFrom: "2026-11-27T10:00:00Z", validTo: "2026-11-27T09:00:00Z" }),
    });
    expect(window.data!.createAlert.fieldErrors[0].path).toEqual(["validTo"]);
    // Another town's alert is not found from here.
    const theirs = await otherTown.clerk.request(CREATE_ALERT, {
      input: { ...alertInput(), topicIds: [id("NotificationTopic", otherTown.topics.water)], areaIds: [] },
    });
    const cross = await t.clerk.request(`mutation($id: ID!) { endAlert(id: $id) { __typename } }`, {
      id: theirs.data!.createAlert.alert.id,
    });
    expect(cross.data!.endAlert.__typename).toBe("NotFoundError");
  });

  it("lets only the alerts agenda and alert integrators compose", async () => {
    const citizen = await signedInClient(app, await createUser(app, t.town.id), t.host);
    const financeClerk = await signedInClient(app, await createUser(app, t.town.id, { role: "CLERK", agendas: ["FINANCE"] }), t.host);
    const integrator = await apiTokenClient(app, t.town.id, ["alerts:write"], t.host);
    for (const client of [citizen, financeClerk]) {
      const refused = await client.request(CREATE_ALERT, { input: alertInput() });
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect((await t.anonymous.request(CREATE_ALERT, { input: alertInput() })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const byIntegrator = await integrator.request(CREATE_ALERT, { input: alertInput({ titleCs: "Od integrátora" }) });
    expect(byIntegrator.data!.createAlert.__typename).toBe("CreateAlertSuccess");
    const counts = await citizen.request(COUNTS, { audience: { severity: "INFO", topicIds: [], channels: ["EMAIL"] } });
    expect(counts.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("new notices of a category", () => {
  it("become an alert to the category's subscribers when the notice is posted", async () => {
    const topic = await app.database.prisma.notificationTopic.create({
      data: {
        municipalityId: t.town.id,
        code: "notices-building",
        nameCs: "Stavební řízení",
        nameEn: "Building proceedings",
        noticeCategory: "BUILDING_PROCEEDINGS",
      },
    });
    const subscriber = await createSubscriber(app, t, [{ topicId: topic.id, areaId: t.areas.wholeTown.id, channel: "EMAIL" }]);
    const noticesClerk = await signedInClient(app, await createUser(app, t.town.id, { role: "CLERK", agendas: ["NOTICES"] }), t.host);
    const created = await noticesClerk.request(
      `mutation { createNotice(input: { title: "Stavba rodinného domu", category: BUILDING_PROCEEDINGS }) { ... on CreateNoticeSuccess { notice { id } } } }`,
    );
    const noticeId = created.data!.createNotice.notice.id as string;
    const draft = { id: Buffer.from(noticeId, "base64").toString().split(":")[1]! };
    const approved = await noticesClerk.request(`mutation($input: ApproveNoticeInput!) { approveNotice(input: $input) { __typename } }`, {
      input: { id: noticeId },
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveNotice.__typename).toBe("ApproveNoticeSuccess");
    await app.jobs.drain();
    const alert = await app.database.prisma.alert.findUniqueOrThrow({ where: { noticeId: draft.id } });
    expect(alert).toMatchObject({ titleCs: "Nové na úřední desce: Stavba rodinného domu", status: "SENT", severity: "INFO" });
    const deliveries = await app.database.prisma.messageDelivery.findMany({ where: { message: { alertId: alert.id } } });
    expect(deliveries.map((d) => [d.userId, d.channel, d.status])).toEqual([[subscriber.id, "EMAIL", "SENT"]]);
  });
});
