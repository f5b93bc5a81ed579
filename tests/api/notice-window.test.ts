// The posting window in Prague time: the 15-day minimum (správní řád § 25), 7 days for council
// meetings (zákon o obcích § 93), take-down at the first moment of the day after "relevant
// until", across both DST changes, and what the noticeWindow query proposes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pragueDate, takeDownMoment } from "../../api/src/domain/notice-window.ts";
import { checkPostingWindow, minimumRelevantUntilFor } from "../../api/src/services/notices/notice-rules.ts";
import type { TestApp } from "../kit/app.ts";
import { CREATE_NOTICE, createNoticeTestApp, createTown, noticeInput, type Town } from "./notices-support.ts";

describe("minimum posting window", () => {
  it("is 15 Prague days after the posting day", () => {
    expect(minimumRelevantUntilFor("DECREES", new Date("2026-11-26T10:00:00Z"))).toBe("2026-12-11");
    // 23:30 UTC on 26 Nov is already 27 Nov in Prague.
    expect(minimumRelevantUntilFor("DECREES", new Date("2026-11-26T23:30:00Z"))).toBe("2026-12-12");
    // 00:00 Prague on 1 Dec is 23:00 UTC on 30 Nov.
    expect(minimumRelevantUntilFor("ANNOUNCEMENTS", new Date("2026-11-30T23:00:00Z"))).toBe("2026-12-16");
    expect(minimumRelevantUntilFor("ANNOUNCEMENTS", new Date("2026-11-30T22:59:59Z"))).toBe("2026-12-15");
  });

  it("is 7 days for a council meeting", () => {
    expect(minimumRelevantUntilFor("COUNCIL_MEETINGS", new Date("2026-11-26T10:00:00Z"))).toBe("2026-12-03");
  });

  it("counts calendar days across the DST changes", () => {
    // Posted before the autumn change (25 Oct 2026), relevant past it.
    expect(minimumRelevantUntilFor("DECREES", new Date("2026-10-20T06:00:00Z"))).toBe("2026-11-04");
    // Posted just before the spring change (28 Mar 2027).
    expect(minimumRelevantUntilFor("DECREES", new Date("2027-03-20T06:00:00Z"))).toBe("2027-04-04");
    expect(minimumRelevantUntilFor("COUNCIL_MEETINGS", new Date("2027-03-25T06:00:00Z"))).toBe("2027-04-01");
  });
});

describe("take-down moment", () => {
  it("is Prague midnight after the relevant day, in summer and winter time", () => {
    expect(takeDownMoment("2026-12-11").toISOString()).toBe("2026-12-11T23:00:00.000Z");
    expect(takeDownMoment("2026-07-15").toISOString()).toBe("2026-07-15T22:00:00.000Z");
  });

  it("follows the clocks across the DST changes", () => {
    // 24 Oct 2026 is still summer time: midnight of 25 Oct is 22:00 UTC.
    expect(takeDownMoment("2026-10-24").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    // 25 Oct has 25 hours; its end (midnight of 26 Oct, winter time) is 23:00 UTC.
    expect(takeDownMoment("2026-10-25").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    // 27 Mar 2027 is winter time: midnight of 28 Mar is 23:00 UTC.
    expect(takeDownMoment("2027-03-27").toISOString()).toBe("2027-03-27T23:00:00.000Z");
    // 28 Mar has 23 hours; midnight of 29 Mar (summer time) is 22:00 UTC.
    expect(takeDownMoment("2027-03-28").toISOString()).toBe("2027-03-28T22:00:00.000Z");
    expect(pragueDate(new Date("2027-03-27T23:00:00Z"))).toBe("2027-03-28");
  });
});

describe("window check", () => {
  const postedAt = new Date("2026-11-26T10:00:00Z");
  it("accepts the minimum and refuses a day less without a reason", () => {
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2026-12-11", allowShort: false }).window).toMatchObject({
      belowMinimum: false,
      takeDownAt: new Date("2026-12-11T23:00:00Z"),
    });
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2026-12-10", allowShort: false }).issues).toMatchObject([
      { path: ["relevantUntil"], code: "WINDOW_TOO_SHORT", params: { date: "2026-12-11", days: 15 } },
    ]);
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2026-12-10", allowShort: true }).window?.belowMinimum).toBe(
      true,
    );
  });

  it("never ends before the posting day, even with a reason, nor more than ten years later", () => {
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2026-11-25", allowShort: true }).issues).toMatchObject([
      { code: "BEFORE_POSTING" },
    ]);
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2026-11-26", allowShort: true }).window).not.toBeNull();
    expect(checkPostingWindow({ category: "DECREES", postedAt, relevantUntil: "2037-01-01", allowShort: false }).issues).toMatchObject([
      { code: "TOO_LATE" },
    ]);
  });
});

describe("through the API", () => {
  let app: TestApp;
  let town: Town;
  beforeAll(async () => {
    app = await createNoticeTestApp();
    town = await createTown(app);
  });
  afterAll(async () => {
    await app.close();
  });

  const WINDOW = /* GraphQL */ `
    query Window($postedAt: DateTime, $category: NoticeCategory) {
      noticeWindow(postedAt: $postedAt, category: $category) {
        postedAt
        minimumDays
        minimumRelevantUntil
        takeDownAt
      }
    }
  `;

  it("noticeWindow proposes the minimum and the take-down for a posting time", async () => {
    const answer = await town.clerk.request(WINDOW, { postedAt: "2026-10-10T08:00:00+02:00" });
    expect(answer.data?.noticeWindow).toEqual({
      postedAt: "2026-10-10T06:00:00.000Z",
      minimumDays: 15,
      minimumRelevantUntil: "2026-10-25",
      takeDownAt: "2026-10-25T23:00:00.000Z",
    });
    const meeting = await town.clerk.request(WINDOW, { postedAt: "2027-03-21T09:00:00+01:00", category: "COUNCIL_MEETINGS" });
    expect(meeting.data?.noticeWindow).toMatchObject({
      minimumDays: 7,
      minimumRelevantUntil: "2027-03-28",
      takeDownAt: "2027-03-28T22:00:00.000Z",
    });
    // Default: now (the injected clock).
    app.clock.set("2026-11-26T10:00:00Z");
    expect((await town.clerk.request(WINDOW)).data?.noticeWindow.minimumRelevantUntil).toBe("2026-12-11");
  });

  it("noticeWindow is for the agenda's clerks and integrators", async () => {
    expect((await town.integrator.request(WINDOW)).data?.noticeWindow.minimumDays).toBe(15);
    expect((await town.citizen.request(WINDOW)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await town.financeClerk.request(WINDOW)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await town.anonymous.request(WINDOW)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("a notice defaults to the minimum and refuses a shorter window unless a reason is given", async () => {
    app.clock.set("2026-11-26T10:00:00Z");
    const defaulted = await town.clerk.request(CREATE_NOTICE, { input: noticeInput() });
    expect(defaulted.data?.createNotice.notice).toMatchObject({
      postedAt: "2026-11-26T10:00:00.000Z",
      relevantUntil: "2026-12-11",
      takeDownAt: "2026-12-11T23:00:00.000Z",
    });
    const meeting = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ category: "COUNCIL_MEETINGS" }) });
    expect(meeting.data?.createNotice.notice.relevantUntil).toBe("2026-12-03");

    const short = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ relevantUntil: "2026-12-10" }) });
    expect(short.data?.createNotice).toMatchObject({
      __typename: "ValidationError",
      fieldErrors: [
        {
          path: ["relevantUntil"],
          code: "WINDOW_TOO_SHORT",
          message: "Zákonná lhůta je 15 dní: relevantní nejdříve do 2026-12-11. Kratší lhůtu lze použít jen s uvedením důvodu.",
        },
      ],
    });
    const withReason = await town.clerk.request(CREATE_NOTICE, {
      input: noticeInput({ relevantUntil: "2026-12-10", shortWindowReason: "Mimořádné zasedání svolané na žádost třetiny zastupitelů." }),
    });
    expect(withReason.data?.createNotice.notice.relevantUntil).toBe("2026-12-10");
    const before = await town.clerk.request(CREATE_NOTICE, {
      input: noticeInput({ relevantUntil: "2026-11-25", shortWindowReason: "Omyl" }),
    });
    expect(before.data?.createNotice.fieldErrors).toMatchObject([{ path: ["relevantUntil"], code: "BEFORE_POSTING" }]);
  });
});
