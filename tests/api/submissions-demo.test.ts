// The demo town's life situations after `npm start`: the demo clerk's queue holds the citizen's dog registration
// and her general submission awaiting an answer; approving the registration puts the dog fee (Bella as a further
// dog beside Alík, from the town's tariff) into the demo citizen's personal account.
import { afterAll, beforeAll, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed/demo.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { Client } from "../kit/graphql.ts";
import { APPROVE, REVIEW } from "./submissions-support.ts";

let app: TestApp;

async function logIn(email: string, password: string) {
  const client = new Client(app, { host: "lipnice.localhost" });
  const login = await client.request(
    `mutation($email: String!, $password: String!) { login(input: { email: $email, password: $password }) { __typename } }`,
    {
      email,
      password,
    },
  );
  expect(login.data?.login?.__typename).toMatch(/Success/);
  return client;
}

beforeAll(async () => {
  app = await createTestApp();
  app.clock.set(new Date());
  await seedDemo(app.database.prisma);
});
afterAll(async () => {
  await app?.close();
});

it("lets the demo clerk approve the demo dog registration into the citizen's personal account", async () => {
  const clerk = await logIn("referent@lipnice.example", "Referent-demo-2026");
  const citizen = await logIn("obcan@lipnice.example", "Obcan-demo-2026");

  const mine = (await citizen.request(`{ mySubmissions { nodes { number status openQuestion } } }`)).data!.mySubmissions.nodes;
  expect(mine.map((s: { status: string }) => s.status)).toEqual(["SUBMITTED", "INFORMATION_REQUESTED", "APPROVED"]);
  expect(mine[1].openQuestion).toContain("kontejneru");

  const queue = (await clerk.request(`{ submissionQueue { nodes { id formId status revision } } }`)).data!.submissionQueue.nodes;
  expect(queue.map((s: { formId: string }) => s.formId)).toEqual(["general-submission", "dog-registration"]);
  const dog = queue[1];
  const review = (await clerk.request(REVIEW, { id: dog.id })).data!.submissionReview;
  expect(review.proposedEffect).toMatchObject({ payerExists: true, payerName: "Jana Nováková", warnings: [] });
  expect(review.proposedEffect.assessment.amount).not.toBe("0.00");

  const before = (await citizen.request(`{ personalAccount { assessments { kind subject } } }`)).data!.personalAccount.assessments;
  const approved = await clerk.request(APPROVE, { input: { id: dog.id, expectedRevision: dog.revision } });
  expect(approved.data!.approveSubmission.submission.status).toBe("APPROVED");
  const after = (await citizen.request(`{ personalAccount { assessments { kind subject amount } } }`)).data!.personalAccount.assessments;
  expect(after).toHaveLength(before.length + 1);
  expect(after).toContainEqual(
    expect.objectContaining({
      kind: "DOG_FEE",
      subject: expect.stringContaining("Bella"),
      amount: review.proposedEffect.assessment.amount,
    }),
  );
});
