import { DateTime } from "luxon";
import { BUSINESS_ZONE } from "../../clock.ts";
import { renderPdf } from "../../lib/pdf.ts";
import type { Context } from "../../context.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import { translate, type MessageKey, type MessageParams } from "../../i18n/messages.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { boardUrls } from "./open-data.ts";

type ConfirmationContext = Pick<Context, "db" | "municipality" | "viewer" | "apiToken" | "meta" | "clock" | "locale">;

/**
 * Who may read a notice's evidence: clerks of the notices agenda, admins, and integrators whose
 * token may write notices (a back-office system that posts a notice also files its confirmation).
 */
export function mayReadNoticeEvidence(ctx: Pick<Context, "viewer" | "apiToken">): boolean {
  const { viewer, apiToken } = ctx;
  if (viewer) return viewer.role === "ADMIN" || (viewer.role === "CLERK" && viewer.agendas.includes("NOTICES"));
  return apiToken?.scopes.includes("notices:write") ?? false;
}

/**
 * The confirmation of posting (potvrzení o vyvěšení) of one notice as a PDF: what was posted, by
 * which authority, when it was posted and taken down (or that it is still posted, or withdrawn and
 * why), every evidence event with its actor, every content revision, and room for a stamp and a
 * signature. Other authorities ask for it as proof of delivery by public notice (správní řád § 25).
 * Reading it is recorded in the audit log: it names the clerks who acted.
 */
export async function renderPostingConfirmation(
  ctx: ConfirmationContext,
  input: { noticeId: string; baseUrl: string },
): Promise<{ pdf: Buffer; fileName: string }> {
  if (!mayReadNoticeEvidence(ctx)) throw new ForbiddenError();
  if (!isUuid(input.noticeId)) throw new NotFoundError();
  const notice = await ctx.db.notice.findUnique({
    where: { id: input.noticeId },
    include: {
      attachments: { orderBy: { position: "asc" }, include: { file: { select: { fileName: true, size: true, sha256: true } } } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      revisions: { orderBy: { revision: "asc" } },
    },
  });
  if (!notice) throw new NotFoundError();

  const userIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const event of notice.events) {
    if (event.actorUserId) userIds.add(event.actorUserId);
    if (event.actorTokenId) tokenIds.add(event.actorTokenId);
  }
  for (const revision of notice.revisions) if (revision.createdById) userIds.add(revision.createdById);
  const [users, tokens] = await Promise.all([
    userIds.size > 0 ? ctx.db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, fullName: true } }) : [],
    tokenIds.size > 0 ? ctx.db.apiToken.findMany({ where: { id: { in: [...tokenIds] } }, select: { id: true, name: true } }) : [],
  ]);
  const userNames = new Map(users.map((user) => [user.id, user.fullName]));
  const tokenNames = new Map(tokens.map((token) => [token.id, token.name]));

  const locale = ctx.locale;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const now = ctx.clock.now();
  const moment = (date: Date) => DateTime.fromJSDate(date, { zone: BUSINESS_ZONE }).toFormat("d. M. yyyy H:mm:ss");
  const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone: BUSINESS_ZONE }).toFormat("d. M. yyyy");
  const actor = (userId: string | null, tokenId: string | null) =>
    (userId && userNames.get(userId)) ||
    (tokenId && tokenNames.has(tokenId) ? t("confirmation.actor.token", { name: tokenNames.get(tokenId)! }) : null) ||
    t("confirmation.actor.unknown");

  // What the record says about posting and take-down, as of now.
  const approved = notice.approvedAt !== null || notice.status === "APPROVED";
  const wasPosted = approved && notice.postedAt <= now && notice.postedAt < notice.takeDownAt;
  const postedText =
    notice.status === "DRAFT" || notice.status === "PENDING_APPROVAL"
      ? t("confirmation.notApproved")
      : notice.status === "APPROVED" && notice.postedAt > now
        ? t("confirmation.scheduled", { date: moment(notice.postedAt) })
        : wasPosted
          ? moment(notice.postedAt)
          : t("confirmation.notPosted");
  const takenDownText =
    notice.status === "WITHDRAWN"
      ? t("confirmation.withdrawn", {
          date: moment(notice.withdrawnAt ?? notice.takeDownAt),
          reason: notice.withdrawalReason ?? t("confirmation.none"),
        })
      : !wasPosted
        ? t("confirmation.none")
        : notice.takeDownAt <= now
          ? moment(notice.takeDownAt)
          : t("confirmation.stillPosted", { date: moment(notice.takeDownAt) });

  const municipality = ctx.municipality;
  const pdf = await renderPdf(locale, { title: `${t("confirmation.title")} – ${notice.title}`, author: municipality.name, now }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const labelWidth = 150;
    const ensureRoom = (height: number) => {
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    };
    const row = (label: string, value: string) => {
      doc.font("regular").fontSize(10);
      const height = Math.max(
        doc.heightOfString(label, { width: labelWidth - 10 }),
        doc.heightOfString(value, { width: width - labelWidth }),
      );
      ensureRoom(height);
      const y = doc.y;
      doc.font("bold").text(label, left, y, { width: labelWidth - 10 });
      doc.font("regular").text(value, left + labelWidth, y, { width: width - labelWidth });
      doc.x = left;
      doc.y = y + height + 4;
    };
    const heading = (text: string) => {
      ensureRoom(40);
      doc.moveDown(0.8).font("bold").fontSize(12).text(text, left, doc.y, { width });
      doc.moveDown(0.3);
    };
    const line = (text: string, options: { indent?: number; size?: number } = {}) => {
      doc.font("regular").fontSize(options.size ?? 10);
      ensureRoom(doc.heightOfString(text, { width: width - (options.indent ?? 0) }));
      doc.text(text, left + (options.indent ?? 0), doc.y, { width: width - (options.indent ?? 0) });
    };

    doc.font("bold").fontSize(14).text(municipality.name, { width });
    doc
      .font("regular")
      .fontSize(10)
      .text(`${t("confirmation.field.ico")}: ${municipality.ico}`)
      .text(`${municipality.street}, ${municipality.postalCode} ${municipality.city}`);
    doc.moveDown(1.2).font("bold").fontSize(18).text(t("confirmation.title"), { width });
    doc.font("regular").fontSize(10).text(t("confirmation.subtitle"), { width }).moveDown(0.8);

    row(t("confirmation.field.title"), notice.title);
    row(t("confirmation.field.referenceNumber"), notice.referenceNumber || t("confirmation.none"));
    row(t("confirmation.field.fileMark"), notice.fileMark || t("confirmation.none"));
    row(
      t("confirmation.field.originator"),
      notice.originatorIco ? `${notice.originator} (${t("confirmation.field.ico")} ${notice.originatorIco})` : notice.originator,
    );
    row(t("confirmation.field.category"), translate(locale, `notice.category.${notice.category}`));
    row(t("confirmation.field.postedAt"), postedText);
    row(t("confirmation.field.relevantUntil"), day(fromDateColumn(notice.relevantUntil)));
    row(t("confirmation.field.takenDownAt"), takenDownText);
    row(t("confirmation.field.url"), boardUrls.notice(input.baseUrl, notice.id));
    row(
      t("confirmation.field.attachments"),
      notice.attachments.length > 0
        ? notice.attachments.map(({ file }) => `${file.fileName} (${file.size} B, SHA-256 ${file.sha256})`).join("\n")
        : t("confirmation.none"),
    );

    heading(t("confirmation.section.events"));
    for (const event of notice.events) {
      const details = [
        event.postedAt && event.takeDownAt
          ? t("confirmation.event.window", { postedAt: moment(event.postedAt), takeDownAt: moment(event.takeDownAt) })
          : null,
        event.revision !== null ? t("confirmation.event.revision", { revision: event.revision }) : null,
        event.reason ? t("confirmation.event.reason", { reason: event.reason }) : null,
      ].filter(Boolean);
      line(`${moment(event.createdAt)} – ${t(`confirmation.event.${event.type}`)} – ${actor(event.actorUserId, event.actorTokenId)}`);
      if (details.length > 0) line(details.join("; "), { indent: 16, size: 9 });
    }
    if (notice.events.length === 0) line(t("confirmation.none"));

    heading(t("confirmation.section.revisions"));
    for (const revision of notice.revisions) {
      line(
        t("confirmation.revision", {
          revision: revision.revision,
          date: moment(revision.createdAt),
          actor: actor(revision.createdById, null),
        }),
      );
      line(revision.title, { indent: 16, size: 9 });
      if (revision.reason) line(t("confirmation.event.reason", { reason: revision.reason }), { indent: 16, size: 9 });
    }
    if (notice.revisions.length === 0) line(t("confirmation.none"));

    ensureRoom(130);
    doc.moveDown(1.5);
    line(t("confirmation.timesNote"), { size: 8 });
    line(t("confirmation.generatedAt", { date: moment(now) }), { size: 8 });
    doc.moveDown(2.5);
    line(t("confirmation.place"));
    doc.moveDown(3);
    const signatureX = left + width / 2;
    doc
      .moveTo(signatureX, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(0.5)
      .stroke();
    doc
      .font("regular")
      .fontSize(9)
      .text(t("confirmation.signature"), signatureX, doc.y + 4, { width: width / 2, align: "center" });
  });

  await recordAudit(ctx, { action: "notice.confirmation_downloaded", subjectType: "Notice", subjectId: notice.id });
  return { pdf, fileName: `${t("confirmation.fileName")}-${notice.id}.pdf` };
}
