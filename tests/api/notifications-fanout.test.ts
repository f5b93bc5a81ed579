import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fanOutBatch } from "../../api/src/jobs/notification-fanout.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { CREATE_ALERT, createAlertTown, createSubscriber, globalId, type AlertTown } from "./notifications-support.ts";

// Batches of 4 recipients, so that 10 citizens × 2 channels take several batches per channel.
let app: TestApp;
let t: AlertTown;

beforeAll(async () => {
  app = await createTestApp({ NOTIFICATION_BATCH_SIZE: "4" });
  t = await createAlertTown(app);
  for (let i = 0; i < 10; i++) {
    await createSubscriber(
      app,
      t,
      [
        { topicId: t.topics.water.id, areaId: t.areas.wholeTown.id, channel: "EMAIL" },
        { topicId: t.topics.water.id, areaId: t.areas.wholeTown.id, channel: "PUSH" },
      ],
      { devices: 1 },
    );
  }
});
afterAll(async () => {
  await app.close();
});

async function sendAlert(title: string) {
  const response = await t.clerk.request(CREATE_ALERT, {
    input: {
      severity: "INFO",
      titleCs: title,
      bodyCs: "Text.",
      topicIds: [globalId("NotificationTopic", t.topics.water.id)],
      areaIds: [],
      channels: ["EMAIL", "PUSH"],
    },
  });
  const alertId = Buffer.from(response.data!.createAlert.alert.id, "base64").toString().split(":")[1]!;
  const message = await app.database.prisma.message.findFirstOrThrow({ where: { alertId } });
  return { alertId, messageId: message.id };
}

/** Every delivery id in the queued delivery jobs of a message, with how many jobs carry it. */
async function queuedDeliveryIds(messageId: string): Promise<Map<string, number>> {
  const ids = (await app.database.prisma.messageDelivery.findMany({ where: { messageId }, select: { id: true } })).map((d) => d.id);
  const jobs = await app.database.sql.query<{ data: { deliveryIds: string[] } }>(
    `SELECT data FROM pgboss.job WHERE name = 'notification-delivery'`,
  );
  const wanted = new Set(ids);
  const counts = new Map<string, number>();
  for (const job of jobs) for (const id of job.data.deliveryIds) if (wanted.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe("the fan-out of an alert", () => {
  it("resumes after a restart between batches: every recipient once, every delivery queued once", async () => {
    const { alertId, messageId } = await sendAlert("Restart uprostřed");
    // A worker makes two batches, then dies (nothing more runs); the job is retried and finishes.
    expect((await fanOutBatch(app.services, messageId)).created).toBe(4);
    expect((await fanOutBatch(app.services, messageId)).created).toBe(4);
    const before = await app.database.prisma.messageDelivery.count({ where: { messageId } });
    expect(before).toBe(8);
    await app.jobs.drain();

    const deliveries = await app.database.prisma.messageDelivery.findMany({ where: { messageId } });
    expect(deliveries).toHaveLength(20);
    expect(new Set(deliveries.map((d) => `${d.channel}:${d.recipientKey}`)).size).toBe(20);
    expect(deliveries.filter((d) => d.channel === "EMAIL")).toHaveLength(10);
    expect(deliveries.every((d) => d.status === "SENT")).toBe(true);
    const queued = await queuedDeliveryIds(messageId);
    expect(queued.size).toBe(20);
    expect([...queued.values()].every((n) => n === 1)).toBe(true);
    // One outbox message per delivery (demo mode), none twice.
    expect(await app.database.prisma.outboxMessage.count({ where: { delivery: { messageId } } })).toBe(20);
    expect((await app.database.prisma.alert.findUniqueOrThrow({ where: { id: alertId } })).status).toBe("SENT");
    // Running it again after the end changes nothing.
    expect(await fanOutBatch(app.services, messageId)).toEqual({ done: true, created: 0 });
  });

  it("keeps one batch when two runs race from the same cursor", async () => {
    const { messageId } = await sendAlert("Dva běhy naráz");
    const results = await Promise.allSettled([fanOutBatch(app.services, messageId), fanOutBatch(app.services, messageId)]);
    const created = results.map((r) => (r.status === "fulfilled" ? r.value.created : 0));
    // One of them wrote the batch; the other found the cursor moved (or the batch's rows taken) and wrote nothing.
    expect(created.sort()).toEqual([0, 4]);
    await app.jobs.drain();
    const deliveries = await app.database.prisma.messageDelivery.findMany({ where: { messageId } });
    expect(deliveries).toHaveLength(20);
    expect([...(await queuedDeliveryIds(messageId)).values()].every((n) => n === 1)).toBe(true);
  });

  it("rolls a batch back whole when its transaction fails: nothing of it stays, the retry makes it", async () => {
    const { messageId } = await sendAlert("Chyba uprostřed dávky");
    // The batch's delivery jobs cannot be written: the transaction fails after the deliveries were inserted.
    await app.database.sql.exec(`
      CREATE FUNCTION notify_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'queue unavailable'; END; $$;
      CREATE TRIGGER notify_test_fail BEFORE INSERT ON pgboss.job FOR EACH ROW WHEN (NEW.name = 'notification-delivery') EXECUTE FUNCTION notify_test_fail();
    `);
    await expect(fanOutBatch(app.services, messageId)).rejects.toThrow();
    expect(await app.database.prisma.messageDelivery.count({ where: { messageId } })).toBe(0);
    expect((await app.database.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).fanoutCursor).toBeNull();
    await app.database.sql.exec(`DROP TRIGGER notify_test_fail ON pgboss.job; DROP FUNCTION notify_test_fail();`);
    await app.jobs.drain();
    expect(await app.database.prisma.messageDelivery.count({ where: { messageId, status: "SENT" } })).toBe(20);
    expect([...(await queuedDeliveryIds(messageId)).values()].every((n) => n === 1)).toBe(true);
  });
});
