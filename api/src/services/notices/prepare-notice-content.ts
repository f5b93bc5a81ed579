import type { Context } from "../../context.ts";
import { dateColumn, fromDateColumn } from "../../domain/notice-window.ts";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import type { Notice, NoticeCategory } from "../../generated/prisma/client.ts";
import { checkNoticeFiles } from "./check-notice-files.ts";
import { checkPostingWindow, minimumRelevantUntilFor, noticeSearchText, type NoticeContent, type PostingWindow } from "./notice-rules.ts";

export interface PreparedNotice {
  /** Columns of Notice to write. */
  fields: {
    title: string;
    description: string;
    category: NoticeCategory;
    originator: string;
    originatorIco: string | null;
    referenceNumber: string | null;
    fileMark: string | null;
    postedAt: Date;
    relevantUntil: Date;
    takeDownAt: Date;
    searchText: string;
  };
  window: PostingWindow;
  /** The new attachment list, or null to keep the current one. */
  attachmentIds: string[] | null;
}

/**
 * Turns validated input into the columns of a notice. Omitted values keep what the notice has (or
 * get defaults for a new one: the municipality as originator, posting now, the legal minimum as
 * "relevant until"). Window and attachment problems are reported together as field errors.
 * `windowAccepted`: the window was accepted before (a revision that keeps it), so a short one
 * needs no new reason.
 */
export async function prepareNoticeContent(
  ctx: Pick<Context, "db" | "municipality" | "clock">,
  data: NoticeContent,
  existing: (Notice & { attachmentIds: string[] }) | null,
  options: { windowAccepted?: boolean } = {},
): Promise<PreparedNotice> {
  const now = ctx.clock.now();
  const postedAt = data.postedAt ?? existing?.postedAt ?? now;
  const relevantUntil =
    data.relevantUntil ?? (existing ? fromDateColumn(existing.relevantUntil) : minimumRelevantUntilFor(data.category, postedAt));
  const issues: FieldIssue[] = [];
  const checked = checkPostingWindow({
    category: data.category,
    postedAt,
    relevantUntil,
    allowShort: Boolean(data.shortWindowReason) || options.windowAccepted === true,
  });
  issues.push(...checked.issues);
  if (data.attachmentIds) issues.push(...(await checkNoticeFiles(ctx.db, data.attachmentIds)));
  if (!checked.window || issues.length > 0) throw new ValidationError(issues);
  const originator = data.originator ?? existing?.originator ?? ctx.municipality.name;
  const text = {
    title: data.title,
    description: data.description,
    originator,
    referenceNumber: data.referenceNumber,
    fileMark: data.fileMark,
  };
  return {
    fields: {
      ...text,
      category: data.category,
      originatorIco: data.originatorIco,
      postedAt,
      relevantUntil: dateColumn(relevantUntil),
      takeDownAt: checked.window.takeDownAt,
      searchText: noticeSearchText(text),
    },
    window: checked.window,
    attachmentIds: data.attachmentIds,
  };
}
