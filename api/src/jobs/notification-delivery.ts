import { createHash } from "node:crypto";
import { buildPushMessage, isPortalPath, PUSH_MESSAGE_KINDS, type PushMessageKind } from "@portal/forms";
import type { AppServices } from "../context.ts";
import type { DeliveryStatus, MessageKind, NotificationChannel, PrismaClient } from "../generated/prisma/client.ts";
import { isLocale, translate, type Locale } from "../i18n/messages.ts";
import { renderNotificationEmail } from "../integrations/email/notification-email.ts";
import { signUnsubscribeToken, unsubscribeKey } from "../integrations/email/unsubscribe-token.ts";
import { createPushSender, pushEndpointAllowed, pushPolicy, pushTopic, PushTransientError, type PushSender } from "../integrations/push.ts";
import { createHttpSmsGateway, smsText, SmsTransientError, toE164, type SmsGateway } from "../integrations/sms/gateway.ts";
import { ensureVapidKeys } from "../services/notification-channels/ensure-vapid-keys.ts";
import { describeError, defineJob, type EnqueueOptions, type JobData, type JobQueue } from "./job-queue.ts";

/**
 * Sends deliveries (one message × recipient × channel each, `MessageDelivery`), a batch per job.
 *
 * Exactly one effect per delivery: the job only takes deliveries still PENDING or FAILED, and writes
 * each one's outcome (SENT, SKIPPED, FAILED, DEAD) when its batch is done; a retried job (failed
 * attempt, restart, duplicate enqueue) finds the sent ones SENT and sends only the rest. The window
 * that cannot be closed from our side - a worker killed after a provider accepted a message and
 * before the outcome was written - is covered by the providers' own deduplication: an e-mail keeps its
 * outbox row and Message-ID, an SMS its `reference` (the delivery id), a push its Topic (a repeat
 * replaces the undelivered original on the push service).
 *
 * Failures: a push service's 404/410 prunes the subscription (SKIPPED); a permanent refusal (400,
 * 403, 413, an invalid number) is DEAD at once; anything transient (429, 5xx, network) is FAILED and
 * the job throws, so the queue retries it with exponential backoff. On the last attempt the remaining
 * failures are DEAD: dead letters, listed for the town's admins with the job's.
 *
 * Demo mode (NOTIFICATION_DELIVERY=outbox) writes every channel's message to the outbox table.
 */
export type NotificationDeliveryData = JobData & { deliveryIds: string[] };

export const MAX_DELIVERIES_PER_JOB = 1000;
/** How long a claimed delivery is left to its job: longer than the job's timeout (10 min). */
const CLAIM_LEASE_MS = 15 * 60_000;

export const notificationDeliveryJob = defineJob<NotificationDeliveryData>({
  name: "notification-delivery",
  retry: (config) => ({
    limit: config.NOTIFICATION_RETRY_LIMIT,
    delaySeconds: config.NOTIFICATION_RETRY_DELAY_SECONDS,
    maxDelaySeconds: 3600,
  }),
  timeoutSeconds: 600,
  async handle(data, job, services) {
    const lastAttempt = job.attempt > notificationDeliveryJob.retry(services.config).limit;
    const result = await deliverBatch(services, data.municipalityId, data.deliveryIds.slice(0, MAX_DELIVERIES_PER_JOB), {
      lastAttempt,
      signal: job.signal,
      jobId: job.id,
    });
    if (result.failed > 0) {
      throw new Error(`${result.failed} of ${data.deliveryIds.length} deliveries failed (first: ${result.firstError ?? "unknown"})`);
    }
    // The last attempt marked what still failed DEAD; failing the job too lists it among the admins'
    // dead letters, and their "retry" runs it again (see `lastAttempt` in deliverBatch).
    if (result.deadNow > 0) {
      throw new Error(
        `${result.deadNow} of ${data.deliveryIds.length} deliveries failed on every attempt (last: ${result.firstError ?? "unknown"})`,
      );
    }
  },
});

/**
 * Queues jobs for these deliveries, `NOTIFICATION_BATCH_SIZE` a job. The key of each job is derived
 * from its deliveries, so queuing the same deliveries again (a fan-out resumed after a restart) adds
 * nothing. Pass the business transaction that created the deliveries as `tx`.
 */
export async function enqueueDeliveries(
  services: Pick<AppServices, "jobs" | "config">,
  municipalityId: string,
  deliveryIds: readonly string[],
  options: Pick<EnqueueOptions, "tx" | "startAfter"> & { keySuffix?: string } = {},
): Promise<number> {
  const size = services.config.NOTIFICATION_BATCH_SIZE;
  let queued = 0;
  for (let start = 0; start < deliveryIds.length; start += size) {
    const batch = deliveryIds.slice(start, start + size);
    const key = `deliveries:${createHash("sha256").update(batch.join(",")).digest("base64url")}:${options.startAfter?.toISOString() ?? ""}${options.keySuffix ?? ""}`;
    const id = await enqueueJob(
      services.jobs,
      { municipalityId, deliveryIds: batch },
      { ...(options.tx ? { tx: options.tx } : {}), ...(options.startAfter ? { startAfter: options.startAfter } : {}), key },
    );
    if (id) queued++;
  }
  return queued;
}

function enqueueJob(jobs: JobQueue, data: NotificationDeliveryData, options: EnqueueOptions) {
  return jobs.enqueue(notificationDeliveryJob, data, options);
}

interface DeliveryRow {
  id: string;
  channel: NotificationChannel;
  address: string | null;
  outboxMessageId: string | null;
  user: { locale: string; disabledAt: Date | null } | null;
  pushSubscription: { id: string; userId: string; endpoint: string; p256dh: string; auth: string } | null;
  message: {
    id: string;
    kind: MessageKind;
    severity: "INFO" | "WARNING" | "CRISIS";
    subjectCs: string;
    bodyCs: string;
    subjectEn: string;
    bodyEn: string;
    path: string;
    createdAt: Date;
    alertId: string | null;
    alert: { validTo: Date | null } | null;
  };
}

type Outcome =
  | { status: "SENT"; providerId: string | null }
  | { status: "SKIPPED"; reason: string }
  | { status: "DEAD"; reason: string }
  | { status: "FAILED"; reason: string }
  | { status: "GONE"; reason: string; subscriptionId: string; userId: string };

export interface BatchResult {
  sent: number;
  skipped: number;
  dead: number;
  /** Failed for good on this (the last) attempt after failing transiently. */
  deadNow: number;
  failed: number;
  deferred: number;
  firstError: string | null;
}

interface Channels {
  push: PushSender;
  sms: SmsGateway | null;
  unsubscribeKey: Buffer;
}

// One push sender (its VAPID JWTs) and SMS gateway per town and process.
const channelCache = new WeakMap<AppServices, Map<string, Promise<Channels>>>();

function channelsFor(services: AppServices, municipalityId: string): Promise<Channels> {
  let perTown = channelCache.get(services);
  if (!perTown) channelCache.set(services, (perTown = new Map()));
  let channels = perTown.get(municipalityId);
  if (!channels) {
    // The VAPID JWT's expiry is checked by push services against real time: the system clock, not the injected one.
    const { config, database } = services;
    channels = ensureVapidKeys(database.prisma, municipalityId, config.VAPID_SUBJECT).then((keys) => ({
      push: createPushSender({
        keys,
        subject: config.VAPID_SUBJECT,
        allowedEndpoint: (url) => pushEndpointAllowed(url, config.PUSH_ALLOWED_ORIGINS),
      }),
      sms: config.SMS_GATEWAY_URL
        ? createHttpSmsGateway({ url: config.SMS_GATEWAY_URL, token: config.SMS_GATEWAY_TOKEN, sender: config.SMS_SENDER })
        : null,
      unsubscribeKey: unsubscribeKey(keys.privateKey),
    }));
    channels.catch(() => perTown.delete(municipalityId));
    perTown.set(municipalityId, channels);
  }
  return channels;
}

/** The notification settings page and the one-click unsubscribe endpoint (its GET shows the PWA's landing page). */
export const NOTIFICATION_SETTINGS_PATH = "/muj-ucet/upozorneni";
/** The PWA page a person who opened the unsubscribe link in a browser lands on (it confirms with a POST). */
export const UNSUBSCRIBE_LANDING_PATH = "/odhlaseni-upozorneni";
export const UNSUBSCRIBE_ENDPOINT_PATH = "/api/notifications/unsubscribe";

/** Sends what is still to be sent of these deliveries; returns counts. Exported for the benchmark and tests. */
export async function deliverBatch(
  services: AppServices,
  municipalityId: string,
  deliveryIds: readonly string[],
  options: { lastAttempt: boolean; signal?: AbortSignal; jobId?: string },
): Promise<BatchResult> {
  const prisma = services.database.prisma;
  const result: BatchResult = { sent: 0, skipped: 0, dead: 0, deadNow: 0, failed: 0, deferred: 0, firstError: null };
  if (deliveryIds.length === 0) return result;
  const now = services.clock.now();
  const sql = services.database.sql;
  // The last attempt (and an admin's retry of the dead letter, which runs past it) also takes the
  // batch's DEAD deliveries: one more try for everything not delivered.
  const claimable = options.lastAttempt ? ["PENDING", "FAILED", "DEAD"] : ["PENDING", "FAILED"];
  // Claim what is due: its notBefore moves to the end of a lease, so another job holding the same
  // deliveries (a fan-out resumed after a restart, a duplicate) leaves them alone; the outcome puts
  // the original back. A worker that dies mid-batch leaves the lease, and the deliveries are sent by
  // a retry once it has passed.
  const claimed = await sql.query<{ id: string; original: Date | null }>(
    `WITH claimable AS (
       SELECT "id", "notBefore" AS original FROM "MessageDelivery"
        WHERE "id" = ANY($1::uuid[]) AND "municipalityId" = $2::uuid AND "status"::text = ANY($5::text[])
          AND ("notBefore" IS NULL OR "notBefore" <= $3::timestamptz)
        FOR UPDATE SKIP LOCKED
     )
     UPDATE "MessageDelivery" AS d SET "notBefore" = $4::timestamptz
       FROM claimable AS c WHERE d."id" = c."id"
     RETURNING d."id", c.original`,
    [[...deliveryIds], municipalityId, new Date(now.getTime() + 60_000), new Date(now.getTime() + CLAIM_LEASE_MS), claimable],
  );
  // Not yet due (quiet hours, or claimed by another job): back to the queue for that moment.
  const waiting = await sql.query<{ id: string; notBefore: Date }>(
    `SELECT "id", "notBefore" FROM "MessageDelivery"
      WHERE "id" = ANY($1::uuid[]) AND "municipalityId" = $2::uuid AND "status" IN ('PENDING', 'FAILED') AND "notBefore" > $3::timestamptz
        AND NOT ("id" = ANY($4::uuid[]))`,
    [[...deliveryIds], municipalityId, new Date(now.getTime() + 60_000), claimed.map((c) => c.id)],
  );
  const later = new Map<number, string[]>();
  for (const row of waiting) {
    const at = new Date(row.notBefore).getTime();
    later.set(at, [...(later.get(at) ?? []), row.id]);
  }
  for (const [at, ids] of later) {
    // The queue schedules by the database's clock, the deliveries by the portal's (the same in
    // production; tests move the portal's): the delay is what carries over. Keyed by the job deferring
    // them, as the key of the job that queued them first may be this very job's.
    const startAfter = new Date(Date.now() + Math.max(0, at - now.getTime()));
    await enqueueDeliveries(services, municipalityId, ids, { startAfter, keySuffix: `:after:${options.jobId ?? "direct"}` });
    result.deferred += ids.length;
  }
  if (claimed.length === 0) return result;
  const originalNotBefore = new Map(claimed.map((c) => [c.id, c.original ? new Date(c.original) : null]));

  // One statement for the batch's rows (Prisma's nested select cost more CPU than the sending itself
  // at 100 000 pushes), then each message once.
  const loaded = await sql.query<{
    id: string;
    channel: NotificationChannel;
    address: string | null;
    outboxMessageId: string | null;
    messageId: string;
    locale: string | null;
    disabledAt: Date | null;
    subscriptionId: string | null;
    subscriptionUserId: string | null;
    endpoint: string | null;
    p256dh: string | null;
    auth: string | null;
  }>(
    `SELECT d."id", d."channel", d."address", d."outboxMessageId", d."messageId",
            u."locale", u."disabledAt",
            s."id" AS "subscriptionId", s."userId" AS "subscriptionUserId", s."endpoint", s."p256dh", s."auth"
       FROM "MessageDelivery" d
       LEFT JOIN "User" u ON u."id" = d."userId"
       LEFT JOIN "PushSubscription" s ON s."id" = d."pushSubscriptionId"
      WHERE d."id" = ANY($1::uuid[])`,
    [claimed.map((c) => c.id)],
  );
  const messages = new Map(
    (
      await prisma.message.findMany({
        where: { id: { in: [...new Set(loaded.map((row) => row.messageId))] } },
        select: {
          id: true,
          kind: true,
          severity: true,
          subjectCs: true,
          bodyCs: true,
          subjectEn: true,
          bodyEn: true,
          path: true,
          createdAt: true,
          alertId: true,
          alert: { select: { validTo: true } },
        },
      })
    ).map((message) => [message.id, message]),
  );
  const due: DeliveryRow[] = loaded.map((row) => ({
    id: row.id,
    channel: row.channel,
    address: row.address,
    outboxMessageId: row.outboxMessageId,
    user: row.locale === null ? null : { locale: row.locale, disabledAt: row.disabledAt },
    pushSubscription:
      row.subscriptionId && row.endpoint && row.p256dh && row.auth
        ? { id: row.subscriptionId, userId: row.subscriptionUserId!, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth }
        : null,
    message: messages.get(row.messageId)!,
  }));

  const municipality = await prisma.municipality.findUniqueOrThrow({
    where: { id: municipalityId },
    select: { name: true, publicUrl: true },
  });
  const channels = await channelsFor(services, municipalityId);
  const outboxOnly = services.config.notificationDelivery === "outbox";
  const context: SendContext = { services, prisma, municipalityId, municipality, channels, outboxOnly, now, signal: options.signal };

  const outcomes = new Map<string, Outcome>();
  const transientlyDead = new Set<string>();
  await forEachConcurrently(due, services.config.NOTIFICATION_SEND_CONCURRENCY, async (row) => {
    let outcome: Outcome;
    try {
      outcome = await send(context, row);
    } catch (error) {
      outcome = { status: "FAILED", reason: describeError(error) };
    }
    if (outcome.status === "FAILED" && options.lastAttempt) {
      outcome = { status: "DEAD", reason: outcome.reason };
      transientlyDead.add(row.id);
    }
    outcomes.set(row.id, outcome);
  });

  await recordOutcomes(services, municipalityId, outcomes, originalNotBefore, now);
  result.deadNow = transientlyDead.size;
  if (transientlyDead.size > 0) result.firstError = (outcomes.get([...transientlyDead][0]!) as { reason: string }).reason;
  for (const outcome of outcomes.values()) {
    if (outcome.status === "SENT") result.sent++;
    else if (outcome.status === "SKIPPED" || outcome.status === "GONE") result.skipped++;
    else if (outcome.status === "DEAD") result.dead++;
    else {
      result.failed++;
      result.firstError ??= outcome.reason;
    }
  }
  return result;
}

interface SendContext {
  services: AppServices;
  prisma: PrismaClient;
  municipalityId: string;
  municipality: { name: string; publicUrl: string };
  channels: Channels;
  outboxOnly: boolean;
  now: Date;
  signal: AbortSignal | undefined;
}

function localeOf(row: DeliveryRow): Locale {
  return row.user && isLocale(row.user.locale) ? row.user.locale : "cs";
}

function texts(row: DeliveryRow, locale: Locale): { subject: string; body: string } {
  const { message } = row;
  if (locale === "en" && message.subjectEn.trim()) return { subject: message.subjectEn, body: message.bodyEn || message.bodyCs };
  return { subject: message.subjectCs, body: message.bodyCs };
}

function absoluteLink(publicUrl: string, path: string): string {
  return new URL(isPortalPath(path) ? path : "/", publicUrl).toString();
}

async function send(context: SendContext, row: DeliveryRow): Promise<Outcome> {
  if (row.user?.disabledAt) return { status: "SKIPPED", reason: "account disabled" };
  switch (row.channel) {
    case "EMAIL":
      return sendEmail(context, row);
    case "PUSH":
      return sendPush(context, row);
    case "SMS":
      return sendSms(context, row);
  }
}

/** Writes the message to the outbox (once: the row is linked to the delivery) and hands it to the mailer. */
async function sendEmail(context: SendContext, row: DeliveryRow): Promise<Outcome> {
  if (!row.address) return { status: "SKIPPED", reason: "no e-mail address" };
  const { prisma, services } = context;
  let outbox = row.outboxMessageId ? await prisma.outboxMessage.findUnique({ where: { id: row.outboxMessageId } }) : null;
  if (!outbox) {
    const locale = localeOf(row);
    const { subject, body } = texts(row, locale);
    const unsubscribable = row.message.kind !== "PHONE_VERIFICATION";
    const email = renderNotificationEmail({
      locale,
      town: context.municipality.name,
      severity: row.message.severity,
      subject,
      body,
      link: absoluteLink(context.municipality.publicUrl, row.message.path),
      preferencesUrl: absoluteLink(context.municipality.publicUrl, NOTIFICATION_SETTINGS_PATH),
      unsubscribeUrl: unsubscribable
        ? `${absoluteLink(context.municipality.publicUrl, UNSUBSCRIBE_ENDPOINT_PATH)}?token=${signUnsubscribeToken(context.channels.unsubscribeKey, row.id)}`
        : null,
      subscribed: row.message.kind === "ALERT",
    });
    outbox = await prisma.$transaction(async (tx) => {
      const created = await tx.outboxMessage.create({
        data: {
          municipalityId: context.municipalityId,
          toAddress: row.address!,
          subject: email.subject,
          textBody: email.text,
          htmlBody: email.html,
          headers: email.headers,
          channel: "email",
          transport: context.outboxOnly ? "outbox" : services.mailer.transport,
          createdAt: context.now,
        },
      });
      await tx.messageDelivery.update({ where: { id: row.id }, data: { outboxMessageId: created.id } });
      return created;
    });
  }
  await services.mailer.deliver(outbox);
  return { status: "SENT", providerId: `<${outbox.id}@portal-obcana>` };
}

/** In demo mode SMS and push are written to the outbox, where the admins' page shows them. */
async function writeToOutbox(context: SendContext, row: DeliveryRow, to: string, subject: string, text: string, channel: "sms" | "push") {
  const created = await context.prisma.$transaction(async (tx) => {
    const message = await tx.outboxMessage.create({
      data: {
        municipalityId: context.municipalityId,
        toAddress: to,
        subject,
        textBody: text,
        channel,
        transport: "outbox",
        createdAt: context.now,
        sentAt: context.now,
      },
    });
    await tx.messageDelivery.update({ where: { id: row.id }, data: { outboxMessageId: message.id } });
    return message;
  });
  return { status: "SENT" as const, providerId: `outbox:${created.id}` };
}

function isPushKind(kind: MessageKind): kind is MessageKind & PushMessageKind {
  return (PUSH_MESSAGE_KINDS as readonly string[]).includes(kind);
}

async function sendPush(context: SendContext, row: DeliveryRow): Promise<Outcome> {
  const subscription = row.pushSubscription;
  if (!subscription) return { status: "SKIPPED", reason: "push subscription removed" };
  const { message } = row;
  if (!isPushKind(message.kind)) return { status: "DEAD", reason: `${message.kind} messages are not sent by push` };
  const { subject, body } = texts(row, localeOf(row));
  const payload = JSON.stringify(
    buildPushMessage({
      kind: message.kind,
      ...(message.kind === "ALERT" ? { severity: message.severity } : {}),
      title: subject,
      body,
      url: isPortalPath(message.path) ? message.path : "/",
      tag: message.alertId ? `alert:${message.alertId}` : `${message.kind.toLowerCase()}:${message.id}`,
      messageId: message.id,
      sentAt: message.createdAt.toISOString(),
    }),
  );
  if (row.outboxMessageId) return { status: "SENT", providerId: `outbox:${row.outboxMessageId}` };
  if (context.outboxOnly)
    return writeToOutbox(context, row, `push:${new URL(subscription.endpoint).host}/${subscription.id}`, subject, payload, "push");
  const validFor = message.alert?.validTo ? (message.alert.validTo.getTime() - context.now.getTime()) / 1000 : null;
  if (validFor !== null && validFor <= 0) return { status: "SKIPPED", reason: "alert no longer valid" };
  try {
    const outcome = await context.channels.push.send(
      subscription,
      payload,
      { ...pushPolicy(message.kind, message.severity, validFor), topic: pushTopic(message.id) },
      context.signal,
    );
    if (outcome.kind === "accepted") return { status: "SENT", providerId: outcome.location };
    if (outcome.kind === "gone")
      return {
        status: "GONE",
        reason: `push subscription gone (${outcome.status})`,
        subscriptionId: subscription.id,
        userId: subscription.userId,
      };
    return { status: "DEAD", reason: outcome.reason };
  } catch (error) {
    if (error instanceof PushTransientError) return { status: "FAILED", reason: error.message };
    throw error;
  }
}

async function sendSms(context: SendContext, row: DeliveryRow): Promise<Outcome> {
  if (!row.address) return { status: "SKIPPED", reason: "no verified phone number" };
  if (row.outboxMessageId) return { status: "SENT", providerId: `outbox:${row.outboxMessageId}` };
  const locale = localeOf(row);
  const { subject, body } = texts(row, locale);
  const link = absoluteLink(context.municipality.publicUrl, row.message.path);
  const text = smsText(`${context.municipality.name}: ${subject}\n${body}\n${translate(locale, "sms.more", { link })}`);
  const gateway = context.channels.sms;
  if (context.outboxOnly || !gateway) return writeToOutbox(context, row, row.address, subject, text, "sms");
  try {
    const outcome = await gateway.send({ to: toE164(row.address), text, reference: row.id }, context.signal);
    if (outcome.kind === "accepted") return { status: "SENT", providerId: outcome.providerId };
    return { status: "DEAD", reason: outcome.reason };
  } catch (error) {
    if (error instanceof SmsTransientError) return { status: "FAILED", reason: error.message };
    throw error;
  }
}

/**
 * Writes every outcome of the batch in a few statements (a batch of 500 is not 500 updates): the
 * deliveries' status, attempts, error and provider id; the push subscriptions that worked; the ones
 * the push service declared gone are deleted, with a consent event saying why push stopped.
 */
async function recordOutcomes(
  services: AppServices,
  municipalityId: string,
  outcomes: Map<string, Outcome>,
  originalNotBefore: Map<string, Date | null>,
  now: Date,
) {
  if (outcomes.size === 0) return;
  const ids: string[] = [];
  const statuses: DeliveryStatus[] = [];
  const errors: (string | null)[] = [];
  const providers: (string | null)[] = [];
  const notBefore: (Date | null)[] = [];
  const goneSubscriptions = new Map<string, string>();
  for (const [id, outcome] of outcomes) {
    ids.push(id);
    statuses.push(outcome.status === "GONE" ? "SKIPPED" : outcome.status);
    errors.push(outcome.status === "SENT" ? null : outcome.reason.slice(0, 500));
    providers.push(outcome.status === "SENT" ? (outcome.providerId?.slice(0, 500) ?? null) : null);
    notBefore.push(originalNotBefore.get(id) ?? null);
    if (outcome.status === "GONE") goneSubscriptions.set(outcome.subscriptionId, outcome.userId);
  }
  const sql = services.database.sql;
  await sql.query(
    `UPDATE "MessageDelivery" AS d
        SET "status" = v.status::"DeliveryStatus",
            "attempts" = d."attempts" + 1,
            "lastError" = v.error,
            "providerId" = COALESCE(v.provider, d."providerId"),
            "sentAt" = CASE WHEN v.status = 'SENT' THEN $5::timestamptz ELSE d."sentAt" END,
            "notBefore" = v.not_before,
            "updatedAt" = $5::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $7::timestamptz[]) AS v(id, status, error, provider, not_before)
      WHERE d."id" = v.id AND d."municipalityId" = $6::uuid AND d."status" IN ('PENDING', 'FAILED', 'DEAD')`,
    [ids, statuses, errors, providers, now, municipalityId, notBefore],
  );
  const sentPush = [...outcomes].filter(([, outcome]) => outcome.status === "SENT").map(([id]) => id);
  if (sentPush.length > 0) {
    await sql.query(
      `UPDATE "PushSubscription" AS s SET "lastSuccessAt" = $2::timestamptz, "failureCount" = 0
         FROM "MessageDelivery" AS d
        WHERE d."id" = ANY($1::uuid[]) AND d."channel" = 'PUSH' AND s."id" = d."pushSubscriptionId"`,
      [sentPush, now],
    );
  }
  if (goneSubscriptions.size > 0) {
    const pruned = await sql.query<{ id: string; userId: string }>(
      `DELETE FROM "PushSubscription" WHERE "id" = ANY($1::uuid[]) AND "municipalityId" = $2::uuid RETURNING "id", "userId"`,
      [[...goneSubscriptions.keys()], municipalityId],
    );
    if (pruned.length > 0) {
      await services.database.prisma.consentEvent.createMany({
        data: pruned.map((row) => ({
          municipalityId,
          userId: row.userId,
          channel: "PUSH" as const,
          granted: false,
          source: "PUSH_PRUNED" as const,
          createdAt: now,
        })),
      });
      services.logger.info({ municipalityId, pruned: pruned.length }, "push subscriptions the push service declared gone were removed");
    }
  }
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
