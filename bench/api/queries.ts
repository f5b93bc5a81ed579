// The operations the API benchmark loads, and how the bench makes their data exist.
import type { PrismaClient } from "../../api/src/generated/prisma/client.ts";
import { dateColumn, minimumRelevantUntil, takeDownMoment } from "../../api/src/domain/notice-window.ts";
import { noticeSearchText } from "../../api/src/services/notices/notice-rules.ts";
import { HOME_QUERY } from "./home-query.ts";

export interface BenchQuery {
  name: "home" | "board";
  /** The request body, as the PWA would send it. */
  body: string;
  /** What a correct answer must contain (a sanity check before measuring). */
  check(answer: { data?: Record<string, any> }): string | null;
}

/** The notice board's first page as the PWA's list shows it, with each notice's attachments. */
export const BOARD_QUERY =
  "query NoticeBoard($first: Int!) { noticeBoard(first: $first) { edges { node { id title category originator postedAt " +
  "relevantUntil takeDownAt withdrawn attachments { fileId fileName mimeType size url } } } pageInfo { hasNextPage endCursor } } }";

export const BOARD_PAGE_SIZE = 20;

export const QUERIES: Record<BenchQuery["name"], BenchQuery> = {
  home: {
    name: "home",
    body: JSON.stringify({ query: HOME_QUERY, operationName: "Home" }),
    check: (answer) => (answer.data?.municipality?.bankAccounts?.length ? null : "the home answer has no bank accounts"),
  },
  board: {
    name: "board",
    body: JSON.stringify({ query: BOARD_QUERY, operationName: "NoticeBoard", variables: { first: BOARD_PAGE_SIZE } }),
    check: (answer) => {
      const edges = answer.data?.noticeBoard?.edges as { node: { attachments: unknown[] } }[] | undefined;
      if (!edges || edges.length < BOARD_PAGE_SIZE)
        return `the board answer has ${edges?.length ?? 0} notices, expected ${BOARD_PAGE_SIZE}`;
      if (!edges.some((edge) => edge.node.attachments.length > 0)) return "no notice on the board has attachments";
      return null;
    },
  },
};

/**
 * Makes sure the default town's board shows at least `count` notices (more than one page, so the
 * page is full and hasNextPage is true): the demo seed's notices first, then bench notices posted
 * over the past days, each with one or two attachments (file rows only: the bench never downloads).
 */
export async function ensurePostedNotices(prisma: PrismaClient, count: number, now = new Date()): Promise<number> {
  const municipality =
    (await prisma.municipality.findFirst({ where: { isDefault: true } })) ??
    (await prisma.municipality.findFirstOrThrow({ orderBy: { createdAt: "asc" } }));
  const posted = { municipalityId: municipality.id, status: "APPROVED" as const, postedAt: { lte: now }, takeDownAt: { gt: now } };
  const existing = await prisma.notice.count({ where: posted });
  for (let n = existing; n < count; n++) {
    const postedAt = new Date(now.getTime() - (n + 1) * 3 * 3_600_000);
    const relevantUntil = minimumRelevantUntil(postedAt);
    const content = {
      title: `Oznámení o přerušení dodávky vody č. ${n + 1}`,
      description: `Z důvodu plánované opravy vodovodního řadu bude přerušena dodávka vody v ulici Zahradní (${n + 1}).`,
      originator: municipality.name,
      referenceNumber: `OU/${100 + n}/2026`,
      fileMark: `SZ-${100 + n}/2026`,
    };
    const files = await Promise.all(
      Array.from({ length: 1 + (n % 2) }, (_, index) =>
        prisma.storedFile.create({
          data: {
            municipalityId: municipality.id,
            fileName: index === 0 ? `Oznámení ${n + 1}.pdf` : `Příloha ${n + 1} – mapa.pdf`,
            mimeType: "application/pdf",
            size: 20_000 + n * 100 + index,
            sha256: `${n}-${index}`.padStart(64, "0"),
            storageKey: `bench/${n}-${index}`,
          },
        }),
      ),
    );
    await prisma.notice.create({
      data: {
        municipalityId: municipality.id,
        status: "APPROVED",
        category: "ANNOUNCEMENTS",
        ...content,
        searchText: noticeSearchText(content),
        postedAt,
        relevantUntil: dateColumn(relevantUntil),
        takeDownAt: takeDownMoment(relevantUntil),
        approvedAt: postedAt,
        attachments: { create: files.map((file, position) => ({ fileId: file.id, position })) },
        revisions: { create: [{ revision: 1, ...content, category: "ANNOUNCEMENTS", attachmentIds: files.map((file) => file.id) }] },
      },
    });
  }
  return Math.max(existing, count);
}
