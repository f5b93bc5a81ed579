// The dog fee life situation end to end through the API: the public catalogue, a draft saved and resumed, a submit
// the server validates again (field errors naming the label), a double submit that is one submission, the receipt
// e-mail and summary PDF, the reviewer's queue and proposed effect, a request for information and the citizen's
// answer, two clerks approving at once (one wins), the dog records and the assessment in the citizen's personal
// account, and a deregistration that recalculates it. Plus who may see what.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";
import {
  ANSWER,
  APPROVE,
  createDogFeeTariff,
  ERRORS,
  example,
  REJECT,
  REQUEST_INFO,
  REVIEW,
  SAVE_DRAFT,
  submit,
  SUBMIT,
  UPLOAD,
  pdfFile,
} from "./submissions-support.ts";

let app: TestApp;
let server: FastifyInstance;
let host: string;
let town: Awaited<ReturnType<typeof createMunicipality>>;
let citizenUser: Awaited<ReturnType<typeof createUser>>;
let citizen: Client;
let neighbour: Client;
let financeClerk: Client;
let secondFinanceClerk: Client;
let submissionsClerk: Client;

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set("2026-12-06T09:00:00Z");
  town = await createMunicipality(app);
  host = town.hosts[0]!.hostname;
  await createDogFeeTariff(app, town.id);
  citizenUser = await createUser(app, town.id, { fullName: "Jana Nováková", email: `jana-${randomUUID().slice(0, 6)}@test.example` });
  citizen = await signedInClient(app, citizenUser, host);
  neighbour = await signedInClient(app, await createUser(app, town.id), host);
  financeClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }), host);
  secondFinanceClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] }), host);
  submissionsClerk = await signedInClient(app, await createUser(app, town.id, { role: "CLERK", agendas: ["SUBMISSIONS"] }), host);
  server = await buildServer(app);
});

afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe("the catalogue", () => {
  it("is readable without login, with the guide and the form's definition", async () => {
    const { Client } = await import("../kit/graphql.ts");
    const anonymous = new Client(app, { host });
    const response = await anonymous.request(`{ lifeSituations { slug title form { id version agenda effect loginRequired } }
      lifeSituation(slug: "prihlaseni-psa") { title guide form { definition } } dogFeeTariffs { year firstDog furtherDog } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.lifeSituations.map((s: { form: { id: string } }) => s.form.id)).toEqual(
      expect.arrayContaining([
        "dog-registration",
        "dog-deregistration",
        "waste-fee-registration",
        "waste-fee-exemption",
        "general-submission",
      ]),
    );
    expect(response.data!.lifeSituation.guide.legalBasis.length).toBeGreaterThan(0);
    expect(response.data!.dogFeeTariffs).toEqual([{ year: 2026, firstDog: "1200.00", furtherDog: "1800.00" }]);
    const refused = await anonymous.request(SUBMIT, {
      input: { formId: "dog-registration", formVersion: "1.0.0", values: example("dog-registration"), idempotencyKey: randomUUID() },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("drafts", () => {
  it("are saved, resumed on another device and protected from an older copy", async () => {
    const clientId = randomUUID();
    const first = await citizen.request(SAVE_DRAFT, {
      input: { clientId, formId: "dog-registration", formVersion: "1.0.0", values: { fullName: "Jana" }, currentStep: "holder" },
    });
    expect(first.data!.saveFormDraft.draft).toMatchObject({ revision: 1, compatibility: "SAME" });
    // A replay of the same save (offline queue) is the same draft.
    const second = await citizen.request(SAVE_DRAFT, {
      input: { clientId, formId: "dog-registration", formVersion: "1.0.0", values: { fullName: "Jana N" }, expectedRevision: 1 },
    });
    expect(second.data!.saveFormDraft.draft.revision).toBe(2);
    const stale = await citizen.request(SAVE_DRAFT, {
      input: { clientId, formId: "dog-registration", formVersion: "1.0.0", values: { fullName: "old" }, expectedRevision: 1 },
    });
    expect(stale.data!.saveFormDraft).toMatchObject({ code: "CONFLICT" });
    const listed = await citizen.request(`{ formDrafts { clientId values } }`);
    expect(listed.data!.formDrafts).toEqual([{ clientId, values: { fullName: "Jana N" } }]);
    // Another citizen neither sees nor overwrites it.
    expect((await neighbour.request(`{ formDrafts { clientId } }`)).data!.formDrafts).toEqual([]);
    // Text PostgreSQL cannot store is refused at the edge, naming the argument, not as a 500.
    const nul = await citizen.request(SAVE_DRAFT, {
      input: { clientId: randomUUID(), formId: "dog-registration", formVersion: "1.0.0", values: { fullName: "Jana\u0000" } },
    });
    expect(nul.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await citizen.request(SAVE_DRAFT, {
      input: { clientId: randomUUID(), formId: "no-such-form", formVersion: "1.0.0", values: {} },
    });
    expect(unknown.data!.saveFormDraft.fieldErrors[0]).toMatchObject({ path: ["formId"] });
  });
});

describe("submitting", () => {
  it("validates the whole payload again and names the field's label", async () => {
    const values = example("dog-registration");
    values.dogs[1].chipNumber = "12345";
    delete values.declaration;
    const response = await submit(citizen, "dog-registration", values);
    const result = response.data!.submitForm;
    expect(result.__typename).toBe("ValidationError");
    const byPath = Object.fromEntries(result.fieldErrors.map((e: { path: string[]; message: string }) => [e.path.join("."), e.message]));
    expect(byPath["values.dogs.1.chipNumber"]).toContain("Číslo čipu");
    expect(byPath["values.declaration"]).toContain("Prohlašuji");
    expect(await app.database.prisma.submission.count({ where: { municipalityId: town.id } })).toBe(0);
  });

  it("refuses an outdated major version and an unknown form", async () => {
    const major = await submit(citizen, "dog-registration", example("dog-registration"), { version: "0.9.0" });
    expect(major.data!.submitForm).toMatchObject({ code: "FORM_VERSION", compatibility: "MAJOR", currentVersion: "1.0.0" });
    const newer = await submit(citizen, "dog-registration", example("dog-registration"), { version: "1.1.0" });
    expect(newer.data!.submitForm).toMatchObject({ code: "FORM_VERSION", compatibility: "NEWER" });
  });
});

describe("the rate of submissions", () => {
  it("is limited per account (each sends a receipt e-mail)", async () => {
    const busy = await createUser(app, town.id);
    const client = await signedInClient(app, busy, host);
    await app.database.prisma.submission.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        municipalityId: town.id,
        number: `P-2026-9${String(i).padStart(4, "0")}`,
        userId: busy.id,
        formId: "general-submission",
        formVersion: "1.0.0",
        agenda: "SUBMISSIONS" as const,
        values: {},
        summary: {},
        idempotencyKey: `busy-${i}`,
        submittedAt: new Date(app.clock.now().getTime() - (50 - i) * 60_000),
      })),
    });
    const refused = await submit(client, "general-submission", example("general-submission"));
    expect(refused.data!.submitForm).toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await app.database.prisma.submission.deleteMany({ where: { userId: busy.id } });
  });
});

describe("the dog registration from submit to the personal account", () => {
  let submissionId: string;
  let revision: number;

  it("turns a double submit into one submission with a receipt e-mail and a summary PDF", async () => {
    const draftId = randomUUID();
    await citizen.request(SAVE_DRAFT, { input: { clientId: draftId, formId: "dog-registration", formVersion: "1.0.0", values: {} } });
    const key = randomUUID();
    const input = {
      formId: "dog-registration",
      formVersion: "1.0.0",
      values: example("dog-registration"),
      idempotencyKey: key,
      draftClientId: draftId,
    };
    const [a, b] = await Promise.all([citizen.request(SUBMIT, { input }), citizen.request(SUBMIT, { input })]);
    const results = [a.data!.submitForm, b.data!.submitForm];
    expect(results.map((r) => r.submission?.number)).toEqual(["P-2026-00001", "P-2026-00001"]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    const submission = results[0].submission;
    submissionId = submission.id;
    revision = submission.revision;
    expect(submission).toMatchObject({ status: "SUBMITTED", formId: "dog-registration" });
    expect(submission.events).toEqual([{ type: "SUBMITTED", message: null, byCitizen: true }]);
    expect(submission.values.dogs[0].chipNumber).toBe("203098100123456");
    expect(submission.summary.sections.length).toBeGreaterThan(0);
    expect(await app.database.prisma.submission.count({ where: { municipalityId: town.id } })).toBe(1);
    expect(await app.database.prisma.formDraft.count({ where: { clientId: draftId } })).toBe(0);

    await app.jobs.drain();
    const local = (await app.database.prisma.submission.findFirstOrThrow({ where: { number: "P-2026-00001", municipalityId: town.id } }))
      .id;
    // The receipt is the citizen's submission-status message (e-mail by default), once for the double submit.
    const receipts = await app.database.prisma.message.findMany({
      where: { submissionId: local },
      include: { deliveries: { select: { channel: true, status: true } } },
    });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "SUBMISSION_STATUS",
      userId: citizenUser.id,
      subjectCs: "Podání P-2026-00001 přijato",
      subjectEn: "Submission P-2026-00001 received",
      path: `/moje-podani/${encodeURIComponent(submissionId)}`,
      deliveries: [{ channel: "EMAIL", status: "SENT" }],
    });
    const mails = await app.database.prisma.outboxMessage.findMany({ where: { toAddress: citizenUser.email } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("P-2026-00001");
    expect(mails[0]!.textBody).toContain(`${town.publicUrl}/moje-podani/${encodeURIComponent(submissionId)}`);
    expect(mails[0]!.textBody).toContain(`${town.publicUrl}/api/podani/${local}/shrnuti.pdf`);
    const cookie = (client: Client) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const pdf = await server.inject({ url: `/api/podani/${local}/shrnuti.pdf`, headers: { host, cookie: cookie(citizen) } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const foreign = await server.inject({ url: `/api/podani/${local}/shrnuti.pdf`, headers: { host, cookie: cookie(neighbour) } });
    expect(foreign.statusCode).toBe(404);
    const anonymous = await server.inject({ url: `/api/podani/${local}/shrnuti.pdf`, headers: { host } });
    expect(anonymous.statusCode).toBe(401);
  });

  it("is in the queue of the agenda's reviewers only, with the proposed assessment from the tariff", async () => {
    const queue = `{ submissionQueue(filter: { agenda: FINANCE }) { nodes { id number ageDays } } }`;
    expect((await financeClerk.request(queue)).data!.submissionQueue.nodes.map((n: { id: string }) => n.id)).toEqual([submissionId]);
    expect((await submissionsClerk.request(queue)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await citizen.request(queue)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await submissionsClerk.request(REVIEW, { id: submissionId })).data!.submissionReview).toBeNull();
    expect((await neighbour.request(`query($id: ID!) { submission(id: $id) { id } }`, { id: submissionId })).data!.submission).toBeNull();

    const review = (await financeClerk.request(REVIEW, { id: submissionId })).data!.submissionReview;
    expect(review.submission.citizen).toMatchObject({ fullName: "Jana Nováková" });
    // Alík: first dog from February (11 months of 1 200 Kč), Bella: further dog from March (10 months of 1 800 Kč).
    expect(review.proposedEffect).toMatchObject({
      kind: "DOG_REGISTRATION",
      payerExists: false,
      payerName: "Jana Nováková",
      payerAddress: "Na Výsluní 12, 582 32 Lipnice",
      dogs: [
        { name: "Alík", chipNumber: "203098100123456", keptFrom: "2026-02-14", fee: "1100.00" },
        { name: "Bella", chipNumber: "203098100654321", keptFrom: "2026-03-01", fee: "1500.00" },
      ],
      assessment: { kind: "DOG_FEE", year: 2026, periodFrom: "2026-02-01", periodTo: "2026-12-31", amount: "2600.00", installmentCount: 1 },
      warnings: [],
    });
    // The tariff's due date (31 March) has passed: one payment due in 30 days.
    expect(review.proposedEffect.assessment.dueDate).toBe("2027-01-05");
  });

  it("asks the citizen for more information and takes the answer back to the queue", async () => {
    const asked = await financeClerk.request(REQUEST_INFO, {
      input: { id: submissionId, expectedRevision: revision, message: "Doložte prosím očkovací průkaz psa Bella." },
    });
    expect(asked.data!.requestSubmissionInformation.submission).toMatchObject({
      status: "INFORMATION_REQUESTED",
      openQuestion: "Doložte prosím očkovací průkaz psa Bella.",
    });
    await app.jobs.drain();
    const mail = await app.database.prisma.outboxMessage.findFirst({
      where: { toAddress: citizenUser.email, subject: { contains: "doplnit" } },
    });
    expect(mail?.textBody).toContain("očkovací průkaz");

    const foreign = await neighbour.request(ANSWER, { input: { submissionId, message: "cizí" } });
    expect(foreign.data!.answerInformationRequest).toMatchObject({ code: "NOT_FOUND" });
    const answered = await citizen.request(ANSWER, { input: { submissionId, message: "Průkaz přinesu osobně v pondělí." } });
    expect(answered.data!.answerInformationRequest.submission).toMatchObject({ status: "SUBMITTED", openQuestion: null });
    revision = answered.data!.answerInformationRequest.submission.revision;
    const again = await citizen.request(ANSWER, { input: { submissionId, message: "Ještě jednou." } });
    expect(again.data!.answerInformationRequest.fieldErrors[0]).toMatchObject({ code: "NOT_AWAITING" });
  });

  it("lets one of two clerks approving at once win; the other sees a conflict and nothing of theirs is written", async () => {
    const [first, second] = await Promise.all([
      financeClerk.request(APPROVE, { input: { id: submissionId, expectedRevision: revision, note: "Děkujeme." } }),
      secondFinanceClerk.request(APPROVE, { input: { id: submissionId, expectedRevision: revision, note: "Děkujeme." } }),
    ]);
    const outcomes = [first.data!.approveSubmission, second.data!.approveSubmission];
    expect(outcomes.filter((o) => o.submission?.status === "APPROVED")).toHaveLength(1);
    expect(outcomes.filter((o) => o.code === "CONFLICT")).toHaveLength(1);
    expect(await app.database.prisma.assessment.count({ where: { municipalityId: town.id } })).toBe(1);
    expect(await app.database.prisma.dog.count({ where: { municipalityId: town.id } })).toBe(2);
    const stale = await financeClerk.request(REJECT, { input: { id: submissionId, expectedRevision: revision, reason: "pozdě" } });
    expect(stale.data!.rejectSubmission).toMatchObject({ code: "CONFLICT" });
  });

  it("shows the assessment in the citizen's personal account and the timeline in Moje podání", async () => {
    const account = await citizen.request(
      `{ personalAccount { payers { name } assessments { kind subject amount variableSymbol status } } }`,
    );
    expect(account.data!.personalAccount.payers).toEqual([{ name: "Jana Nováková" }]);
    expect(account.data!.personalAccount.assessments).toEqual([
      { kind: "DOG_FEE", subject: "Poplatek ze psů 2026 – Alík, Bella", amount: "2600.00", variableSymbol: "22600001", status: "UNPAID" },
    ]);
    const mine = await citizen.request(`{ mySubmissions { nodes { number status decisionNote events { type byCitizen } } } }`);
    expect(mine.data!.mySubmissions.nodes[0]).toMatchObject({
      number: "P-2026-00001",
      status: "APPROVED",
      decisionNote: "Děkujeme.",
      events: [
        { type: "SUBMITTED", byCitizen: true },
        { type: "INFORMATION_REQUESTED", byCitizen: false },
        { type: "INFORMATION_PROVIDED", byCitizen: true },
        { type: "APPROVED", byCitizen: false },
      ],
    });
    const audit = await app.database.prisma.auditLogEntry.findMany({ where: { municipalityId: town.id } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["submission.submitted", "submission.approved", "assessment.created", "payer.created"]),
    );
    await app.jobs.drain();
    expect(
      await app.database.prisma.outboxMessage.count({ where: { toAddress: citizenUser.email, subject: { contains: "vyřízeno" } } }),
    ).toBe(1);
    // Each step the citizen is told about is one message with one e-mail delivery; their own answer is none.
    const local = (await app.database.prisma.submission.findFirstOrThrow({ where: { number: "P-2026-00001", municipalityId: town.id } }))
      .id;
    const messages = await app.database.prisma.message.findMany({
      where: { submissionId: local },
      orderBy: { dedupKey: "asc" },
      include: { deliveries: { select: { channel: true, status: true } } },
    });
    expect(messages.map((m) => [m.kind, m.subjectCs, m.deliveries])).toEqual([
      ["SUBMISSION_STATUS", "Podání P-2026-00001 přijato", [{ channel: "EMAIL", status: "SENT" }]],
      ["SUBMISSION_STATUS", "Podání P-2026-00001: úřad potřebuje doplnit údaje", [{ channel: "EMAIL", status: "SENT" }]],
      ["SUBMISSION_STATUS", "Podání P-2026-00001 vyřízeno", [{ channel: "EMAIL", status: "SENT" }]],
    ]);
    expect(await app.database.prisma.outboxMessage.count({ where: { toAddress: citizenUser.email } })).toBe(3);

    // The communication history lists the submission's steps, newest first, and the messages with their delivery.
    const history = `query($first: Int, $after: String, $filter: TimelineFilter) {
      communicationHistory(first: $first, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor }
        nodes { id kind title summary path status messageKind deliveries { channel status } }
      }
    }`;
    const steps = await citizen.request(history, { first: 10, filter: { kinds: ["SUBMISSION"] } });
    expect(steps.errors).toBeUndefined();
    const path = `/moje-podani/${encodeURIComponent(submissionId)}`;
    expect(steps.data!.communicationHistory.nodes).toMatchObject([
      {
        kind: "SUBMISSION",
        title: "Podání P-2026-00001 vyřízeno",
        status: "APPROVED",
        summary: "Přihlášení psa k poplatku ze psů\nPoznámka úřadu: Děkujeme.",
        path,
      },
      { title: "Podání P-2026-00001 doplněno", status: "INFORMATION_PROVIDED", summary: expect.stringContaining("Průkaz přinesu osobně") },
      { title: "Úřad žádá o doplnění podání P-2026-00001", status: "INFORMATION_REQUESTED", path },
      { title: "Podání P-2026-00001 odesláno", status: "SUBMITTED", summary: "Přihlášení psa k poplatku ze psů", deliveries: [] },
    ]);
    citizen.locale = "en";
    const english = await citizen.request(history, { first: 1, filter: { kinds: ["SUBMISSION"] } });
    citizen.locale = "cs";
    expect(english.data!.communicationHistory.nodes[0]).toMatchObject({
      title: "Submission P-2026-00001 approved",
      summary: "Registering a dog for the dog fee\nThe office's note: Děkujeme.",
    });
    // Paging through steps of the same moment continues where the page ended, none twice.
    const first = await citizen.request(history, { first: 3, filter: { kinds: ["SUBMISSION"] } });
    expect(first.data!.communicationHistory.pageInfo.hasNextPage).toBe(true);
    const rest = await citizen.request(history, {
      first: 3,
      after: first.data!.communicationHistory.pageInfo.endCursor,
      filter: { kinds: ["SUBMISSION"] },
    });
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.communicationHistory.nodes.map((n: { status: string }) => n.status)).toEqual(["SUBMITTED"]);
    // The messages about it, by e-mail, are MESSAGE entries with their delivery status; steps are not messages.
    const byEmail = await citizen.request(history, { first: 10, filter: { channel: "EMAIL" } });
    expect(byEmail.data!.communicationHistory.nodes.map((n: { kind: string; messageKind: string }) => [n.kind, n.messageKind])).toEqual([
      ["MESSAGE", "SUBMISSION_STATUS"],
      ["MESSAGE", "SUBMISSION_STATUS"],
      ["MESSAGE", "SUBMISSION_STATUS"],
    ]);
    expect(byEmail.data!.communicationHistory.nodes[0]).toMatchObject({ path, deliveries: [{ channel: "EMAIL", status: "SENT" }] });
    // Another citizen's history has none of it.
    const theirs = await neighbour.request(history, { first: 10 });
    expect(theirs.data!.communicationHistory.nodes).toEqual([]);
  });

  it("deregisters a dog: ends its record and reduces the year's assessment", async () => {
    const sent = await submit(citizen, "dog-deregistration", example("dog-deregistration"));
    const submission = sent.data!.submitForm.submission;
    const review = (await financeClerk.request(REVIEW, { id: submission.id })).data!.submissionReview;
    // Bella is kept until 10 June: March-June at the further rate (4 × 150 Kč) instead of March-December.
    expect(review.proposedEffect.endingDogs).toMatchObject([{ name: "Bella", endedOn: "2026-06-10" }]);
    expect(review.proposedEffect.adjustments).toMatchObject([
      { variableSymbol: "22600001", currentAmount: "2600.00", newAmount: "1700.00" },
    ]);
    const approved = await financeClerk.request(APPROVE, { input: { id: submission.id, expectedRevision: submission.revision } });
    expect(approved.data!.approveSubmission.submission.status).toBe("APPROVED");
    const bella = await app.database.prisma.dog.findFirstOrThrow({ where: { municipalityId: town.id, name: "Bella" } });
    expect(bella.endedOn?.toISOString().slice(0, 10)).toBe("2026-06-10");
    const account = await citizen.request(`{ personalAccount { assessments { amount } } }`);
    expect(account.data!.personalAccount.assessments).toEqual([{ amount: "1700.00" }]);
  });

  it("registers the household for the waste fee and reduces it for an exemption", async () => {
    await app.database.prisma.wasteFeeTariff.create({
      data: { municipalityId: town.id, year: 2026, perPerson: 90_000n, dueDate: new Date("2026-05-31T00:00:00Z"), installmentCount: 1 },
    });
    const sentRegistration = await submit(citizen, "waste-fee-registration", example("waste-fee-registration"));
    expect(sentRegistration.data!.submitForm.__typename, JSON.stringify(sentRegistration)).toBe("SubmitFormSuccess");
    const registration = sentRegistration.data!.submitForm.submission;
    const proposed = (await financeClerk.request(REVIEW, { id: registration.id })).data!.submissionReview.proposedEffect;
    // Two persons from April: 9 months of 900 Kč each.
    expect(proposed.assessment).toMatchObject({ kind: "WASTE_FEE", amount: "1350.00", periodFrom: "2026-04-01" });
    // The clerk corrects the amount before confirming.
    const approved = await financeClerk.request(APPROVE, {
      input: {
        id: registration.id,
        expectedRevision: registration.revision,
        effect: { assessment: { ...proposed.assessment, kind: undefined, amount: "1400.00" } },
      },
    });
    expect(approved.data!.approveSubmission.submission.status).toBe("APPROVED");
    const proofId = randomUUID();
    const uploaded = await citizen.upload(UPLOAD, { id: proofId, file: null }, { file: pdfFile("potvrzeni-pobytu.pdf") });
    expect(uploaded.data!.uploadFormAttachment.attachment.scanStatus).toBe("CLEAN"); // no antivirus configured
    const exemptionValues = {
      ...example("waste-fee-exemption"),
      proof: [{ id: proofId, fileName: "x.pdf", size: 1, mimeType: "application/pdf" }],
    };
    const sentExemption = await submit(citizen, "waste-fee-exemption", exemptionValues);
    expect(sentExemption.data!.submitForm.__typename, JSON.stringify(sentExemption.data)).toBe("SubmitFormSuccess");
    const exemption = sentExemption.data!.submitForm.submission;
    const reduction = (await financeClerk.request(REVIEW, { id: exemption.id })).data!.submissionReview.proposedEffect;
    // Exempt from September: 4 months of one person's 900 Kč a year off.
    expect(reduction.adjustments).toMatchObject([{ currentAmount: "1400.00", newAmount: "1100.00" }]);
    await financeClerk.request(APPROVE, { input: { id: exemption.id, expectedRevision: exemption.revision } });
    const account = await citizen.request(`{ personalAccount { assessments(kinds: [WASTE_FEE]) { amount subject } } }`);
    expect(account.data!.personalAccount.assessments).toEqual([{ amount: "1100.00", subject: "Poplatek za odpad 2026 – 2 os." }]);
  });

  it("refuses effects the form cannot have; rejects with a reason", async () => {
    const sent = await submit(citizen, "general-submission", example("general-submission"));
    const submission = sent.data!.submitForm.submission;
    const forbidden = await submissionsClerk.request(APPROVE, {
      input: { id: submission.id, expectedRevision: submission.revision, effect: { dogs: [{ name: "Rex", keptFrom: "2026-01-01" }] } },
    });
    expect(forbidden.data!.approveSubmission.fieldErrors[0]).toMatchObject({ path: ["dogs"], code: "NOT_ALLOWED" });
    const rejected = await submissionsClerk.request(REJECT, {
      input: { id: submission.id, expectedRevision: submission.revision, reason: "Nepatří do působnosti obce." },
    });
    expect(rejected.data!.rejectSubmission).toMatchObject({
      submission: { status: "REJECTED", decisionNote: "Nepatří do působnosti obce." },
    });
  });
});

describe("the queue page", () => {
  it("costs the same few statements however many submissions it lists", async () => {
    const admin = await signedInClient(app, await createUser(app, town.id, { role: "ADMIN" }), host);
    const QUEUE = `{ submissionQueue(filter: { status: APPROVED }, first: 50) { nodes { number title ageDays status
      citizen { fullName email } events { type createdAt } attachments { fileName } } } }`;
    const approveOne = async () => {
      const sent = (await submit(citizen, "general-submission", example("general-submission"))).data!.submitForm.submission;
      await submissionsClerk.request(APPROVE, { input: { id: sent.id, expectedRevision: sent.revision } });
    };
    await approveOne();
    await admin.request(QUEUE); // the session's first use is recorded once
    app.queries.length = 0;
    const few = await admin.request(QUEUE);
    const statements = app.queries.length;
    for (let i = 0; i < 3; i++) await approveOne();
    app.queries.length = 0;
    const more = await admin.request(QUEUE);
    expect(more.data!.submissionQueue.nodes.length).toBe(few.data!.submissionQueue.nodes.length + 3);
    expect(app.queries.length, app.queries.join("\n")).toBe(statements);
    expect(statements).toBeLessThanOrEqual(8);
  });
});

describe("tariffs", () => {
  it("are saved by finance clerks within the law's maximum", async () => {
    const SAVE = `mutation($input: DogFeeTariffInput!) { saveDogFeeTariff(input: $input) { ... on SaveDogFeeTariffSuccess { tariff { year firstDog } } ${ERRORS} } }`;
    const input = {
      year: 2027,
      firstDog: "1300.00",
      furtherDog: "1900.00",
      pensionerFirstDog: "200.00",
      pensionerFurtherDog: "300.00",
      proRata: "STARTED_MONTHS",
      dueDate: "2027-03-31",
      installmentCount: 2,
    };
    expect((await financeClerk.request(SAVE, { input })).data!.saveDogFeeTariff.tariff).toEqual({ year: 2027, firstDog: "1300.00" });
    const over = await financeClerk.request(SAVE, { input: { ...input, furtherDog: "2300.00" } });
    expect(over.data!.saveDogFeeTariff.fieldErrors).toMatchObject([{ path: ["furtherDog"], code: "OVER_MAXIMUM" }]);
    expect((await submissionsClerk.request(SAVE, { input })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await citizen.request(SAVE, { input })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("one chip number, one kept dog in the town", () => {
  // A town of its own, so the registry starts empty and the other tests' counts stay theirs.
  let chipTown: Awaited<ReturnType<typeof createMunicipality>>;
  let chipHost: string;
  let holder: Client;
  let rival: Client;
  let clerk: Client;
  let otherClerk: Client;
  const CHIP = "203098100777777";
  const oneDog = (chipNumber: string, name = "Rex") => {
    const values = example("dog-registration");
    values.dogs = [{ ...values.dogs[0], name, chipNumber }];
    return values;
  };
  const errorsByPath = (result: { fieldErrors: { path: string[]; code: string; message: string }[] }) =>
    Object.fromEntries(result.fieldErrors.map((e) => [e.path.join("."), e]));

  beforeAll(async () => {
    chipTown = await createMunicipality(app);
    chipHost = chipTown.hosts[0]!.hostname;
    await createDogFeeTariff(app, chipTown.id);
    holder = await signedInClient(app, await createUser(app, chipTown.id, { fullName: "Karel Dvořák" }), chipHost);
    rival = await signedInClient(app, await createUser(app, chipTown.id, { fullName: "Eva Malá" }), chipHost);
    clerk = await signedInClient(app, await createUser(app, chipTown.id, { role: "CLERK", agendas: ["FINANCE"] }), chipHost);
    otherClerk = await signedInClient(app, await createUser(app, chipTown.id, { role: "CLERK", agendas: ["FINANCE"] }), chipHost);
  });

  it("refuses a chip number given twice in one form, on the repeated dog's field, in either spelling", async () => {
    const values = example("dog-registration");
    values.dogs[0].chipNumber = "203 098 100 555 555";
    values.dogs[1].chipNumber = "203098100555555";
    const result = (await submit(holder, "dog-registration", values)).data!.submitForm;
    expect(result.__typename).toBe("ValidationError");
    const byPath = errorsByPath(result);
    expect(Object.keys(byPath)).toEqual(["values.dogs.1.chipNumber"]);
    expect(byPath["values.dogs.1.chipNumber"]).toMatchObject({ code: "DUPLICATE" });
    expect(byPath["values.dogs.1.chipNumber"]?.message).toContain("„Číslo čipu“");
    expect(byPath["values.dogs.1.chipNumber"]?.message).toContain("položka č. 1");
    expect(await app.database.prisma.submission.count({ where: { municipalityId: chipTown.id } })).toBe(0);
  });

  it("approves one of two registrations of the same chip approved at once; the other gets a field error and writes nothing", async () => {
    // Both are sent while no dog has the chip yet: the submit check passes, the approval must decide.
    const sent = await Promise.all([submit(holder, "dog-registration", oneDog(CHIP)), submit(rival, "dog-registration", oneDog(CHIP))]);
    const submissions = sent.map((response) => response.data!.submitForm.submission as { id: string; number: string; revision: number });
    expect(submissions.every((s) => s?.id)).toBe(true);
    const [first, second] = await Promise.all([
      clerk.request(APPROVE, { input: { id: submissions[0]!.id, expectedRevision: submissions[0]!.revision } }),
      otherClerk.request(APPROVE, { input: { id: submissions[1]!.id, expectedRevision: submissions[1]!.revision } }),
    ]);
    const outcomes = [first.data!.approveSubmission, second.data!.approveSubmission];
    expect(outcomes.filter((o) => o.submission?.status === "APPROVED")).toHaveLength(1);
    const refused = outcomes.find((o) => o.__typename === "ValidationError");
    expect(refused.fieldErrors).toEqual([
      { path: ["dogs", "0", "chipNumber"], code: "ALREADY_REGISTERED", message: expect.stringContaining("Číslo čipu") },
    ]);
    expect(await app.database.prisma.dog.count({ where: { municipalityId: chipTown.id, chipNumber: CHIP } })).toBe(1);
    expect(await app.database.prisma.assessment.count({ where: { municipalityId: chipTown.id } })).toBe(1);
    expect(await app.database.prisma.payer.count({ where: { municipalityId: chipTown.id } })).toBe(1);

    // The loser stays open, unchanged, and its review now warns the clerk before another try.
    const loser = submissions[outcomes.indexOf(refused)]!;
    const row = await app.database.prisma.submission.findFirstOrThrow({ where: { municipalityId: chipTown.id, number: loser.number } });
    expect(row).toMatchObject({ status: "SUBMITTED", revision: loser.revision, effect: null });
    const review = (await clerk.request(REVIEW, { id: loser.id })).data!.submissionReview;
    expect(review.proposedEffect.warnings).toEqual([expect.stringContaining(CHIP)]);
  });

  it("refuses at submit a chip of a dog the town keeps, without saying whose; takes it again once that dog is deregistered", async () => {
    const third = await signedInClient(app, await createUser(app, chipTown.id), chipHost);
    const result = (await submit(third, "dog-registration", oneDog("203 098 100 777 777", "Max"))).data!.submitForm;
    expect(result.__typename).toBe("ValidationError");
    const error = errorsByPath(result)["values.dogs.0.chipNumber"];
    expect(error).toMatchObject({ code: "ALREADY_REGISTERED" });
    expect(error?.message).toContain("„Číslo čipu“");
    expect(error?.message).not.toMatch(/Karel|Eva|Dvořák|Malá/);
    const english = new (await import("../kit/graphql.ts")).Client(app, { host: chipHost, locale: "en" });
    for (const [name, value] of third.cookies) english.cookies.set(name, value);
    const inEnglish = (await submit(english, "dog-registration", oneDog(CHIP, "Max"))).data!.submitForm;
    expect(errorsByPath(inEnglish)["values.dogs.0.chipNumber"]?.message).toContain("“Chip number”");

    await app.database.prisma.dog.updateMany({
      where: { municipalityId: chipTown.id, chipNumber: CHIP },
      data: { endedOn: new Date("2026-11-30") },
    });
    const after = (await submit(third, "dog-registration", oneDog(CHIP, "Max"))).data!.submitForm;
    expect(after.__typename).toBe("SubmitFormSuccess");
  });

  it("is enforced by the database too: no second kept record of a chip in a town, ended records and other towns are free", async () => {
    const kept = await app.database.prisma.dog.findFirstOrThrow({ where: { municipalityId: chipTown.id, chipNumber: CHIP } });
    const copy = {
      municipalityId: chipTown.id,
      payerId: kept.payerId,
      name: "Kopie",
      chipNumber: "203098100888888",
      keptFrom: new Date("2026-01-01"),
    };
    await app.database.prisma.dog.create({ data: copy });
    await expect(app.database.prisma.dog.create({ data: copy })).rejects.toMatchObject({ code: "P2002" });
    await app.database.prisma.dog.create({ data: { ...copy, endedOn: new Date("2026-06-30") } });
    await app.database.prisma.dog.create({ data: { ...copy, chipNumber: null } });
    await app.database.prisma.dog.create({ data: { ...copy, chipNumber: null } });
    const elsewhere = await app.database.prisma.payer.create({ data: { municipalityId: town.id, kind: "PERSON", name: "Jiná obec" } });
    await app.database.prisma.dog.create({ data: { ...copy, municipalityId: town.id, payerId: elsewhere.id } });
  });
});
