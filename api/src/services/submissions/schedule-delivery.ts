import type { Context } from "../../context.ts";
import { submissionDeliveryJob } from "../../jobs/submission-delivery.ts";
import type { Tx } from "./record-submission-event.ts";

/** The steps of a delivery, in order, per trigger. */
export const DELIVERY_STEPS = {
  /** The submission (values and summary), then each attachment. */
  submitted: ["register", "attachments"],
  /** The clerk's decision (and, on approval, its effect). */
  decided: ["decision"],
} as const;
export type DeliveryTrigger = keyof typeof DELIVERY_STEPS;

/**
 * When the town has a records-system webhook, a submission's delivery is recorded (its state machine starts at
 * the first step) and its job enqueued, in the business transaction: no delivery without the submission, and no
 * submission without its delivery. One delivery per submission and trigger.
 */
export async function scheduleDelivery(ctx: Context, tx: Tx, submissionId: string, trigger: DeliveryTrigger): Promise<void> {
  const webhook = await tx.submissionWebhook.findFirst({ where: { enabled: true }, select: { id: true } });
  if (!webhook) return;
  const delivery = await tx.submissionDelivery.create({
    data: {
      municipalityId: ctx.municipality.id,
      submissionId,
      trigger,
      step: DELIVERY_STEPS[trigger][0],
      createdAt: ctx.clock.now(),
    },
  });
  await ctx.services.jobs.enqueue(
    submissionDeliveryJob,
    { municipalityId: ctx.municipality.id, deliveryId: delivery.id },
    { tx, key: `delivery:${delivery.id}:0` },
  );
}
