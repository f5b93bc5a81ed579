// The clerks' side of the notice board: drafts, validation, attachments, the two-person rule,
// approval (now or scheduled), corrections as revisions, withdrawal, the legal record, agendas and
// forged ids of another municipality.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestApp } from "../kit/app.ts";
import { createUser, signedInClient } from "../kit/factories.ts";
import {
  APPROVE_BY_EXTERNAL_ID,
  APPROVE_NOTICE,
  ARCHIVE,
  ATTACH_FILE,
  BOARD,
  CREATE_NOTICE,
  createNoticeTestApp,
  createTown,
  DETACH_FILE,
  HISTORY,
  ids,
  NOTICE_DETAIL,
  noticeInput,
  postNotice,
  PROPOSE_NOTICE,
  REVISE_NOTICE,
  UPDATE_NOTICE,
  UPSERT_BY_EXTERNAL_ID,
  uploadPdf,
  WITHDRAW_NOTICE,
  type Town,
} from "./notices-support.ts";

let app: TestApp;
let town: Town;
let otherTown: Town;
let invalidations: string[];

beforeAll(async () => {
  app = await createNoticeTestApp();
  town = await createTown(app);
  otherTown = await createTown(app, { name: "Obec Sousední" });
  invalidations = [];
  app.services.publicCache = { invalidate: async (municipalityId) => void invalidations.push(municipalityId) };
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  app.clock.set("2026-11-26T10:00:00Z");
  invalidations.length = 0;
});

async function createDraft(input: Record<string, unknown> = {}, clerk = town.clerk) {
  const answer = await clerk.request(CREATE_NOTICE, { input: noticeInput(input) });
  const notice = answer.data?.createNotice.notice;
  if (!notice) throw new Error(JSON.stringify(answer));
  return notice as Record<string, any> & { id: string };
}

const uuidOf = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

describe("drafts", () => {
  it("a draft is stored with its search text and legal record, and is not public", async () => {
    const draft = await createDraft({
      title: "Veřejná vyhláška – Územní plán",
      originator: "Krajský úřad Kraje Vysočina",
      originatorIco: "70890749",
      referenceNumber: "KUJI 12345/2026",
      fileMark: "OUP/77/2026",
    });
    expect(draft).toMatchObject({ status: "DRAFT", revision: 1, originator: "Krajský úřad Kraje Vysočina", originatorIco: "70890749" });
    const row = await app.database.prisma.notice.findUniqueOrThrow({ where: { id: uuidOf(draft.id) } });
    expect(row.searchText).toBe(
      "verejna vyhlaska – uzemni plan v ulici na vysluni bude prerusena dodavka vody. krajsky urad kraje vysocina kuji 12345/2026 oup/77/2026",
    );
    expect(row.createdById).toBe(town.clerkUser.id);
    const events = await app.database.prisma.noticeEvent.findMany({ where: { noticeId: row.id } });
    expect(events).toMatchObject([{ type: "CREATED", actorUserId: town.clerkUser.id, postedAt: row.postedAt, takeDownAt: row.takeDownAt }]);
    expect(await app.database.prisma.auditLogEntry.count({ where: { action: "notice.created", subjectId: row.id } })).toBe(1);

    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).not.toContain(draft.id);
    expect((await town.anonymous.request(NOTICE_DETAIL, { id: draft.id })).data?.notice).toBeNull();
    const node = `query($id: ID!) { node(id: $id) { id ... on Notice { status } } }`;
    expect((await town.anonymous.request(node, { id: draft.id })).data?.node).toBeNull();
    expect((await town.citizen.request(node, { id: draft.id })).data?.node).toBeNull();
    expect((await town.clerk.request(node, { id: draft.id })).data?.node).toEqual({ id: draft.id, status: "DRAFT" });
    const posted = await postNotice(town.clerk);
    const many = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    expect((await town.anonymous.request(many, { ids: [draft.id, posted.id] })).data?.nodes).toEqual([null, { id: posted.id }]);
    expect((await town.clerk.request(many, { ids: [draft.id, posted.id] })).data?.nodes).toEqual([{ id: draft.id }, { id: posted.id }]);
  });

  it("the municipality is the default originator", async () => {
    expect((await createDraft()).originator).toBe(town.town.name);
  });

  it("refuses bad input field by field, in the caller's language", async () => {
    const bad = await town.clerk.request(CREATE_NOTICE, {
      input: {
        title: "   ",
        description: "x".repeat(10_001),
        category: "DECREES",
        originator: "y".repeat(301),
        originatorIco: "12345678",
        referenceNumber: "č".repeat(101),
        fileMark: "z".repeat(101),
      },
    });
    const errors = bad.data?.createNotice.fieldErrors as { path: string[]; message: string }[];
    expect(Object.fromEntries(errors.map((error) => [error.path.join("."), error.message]))).toEqual({
      title: "Vyplňte toto pole.",
      description: "Nejvýše 10000 znaků.",
      originator: "Nejvýše 300 znaků.",
      originatorIco: "IČO musí mít 8 číslic a platnou kontrolní číslici.",
      referenceNumber: "Nejvýše 100 znaků.",
      fileMark: "Nejvýše 100 znaků.",
    });
    town.clerk.locale = "en";
    try {
      const english = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ title: "t".repeat(301) }) });
      expect(english.data?.createNotice.fieldErrors).toEqual([{ path: ["title"], code: "TOO_BIG", message: "At most 300 characters." }]);
    } finally {
      town.clerk.locale = "cs";
    }
    const unknownCategory = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ category: "GOSSIP" }) });
    // An unknown category never reaches the service: GraphQL refuses the enum value and names the field.
    expect(unknownCategory.errors?.[0]?.message).toMatch(/input\.category.*"GOSSIP" does not exist in "NoticeCategory"/);
    expect(await app.database.prisma.notice.count({ where: { municipalityId: town.town.id, title: "t".repeat(301) } })).toBe(0);
  });

  it("keeps injection attempts as plain text", async () => {
    const title = `'); DROP TABLE "Notice"; -- <script>alert(1)</script>`;
    const draft = await createDraft({ title });
    expect(draft.title).toBe(title);
    expect(await app.database.prisma.notice.count()).toBeGreaterThan(0);
  });

  it("edits a draft, and attaches and detaches files", async () => {
    const draft = await createDraft();
    const first = await uploadPdf(app, town.clerk, "Příloha 1.pdf");
    const second = await uploadPdf(app, town.clerk, "Příloha 2.pdf", "druha");
    const updated = await town.clerk.request(UPDATE_NOTICE, {
      input: { id: draft.id, notice: noticeInput({ title: "Upravený název", category: "DECREES", attachmentIds: [first.id] }) },
    });
    expect(updated.data?.updateNotice.notice).toMatchObject({
      title: "Upravený název",
      category: "DECREES",
      attachments: [{ fileName: "Příloha 1.pdf" }],
    });
    const attached = await town.clerk.request(ATTACH_FILE, { input: { noticeId: draft.id, fileId: second.id } });
    expect(attached.data?.attachNoticeFile.notice.attachments.map((a: { fileName: string }) => a.fileName)).toEqual([
      "Příloha 1.pdf",
      "Příloha 2.pdf",
    ]);
    const again = await town.clerk.request(ATTACH_FILE, { input: { noticeId: draft.id, fileId: second.id } });
    expect(again.data?.attachNoticeFile.notice.attachments).toHaveLength(2);
    const detached = await town.clerk.request(DETACH_FILE, { input: { noticeId: draft.id, fileId: first.id } });
    expect(detached.data?.detachNoticeFile.notice.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(["Příloha 2.pdf"]);
    const events = await app.database.prisma.noticeEvent.findMany({ where: { noticeId: uuidOf(draft.id) }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.type)).toEqual(["CREATED", "EDITED", "EDITED", "EDITED"]);
  });
});

describe("approval", () => {
  it("approving now posts at once: revision 1, APPROVED event, cache invalidated", async () => {
    const draft = await createDraft({ postedAt: "2026-11-20T08:00:00Z", relevantUntil: "2026-12-20" });
    app.clock.set("2026-11-26T12:00:00Z");
    const approved = await town.clerk.request(APPROVE_NOTICE, { input: { id: draft.id } });
    expect(approved.data?.approveNotice.notice).toMatchObject({ status: "APPROVED", postedAt: "2026-11-26T12:00:00.000Z", revision: 1 });
    expect(invalidations).toEqual([town.town.id]);
    const id = uuidOf(draft.id);
    expect(await app.database.prisma.noticeRevision.findMany({ where: { noticeId: id } })).toMatchObject([
      { revision: 1, title: draft.title, reason: null, createdById: town.clerkUser.id },
    ]);
    const event = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId: id, type: "APPROVED" } });
    expect(event).toMatchObject({ actorUserId: town.clerkUser.id, postedAt: new Date("2026-11-26T12:00:00Z"), revision: 1 });
    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).toContain(draft.id);
  });

  it("a window that became too short by approving late is refused until the clerk gives a reason", async () => {
    const draft = await createDraft({ postedAt: "2026-11-26T10:00:00Z", relevantUntil: "2026-12-11" });
    app.clock.set("2026-11-28T09:00:00Z");
    const refused = await town.clerk.request(APPROVE_NOTICE, { input: { id: draft.id } });
    expect(refused.data?.approveNotice).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [{ path: ["relevantUntil"], code: "WINDOW_TOO_SHORT" }],
    });
    const accepted = await town.clerk.request(APPROVE_NOTICE, {
      input: { id: draft.id, shortWindowReason: "Lhůta stanovená zákonem o obcích." },
    });
    expect(accepted.data?.approveNotice.notice.status).toBe("APPROVED");
    const event = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId: uuidOf(draft.id), type: "APPROVED" } });
    expect(event.reason).toBe("Lhůta stanovená zákonem o obcích.");
  });

  it("scheduling: the planned posting time is kept, and the window is checked against it", async () => {
    const draft = await createDraft({ postedAt: "2026-12-01T00:00:00+01:00" });
    expect(draft.relevantUntil).toBe("2026-12-16");
    const approved = await town.clerk.request(APPROVE_NOTICE, { input: { id: draft.id } });
    expect(approved.data?.approveNotice.notice).toMatchObject({ status: "APPROVED", postedAt: "2026-11-30T23:00:00.000Z" });
    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).not.toContain(draft.id);

    // Moving the posting later at approval shortens the window below the minimum: refused.
    const other = await createDraft();
    const later = await town.clerk.request(APPROVE_NOTICE, { input: { id: other.id, postedAt: "2026-12-01T00:00:00+01:00" } });
    expect(later.data?.approveNotice.fieldErrors).toMatchObject([{ path: ["relevantUntil"], code: "WINDOW_TOO_SHORT" }]);
  });

  it("approving twice, or editing an approved notice, is a state error", async () => {
    const notice = await postNotice(town.clerk);
    const again = await town.clerk.request(APPROVE_NOTICE, { input: { id: notice.id } });
    expect(again.data?.approveNotice).toMatchObject({ __typename: "NoticeStateError", code: "NOTICE_NOT_APPROVABLE" });
    const edit = await town.clerk.request(UPDATE_NOTICE, { input: { id: notice.id, notice: noticeInput({ title: "Tichá změna" }) } });
    expect(edit.data?.updateNotice).toMatchObject({
      __typename: "NoticeStateError",
      code: "NOTICE_NOT_EDITABLE",
      message: "Schválenou písemnost nelze upravovat; vytvořte opravnou revizi.",
    });
    const file = await uploadPdf(app, town.clerk);
    const attach = await town.clerk.request(ATTACH_FILE, { input: { noticeId: notice.id, fileId: file.id } });
    expect(attach.data?.attachNoticeFile.code).toBe("NOTICE_NOT_EDITABLE");
  });
});

describe("two-person rule", () => {
  let strict: Town;
  let thirdClerk: Town["clerk"];
  beforeAll(async () => {
    strict = await createTown(app, { twoPersonRule: true, name: "Obec Pečlivá" });
    const third = await createUser(app, strict.town.id, { role: "CLERK", agendas: ["NOTICES"], fullName: "Věra Třetí" });
    thirdClerk = await signedInClient(app, third, strict.host);
  });
  /** Whether the record tells `clerk` that the rule bars them (what the app offers by), by account, not by name. */
  const barred = async (clerk: Town["clerk"], id: string) => (await clerk.request(HISTORY, { id })).data?.noticeHistory.writtenByViewer;
  const approve = async (clerk: Town["clerk"], id: string) => (await clerk.request(APPROVE_NOTICE, { input: { id } })).data?.approveNotice;

  it("needs a proposal, and an approver who is not the author", async () => {
    const draft = await createDraft({}, strict.clerk);
    const direct = await strict.clerk.request(APPROVE_NOTICE, { input: { id: draft.id } });
    expect(direct.data?.approveNotice).toMatchObject({ __typename: "NoticeStateError", code: "NOTICE_NOT_PROPOSED" });
    expect([await barred(strict.clerk, draft.id), await barred(strict.secondClerk, draft.id)]).toEqual([true, false]);
    const proposed = await strict.clerk.request(PROPOSE_NOTICE, { input: { id: draft.id } });
    expect(proposed.data?.proposeNotice.notice.status).toBe("PENDING_APPROVAL");
    expect([await barred(strict.clerk, draft.id), await barred(strict.secondClerk, draft.id)]).toEqual([true, false]);
    expect(await approve(strict.clerk, draft.id)).toMatchObject({
      __typename: "NoticeStateError",
      code: "NOTICE_SAME_PERSON",
      message: "Písemnost musí schválit někdo jiný než ten, kdo ji napsal, upravil nebo navrhl.",
    });
    expect((await approve(strict.secondClerk, draft.id))?.notice.status).toBe("APPROVED");
    const events = await app.database.prisma.noticeEvent.findMany({ where: { noticeId: uuidOf(draft.id) }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.type, event.actorUserId])).toEqual([
      ["CREATED", strict.clerkUser.id],
      ["PROPOSED", strict.clerkUser.id],
      ["APPROVED", strict.secondClerkUser.id],
    ]);
  });

  it("A writes, B proposes: A may not approve, B neither; a third person may", async () => {
    const draft = await createDraft({}, strict.clerk);
    expect((await strict.secondClerk.request(PROPOSE_NOTICE, { input: { id: draft.id } })).data?.proposeNotice.notice.status).toBe(
      "PENDING_APPROVAL",
    );
    expect([await barred(strict.clerk, draft.id), await barred(strict.secondClerk, draft.id), await barred(thirdClerk, draft.id)]).toEqual([
      true,
      true,
      false,
    ]);
    expect((await approve(strict.clerk, draft.id))?.code).toBe("NOTICE_SAME_PERSON");
    expect((await approve(strict.secondClerk, draft.id))?.code).toBe("NOTICE_SAME_PERSON");
    expect((await approve(thirdClerk, draft.id))?.notice.status).toBe("APPROVED");
  });

  it("whoever edits a pending notice is one of its authors", async () => {
    const draft = await createDraft({}, strict.clerk);
    await strict.clerk.request(PROPOSE_NOTICE, { input: { id: draft.id } });
    const edited = await strict.secondClerk.request(UPDATE_NOTICE, {
      input: { id: draft.id, notice: noticeInput({ title: "Doplněný název" }) },
    });
    expect(edited.data?.updateNotice.notice.status).toBe("PENDING_APPROVAL");
    expect([await barred(strict.secondClerk, draft.id), await barred(strict.clerk, draft.id), await barred(thirdClerk, draft.id)]).toEqual([
      true,
      true,
      false,
    ]);
    expect((await approve(strict.secondClerk, draft.id))?.code).toBe("NOTICE_SAME_PERSON");
    // The author of the draft is still its author after a colleague's edit.
    expect((await approve(strict.clerk, draft.id))?.code).toBe("NOTICE_SAME_PERSON");
    expect((await approve(thirdClerk, draft.id))?.notice.title).toBe("Doplněný název");
  });

  it("B writes and proposes, A edits after the proposal: A may not approve", async () => {
    const draft = await createDraft({}, strict.secondClerk);
    await strict.secondClerk.request(PROPOSE_NOTICE, { input: { id: draft.id } });
    expect(await barred(strict.clerk, draft.id)).toBe(false);
    const file = await uploadPdf(app, strict.clerk);
    expect(
      (await strict.clerk.request(ATTACH_FILE, { input: { noticeId: draft.id, fileId: file.id } })).data?.attachNoticeFile.notice.status,
    ).toBe("PENDING_APPROVAL");
    expect(await barred(strict.clerk, draft.id)).toBe(true);
    expect((await approve(strict.clerk, draft.id))?.code).toBe("NOTICE_SAME_PERSON");
    expect((await approve(thirdClerk, draft.id))?.notice.attachments).toHaveLength(1);
  });

  it("an integrator's token is an author like a person: it writes and proposes, a clerk who changed the text may not approve", async () => {
    const externalId = `spis-${Date.now()}`;
    const upserted = await strict.integrator.request(UPSERT_BY_EXTERNAL_ID, { externalId, input: noticeInput({ title: "Z IS" }) });
    const id = upserted.data?.upsertNoticeByExternalId.notice.id as string;
    await strict.clerk.request(UPDATE_NOTICE, { input: { id, notice: noticeInput({ title: "Z IS, opraveno" }) } });
    // Under the rule the integrator's approval only proposes; the integrator never approves.
    const proposed = await strict.integrator.request(APPROVE_BY_EXTERNAL_ID, { externalId });
    expect(proposed.data?.approveNoticeByExternalId.notice.status).toBe("PENDING_APPROVAL");
    expect(await barred(strict.integrator, id)).toBe(true);
    expect([await barred(strict.clerk, id), await barred(strict.secondClerk, id)]).toEqual([true, false]);
    expect((await approve(strict.clerk, id))?.code).toBe("NOTICE_SAME_PERSON");
    expect((await approve(strict.secondClerk, id))?.notice.status).toBe("APPROVED");
  });
});

describe("corrections", () => {
  it("a correction is a new revision with a reason; the public sees the history", async () => {
    const file = await uploadPdf(app, town.clerk, "Původní.pdf");
    const notice = await postNotice(town.clerk, { title: "Záměr pronájmu nebytových prostor", attachmentIds: [file.id] });
    const noReason = await town.clerk.request(REVISE_NOTICE, {
      input: { id: notice.id, reason: "  ", notice: noticeInput({ title: "Oprava" }) },
    });
    expect(noReason.data?.reviseNotice.fieldErrors).toEqual([{ path: ["reason"], code: "TOO_SMALL", message: "Uveďte důvod." }]);
    const unchanged = await town.clerk.request(REVISE_NOTICE, {
      input: { id: notice.id, reason: "Nic", notice: noticeInput({ title: "Záměr pronájmu nebytových prostor" }) },
    });
    expect(unchanged.data?.reviseNotice.fieldErrors[0].code).toBe("UNCHANGED");

    app.clock.set("2026-11-27T09:00:00Z");
    invalidations.length = 0;
    const revised = await town.clerk.request(REVISE_NOTICE, {
      input: {
        id: notice.id,
        reason: "Oprava výměry prostor.",
        notice: noticeInput({ title: "Záměr pronájmu nebytových prostor (opraveno)", attachmentIds: [file.id] }),
      },
    });
    expect(revised.data?.reviseNotice.notice).toMatchObject({ revision: 2, title: "Záměr pronájmu nebytových prostor (opraveno)" });
    expect(revised.data?.reviseNotice.notice.postedAt).toBe(notice.postedAt);
    expect(invalidations).toEqual([town.town.id]);
    const detail = await town.anonymous.request(NOTICE_DETAIL, { id: notice.id });
    expect(detail.data?.notice.revisions).toEqual([
      { revision: 1, title: "Záměr pronájmu nebytových prostor", reason: null, createdAt: "2026-11-26T10:00:00.000Z" },
      {
        revision: 2,
        title: "Záměr pronájmu nebytových prostor (opraveno)",
        reason: "Oprava výměry prostor.",
        createdAt: "2026-11-27T09:00:00.000Z",
      },
    ]);
    const history = await town.clerk.request(HISTORY, { id: notice.id });
    expect(history.data?.noticeHistory.revisions).toMatchObject([
      { revision: 1, createdBy: "Petra Referentová", attachmentNames: ["Původní.pdf"] },
      { revision: 2, reason: "Oprava výměry prostor.", createdBy: "Petra Referentová" },
    ]);
    expect(history.data?.noticeHistory.events.map((event: { type: string }) => event.type)).toEqual(["CREATED", "APPROVED", "REVISED"]);
    expect(history.data?.noticeHistory.events[2]).toMatchObject({
      actorName: "Petra Referentová",
      revision: 2,
      reason: "Oprava výměry prostor.",
    });
  });

  it("the evidence is append-only: the database refuses to change or delete revisions and events", async () => {
    const notice = await postNotice(town.clerk);
    const noticeId = uuidOf(notice.id);
    const revision = await app.database.prisma.noticeRevision.findFirstOrThrow({ where: { noticeId } });
    const event = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId } });
    await expect(app.database.prisma.noticeRevision.update({ where: { id: revision.id }, data: { title: "Přepsáno" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(app.database.prisma.noticeRevision.delete({ where: { id: revision.id } })).rejects.toThrow(/append-only/);
    await expect(app.database.prisma.noticeEvent.update({ where: { id: event.id }, data: { reason: "Přepsáno" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(app.database.prisma.noticeEvent.deleteMany({ where: { noticeId } })).rejects.toThrow(/append-only/);
    await expect(app.database.sql.query(`UPDATE "NoticeEvent" SET "postedAt" = now() WHERE "noticeId" = $1`, [noticeId])).rejects.toThrow(
      /append-only/,
    );
    expect((await app.database.prisma.noticeRevision.findUniqueOrThrow({ where: { id: revision.id } })).title).toBe(revision.title);
  });

  it("a correction may not take the notice down in the past", async () => {
    const notice = await postNotice(town.clerk);
    app.clock.set("2026-12-05T10:00:00Z");
    const answer = await town.clerk.request(REVISE_NOTICE, {
      input: { id: notice.id, reason: "Zkrácení", notice: noticeInput({ relevantUntil: "2026-12-01", shortWindowReason: "chyba" }) },
    });
    expect(answer.data?.reviseNotice.fieldErrors[0].code).toBe("ENDS_IN_PAST");
  });
});

describe("withdrawal", () => {
  it("needs a reason, takes the notice down at once and shows it in the archive as withdrawn", async () => {
    const notice = await postNotice(town.clerk, { title: "Oznámení o uzavírce mostu" });
    const noReason = await town.clerk.request(WITHDRAW_NOTICE, { input: { id: notice.id, reason: "" } });
    expect(noReason.data?.withdrawNotice.fieldErrors).toEqual([{ path: ["reason"], code: "TOO_SMALL", message: "Uveďte důvod." }]);
    app.clock.set("2026-11-28T14:30:00Z");
    invalidations.length = 0;
    const withdrawn = await town.clerk.request(WITHDRAW_NOTICE, { input: { id: notice.id, reason: "Uzavírka byla zrušena." } });
    expect(withdrawn.data?.withdrawNotice.notice).toMatchObject({
      status: "WITHDRAWN",
      withdrawn: true,
      withdrawalReason: "Uzavírka byla zrušena.",
      takeDownAt: "2026-11-28T14:30:00.000Z",
    });
    expect(invalidations).toEqual([town.town.id]);
    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).not.toContain(notice.id);
    const archive = await town.anonymous.request(ARCHIVE);
    expect(archive.data?.noticeArchive.edges.find((edge: { node: { id: string } }) => edge.node.id === notice.id)?.node).toMatchObject({
      withdrawn: true,
      withdrawalReason: "Uzavírka byla zrušena.",
    });
    const twice = await town.clerk.request(WITHDRAW_NOTICE, { input: { id: notice.id, reason: "Znovu" } });
    expect(twice.data?.withdrawNotice.code).toBe("NOTICE_NOT_ACTIVE");
    const event = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId: uuidOf(notice.id), type: "WITHDRAWN" } });
    expect(event).toMatchObject({
      reason: "Uzavírka byla zrušena.",
      postedAt: new Date(notice.postedAt),
      takeDownAt: new Date("2026-11-28T14:30:00Z"),
    });
  });

  it("a notice withdrawn before its posting time never appears, not even in the archive later", async () => {
    const draft = await createDraft({ title: "Naplánované a zrušené oznámení", postedAt: "2026-12-01T08:00:00Z" });
    await town.clerk.request(APPROVE_NOTICE, { input: { id: draft.id } });
    const withdrawn = await town.clerk.request(WITHDRAW_NOTICE, { input: { id: draft.id, reason: "Akce se nekoná." } });
    expect(withdrawn.data?.withdrawNotice.notice.status).toBe("WITHDRAWN");
    for (const moment of ["2026-11-30T10:00:00Z", "2026-12-01T08:00:00Z", "2027-01-15T10:00:00Z"]) {
      app.clock.set(moment);
      expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard), moment).not.toContain(draft.id);
      expect(ids((await town.anonymous.request(ARCHIVE)).data?.noticeArchive), moment).not.toContain(draft.id);
      expect((await town.anonymous.request(NOTICE_DETAIL, { id: draft.id })).data?.notice, moment).toBeNull();
    }
    const event = await app.database.prisma.noticeEvent.findFirstOrThrow({ where: { noticeId: uuidOf(draft.id), type: "WITHDRAWN" } });
    expect(event.postedAt).toBeNull();
  });

  it("drafts cannot be withdrawn (they were never public)", async () => {
    const draft = await createDraft();
    expect((await town.clerk.request(WITHDRAW_NOTICE, { input: { id: draft.id, reason: "x" } })).data?.withdrawNotice.code).toBe(
      "NOTICE_NOT_ACTIVE",
    );
  });
});

describe("who may do what", () => {
  it("only clerks of the notices agenda (and admins) manage notices", async () => {
    for (const [client, code] of [
      [town.financeClerk, "FORBIDDEN"],
      [town.registersClerk, "FORBIDDEN"],
      [town.citizen, "FORBIDDEN"],
      [town.integrator, "FORBIDDEN"],
      [town.anonymous, "UNAUTHENTICATED"],
    ] as const) {
      const answer = await client.request(CREATE_NOTICE, { input: noticeInput() });
      expect(answer.errors?.[0]?.extensions?.code).toBe(code);
    }
    const list = `{ allNotices(first: 5) { edges { node { id } } } }`;
    expect((await town.citizen.request(list)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await town.integrator.request(list)).errors).toBeUndefined();
  });

  it("another municipality's notice ids are unknown: not found, never changed", async () => {
    const draft = await createDraft({ title: "Naše tajná příprava" });
    const posted = await postNotice(town.clerk, { title: "Naše vyvěšená" });
    const foreign = otherTown.clerk;
    expect((await foreign.request(UPDATE_NOTICE, { input: { id: draft.id, notice: noticeInput() } })).data?.updateNotice.__typename).toBe(
      "NotFoundError",
    );
    expect((await foreign.request(APPROVE_NOTICE, { input: { id: draft.id } })).data?.approveNotice.__typename).toBe("NotFoundError");
    expect((await foreign.request(PROPOSE_NOTICE, { input: { id: draft.id } })).data?.proposeNotice.__typename).toBe("NotFoundError");
    expect((await foreign.request(WITHDRAW_NOTICE, { input: { id: posted.id, reason: "sabotáž" } })).data?.withdrawNotice.__typename).toBe(
      "NotFoundError",
    );
    expect(
      (await foreign.request(REVISE_NOTICE, { input: { id: posted.id, reason: "x", notice: noticeInput() } })).data?.reviseNotice
        .__typename,
    ).toBe("NotFoundError");
    expect((await foreign.request(HISTORY, { id: draft.id })).data?.noticeHistory).toBeNull();
    expect((await otherTown.anonymous.request(NOTICE_DETAIL, { id: posted.id })).data?.notice).toBeNull();
    const node = await foreign.request(`query($id: ID!) { node(id: $id) { id } }`, { id: draft.id });
    expect(node.data?.node).toBeNull();
    expect((await app.database.prisma.notice.findUniqueOrThrow({ where: { id: uuidOf(posted.id) } })).status).toBe("APPROVED");
    for (const id of ["Tm90aWNlOm5vdC1hLXV1aWQ=", Buffer.from("Notice:00000000-0000-0000-0000-000000000000").toString("base64")]) {
      expect((await town.clerk.request(APPROVE_NOTICE, { input: { id } })).data?.approveNotice.__typename).toBe("NotFoundError");
    }
    // Malformed, unknown or other-type ids in the public lookups are simply null.
    const userId = Buffer.from(`User:${town.clerkUser.id}`).toString("base64");
    for (const id of [
      "%%%",
      "bm90LWEtZ2xvYmFsLWlk",
      userId,
      Buffer.from("Notice:00000000-0000-0000-0000-000000000000").toString("base64"),
    ]) {
      const answer = await town.anonymous.request(NOTICE_DETAIL, { id });
      expect(answer.errors, id).toBeUndefined();
      expect(answer.data?.notice, id).toBeNull();
      expect((await town.clerk.request(HISTORY, { id })).data?.noticeHistory, id).toBeNull();
    }
  });

  it("lists all notices of the municipality for clerks, filtered by status", async () => {
    const draft = await createDraft({ title: "Koncept pro seznam" });
    const query = `query($status: [NoticeStatus!]) { allNotices(status: $status, first: 100) { totalCount edges { node { id status } } } }`;
    const drafts = await town.clerk.request(query, { status: ["DRAFT"] });
    expect(drafts.data?.allNotices.edges.every((edge: { node: { status: string } }) => edge.node.status === "DRAFT")).toBe(true);
    expect(ids(drafts.data?.allNotices)).toContain(draft.id);
    expect(drafts.data?.allNotices.totalCount).toBe(drafts.data?.allNotices.edges.length);
    const foreign = await otherTown.clerk.request(query, { status: ["DRAFT"] });
    expect(ids(foreign.data?.allNotices)).not.toContain(draft.id);
  });
});
