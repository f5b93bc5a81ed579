// Shared set-up of the life-situation tests: a town with a dog fee tariff, a citizen, reviewers, and the GraphQL
// documents they use.
import { randomUUID } from "node:crypto";
import { EXAMPLE_VALUES } from "../../packages/forms/src/definitions/examples.ts";
import type { TestApp } from "../kit/app.ts";
import type { Client } from "../kit/graphql.ts";

export const ERRORS = /* GraphQL */ `... on Error { __typename code message } ... on ValidationError { fieldErrors { path code message } }`;

export const SUBMISSION_FIELDS = /* GraphQL */ `id number formId status revision submittedAt decisionNote openQuestion summaryPdfUrl
  values summary effect events { type message byCitizen } attachments { id fileName mimeType size scanStatus url }`;

export const SUBMIT = /* GraphQL */ `mutation($input: SubmitFormInput!) { submitForm(input: $input) {
  ... on SubmitFormSuccess { __typename replayed submission { ${SUBMISSION_FIELDS} } } ${ERRORS} ... on FormVersionError { currentVersion compatibility } ... on TooManyAttemptsError { retryAfterSeconds } } }`;
export const SAVE_DRAFT = /* GraphQL */ `mutation($input: SaveFormDraftInput!) { saveFormDraft(input: $input) {
  ... on SaveFormDraftSuccess { draft { clientId formVersion values currentStep revision compatibility } } ${ERRORS} } }`;
export const REVIEW = /* GraphQL */ `query($id: ID!) { submissionReview(id: $id) {
  submission { ${SUBMISSION_FIELDS} citizen { fullName email } ageDays }
  proposedEffect { kind payerExists payerName payerAddress pensioner warnings
    dogs { name chipNumber keptFrom fee } endingDogs { dogId name endedOn }
    assessment { kind subject year periodFrom periodTo amount dueDate installmentCount }
    adjustments { assessmentId variableSymbol currentAmount newAmount } } } }`;
export const APPROVE = /* GraphQL */ `mutation($input: ApproveSubmissionInput!) { approveSubmission(input: $input) {
  ... on ApproveSubmissionSuccess { submission { ${SUBMISSION_FIELDS} } } ${ERRORS} } }`;
export const REJECT = /* GraphQL */ `mutation($input: RejectSubmissionInput!) { rejectSubmission(input: $input) {
  ... on RejectSubmissionSuccess { submission { status revision decisionNote } } ${ERRORS} } }`;
export const REQUEST_INFO = /* GraphQL */ `mutation($input: RequestSubmissionInformationInput!) { requestSubmissionInformation(input: $input) {
  ... on RequestSubmissionInformationSuccess { submission { status revision openQuestion } } ${ERRORS} } }`;
export const ANSWER = /* GraphQL */ `mutation($input: AnswerInformationRequestInput!) { answerInformationRequest(input: $input) {
  ... on AnswerInformationRequestSuccess { submission { status revision openQuestion events { type message byCitizen } } } ${ERRORS} } }`;
export const UPLOAD = /* GraphQL */ `mutation($id: ID!, $file: File!) { uploadFormAttachment(id: $id, file: $file) {
  ... on UploadFormAttachmentSuccess { attachment { id fileName mimeType size scanStatus } } ${ERRORS} } }`;

export const example = (formId: string) => structuredClone(EXAMPLE_VALUES[formId]!) as Record<string, any>;

/** Sends a form with a fresh idempotency key (or the given one). */
export function submit(client: Client, formId: string, values: Record<string, unknown>, options: { key?: string; version?: string } = {}) {
  return client.request(SUBMIT, {
    input: { formId, formVersion: options.version ?? "1.0.0", values, idempotencyKey: options.key ?? randomUUID() },
  });
}

/** This year's tariff of the town: 1 200 / 1 800 Kč, pensioners 200 / 300 Kč, due 31 March. */
export async function createDogFeeTariff(app: TestApp, municipalityId: string, year = 2026) {
  return app.database.prisma.dogFeeTariff.create({
    data: {
      municipalityId,
      year,
      firstDog: 120_000n,
      furtherDog: 180_000n,
      pensionerFirstDog: 20_000n,
      pensionerFurtherDog: 30_000n,
      dueDate: new Date(`${year}-03-31T00:00:00Z`),
      installmentCount: 1,
    },
  });
}

/** A PDF small enough for a form slot, recognised as application/pdf from its bytes. */
export function pdfFile(name = "doklad.pdf", text = "doklad") {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new File([body], name, { type: "application/pdf" });
}
