// The public side of the notice board, driven by the injected clock: posting and take-down at the
// exact Prague moments (list, detail and attachment download), across both DST changes; the
// archive; search without diacritics; filters; pagination; and at most two SQL statements for the
// board list and the notice detail.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import type { TestApp } from "../kit/app.ts";
import type { GraphQLResponse } from "../kit/graphql.ts";
import {
  ARCHIVE,
  BOARD,
  CREATE_NOTICE,
  APPROVE_NOTICE,
  createNoticeTestApp,
  createTown,
  ids,
  NOTICE_DETAIL,
  noticeInput,
  postNotice,
  uploadPdf,
  type Town,
} from "./notices-support.ts";

let app: TestApp;
let server: FastifyInstance;

beforeAll(async () => {
  app = await createNoticeTestApp();
  server = await buildServer(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

/** Creates a notice with an attachment and schedules it; returns its id and attachment URL. */
async function schedule(town: Town, input: Record<string, unknown>, postedAt: string) {
  app.clock.set("2026-01-01T10:00:00Z");
  const file = await uploadPdf(app, town.clerk, "Příloha.pdf");
  const created = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ ...input, postedAt, attachmentIds: [file.id] }) });
  const id = created.data?.createNotice.notice?.id as string;
  if (!id) throw new Error(JSON.stringify(created));
  const approved = await town.clerk.request(APPROVE_NOTICE, { input: { id } });
  if (approved.data?.approveNotice.__typename !== "ApproveNoticeSuccess") throw new Error(JSON.stringify(approved));
  return { id, url: file.url, notice: approved.data.approveNotice.notice };
}

async function visibility(town: Town, id: string, url: string) {
  const board = ids((await town.anonymous.request(BOARD, { first: 100 })).data?.noticeBoard).includes(id);
  const archive = ids((await town.anonymous.request(ARCHIVE, { first: 100 })).data?.noticeArchive).includes(id);
  const detail = (await town.anonymous.request(NOTICE_DETAIL, { id })).data?.notice !== null;
  const download = (await server.inject({ method: "GET", url, headers: { host: town.host } })).statusCode;
  return { board, archive, detail, download };
}

describe("posting and take-down at the exact moment", () => {
  let town: Town;
  beforeAll(async () => {
    town = await createTown(app);
  });

  it("a notice scheduled for 00:00 Prague time is invisible at 23:59:59 and visible at 00:00:00", async () => {
    const { id, url, notice } = await schedule(town, { relevantUntil: "2026-12-16" }, "2026-12-01T00:00:00+01:00");
    expect(notice.postedAt).toBe("2026-11-30T23:00:00.000Z");
    app.clock.set("2026-11-30T22:59:59.999Z");
    expect(await visibility(town, id, url)).toEqual({ board: false, archive: false, detail: false, download: 404 });
    app.clock.set("2026-11-30T23:00:00.000Z");
    expect(await visibility(town, id, url)).toEqual({ board: true, archive: false, detail: true, download: 200 });
  });

  it("it leaves the board at the midnight after 'relevant until' and moves to the archive", async () => {
    const { id, url, notice } = await schedule(town, { relevantUntil: "2026-12-16" }, "2026-12-01T08:00:00+01:00");
    expect(notice.takeDownAt).toBe("2026-12-16T23:00:00.000Z");
    app.clock.set("2026-12-16T22:59:59.999Z");
    expect(await visibility(town, id, url)).toEqual({ board: true, archive: false, detail: true, download: 200 });
    app.clock.set("2026-12-16T23:00:00.000Z");
    expect(await visibility(town, id, url)).toEqual({ board: false, archive: true, detail: true, download: 200 });
  });

  it("across the autumn DST change: relevant until 24 Oct 2026 ends at 22:00 UTC (summer time)", async () => {
    const { id, url, notice } = await schedule(town, { relevantUntil: "2026-10-24" }, "2026-10-09T00:00:00+02:00");
    expect(notice).toMatchObject({ postedAt: "2026-10-08T22:00:00.000Z", takeDownAt: "2026-10-24T22:00:00.000Z" });
    app.clock.set("2026-10-08T21:59:59.999Z");
    expect((await visibility(town, id, url)).board).toBe(false);
    app.clock.set("2026-10-08T22:00:00.000Z");
    expect((await visibility(town, id, url)).board).toBe(true);
    app.clock.set("2026-10-24T21:59:59.999Z");
    expect(await visibility(town, id, url)).toMatchObject({ board: true, archive: false });
    app.clock.set("2026-10-24T22:00:00.000Z");
    expect(await visibility(town, id, url)).toMatchObject({ board: false, archive: true });
  });

  it("across the spring DST change: relevant until 27 Mar 2027 ends at 23:00 UTC (winter time)", async () => {
    const { id, url, notice } = await schedule(town, { relevantUntil: "2027-03-27" }, "2027-03-12T00:00:00+01:00");
    expect(notice).toMatchObject({ postedAt: "2027-03-11T23:00:00.000Z", takeDownAt: "2027-03-27T23:00:00.000Z" });
    app.clock.set("2027-03-27T22:59:59.999Z");
    expect(await visibility(town, id, url)).toMatchObject({ board: true, archive: false, download: 200 });
    app.clock.set("2027-03-27T23:00:00.000Z");
    expect(await visibility(town, id, url)).toMatchObject({ board: false, archive: true });
  });

  it("the day of the change itself: 25 Oct 2026 has 25 hours, 28 Mar 2027 has 23", async () => {
    const autumn = await schedule(town, { relevantUntil: "2026-10-25" }, "2026-10-10T08:00:00+02:00");
    expect(autumn.notice.takeDownAt).toBe("2026-10-25T23:00:00.000Z");
    const spring = await schedule(town, { relevantUntil: "2027-03-28" }, "2027-03-13T08:00:00+01:00");
    expect(spring.notice.takeDownAt).toBe("2027-03-28T22:00:00.000Z");
    app.clock.set("2026-10-25T22:59:59Z");
    expect((await visibility(town, autumn.id, autumn.url)).board).toBe(true);
    app.clock.set("2026-10-25T23:00:00Z");
    expect((await visibility(town, autumn.id, autumn.url)).board).toBe(false);
    app.clock.set("2027-03-28T21:59:59Z");
    expect((await visibility(town, spring.id, spring.url)).board).toBe(true);
    app.clock.set("2027-03-28T22:00:00Z");
    expect((await visibility(town, spring.id, spring.url)).board).toBe(false);
  });
});

describe("search and filters", () => {
  let town: Town;
  const posted: Record<string, string> = {};
  beforeAll(async () => {
    town = await createTown(app);
    app.clock.set("2026-11-20T09:00:00Z");
    const notices: [string, Record<string, unknown>][] = [
      ["decree", { title: "Obecně závazná vyhláška o místním poplatku ze psů", category: "DECREES", referenceNumber: "MULI/4821/2026" }],
      ["water", { title: "Přerušení dodávky vody", category: "ANNOUNCEMENTS", originator: "Vodárenská akciová společnost" }],
      ["percent", { title: "Sleva 50% na poplatek", description: "Úleva pro seniory_nad 70 let", category: "BUDGET" }],
      ["meeting", { title: "Zasedání zastupitelstva", category: "COUNCIL_MEETINGS" }],
    ];
    for (const [key, input] of notices) {
      posted[key] = (await postNotice(town.clerk, input)).id;
      app.clock.advance({ days: 1 });
    }
    app.clock.set("2026-11-26T10:00:00Z");
  });
  beforeEach(() => {
    app.clock.set("2026-11-26T10:00:00Z");
  });

  const search = async (filter: Record<string, unknown>) => ids((await town.anonymous.request(BOARD, { filter })).data?.noticeBoard);

  it("ignores case and diacritics in both directions", async () => {
    expect(await search({ search: "vyhlaska" })).toEqual([posted.decree]);
    expect(await search({ search: "VYHLÁŠKA" })).toEqual([posted.decree]);
    expect(await search({ search: "Vyhláška" })).toEqual([posted.decree]);
    expect(await search({ search: "prerušení dodavky" })).toEqual([posted.water]);
    expect(await search({ search: "poplat" })).toEqual([posted.percent, posted.decree]);
  });

  it("finds by číslo jednací and originator, and needs every word", async () => {
    expect(await search({ search: "muli/4821" })).toEqual([posted.decree]);
    expect(await search({ search: "vodarenska" })).toEqual([posted.water]);
    expect(await search({ search: "poplatku psů" })).toEqual([posted.decree]);
    expect(await search({ search: "poplatku koček" })).toEqual([]);
  });

  it("treats wildcard and SQL characters literally", async () => {
    // Only the notice that contains "%" matches "%": it is not a wildcard.
    expect(await search({ search: "%" })).toEqual([posted.percent]);
    expect(await search({ search: "50%" })).toEqual([posted.percent]);
    expect(await search({ search: "vo%" })).toEqual([]);
    expect(await search({ search: "seniory_nad" })).toEqual([posted.percent]);
    expect(await search({ search: "_" })).toEqual([posted.percent]);
    const injection = await town.anonymous.request(BOARD, { filter: { search: `'; DROP TABLE "Notice"; --` } });
    expect(injection.errors).toBeUndefined();
    expect(ids(injection.data?.noticeBoard)).toEqual([]);
    expect(await search({})).toHaveLength(4);
  });

  it("filters by category, originator and posting days (Prague days)", async () => {
    expect(await search({ category: "COUNCIL_MEETINGS" })).toEqual([posted.meeting]);
    expect(await search({ originator: "VODÁRENSKÁ" })).toEqual([posted.water]);
    // Posted on 20, 21, 22, 23 Nov at 10:00 Prague time.
    expect(await search({ postedFrom: "2026-11-21", postedTo: "2026-11-22" })).toEqual([posted.percent, posted.water]);
    expect(await search({ postedFrom: "2026-11-23" })).toEqual([posted.meeting]);
    expect(await search({ postedTo: "2026-11-20" })).toEqual([posted.decree]);
  });

  it("lists newest first and pages with cursors", async () => {
    const first = await town.anonymous.request(BOARD, { first: 3 });
    expect(ids(first.data?.noticeBoard)).toEqual([posted.meeting, posted.percent, posted.water]);
    expect(first.data?.noticeBoard.pageInfo.hasNextPage).toBe(true);
    const next = await town.anonymous.request(BOARD, { first: 3, after: first.data?.noticeBoard.pageInfo.endCursor });
    expect(ids(next.data?.noticeBoard)).toEqual([posted.decree]);
    expect(next.data?.noticeBoard.pageInfo.hasNextPage).toBe(false);
  });

  it("searches the archive the same way", async () => {
    app.clock.set("2027-06-01T10:00:00Z");
    expect(ids((await town.anonymous.request(ARCHIVE, { filter: { search: "vyhlaska" } })).data?.noticeArchive)).toEqual([posted.decree]);
    expect(ids((await town.anonymous.request(BOARD)).data?.noticeBoard)).toEqual([]);
  });

  it("never shows another municipality's notices", async () => {
    const other = await createTown(app, { name: "Obec Jiná" });
    expect(ids((await other.anonymous.request(BOARD, { filter: { search: "vyhlaska" } })).data?.noticeBoard)).toEqual([]);
  });
});

describe("pages (keyset cursors)", () => {
  let town: Town;
  let all: string[];
  const PAGE = /* GraphQL */ `
    query Page($first: Int, $after: String, $last: Int, $before: String) {
      noticeBoard(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges {
          cursor
          node {
            id
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
    }
  `;
  beforeAll(async () => {
    town = await createTown(app);
    // Seven notices, five of them posted at the very same moment: ties are broken by id.
    app.clock.set("2026-11-20T09:00:00Z");
    for (let index = 0; index < 5; index += 1) await postNotice(town.clerk, { title: `Současně ${index}` });
    app.clock.set("2026-11-21T09:00:00Z");
    for (let index = 0; index < 2; index += 1) {
      await postNotice(town.clerk, { title: `Později ${index}` });
      app.clock.advance({ minutes: 1 });
    }
    app.clock.set("2026-11-26T10:00:00Z");
    all = ids((await town.anonymous.request(BOARD, { first: 100 })).data?.noticeBoard);
  });
  beforeEach(() => {
    app.clock.set("2026-11-26T10:00:00Z");
  });

  it("walks forwards through notices posted at the same moment without losing or repeating one", async () => {
    expect(all).toHaveLength(7);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await town.anonymous.request(PAGE, { first: 2, after })).data?.noticeBoard;
      seen.push(...ids(page));
      expect(page.totalCount).toBe(7);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it("walks backwards with last/before", async () => {
    const tail = (await town.anonymous.request(PAGE, { last: 3 })).data?.noticeBoard;
    expect(ids(tail)).toEqual(all.slice(4));
    expect(tail.pageInfo.hasPreviousPage).toBe(true);
    const before = (await town.anonymous.request(PAGE, { last: 3, before: tail.pageInfo.startCursor })).data?.noticeBoard;
    expect(ids(before)).toEqual(all.slice(1, 4));
    const middle = (await town.anonymous.request(PAGE, { first: 10, after: tail.edges[0].cursor })).data?.noticeBoard;
    expect(ids(middle)).toEqual(all.slice(5));
  });

  it("answers a malformed or forged cursor with a field error in the reader's language", async () => {
    const forged = [
      "nonsense",
      Buffer.from("1795000000000:not-a-uuid").toString("base64url"),
      Buffer.from(`1'; DROP TABLE "Notice"; --:00000000-0000-0000-0000-000000000000`).toString("base64url"),
      "R1BDOlM6NWEzNDRlMjUtY2JlZi00N2IyLThhYmEtOWE4ZDg4MDEwNjNj", // an id-only cursor of an earlier version
    ];
    for (const after of forged) {
      const answer = await town.anonymous.request(PAGE, { first: 2, after });
      expect(answer.errors?.[0]).toMatchObject({
        message: "after: Neplatná hodnota.",
        extensions: { code: "BAD_USER_INPUT", field: ["after"] },
      });
    }
    town.anonymous.locale = "en";
    try {
      const answer = await town.anonymous.request(PAGE, { last: 2, before: "nonsense" });
      expect(answer.errors?.[0]).toMatchObject({
        message: "before: Invalid value.",
        extensions: { code: "BAD_USER_INPUT", field: ["before"] },
      });
    } finally {
      town.anonymous.locale = "cs";
    }
    // A well-formed cursor of a notice elsewhere (or of none) only positions the page: nothing leaks.
    const elsewhere = Buffer.from(`${Date.parse("2026-11-20T12:00:00Z")}:ffffffff-ffff-4fff-bfff-ffffffffffff`).toString("base64url");
    expect(ids((await town.anonymous.request(PAGE, { first: 10, after: elsewhere })).data?.noticeBoard)).toEqual(all.slice(2));
  });
});

describe("SQL statements per page", () => {
  let town: Town;
  beforeAll(async () => {
    town = await createTown(app);
    app.clock.set("2026-11-20T09:00:00Z");
    for (let index = 0; index < 5; index += 1) {
      const files = [await uploadPdf(app, town.clerk, `A${index}.pdf`), await uploadPdf(app, town.clerk, `B${index}.pdf`, "b")];
      await postNotice(town.clerk, { title: `Oznámení ${index}`, attachmentIds: files.map((file) => file.id) });
    }
  });

  async function countStatements(run: () => Promise<unknown>): Promise<number> {
    await run(); // warms the host → municipality cache, as on any busy server
    app.queries.length = 0;
    await run();
    return app.queries.length;
  }

  it("the board list with attachments takes at most 2", async () => {
    app.clock.set("2026-11-26T10:00:00Z");
    let answer: GraphQLResponse | undefined;
    const statements = await countStatements(async () => {
      answer = await town.anonymous.request(BOARD, { first: 20 });
    });
    expect(answer?.data?.noticeBoard.edges).toHaveLength(5);
    expect(answer?.data?.noticeBoard.edges[0].node.attachments).toHaveLength(2);
    // The page and its attachments come from one statement.
    expect(statements).toBe(1);
  });

  it("reads the attachments with the page however the query asks for them (fragments, nodes)", async () => {
    app.clock.set("2026-11-26T10:00:00Z");
    const query = /* GraphQL */ `
      query Shapes {
        noticeBoard(first: 20) {
          nodes {
            ...Files
          }
          edges {
            node {
              ... on Notice {
                attachments {
                  fileName
                }
              }
            }
          }
        }
      }
      fragment Files on Notice {
        title
        attachments {
          fileName
          url
        }
      }
    `;
    let answer: GraphQLResponse | undefined;
    const statements = await countStatements(async () => {
      answer = await town.anonymous.request(query);
    });
    expect(answer?.errors).toBeUndefined();
    const board = answer?.data?.noticeBoard;
    expect(board.nodes.map((node: { attachments: unknown[] }) => node.attachments.length)).toEqual([2, 2, 2, 2, 2]);
    for (const edge of board.edges) {
      expect(edge.node.attachments.map((file: { fileName: string }) => file.fileName)).toEqual([
        expect.stringMatching(/^A\d\.pdf$/),
        expect.stringMatching(/^B\d\.pdf$/),
      ]);
    }
    expect(statements).toBe(1);
    // A list that does not show attachments does not aggregate them.
    await countStatements(() => town.anonymous.request(`{ noticeBoard(first: 20) { nodes { title } } }`));
    expect(app.queries).toHaveLength(1);
    expect(app.queries[0]).not.toContain("NoticeAttachment");
  });

  it("the notice detail with attachments and revisions takes at most 2", async () => {
    app.clock.set("2026-11-26T10:00:00Z");
    const id = ids((await town.anonymous.request(BOARD, { first: 1 })).data?.noticeBoard)[0]!;
    let answer: GraphQLResponse | undefined;
    const statements = await countStatements(async () => {
      answer = await town.anonymous.request(NOTICE_DETAIL, { id });
    });
    expect(answer?.data?.notice.attachments.map((file: { fileName: string }) => file.fileName)).toEqual([
      expect.stringMatching(/^A\d\.pdf$/),
      expect.stringMatching(/^B\d\.pdf$/),
    ]);
    expect(answer?.data?.notice.revisions).toMatchObject([{ revision: 1 }]);
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(2);
  });

  it("the archive list takes at most 2 as well", async () => {
    app.clock.set("2027-06-01T10:00:00Z");
    const statements = await countStatements(() => town.anonymous.request(ARCHIVE, { first: 20 }));
    expect(statements).toBeGreaterThanOrEqual(1);
    expect(statements).toBeLessThanOrEqual(2);
  });
});
