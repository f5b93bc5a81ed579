import type { AppServices } from "../context.ts";
import type { Prisma, SubmissionDelivery } from "../generated/prisma/client.ts";
import { createFileStore, fileStoreDirectory } from "../integrations/file-store.ts";
import { sendWebhook } from "../integrations/webhooks.ts";
import { describeError, defineJob, type JobData } from "./job-queue.ts";

export type SubmissionDeliveryData = JobData & { deliveryId: string };

interface CompletedStep {
  step: string;
  at: string;
  /** For "attachments": the attachment delivered. */
  attachmentId?: string;
}

const NEXT_STEP: Record<string, string | null> = { register: "attachments", attachments: null, decision: null };

/**
 * Delivers a submission to the town's records system step by step (api/src/services/submissions/schedule-delivery.ts):
 * the state (next step, steps done with their time, the records system's reference) is persisted after every step,
 * so a retry resumes where the last attempt stopped and nothing is sent twice by us; each request's
 * `Idempotency-Key` (submission id, trigger, step, attachment) lets the receiver ignore a repeat of a request whose
 * answer we lost. A step that keeps failing makes the delivery FAILED after SUBMISSION_DELIVERY_RETRY_LIMIT retries;
 * an admin's "retry step" starts it again.
 */
export const submissionDeliveryJob = defineJob<SubmissionDeliveryData>({
  name: "submission-delivery",
  retry: (config) => ({ limit: config.SUBMISSION_DELIVERY_RETRY_LIMIT, delaySeconds: 30, maxDelaySeconds: 3600 }),
  timeoutSeconds: 300,
  async handle(data, job, services) {
    const prisma = services.database.prisma;
    const delivery = await prisma.submissionDelivery.findFirst({ where: { id: data.deliveryId, municipalityId: data.municipalityId } });
    if (!delivery || delivery.status !== "PENDING") return;
    try {
      await runSteps(services, delivery);
    } catch (error) {
      const last = job.attempt > services.config.SUBMISSION_DELIVERY_RETRY_LIMIT;
      await prisma.submissionDelivery.update({
        where: { id: delivery.id },
        data: { attempts: { increment: 1 }, lastError: describeError(error), ...(last ? { status: "FAILED" } : {}) },
      });
      throw error;
    }
  },
});

async function runSteps(services: AppServices, initial: SubmissionDelivery): Promise<void> {
  const prisma = services.database.prisma;
  const webhook = await prisma.submissionWebhook.findFirst({ where: { municipalityId: initial.municipalityId, enabled: true } });
  if (!webhook) throw new Error("The town has no enabled records-system webhook");
  const submission = await prisma.submission.findUniqueOrThrow({
    where: { id: initial.submissionId },
    include: { files: { include: { file: true }, orderBy: { createdAt: "asc" } }, user: { select: { email: true, fullName: true } } },
  });
  let delivery = initial;
  const send = (step: string, payload: unknown, suffix = "") =>
    sendWebhook({
      url: webhook.url,
      secret: webhook.secret,
      payload,
      idempotencyKey: `${submission.id}:${delivery.trigger}:${step}${suffix}`,
      now: services.clock.now(),
      timeoutMs: services.config.SUBMISSION_WEBHOOK_TIMEOUT_MS,
    });
  const store = createFileStore(fileStoreDirectory(services.config.DATA_DIR));

  for (let step: string | null = delivery.step; step;) {
    const done = delivery.completedSteps as unknown as CompletedStep[];
    const record = async (entry: Omit<CompletedStep, "at">, changes: Prisma.SubmissionDeliveryUpdateInput = {}) => {
      const completed = [...(delivery.completedSteps as unknown as CompletedStep[]), { ...entry, at: services.clock.now().toISOString() }];
      delivery = await prisma.submissionDelivery.update({
        where: { id: delivery.id },
        data: { completedSteps: completed as unknown as Prisma.InputJsonArray, lastError: null, ...changes },
      });
    };
    if (step === "register") {
      const answer = await send(step, {
        type: "submission.submitted",
        submission: {
          id: submission.id,
          number: submission.number,
          formId: submission.formId,
          formVersion: submission.formVersion,
          agenda: submission.agenda,
          submittedAt: submission.submittedAt.toISOString(),
          citizen: { email: submission.user.email, fullName: submission.user.fullName },
          values: submission.values,
          summary: submission.summary,
          attachments: submission.files.map((f) => ({
            id: f.id,
            fileName: f.file.fileName,
            mimeType: f.file.mimeType,
            size: f.file.size,
            sha256: f.file.sha256,
          })),
        },
      });
      const reference = typeof answer.reference === "string" ? answer.reference.slice(0, 200) : null;
      await record({ step }, reference ? { externalReference: reference } : {});
    } else if (step === "attachments") {
      for (const attachment of submission.files) {
        if (done.some((entry) => entry.step === step && entry.attachmentId === attachment.id)) continue;
        const bytes = await readAll(await store.open(attachment.file.storageKey));
        await send(
          step,
          {
            type: "submission.attachment",
            submissionId: submission.id,
            reference: delivery.externalReference,
            attachment: {
              id: attachment.id,
              fileName: attachment.file.fileName,
              mimeType: attachment.file.mimeType,
              sha256: attachment.file.sha256,
              contentBase64: bytes.toString("base64"),
            },
          },
          `:${attachment.id}`,
        );
        await record({ step, attachmentId: attachment.id });
      }
    } else if (step === "decision") {
      await send(step, {
        type: "submission.decided",
        submissionId: submission.id,
        number: submission.number,
        reference: delivery.externalReference,
        status: submission.status,
        decidedAt: submission.decidedAt?.toISOString() ?? null,
        note: submission.decisionNote,
        effect: submission.effect,
      });
      await record({ step });
    }
    step = NEXT_STEP[step] ?? null;
    delivery = await prisma.submissionDelivery.update({
      where: { id: delivery.id },
      data: step ? { step } : { status: "DELIVERED", deliveredAt: services.clock.now() },
    });
  }
}

async function readAll(stream: NodeJS.ReadableStream | null): Promise<Buffer> {
  if (!stream) throw new Error("An attachment's bytes are missing from the file store");
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as unknown as Uint8Array));
  return Buffer.concat(chunks);
}
