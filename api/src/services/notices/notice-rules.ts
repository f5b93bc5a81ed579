import { DateTime } from "luxon";
import { z } from "zod";
import { BUSINESS_ZONE } from "../../clock.ts";
import { isValidIco } from "@portal/forms";
import { MINIMUM_POSTING_DAYS, pragueDate, takeDownMoment } from "../../domain/notice-window.ts";
import { normalizeForSearch } from "../../domain/search-text.ts";
import type { FieldIssue } from "../../errors.ts";
import { NoticeCategory } from "../../generated/prisma/enums.ts";

// The rules for a notice's content and posting window, shared by every notice service (and meant to
// be shared with the PWA's form). Custom zod messages are message keys; parseInput turns them into
// field errors.

/**
 * Zákon o obcích § 93: the place, time and programme of a council meeting are posted at least
 * 7 days before it, so such a notice may be relevant for 7 days. Everything else follows správní
 * řád § 25 (delivery on the 15th day).
 */
export const MINIMUM_DAYS_BY_CATEGORY: Partial<Record<NoticeCategory, number>> = { COUNCIL_MEETINGS: 7 };

export function minimumPostingDays(category: NoticeCategory): number {
  return MINIMUM_DAYS_BY_CATEGORY[category] ?? MINIMUM_POSTING_DAYS;
}

/** The earliest lawful "relevant until" date (YYYY-MM-DD) for a notice of `category` posted at `postedAt`. */
export function minimumRelevantUntilFor(category: NoticeCategory, postedAt: Date): string {
  return DateTime.fromJSDate(postedAt, { zone: BUSINESS_ZONE })
    .startOf("day")
    .plus({ days: minimumPostingDays(category) })
    .toISODate()!;
}

/** A notice stays at most this long; a later date is a typo, not a decision. */
const MAXIMUM_POSTING_YEARS = 10;

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 10_000;
export const IDENTIFIER_MAX = 100;
export const ORIGINATOR_MAX = 300;
export const REASON_MAX = 2_000;
export const ATTACHMENTS_MAX = 50;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: "field.tooLong" })
    .nullish()
    .transform((value) => (value ? value : null));

export const reasonSchema = z
  .string({ message: "field.required" })
  .trim()
  .min(1, { message: "field.reasonRequired", abort: true })
  .max(REASON_MAX, { message: "field.tooLong" });

const categories = Object.values(NoticeCategory) as [NoticeCategory, ...NoticeCategory[]];

/** The content every notice has, as clerks and integrators send it. */
export const noticeContentSchema = z.object({
  title: z.string().trim().min(1, { message: "field.required", abort: true }).max(TITLE_MAX, { message: "field.tooLong" }),
  description: optionalText(DESCRIPTION_MAX).transform((value) => value ?? ""),
  category: z.enum(categories, { message: "field.invalid" }),
  originator: optionalText(ORIGINATOR_MAX),
  originatorIco: z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value ? value.replace(/\s/g, "") : null))
    .refine((value) => value === null || isValidIco(value), { message: "field.ico" }),
  referenceNumber: optionalText(IDENTIFIER_MAX),
  fileMark: optionalText(IDENTIFIER_MAX),
  postedAt: z.date().nullish(),
  relevantUntil: z.string().nullish(),
  attachmentIds: z
    .array(z.string())
    .max(ATTACHMENTS_MAX, { message: "field.tooManyFiles" })
    .nullish()
    .transform((ids) => (ids ? [...new Set(ids)] : null)),
  shortWindowReason: optionalText(REASON_MAX),
});

export type NoticeContentInput = z.input<typeof noticeContentSchema>;
export type NoticeContent = z.output<typeof noticeContentSchema>;

/** The text that search matches (ignoring case and diacritics). */
export function noticeSearchText(notice: {
  title: string;
  description: string;
  originator: string;
  referenceNumber: string | null;
  fileMark: string | null;
}): string {
  return normalizeForSearch(notice.title, notice.description, notice.originator, notice.referenceNumber, notice.fileMark);
}

export interface PostingWindow {
  postedAt: Date;
  relevantUntil: string;
  takeDownAt: Date;
  /** Shorter than the legal minimum: allowed only with a recorded reason. */
  belowMinimum: boolean;
  minimumRelevantUntil: string;
}

/**
 * Checks a posting window. "Relevant until" must not end before the posting day, may not exceed ten
 * years, and must reach the legal minimum for the category unless the clerk records why it may not
 * (e.g. a meeting convened at short notice). Returns the window or the field issues.
 */
export function checkPostingWindow(args: {
  category: NoticeCategory;
  postedAt: Date;
  relevantUntil: string;
  /** A reason for a shorter window was given (or the window was accepted before). */
  allowShort: boolean;
}): { window: PostingWindow; issues: [] } | { window: null; issues: FieldIssue[] } {
  const { category, postedAt, relevantUntil } = args;
  const minimum = minimumRelevantUntilFor(category, postedAt);
  const postingDay = pragueDate(postedAt);
  const fail = (issue: FieldIssue) => ({ window: null, issues: [issue] });
  if (relevantUntil < postingDay) {
    return fail({
      path: ["relevantUntil"],
      code: "BEFORE_POSTING",
      messageKey: "field.noticeEndsBeforePosting",
      params: { date: postingDay },
    });
  }
  const latest = DateTime.fromJSDate(postedAt, { zone: BUSINESS_ZONE }).plus({ years: MAXIMUM_POSTING_YEARS }).toISODate()!;
  if (relevantUntil > latest) {
    return fail({
      path: ["relevantUntil"],
      code: "TOO_LATE",
      messageKey: "field.noticeWindowTooLong",
      params: { years: MAXIMUM_POSTING_YEARS },
    });
  }
  const belowMinimum = relevantUntil < minimum;
  if (belowMinimum && !args.allowShort) {
    return fail({
      path: ["relevantUntil"],
      code: "WINDOW_TOO_SHORT",
      messageKey: "field.noticeWindowTooShort",
      params: { date: minimum, days: minimumPostingDays(category) },
    });
  }
  return {
    window: { postedAt, relevantUntil, takeDownAt: takeDownMoment(relevantUntil), belowMinimum, minimumRelevantUntil: minimum },
    issues: [],
  };
}
