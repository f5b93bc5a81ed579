// The demo towns' notice board: what a visitor of a fresh demo sees (current, scheduled, archived,
// withdrawn and corrected notices with real PDF attachments), seeded relative to the seed time.
import { fileTypeFromBuffer } from "file-type";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { seedDemo } from "../../prisma/seed/demo.ts";
import type { TestApp } from "../kit/app.ts";
import { Client } from "../kit/graphql.ts";
import { ARCHIVE, BOARD, createNoticeTestApp, NOTICE_DETAIL } from "./notices-support.ts";

let app: TestApp & { dataDir: string };
let server: FastifyInstance;
const lipnice = () => new Client(app, { host: "lipnice.localhost" });
const lhota = () => new Client(app, { host: "horni-lhota.localhost" });

beforeAll(async () => {
  app = await createNoticeTestApp();
  // The seed writes its PDFs to DATA_DIR/files as configured by the environment, like `npm run db:seed`.
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = app.dataDir;
  try {
    await seedDemo(app.database.prisma);
    await seedDemo(app.database.prisma);
  } finally {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  }
  app.clock.set(new Date());
  server = await buildServer(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

type Node = Record<string, any>;
const nodes = (connection: { edges: { node: Node }[] } | undefined) => connection?.edges.map((edge) => edge.node) ?? [];

describe("demo notice board", () => {
  it("Lipnice has a current board across categories, newest first, with PDF attachments", async () => {
    const board = nodes((await lipnice().request(BOARD, { first: 50 })).data?.noticeBoard);
    expect(board.length).toBeGreaterThanOrEqual(8);
    expect(new Set(board.map((notice) => notice.category)).size).toBeGreaterThanOrEqual(6);
    const postedAt = board.map((notice) => notice.postedAt);
    expect(postedAt).toEqual([...postedAt].sort().reverse());
    const withFiles = board.filter((notice) => notice.attachments.length > 0);
    expect(withFiles.length).toBeGreaterThanOrEqual(4);
    for (const notice of withFiles) {
      const response = await server.inject({ method: "GET", url: notice.attachments[0].url, headers: { host: "lipnice.localhost" } });
      expect(response.statusCode, notice.title).toBe(200);
      expect(await fileTypeFromBuffer(response.rawPayload)).toEqual({ ext: "pdf", mime: "application/pdf" });
    }
  });

  it("has a scheduled notice that is not on the board yet, and a draft", async () => {
    const titles = nodes((await lipnice().request(BOARD, { first: 50 })).data?.noticeBoard).map((notice) => notice.title);
    const scheduled = await app.database.prisma.notice.findFirstOrThrow({
      where: { status: "APPROVED", postedAt: { gt: app.clock.now() } },
    });
    expect(titles).not.toContain(scheduled.title);
    expect(await app.database.prisma.notice.count({ where: { status: "DRAFT" } })).toBe(1);
  });

  it("has an archive with a withdrawn notice and its reason", async () => {
    const archive = nodes((await lipnice().request(ARCHIVE, { first: 50 })).data?.noticeArchive);
    expect(archive.length).toBeGreaterThanOrEqual(3);
    expect(archive.find((notice) => notice.withdrawn)).toMatchObject({ withdrawalReason: expect.stringMatching(/zrušena/) });
  });

  it("has a corrected notice whose history shows the reason", async () => {
    const board = nodes((await lipnice().request(BOARD, { first: 50, filter: { search: "zamer prodeje" } })).data?.noticeBoard);
    expect(board).toHaveLength(1);
    const detail = await lipnice().request(NOTICE_DETAIL, { id: board[0]!.id });
    expect(detail.data?.notice).toMatchObject({ revision: 2, description: expect.stringContaining("421 m²") });
    expect(detail.data?.notice.revisions).toMatchObject([
      { revision: 1, reason: null },
      { revision: 2, reason: expect.stringContaining("výměry") },
    ]);
  });

  it("Horní Lhota has its own small board; seeding twice added nothing", async () => {
    expect(nodes((await lhota().request(BOARD)).data?.noticeBoard)).toHaveLength(1);
    expect(nodes((await lhota().request(ARCHIVE)).data?.noticeArchive)).toHaveLength(1);
    expect(await app.database.prisma.notice.count()).toBe(15);
  });
});
