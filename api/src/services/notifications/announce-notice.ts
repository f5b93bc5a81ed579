import type { AppServices } from "../../context.ts";
import type { Notice, Prisma } from "../../generated/prisma/client.ts";
import { scheduleAlertPublishing } from "./schedule-alert-publishing.ts";
import { startAlertSending } from "./start-alert-sending.ts";

const MAX_BODY = 1000;

/**
 * "New notices of a category" topics: an approved notice of such a category becomes an information alert to
 * their subscribers (by e-mail and push), sent when the notice is posted and valid while it hangs on the
 * board. Called in the transaction that approves the notice; once per notice (the alert's `noticeId` is
 * unique), and nothing when no topic announces the category.
 */
export async function announceNotice(
  tx: Prisma.TransactionClient,
  services: Pick<AppServices, "jobs">,
  notice: Pick<Notice, "id" | "municipalityId" | "category" | "title" | "description" | "postedAt" | "takeDownAt">,
  now: Date,
): Promise<void> {
  const topics = await tx.notificationTopic.findMany({
    where: { municipalityId: notice.municipalityId, noticeCategory: notice.category, archivedAt: null },
    select: { id: true },
  });
  if (topics.length === 0) return;
  if (await tx.alert.findUnique({ where: { noticeId: notice.id }, select: { id: true } })) return;
  const sendNow = notice.postedAt.getTime() <= now.getTime();
  const text = notice.description.trim() || notice.title;
  const body = text.length > MAX_BODY ? `${text.slice(0, MAX_BODY - 1)}…` : text;
  const alert = await tx.alert.create({
    data: {
      municipalityId: notice.municipalityId,
      severity: "INFO",
      status: sendNow ? "SENDING" : "SCHEDULED",
      titleCs: `Nové na úřední desce: ${notice.title}`.slice(0, 300),
      bodyCs: body,
      titleEn: `New on the notice board: ${notice.title}`.slice(0, 300),
      bodyEn: body,
      channels: ["EMAIL", "PUSH"],
      validFrom: notice.postedAt,
      validTo: notice.takeDownAt,
      scheduledAt: sendNow ? now : notice.postedAt,
      publishedAt: sendNow ? now : null,
      noticeId: notice.id,
      createdAt: now,
      topics: { create: topics.map((topic) => ({ topicId: topic.id })) },
    },
  });
  if (sendNow) await startAlertSending(tx, services, alert, now);
  else await scheduleAlertPublishing(tx, services, alert);
}
