import type { introspection_types } from "../../graphql/graphql-env.d.ts";

export type NoticeCategory = introspection_types["NoticeCategory"]["enumValues"];
export type NoticeStatus = introspection_types["NoticeStatus"]["enumValues"];

/** Every category, in the order the board's filter and the clerk's form list them. */
export const NOTICE_CATEGORIES = [
  "DECREES",
  "ANNOUNCEMENTS",
  "BUILDING_PROCEEDINGS",
  "PROPERTY_INTENTS",
  "TENDERS",
  "BUDGET",
  "COUNCIL_MEETINGS",
  "OTHER_AUTHORITIES",
  "OTHER",
] as const satisfies readonly NoticeCategory[];

export function isNoticeCategory(value: string | null): value is NoticeCategory {
  return (NOTICE_CATEGORIES as readonly string[]).includes(value ?? "");
}

// The app's URLs use the notice's own id (the same IRI the open data and the feeds publish:
// /uredni-deska/<uuid>); the API speaks Relay global ids, base64 of "Notice:<uuid>".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function noticeGlobalId(uuid: string): string | null {
  return UUID.test(uuid) ? btoa(`Notice:${uuid.toLowerCase()}`) : null;
}

export function noticeUuid(globalId: string): string {
  try {
    const [type, id] = atob(globalId).split(":");
    return type === "Notice" && id ? id : globalId;
  } catch {
    return globalId;
  }
}

export function noticePath(globalId: string): string {
  return `/uredni-deska/${noticeUuid(globalId)}`;
}

/** The clerks' PDF confirmation of posting (api/src/http/notice-outputs.ts). */
export function postingConfirmationUrl(globalId: string): string {
  return `/api/uredni-deska/${noticeUuid(globalId)}/potvrzeni.pdf`;
}

export const BOARD_FEEDS = {
  rss: "/feeds/uredni-deska.rss",
  atom: "/feeds/uredni-deska.atom",
  openData: "/opendata/uredni-deska.jsonld",
} as const;

/**
 * Whether a notice may be shown on the board at `now` (the device's clock). The API answers only posted notices,
 * but a cached answer outlives its moment: the take-down instant is part of the legal record, so the app hides a
 * notice from then on even when it renders from the offline copy.
 */
export function isOnBoard(notice: { postedAt: string; takeDownAt: string }, now: number): boolean {
  return Date.parse(notice.postedAt) <= now && now < Date.parse(notice.takeDownAt);
}

export function isTakenDown(notice: { takeDownAt: string }, now: number): boolean {
  return Date.parse(notice.takeDownAt) <= now;
}

/** Where a notice stands in its life, as clerks see it; APPROVED splits by the clock. */
export type NoticePhase = "DRAFT" | "PENDING_APPROVAL" | "SCHEDULED" | "POSTED" | "TAKEN_DOWN" | "WITHDRAWN";

export function noticePhase(notice: { status: NoticeStatus; postedAt: string; takeDownAt: string }, now: number): NoticePhase {
  if (notice.status !== "APPROVED") return notice.status;
  if (now < Date.parse(notice.postedAt)) return "SCHEDULED";
  return now < Date.parse(notice.takeDownAt) ? "POSTED" : "TAKEN_DOWN";
}

const FILE_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
  "application/vnd.oasis.opendocument.text": "ODT",
  "application/vnd.oasis.opendocument.spreadsheet": "ODS",
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

/** A short, familiar name for a file type ("PDF"), or the MIME type itself. */
export function fileTypeLabel(mimeType: string): string {
  return FILE_TYPES[mimeType] ?? mimeType;
}

export function formatFileSize(bytes: number, language: string): string {
  const [unit, value] =
    bytes >= 1_000_000 ? (["megabyte", bytes / 1_000_000] as const) : (["kilobyte", Math.max(bytes / 1000, 1)] as const);
  return new Intl.NumberFormat(language, { style: "unit", unit, maximumFractionDigits: unit === "megabyte" ? 1 : 0 }).format(value);
}
