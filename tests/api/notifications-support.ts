// Shared by the notifications-*.test.ts files: a town with alert topics and areas (districts with streets),
// its clerks and citizens, and helpers to give citizens preferences, verified phones and push devices.
import { randomBytes } from "node:crypto";
import type { NotificationChannel } from "../../api/src/generated/prisma/client.ts";
import type { TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

export const ERROR_FIELDS = /* GraphQL */ `
  ... on Error {
    message
    code
  }
  ... on ValidationError {
    fieldErrors {
      path
      code
      message
    }
  }
`;

export async function createAlertTown(app: TestApp) {
  const town = await createMunicipality(app, { name: "Obec Upozorňovací" });
  const host = town.hosts[0]!.hostname;
  const prisma = app.database.prisma;
  const topic = async (code: string, isCrisis = false) =>
    prisma.notificationTopic.create({ data: { municipalityId: town.id, code, nameCs: `Téma ${code}`, nameEn: `Topic ${code}`, isCrisis } });
  const area = async (code: string, kind: "TOWN" | "DISTRICT" | "STREET", parentId: string | null = null) =>
    prisma.notificationArea.create({ data: { municipalityId: town.id, code, name: `Oblast ${code}`, kind, parentId } });
  const topics = { water: await topic("water"), roadworks: await topic("roadworks"), crisis: await topic("crisis", true) };
  const wholeTown = await area("obec", "TOWN");
  const north = await area("sever", "DISTRICT");
  const south = await area("jih", "DISTRICT");
  const areas = {
    wholeTown,
    north,
    south,
    northStreet: await area("sever-lipova", "STREET", north.id),
    southStreet: await area("jih-polni", "STREET", south.id),
  };
  const clerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["ALERTS"], fullName: "Alena Upozorňovatelka" });
  const financeUser = await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] });
  return {
    town,
    host,
    topics,
    areas,
    clerkUser,
    clerk: await signedInClient(app, clerkUser, host),
    financeClerk: await signedInClient(app, financeUser, host),
    anonymous: new Client(app, { host }),
    integrator: await apiTokenClient(app, town.id, ["alerts:write"], host),
  };
}
export type AlertTown = Awaited<ReturnType<typeof createAlertTown>>;

/** A push subscription's keys as a browser makes them: an uncompressed P-256 point and a 16-byte secret. */
export function fakePushKeys() {
  const point = Buffer.concat([Buffer.from([4]), randomBytes(64)]);
  return { p256dh: point.toString("base64url"), auth: randomBytes(16).toString("base64url") };
}

/**
 * A citizen of the town with the given alert subscriptions (topic id × area id × channel), a verified phone
 * when SMS is among them and `devices` push subscriptions, all written directly (the preferences API has
 * its own tests).
 */
export async function createSubscriber(
  app: TestApp,
  t: AlertTown,
  subscriptions: { topicId: string; areaId: string; channel: NotificationChannel }[],
  options: { devices?: number; verified?: boolean; quietHours?: [string, string] } = {},
) {
  const prisma = app.database.prisma;
  const user = await createUser(app, t.town.id, options.verified === false ? { verified: false } : {});
  const needsPhone = subscriptions.some((s) => s.channel === "SMS");
  await prisma.notificationProfile.create({
    data: {
      userId: user.id,
      municipalityId: t.town.id,
      smsPhone: needsPhone ? `+42060${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}` : null,
      smsPhoneVerifiedAt: needsPhone ? app.clock.now() : null,
      quietHoursStart: options.quietHours?.[0] ?? null,
      quietHoursEnd: options.quietHours?.[1] ?? null,
    },
  });
  for (const s of subscriptions) await prisma.notificationPreference.create({ data: { municipalityId: t.town.id, userId: user.id, ...s } });
  for (let i = 0; i < (options.devices ?? 0); i++) {
    await prisma.pushSubscription.create({
      data: {
        municipalityId: t.town.id,
        userId: user.id,
        endpoint: `https://fcm.googleapis.com/fcm/send/${randomBytes(12).toString("hex")}`,
        ...fakePushKeys(),
      },
    });
  }
  return user;
}

export const ALERT_FIELDS = /* GraphQL */ `
  id
  severity
  title
  body
  validFrom
  validTo
  isValid
  publishedAt
  path
  topics {
    id
    code
  }
  areas {
    id
    code
  }
`;

export const CREATE_ALERT = /* GraphQL */ `
  mutation Create($input: AlertInput!, $key: String) {
    createAlert(input: $input, idempotencyKey: $key) {
      __typename
      ... on CreateAlertSuccess {
        alert {
          ${ALERT_FIELDS}
          status
          channels
          scheduledAt
        }
      }
      ${ERROR_FIELDS}
    }
  }
`;

export function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString("base64");
}

/**
 * Runs the queued jobs of these kinds whose start time has come by the TEST clock, as pg-boss's workers
 * would at that moment (pg-boss itself schedules by the database's real clock, which `drain` follows).
 */
export async function runJobsDueBy(
  app: TestApp,
  kinds: readonly { name: string; handle: (data: never, job: never, services: never) => Promise<void> }[],
) {
  let ran = 0;
  for (let progressed = true; progressed;) {
    progressed = false;
    for (const kind of kinds) {
      const rows = await app.database.sql.query<{ id: string; data: unknown }>(
        `SELECT id, data FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry') AND (start_after <= $2 OR start_after BETWEEN created_on - interval '1 second' AND created_on + interval '1 second') ORDER BY created_on, id`,
        [kind.name, app.clock.now()],
      );
      for (const row of rows) {
        const claimed = await app.database.sql.query(
          `UPDATE pgboss.job SET state = 'active', started_on = now() WHERE id = $1 AND state IN ('created', 'retry') RETURNING id`,
          [row.id],
        );
        if (claimed.length === 0) continue;
        await kind.handle(
          row.data as never,
          { id: row.id, attempt: 1, signal: new AbortController().signal } as never,
          app.services as never,
        );
        await app.database.sql.query(`UPDATE pgboss.job SET state = 'completed', completed_on = now() WHERE id = $1`, [row.id]);
        ran++;
        progressed = true;
      }
    }
  }
  return ran;
}
