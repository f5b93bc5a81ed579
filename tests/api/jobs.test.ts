// The durable job queue, through e-mail: a real SMTP server (smtp-server) on a local port that
// refuses or accepts on the test's say, retries with exponential backoff, dead letters for the
// admins (listed, retried, discarded, never another town's), one e-mail per job even when the job
// runs twice, jobs that commit and roll back with their transaction, and a graceful stop.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accountEmailJob } from "../../api/src/jobs/account-email.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { REQUEST_RESET } from "./accounts-support.ts";

/** A local SMTP server: `refuse` decides per delivery; accepted messages are kept in `received`. */
function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const state = {
    refuse: (_attempt: number) => false,
    /** Held open until released (a slow server), for the graceful stop. */
    hold: null as Promise<void> | null,
    onData: null as (() => void) | null,
    attempts: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "portal" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        state.attempts++;
        state.onData?.();
        if (state.hold) await state.hold;
        if (state.refuse(state.attempts)) {
          callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 }));
          return;
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  return {
    received,
    state,
    async listen(): Promise<number> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return (server.server.address() as AddressInfo).port;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const smtp = startSmtp();
let app: TestApp;
let smtpUrl: string;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let otherTown: Awaited<ReturnType<typeof createMunicipality>>;
const host = "fronta.test";
const otherHost = "jinde.test";
const RETRY_DELAY = 10;

beforeAll(async () => {
  // Credentials in the URL: they must never show in an error an admin reads.
  smtpUrl = `smtp://portal:smtp-secret-password@127.0.0.1:${await smtp.listen()}`;
  app = await createTestApp({
    SMTP_URL: smtpUrl,
    MAIL_RETRY_LIMIT: "2",
    MAIL_RETRY_DELAY_SECONDS: String(RETRY_DELAY),
    JOB_POLL_INTERVAL_SECONDS: "0.5",
  });
  town = await createMunicipality(app, { hostname: host, name: "Obec Frontová" });
  otherTown = await createMunicipality(app, { hostname: otherHost, name: "Obec Jiná" });
});
afterEach(() => {
  smtp.state.refuse = () => false;
  smtp.state.hold = null;
  smtp.state.onData = null;
});
afterAll(async () => {
  await app?.close();
  await smtp.close();
});

interface JobRow {
  id: string;
  state: string;
  retry_count: number;
  data: Record<string, unknown>;
  /** Seconds until the job is due again. */
  due_in: number;
}

async function jobsFor(email: string): Promise<JobRow[]> {
  return app.database.sql.query<JobRow>(
    `SELECT id, state, retry_count, data, EXTRACT(EPOCH FROM start_after - now())::float AS due_in
       FROM pgboss.job WHERE name = 'account-email' AND data->>'email' = $1 ORDER BY created_on`,
    [email],
  );
}

/** Lets a job waiting for its retry delay run now, as if the delay had passed. */
async function makeDue(id: string): Promise<void> {
  await app.database.sql.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [id]);
}

async function askReset(email: string): Promise<void> {
  const answer = await new Client(app, { host }).request(REQUEST_RESET, { input: { email } });
  expect(answer.data?.requestPasswordReset).toMatchObject({ ok: true });
}

const deliveriesTo = (address: string) => smtp.received.filter((message) => message.to.includes(address));

describe("e-mail through the job queue", () => {
  it("the request only queues; a refused delivery is retried with growing delays, then delivered once", async () => {
    const user = await createUser(app, town.id, { email: "opakovani@example.cz" });
    let failuresLeft = 2;
    smtp.state.refuse = () => failuresLeft-- > 0;
    await askReset(user.email);
    // Nothing sent by the request itself.
    expect(await app.database.prisma.outboxMessage.count({ where: { toAddress: user.email } })).toBe(0);
    const [queued] = await jobsFor(user.email);
    expect(queued).toMatchObject({ state: "created" });

    await app.jobs.drain();
    const [afterFirst] = await jobsFor(user.email);
    expect(afterFirst).toMatchObject({ state: "retry" });
    // Backoff: the first retry waits between 1x and 2x the delay.
    expect(afterFirst!.due_in).toBeGreaterThan(RETRY_DELAY - 2);
    expect(afterFirst!.due_in).toBeLessThanOrEqual(2 * RETRY_DELAY);
    const outbox = await app.database.prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: user.email } });
    expect(outbox.sentAt).toBeNull();
    expect(outbox.error).toMatch(/451|unavailable/i);
    // Not due yet: draining again runs nothing.
    expect(await app.jobs.drain()).toEqual({ completed: 0, failed: 0 });

    await makeDue(afterFirst!.id);
    await app.jobs.drain();
    const [afterSecond] = await jobsFor(user.email);
    expect(afterSecond).toMatchObject({ state: "retry" });
    // The second retry waits between 2x and 4x the delay.
    expect(afterSecond!.due_in).toBeGreaterThan(2 * RETRY_DELAY - 2);
    expect(afterSecond!.due_in).toBeLessThanOrEqual(4 * RETRY_DELAY);

    await makeDue(afterSecond!.id);
    expect(await app.jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect((await jobsFor(user.email))[0]).toMatchObject({ state: "completed" });
    expect(deliveriesTo(user.email)).toHaveLength(1);
    const sent = await app.database.prisma.outboxMessage.findMany({ where: { toAddress: user.email } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ transport: "smtp", error: null, jobId: afterFirst!.id });
    expect(sent[0]!.sentAt).not.toBeNull();
    // One reset token, issued once, however many attempts the delivery took.
    expect(await app.database.prisma.emailToken.count({ where: { userId: user.id, purpose: "RESET_PASSWORD" } })).toBe(1);
  });

  it("after the last retry the job is a dead letter: listed for our admins only, retried from there, or discarded", async () => {
    const user = await createUser(app, town.id, { email: "nedoruceno@example.cz" });
    const admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), host);
    const foreignAdmin = await signedInClient(app, await createUser(app, otherTown.id, { role: "ADMIN" }), otherHost);
    smtp.state.refuse = () => true;
    await askReset(user.email);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await jobsFor(user.email);
      await makeDue(job!.id);
      await app.jobs.drain();
    }
    const [dead] = await jobsFor(user.email);
    expect(dead).toMatchObject({ state: "failed", retry_count: 2 });

    const listed = await admin.request(`{ deadLetterJobs { id kind attempts lastError createdAt failedAt } }`);
    expect(listed.errors).toBeUndefined();
    const entry = listed.data?.deadLetterJobs.find((job: { id: string }) => job.id === dead!.id);
    expect(entry).toMatchObject({ kind: "account-email", attempts: 3 });
    expect(entry.lastError).toMatch(/451|unavailable/i);
    expect(JSON.stringify(listed.data)).not.toContain("smtp-secret-password");
    // The job's data (the address) is not shown.
    expect(JSON.stringify(listed.data)).not.toContain(user.email);

    // Another town's admin sees none of it and can touch none of it.
    const foreignList = await foreignAdmin.request(`{ deadLetterJobs { id } }`);
    expect(foreignList.data?.deadLetterJobs).toEqual([]);
    for (const mutation of ["retryDeadLetterJob", "discardDeadLetterJob"]) {
      const refused = await foreignAdmin.request(`mutation($id: ID!) { ${mutation}(input: { id: $id }) { __typename } }`, { id: dead!.id });
      expect(refused.data?.[mutation]).toEqual({ __typename: "NotFoundError" });
    }
    expect((await jobsFor(user.email))[0]).toMatchObject({ state: "failed" });

    // The server is back: our admin retries, the e-mail goes out once.
    smtp.state.refuse = () => false;
    const retried = await admin.request(
      `mutation($id: ID!) { retryDeadLetterJob(input: { id: $id }) { __typename ... on RetryDeadLetterJobSuccess { id } } }`,
      {
        id: dead!.id,
      },
    );
    expect(retried.data?.retryDeadLetterJob).toEqual({ __typename: "RetryDeadLetterJobSuccess", id: dead!.id });
    expect((await admin.request(`{ deadLetterJobs { id } }`)).data?.deadLetterJobs).not.toContainEqual({ id: dead!.id });
    await app.jobs.drain();
    expect((await jobsFor(user.email))[0]).toMatchObject({ state: "completed" });
    expect(deliveriesTo(user.email)).toHaveLength(1);
    const audit = await app.database.prisma.auditLogEntry.findFirst({ where: { action: "job.retried", subjectId: dead!.id } });
    expect(audit).not.toBeNull();

    // A second dead letter is discarded: gone from the list and from the queue.
    smtp.state.refuse = () => true;
    const second = await createUser(app, town.id, { email: "zahozeno@example.cz" });
    await askReset(second.email);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await makeDue((await jobsFor(second.email))[0]!.id);
      await app.jobs.drain();
    }
    const [secondDead] = await jobsFor(second.email);
    expect(secondDead).toMatchObject({ state: "failed" });
    const discarded = await admin.request(`mutation($id: ID!) { discardDeadLetterJob(input: { id: $id }) { __typename } }`, {
      id: secondDead!.id,
    });
    expect(discarded.data?.discardDeadLetterJob).toEqual({ __typename: "DiscardDeadLetterJobSuccess" });
    expect(await jobsFor(second.email)).toEqual([]);
    expect((await admin.request(`{ deadLetterJobs { id } }`)).data?.deadLetterJobs).toEqual([]);
    // Retrying or discarding what is not a dead letter (any more) is a NotFoundError.
    const again = await admin.request(`mutation($id: ID!) { discardDeadLetterJob(input: { id: $id }) { __typename } }`, {
      id: "not-a-uuid",
    });
    expect(again.data?.discardDeadLetterJob).toEqual({ __typename: "NotFoundError" });
  });

  it("a job run again after its worker died having sent the e-mail sends nothing twice", async () => {
    const user = await createUser(app, town.id, { email: "jednou@example.cz" });
    await askReset(user.email);
    const [job] = await jobsFor(user.email);
    // The first worker: does the whole effect, then dies before marking the job done.
    await accountEmailJob.handle(job!.data as never, { id: job!.id, attempt: 1, signal: new AbortController().signal }, app.services);
    expect(deliveriesTo(user.email)).toHaveLength(1);
    expect((await jobsFor(user.email))[0]).toMatchObject({ state: "created" });
    // The queue runs the job (again).
    expect(await app.jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(deliveriesTo(user.email)).toHaveLength(1);
    expect(await app.database.prisma.outboxMessage.count({ where: { toAddress: user.email } })).toBe(1);
    expect(await app.database.prisma.emailToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it("a job exists exactly when its transaction commits; an idempotency key queues it once", async () => {
    const data = {
      municipalityId: town.id,
      template: "reset" as const,
      email: "transakce@example.cz",
      link: `http://${host}/obnova-hesla`,
    };
    await expect(
      app.database.prisma.$transaction(async (tx) => {
        await app.jobs.enqueue(accountEmailJob, data, { tx });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    expect(await jobsFor(data.email)).toEqual([]);

    const id = await app.database.prisma.$transaction((tx) => app.jobs.enqueue(accountEmailJob, data, { tx, key: "reset-once" }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.jobs.enqueue(accountEmailJob, data, { key: "reset-once" })).toBeNull();
    expect((await jobsFor(data.email)).map((job) => job.id)).toEqual([id]);
    await app.jobs.drain();
    // No account for the address: the job completes and writes nothing.
    expect((await jobsFor(data.email))[0]).toMatchObject({ state: "completed" });
    expect(await app.database.prisma.outboxMessage.count({ where: { toAddress: data.email } })).toBe(0);
  });

  it("a job with a start time waits for it", async () => {
    const user = await createUser(app, town.id, { email: "pozdeji@example.cz" });
    const data = { municipalityId: town.id, template: "reset" as const, email: user.email, link: `http://${host}/obnova-hesla` };
    await app.jobs.enqueue(accountEmailJob, data, { startAfter: new Date(Date.now() + 3_600_000) });
    const [job] = await jobsFor(user.email);
    expect(job!.due_in).toBeGreaterThan(3500);
    expect(await app.jobs.drain()).toEqual({ completed: 0, failed: 0 });
    await makeDue(job!.id);
    expect(await app.jobs.drain()).toEqual({ completed: 1, failed: 0 });
    expect(deliveriesTo(user.email)).toHaveLength(1);
  });
});

describe("workers", () => {
  it("stop gracefully: no new fetches, the running job finishes", async () => {
    const user = await createUser(app, town.id, { email: "vypinani@example.cz" });
    let release!: () => void;
    smtp.state.hold = new Promise<void>((resolve) => (release = resolve));
    const delivering = new Promise<void>((resolve) => (smtp.state.onData = resolve));
    await app.jobs.startWorkers();
    await askReset(user.email);
    // The worker picked the job up and the SMTP server is holding the delivery.
    await delivering;
    const stopping = app.jobs.stop({ timeoutMs: 20_000 });
    release();
    await stopping;
    expect((await jobsFor(user.email))[0]).toMatchObject({ state: "completed" });
    expect(deliveriesTo(user.email)).toHaveLength(1);
    const message = await app.database.prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: user.email } });
    expect(message.sentAt).not.toBeNull();
  });

  it("a job still running when the grace period ends is failed, to be retried later (not lost)", async () => {
    const second = await createTestApp({ SMTP_URL: smtpUrl, MAIL_RETRY_DELAY_SECONDS: "60", JOB_POLL_INTERVAL_SECONDS: "0.5" });
    try {
      const secondTown = await createMunicipality(second, { hostname: host, name: "Obec Frontová" });
      const user = await createUser(second, secondTown.id, { email: "prerusene@example.cz" });
      let release!: () => void;
      smtp.state.hold = new Promise<void>((resolve) => (release = resolve));
      const delivering = new Promise<void>((resolve) => (smtp.state.onData = resolve));
      await second.jobs.startWorkers();
      const answer = await new Client(second, { host }).request(REQUEST_RESET, { input: { email: user.email } });
      expect(answer.data?.requestPasswordReset).toMatchObject({ ok: true });
      await delivering;
      await second.jobs.stop({ timeoutMs: 1000 });
      release();
      const [job] = await second.database.sql.query<{ state: string; message: string }>(
        `SELECT state, output::text AS message FROM pgboss.job WHERE name = 'account-email' AND data->>'email' = $1`,
        [user.email],
      );
      expect(job).toMatchObject({ state: "retry" });
      expect(job!.message).toMatch(/shut down/);
    } finally {
      await second.close();
    }
  });
});
