// Background jobs: the dead letters (jobs that used up their retries) for the municipality's admins.
import { builder } from "../builder.ts";
import { NotFoundError } from "../errors.ts";
import type { DeadLetter } from "../jobs/job-queue.ts";
import { discardDeadLetter } from "../services/jobs/discard-dead-letter.ts";
import { listDeadLetters } from "../services/jobs/list-dead-letters.ts";
import { retryDeadLetter } from "../services/jobs/retry-dead-letter.ts";

const DeadLetterRef = builder.objectRef<DeadLetter>("DeadLetterJob").implement({
  description: "A background job (e.g. an e-mail) that failed on every attempt. Its data is not shown: it may hold personal data.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.exposeString("kind", { description: 'What the job does, e.g. "account-email".' }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the job was queued." }),
    failedAt: t.expose("failedAt", { type: "DateTime", nullable: true, description: "When its last attempt failed." }),
    attempts: t.exposeInt("attempts"),
    lastError: t.exposeString("lastError", { nullable: true, description: "The last attempt's error, without credentials." }),
  }),
});

builder.queryField("deadLetterJobs", (t) =>
  t.field({
    type: [DeadLetterRef],
    authScopes: { admin: true },
    description: "This municipality's background jobs that used up their retries, newest first.",
    args: { first: t.arg.int({ required: false, description: "At most this many (0–100, default 50)." }) },
    resolve: (_root, args, ctx) => listDeadLetters(ctx, args),
  }),
);

const DeadLetterInput = builder.inputType("DeadLetterInput", { fields: (t) => ({ id: t.id() }) });

builder.mutationField("retryDeadLetterJob", (t) =>
  t.field({
    type: "ID",
    authScopes: { admin: true },
    description: "Queues a dead letter for one more attempt; it leaves the list.",
    args: { input: t.arg({ type: DeadLetterInput, required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "id" } },
    resolve: (_root, { input }, ctx) => retryDeadLetter(ctx, { id: String(input.id) }),
  }),
);

builder.mutationField("discardDeadLetterJob", (t) =>
  t.field({
    type: "ID",
    authScopes: { admin: true },
    description: "Deletes a dead letter whose work should no longer happen.",
    args: { input: t.arg({ type: DeadLetterInput, required: true }) },
    errors: { types: [NotFoundError], dataField: { name: "id" } },
    resolve: (_root, { input }, ctx) => discardDeadLetter(ctx, { id: String(input.id) }),
  }),
);
