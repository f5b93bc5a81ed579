import type { TenantDb } from "../../db/tenant.ts";
import { fromDateColumn, pragueDate } from "../../domain/notice-window.ts";
import type { NoticeCategory } from "../../generated/prisma/client.ts";
import { translate } from "../../i18n/messages.ts";
import type { Municipality } from "../tenancy/resolve-municipality.ts";
import { postedAt } from "./visibility.ts";

/**
 * The public outputs of the notice board (OFN open data, RSS/Atom) read the same thing: the notices
 * posted at `now`, newest first, and the two moments that bound how long that answer stays true.
 */
export interface PostedBoard {
  notices: PostedNotice[];
  /** The next posting or take-down moment after `now` (null: nothing is scheduled). Caches must not outlive it. */
  nextChangeAt: Date | null;
  /** The latest moment at or before `now` when the board's content changed (null: it never had a notice). */
  lastChangeAt: Date | null;
}

export type PostedNotice = Awaited<ReturnType<typeof findPostedNotices>>[number];

function findPostedNotices(db: TenantDb, now: Date) {
  return db.notice.findMany({
    where: postedAt(now),
    orderBy: [{ postedAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      description: true,
      category: true,
      originator: true,
      referenceNumber: true,
      fileMark: true,
      postedAt: true,
      relevantUntil: true,
      takeDownAt: true,
      revision: true,
      updatedAt: true,
      attachments: {
        orderBy: { position: "asc" },
        select: { file: { select: { id: true, fileName: true, mimeType: true } } },
      },
    },
  });
}

export async function loadPostedBoard(db: TenantDb, now: Date): Promise<PostedBoard> {
  const [notices, scheduled, takenDown] = await Promise.all([
    findPostedNotices(db, now),
    // Only approved notices ever appear; drafts and proposals change nothing the public sees.
    db.notice.aggregate({ where: { status: "APPROVED", postedAt: { gt: now } }, _min: { postedAt: true } }),
    db.notice.aggregate({
      where: { status: { in: ["APPROVED", "WITHDRAWN"] }, postedAt: { lte: now }, takeDownAt: { lte: now } },
      _max: { takeDownAt: true },
    }),
  ]);
  // Every posted notice leaves at its takeDownAt; a scheduled one arrives at its postedAt.
  const next = [scheduled._min.postedAt, ...notices.map((notice) => notice.takeDownAt)].filter((d): d is Date => d !== null);
  const last = [takenDown._max.takeDownAt, ...notices.flatMap((notice) => [notice.postedAt, notice.updatedAt])].filter(
    (d): d is Date => d !== null && d <= now,
  );
  return {
    notices,
    nextChangeAt: next.length > 0 ? new Date(Math.min(...next.map(Number))) : null,
    lastChangeAt: last.length > 0 ? new Date(Math.max(...last.map(Number))) : null,
  };
}

/** OFN Úřední desky, version 2021-07-20 (https://ofn.gov.cz/úřední-desky/2021-07-20/). */
export const OFN_BOARD_CONTEXT = "https://ofn.gov.cz/úřední-desky/2021-07-20/kontexty/úřední-deska.jsonld";

/** Stable public addresses. The notice's IRI is its detail page, which never moves. */
export const boardUrls = {
  data: (baseUrl: string) => `${baseUrl}/opendata/uredni-deska`,
  page: (baseUrl: string) => `${baseUrl}/uredni-deska`,
  notice: (baseUrl: string, noticeId: string) => `${baseUrl}/uredni-deska/${noticeId}`,
  file: (baseUrl: string, fileId: string, fileName: string) => `${baseUrl}/soubory/${fileId}/${encodeURIComponent(fileName)}`,
};

export function categoryLabel(category: NoticeCategory): string {
  return translate("cs", `notice.category.${category}`);
}

const instant = (date: string) => ({ typ: "Časový okamžik", datum: date });

/**
 * The board as an OFN Úřední desky JSON-LD document: operator by IČO, and for each posted notice its
 * title, description, posting day and "relevant until" day (Prague calendar dates), identifiers,
 * category (agenda) and attachments (dokument) with their download URLs.
 */
export function toOpenDataBoard(board: PostedBoard, municipality: Pick<Municipality, "name" | "ico">, baseUrl: string) {
  return {
    "@context": OFN_BOARD_CONTEXT,
    typ: "Úřední deska",
    iri: boardUrls.data(baseUrl),
    název: { cs: translate("cs", "noticeFeed.title", { town: municipality.name }) },
    stránka: boardUrls.page(baseUrl),
    provozovatel: { typ: "Osoba", ičo: municipality.ico, název: { cs: municipality.name } },
    informace: board.notices.map((notice) => {
      const url = boardUrls.notice(baseUrl, notice.id);
      return {
        typ: ["Digitální objekt", "Informace na úřední desce"],
        iri: url,
        url,
        název: { cs: notice.title },
        ...(notice.description.trim() ? { popis: { cs: notice.description } } : {}),
        vyvěšení: instant(pragueDate(notice.postedAt)),
        relevantní_do: instant(fromDateColumn(notice.relevantUntil)),
        ...(notice.referenceNumber ? { číslo_jednací: notice.referenceNumber } : {}),
        ...(notice.fileMark ? { spisová_značka: notice.fileMark } : {}),
        revize: String(notice.revision),
        agenda: [{ typ: "Agenda", název: { cs: categoryLabel(notice.category) } }],
        ...(notice.attachments.length > 0
          ? {
              dokument: notice.attachments.map(({ file }) => ({
                typ: "Digitální objekt",
                název: { cs: file.fileName },
                url: boardUrls.file(baseUrl, file.id, file.fileName),
                ...(/^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType)
                  ? { typ_média: `http://www.iana.org/assignments/media-types/${file.mimeType}` }
                  : {}),
              })),
            }
          : {}),
      };
    }),
  };
}
