// Integrators (API token with notices:write) keep notices in sync by their own ids: replays change
// nothing, changes to approved notices become revisions, concurrent first calls create one notice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../kit/app.ts";
import { apiTokenClient } from "../kit/factories.ts";
import {
  APPROVE_BY_EXTERNAL_ID,
  APPROVE_NOTICE,
  BOARD,
  createNoticeTestApp,
  createTown,
  ids,
  noticeInput,
  UPSERT_BY_EXTERNAL_ID,
  uploadPdf,
  WITHDRAW_BY_EXTERNAL_ID,
  type Town,
} from "./notices-support.ts";

let app: TestApp;
let town: Town;

beforeAll(async () => {
  app = await createNoticeTestApp();
  town = await createTown(app);
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  app.clock.set("2026-11-26T10:00:00Z");
});

const uuidOf = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

async function evidence(globalId: string) {
  const noticeId = uuidOf(globalId);
  const [notice, events, revisions, audit] = await Promise.all([
    app.database.prisma.notice.findUniqueOrThrow({ where: { id: noticeId } }),
    app.database.prisma.noticeEvent.findMany({ where: { noticeId }, orderBy: { id: "asc" } }),
    app.database.prisma.noticeRevision.count({ where: { noticeId } }),
    app.database.prisma.auditLogEntry.count({ where: { subjectId: noticeId } }),
  ]);
  return { updatedAt: notice.updatedAt.getTime(), status: notice.status, events: events.map((event) => event.type), revisions, audit };
}

describe("upsertNoticeByExternalId", () => {
  it("creates a draft once; a replay changes nothing and answers the same notice", async () => {
    const file = await uploadPdf(app, town.integrator, "Rozhodnutí.pdf");
    const variables = {
      externalId: "spisovka-2026-0001",
      input: noticeInput({ title: "Rozhodnutí o umístění stavby", referenceNumber: "SU/1/2026", attachmentIds: [file.id] }),
    };
    const first = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables);
    const notice = first.data?.upsertNoticeByExternalId.notice;
    expect(notice).toMatchObject({ status: "DRAFT", title: "Rozhodnutí o umístění stavby", attachments: [{ fileName: "Rozhodnutí.pdf" }] });
    const before = await evidence(notice.id);
    expect(before.events).toEqual(["CREATED"]);
    const createdEvent = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId: uuidOf(notice.id) } });
    expect(createdEvent).toMatchObject({ actorUserId: null, actorTokenId: expect.any(String) });

    app.clock.advance({ minutes: 5 });
    const replay = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables);
    expect(replay.data?.upsertNoticeByExternalId.notice).toEqual(notice);
    expect(await evidence(notice.id)).toEqual(before);
  });

  it("a changed draft is edited in place", async () => {
    const variables = { externalId: "spisovka-2026-0002", input: noticeInput({ title: "Původní" }) };
    const first = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables);
    const changed = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, { ...variables, input: noticeInput({ title: "Změněný" }) });
    expect(changed.data?.upsertNoticeByExternalId.notice).toMatchObject({
      id: first.data?.upsertNoticeByExternalId.notice.id,
      title: "Změněný",
    });
    expect((await evidence(first.data?.upsertNoticeByExternalId.notice.id)).events).toEqual(["CREATED", "EDITED"]);
  });

  it("approval by external id is idempotent, and a change to the approved notice is a revision with a reason", async () => {
    const variables = { externalId: "spisovka-2026-0003", input: noticeInput({ title: "Oznámení o veřejném projednání" }) };
    const { id } = (await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables)).data!.upsertNoticeByExternalId.notice;
    const approved = await town.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "spisovka-2026-0003" });
    expect(approved.data?.approveNoticeByExternalId.notice).toMatchObject({ id, status: "APPROVED", postedAt: "2026-11-26T10:00:00.000Z" });
    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).toContain(id);
    const afterApproval = await evidence(id);

    app.clock.advance({ hours: 1 });
    const approvedAgain = await town.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "spisovka-2026-0003" });
    expect(approvedAgain.data?.approveNoticeByExternalId.notice.postedAt).toBe("2026-11-26T10:00:00.000Z");
    // Replaying the original upsert (whose postedAt was "now" back then) changes nothing either.
    expect((await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables)).data?.upsertNoticeByExternalId.notice.revision).toBe(1);
    expect(await evidence(id)).toEqual(afterApproval);

    const changed = { ...variables, input: noticeInput({ title: "Oznámení o veřejném projednání (nový termín)" }) };
    const withoutReason = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, changed);
    expect(withoutReason.data?.upsertNoticeByExternalId).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["revisionReason"], code: "REASON_REQUIRED", message: "Uveďte důvod." }],
    });
    const revised = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, { ...changed, revisionReason: "Změna termínu projednání." });
    expect(revised.data?.upsertNoticeByExternalId.notice).toMatchObject({
      revision: 2,
      title: "Oznámení o veřejném projednání (nový termín)",
    });
    const afterRevision = await evidence(id);
    expect(afterRevision).toMatchObject({ revisions: 2, events: ["CREATED", "APPROVED", "REVISED"] });
    expect(
      (await town.integrator.request(UPSERT_BY_EXTERNAL_ID, { ...changed, revisionReason: "Změna termínu projednání." })).data
        ?.upsertNoticeByExternalId.notice.revision,
    ).toBe(2);
    expect(await evidence(id)).toEqual(afterRevision);
  });

  it("withdrawal by external id is idempotent; a withdrawn notice accepts only replays", async () => {
    const variables = { externalId: "spisovka-2026-0004", input: noticeInput({ title: "Výzva k podání nabídek" }) };
    const { id } = (await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables)).data!.upsertNoticeByExternalId.notice;
    await town.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: variables.externalId });
    const noReason = await town.integrator.request(WITHDRAW_BY_EXTERNAL_ID, { externalId: variables.externalId, reason: " " });
    expect(noReason.data?.withdrawNoticeByExternalId.fieldErrors).toMatchObject([{ path: ["reason"] }]);
    app.clock.advance({ days: 2 });
    const withdrawn = await town.integrator.request(WITHDRAW_BY_EXTERNAL_ID, {
      externalId: variables.externalId,
      reason: "Zakázka zrušena.",
    });
    expect(withdrawn.data?.withdrawNoticeByExternalId.notice).toMatchObject({ status: "WITHDRAWN", withdrawalReason: "Zakázka zrušena." });
    const state = await evidence(id);
    const again = await town.integrator.request(WITHDRAW_BY_EXTERNAL_ID, { externalId: variables.externalId, reason: "Zakázka zrušena." });
    expect(again.data?.withdrawNoticeByExternalId.notice.takeDownAt).toBe(withdrawn.data?.withdrawNoticeByExternalId.notice.takeDownAt);
    expect((await town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables)).data?.upsertNoticeByExternalId.notice.status).toBe(
      "WITHDRAWN",
    );
    expect(await evidence(id)).toEqual(state);
    const change = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, {
      ...variables,
      input: noticeInput({ title: "Jiná" }),
      revisionReason: "x",
    });
    expect(change.data?.upsertNoticeByExternalId).toMatchObject({ __typename: "NoticeStateError", code: "NOTICE_NOT_ACTIVE" });
  });

  it("concurrent first calls with the same external id create exactly one notice", async () => {
    const variables = { externalId: "spisovka-2026-race", input: noticeInput({ title: "Souběžně odeslané oznámení" }) };
    const answers = await Promise.all(Array.from({ length: 6 }, () => town.integrator.request(UPSERT_BY_EXTERNAL_ID, variables)));
    const returned = new Set(answers.map((answer) => answer.data?.upsertNoticeByExternalId.notice?.id));
    expect(answers.map((answer) => answer.errors)).toEqual(answers.map(() => undefined));
    expect(returned.size).toBe(1);
    expect(await app.database.prisma.notice.count({ where: { municipalityId: town.town.id, externalId: "spisovka-2026-race" } })).toBe(1);
    const [id] = [...returned];
    expect((await evidence(id!)).events).toEqual(["CREATED"]);
  });

  it("ten concurrent replays of an approval or a withdrawal all answer what the first answered", async () => {
    const externalId = "spisovka-2026-replays";
    const draft = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, { externalId, input: noticeInput({ title: "Desetkrát odeslané" }) });
    const id = draft.data?.upsertNoticeByExternalId.notice.id as string;
    const parallel = (query: string, variables: Record<string, unknown>) =>
      Promise.all(Array.from({ length: 10 }, () => town.integrator.request(query, variables)));

    const approvals = await parallel(APPROVE_BY_EXTERNAL_ID, { externalId });
    const approved = approvals.map((answer) => answer.data?.approveNoticeByExternalId);
    expect(approved.map((answer) => answer?.__typename)).toEqual(approved.map(() => "ApproveNoticeByExternalIdSuccess"));
    expect(new Set(approved.map((answer) => JSON.stringify(answer.notice))).size).toBe(1);
    expect(approved[0].notice).toMatchObject({ id, status: "APPROVED", revision: 1 });
    expect((await evidence(id)).events).toEqual(["CREATED", "APPROVED"]);

    // Ten concurrent replays of the same correction: one revision, every caller gets it.
    const corrected = { externalId, input: noticeInput({ title: "Desetkrát opravené" }), revisionReason: "Překlep v názvu" };
    const corrections = (await parallel(UPSERT_BY_EXTERNAL_ID, corrected)).map((answer) => answer.data?.upsertNoticeByExternalId);
    expect(corrections.map((answer) => answer?.notice?.revision)).toEqual(corrections.map(() => 2));
    expect(new Set(corrections.map((answer) => answer.notice.title))).toEqual(new Set(["Desetkrát opravené"]));
    expect((await evidence(id)).events).toEqual(["CREATED", "APPROVED", "REVISED"]);

    const withdrawals = await parallel(WITHDRAW_BY_EXTERNAL_ID, { externalId, reason: "Zrušeno v IS" });
    const withdrawn = withdrawals.map((answer) => answer.data?.withdrawNoticeByExternalId);
    expect(withdrawn.map((answer) => answer?.__typename)).toEqual(withdrawn.map(() => "WithdrawNoticeByExternalIdSuccess"));
    expect(new Set(withdrawn.map((answer) => JSON.stringify(answer.notice))).size).toBe(1);
    expect(withdrawn[0].notice).toMatchObject({ status: "WITHDRAWN", withdrawalReason: "Zrušeno v IS" });
    const after = await evidence(id);
    expect(after.events).toEqual(["CREATED", "APPROVED", "REVISED", "WITHDRAWN"]);
    expect(await app.database.prisma.auditLogEntry.count({ where: { subjectId: uuidOf(id), action: "notice.withdrawn" } })).toBe(1);
  });

  it("external ids are per municipality, and validated", async () => {
    const other = await createTown(app, { name: "Obec Druhá" });
    const ours = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, {
      externalId: "společné-id-7",
      input: noticeInput({ title: "Naše" }),
    });
    const theirs = await other.integrator.request(UPSERT_BY_EXTERNAL_ID, {
      externalId: "společné-id-7",
      input: noticeInput({ title: "Jejich" }),
    });
    expect(theirs.data?.upsertNoticeByExternalId.notice.id).not.toBe(ours.data?.upsertNoticeByExternalId.notice.id);
    expect(
      (await other.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "neexistuje" })).data?.approveNoticeByExternalId.__typename,
    ).toBe("NotFoundError");
    const title = await app.database.prisma.notice.findUniqueOrThrow({
      where: { id: uuidOf(ours.data?.upsertNoticeByExternalId.notice.id) },
    });
    expect(title.title).toBe("Naše");
    for (const [externalId, code] of [
      ["", "TOO_SMALL"],
      ["x".repeat(201), "TOO_BIG"],
      ["tab\there", "INVALID_FORMAT"],
    ]) {
      const answer = await town.integrator.request(UPSERT_BY_EXTERNAL_ID, { externalId, input: noticeInput() });
      expect(answer.data?.upsertNoticeByExternalId.fieldErrors, externalId).toMatchObject([{ path: ["externalId"], code }]);
    }
  });

  it("needs a token with notices:write; clerks use the portal's own mutations", async () => {
    const variables = { externalId: "x-1", input: noticeInput() };
    const readOnly = await apiTokenClient(app, town.town.id, ["submissions:read"], town.host);
    expect((await readOnly.request(UPSERT_BY_EXTERNAL_ID, variables)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await town.clerk.request(UPSERT_BY_EXTERNAL_ID, variables)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await town.anonymous.request(UPSERT_BY_EXTERNAL_ID, variables)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("two-person rule for integrators", () => {
  it("an integrator's approval proposes the notice; a clerk approves it", async () => {
    const strict = await createTown(app, { twoPersonRule: true, name: "Obec Přísná" });
    await strict.integrator.request(UPSERT_BY_EXTERNAL_ID, { externalId: "ext-42", input: noticeInput() });
    const proposed = await strict.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "ext-42" });
    expect(proposed.data?.approveNoticeByExternalId.notice.status).toBe("PENDING_APPROVAL");
    const replay = await strict.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "ext-42" });
    expect(replay.data?.approveNoticeByExternalId.notice.status).toBe("PENDING_APPROVAL");
    const id = proposed.data?.approveNoticeByExternalId.notice.id;
    expect((await evidence(id)).events).toEqual(["CREATED", "PROPOSED"]);
    const approved = await strict.clerk.request(APPROVE_NOTICE, { input: { id } });
    expect(approved.data?.approveNotice.notice.status).toBe("APPROVED");
  });

  it("ten concurrent replays of the proposal all answer the proposed notice", async () => {
    const strict = await createTown(app, { twoPersonRule: true, name: "Obec Souběžná" });
    await strict.integrator.request(UPSERT_BY_EXTERNAL_ID, { externalId: "ext-10", input: noticeInput() });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => strict.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId: "ext-10" })),
    );
    const notices = answers.map((answer) => answer.data?.approveNoticeByExternalId.notice);
    expect(notices.map((notice) => notice?.status)).toEqual(notices.map(() => "PENDING_APPROVAL"));
    expect((await evidence(notices[0].id)).events).toEqual(["CREATED", "PROPOSED"]);
  });
});
