import { DateTime } from "luxon";
import { z } from "zod";
import type { ErrorResult } from "../../components/form.tsx";
import { TOWN_ZONE } from "../../i18n/format.ts";
import { NOTICE_CATEGORIES } from "../notices/notice-model.ts";

// The clerk's notice form: its values, their checks, and the conversion to the API's NoticeInput. Limits mirror
// api/src/services/notices/notice-rules.ts; the API checks everything again and its field errors win.

export type FormMode = "create" | "edit" | "revise";

const attachment = z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number() });
export type FormAttachment = z.infer<typeof attachment>;

const optional = (max: number) => z.string().trim().max(max, "validation.tooLong");

const baseSchema = z.object({
  title: z.string().trim().min(1, "validation.required").max(300, "validation.tooLong"),
  description: z.string().max(10_000, "validation.tooLong"),
  category: z.enum(NOTICE_CATEGORIES),
  originator: optional(300),
  originatorIco: z
    .string()
    .trim()
    .refine((value) => value === "" || /^\d{8}$/.test(value.replace(/\s/g, "")), "noticesClerk.validation.ico"),
  referenceNumber: optional(100),
  fileMark: optional(100),
  postingMode: z.enum(["now", "scheduled"]),
  /** Wall-clock time in the town (datetime-local input), used when postingMode is "scheduled". */
  postedAt: z.string(),
  relevantUntil: z.string(),
  shortWindowReason: optional(2_000),
  attachments: z.array(attachment).max(50, "noticesClerk.validation.tooManyFiles"),
  /** Why a posted notice is corrected (revise mode only). */
  reason: optional(2_000),
});
export type NoticeFormValues = z.infer<typeof baseSchema>;

export function noticeFormSchema(mode: FormMode) {
  return baseSchema.superRefine((values, context) => {
    if (values.postingMode === "scheduled" && mode !== "revise" && !townTimeToIso(values.postedAt)) {
      context.addIssue({ code: "custom", path: ["postedAt"], message: "noticesClerk.validation.postedAt" });
    }
    if (values.relevantUntil && !/^\d{4}-\d{2}-\d{2}$/.test(values.relevantUntil)) {
      context.addIssue({ code: "custom", path: ["relevantUntil"], message: "noticesClerk.validation.date" });
    }
    if (mode === "revise" && !values.reason.trim()) {
      context.addIssue({ code: "custom", path: ["reason"], message: "noticesClerk.validation.reasonRequired" });
    }
  });
}

/** "2026-11-26T08:00" in the town's zone (whatever the device's zone) → an ISO instant for the API. */
export function townTimeToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const time = DateTime.fromISO(local, { zone: TOWN_ZONE });
  return time.isValid ? time.toUTC().toISO() : null;
}

export function isoToTownTime(iso: string): string {
  return DateTime.fromISO(iso).setZone(TOWN_ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The moment a notice relevant until `date` leaves the board: the midnight after that day, town time. */
export function takeDownMomentOf(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = DateTime.fromISO(date, { zone: TOWN_ZONE });
  return day.isValid ? day.plus({ days: 1 }).startOf("day").toUTC().toISO() : null;
}

interface ExistingNotice {
  title: string;
  description: string;
  category: NoticeFormValues["category"];
  originator: string;
  originatorIco?: string | null;
  referenceNumber?: string | null;
  fileMark?: string | null;
  postedAt: string;
  relevantUntil: string;
  attachments: ReadonlyArray<{ fileId: string; fileName: string; mimeType: string; size: number }>;
}

export function initialValues(notice: ExistingNotice | null, townName: string): NoticeFormValues {
  const scheduled = notice !== null && Date.parse(notice.postedAt) > Date.now();
  return {
    title: notice?.title ?? "",
    description: notice?.description ?? "",
    category: notice?.category ?? "ANNOUNCEMENTS",
    originator: notice?.originator ?? townName,
    originatorIco: notice?.originatorIco ?? "",
    referenceNumber: notice?.referenceNumber ?? "",
    fileMark: notice?.fileMark ?? "",
    postingMode: scheduled ? "scheduled" : "now",
    postedAt: scheduled ? isoToTownTime(notice.postedAt) : "",
    relevantUntil: notice?.relevantUntil ?? "",
    shortWindowReason: "",
    attachments:
      notice?.attachments.map((file) => ({ id: file.fileId, fileName: file.fileName, mimeType: file.mimeType, size: file.size })) ?? [],
    reason: "",
  };
}

/** The planned posting moment to send, or null for "now". */
export function plannedPostedAt(values: NoticeFormValues): string | null {
  return values.postingMode === "scheduled" ? townTimeToIso(values.postedAt) : null;
}

/**
 * The API's NoticeInput. "Post now" sends no time (the API takes its own clock), except when the notice was
 * planned for later: then the device's now replaces the plan (approval turns a past time into "now").
 */
export function toNoticeInput(values: NoticeFormValues, existing: { postedAt: string } | null, townName: string) {
  const text = (value: string) => value.trim() || null;
  const planned = plannedPostedAt(values);
  const unplan = values.postingMode === "now" && existing !== null && Date.parse(existing.postedAt) > Date.now();
  return {
    title: values.title.trim(),
    description: values.description,
    category: values.category,
    originator: values.originator.trim() || townName,
    originatorIco: text(values.originatorIco.replace(/\s/g, "")),
    referenceNumber: text(values.referenceNumber),
    fileMark: text(values.fileMark),
    postedAt: planned ?? (unplan ? new Date().toISOString() : null),
    relevantUntil: values.relevantUntil || null,
    shortWindowReason: text(values.shortWindowReason),
    attachmentIds: values.attachments.map((file) => file.id),
  };
}

/** The API names the attachment list `attachmentIds` (and a bad item by its index); the form calls it attachments. */
export function withFormFieldNames(failure: ErrorResult): ErrorResult {
  return {
    ...failure,
    fieldErrors: failure.fieldErrors?.map((fieldError) =>
      fieldError.path.includes("attachmentIds") ? { ...fieldError, path: [...fieldError.path.slice(0, -1), "attachments"] } : fieldError,
    ),
  };
}
