import { describe, expect, it } from "vitest";
import { deliveryMoment, dueReminders, nextReminderRun, pragueMoment } from "./reminders.ts";

const installment = (dueDate: string, remaining = 100_00, index = 0) => ({ index, dueDate, remaining });
const at = (iso: string) => new Date(iso);

describe("reminder moments", () => {
  it("are 08:00 in Prague in winter and in summer time, and across the switch", () => {
    expect(pragueMoment("2026-01-15", 8).toISOString()).toBe("2026-01-15T07:00:00.000Z");
    expect(pragueMoment("2026-07-15", 8).toISOString()).toBe("2026-07-15T06:00:00.000Z");
    // 29 March 2026: clocks go forward at 02:00; 25 October 2026: back at 03:00.
    expect(pragueMoment("2026-03-29", 8).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(pragueMoment("2026-10-25", 8).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });

  it("the next run is the next 08:00 Prague", () => {
    expect(nextReminderRun(at("2026-03-28T07:30:00Z")).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(nextReminderRun(at("2026-10-24T06:00:00Z")).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });
});

describe("due reminders", () => {
  const base = { assessmentId: "a1", lifecycle: "ACTIVE" as const, directDebit: false };

  it("sends 14 and 3 days before and 7 after, at 08:00, with stable keys", () => {
    // Due Wednesday 15 April 2026 (summer time).
    const before14 = dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-01T06:00:00Z") });
    expect(before14.map((r) => [r.key, r.kind, r.sendAt.toISOString()])).toEqual([["a1:1:-14", "BEFORE_DUE", "2026-04-01T06:00:00.000Z"]]);
    expect(dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-01T05:59:59Z") })).toEqual([]);
    const before3 = dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-12T06:00:00Z") });
    expect(before3.map((r) => r.key)).toEqual(["a1:1:-3"]);
    const after7 = dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-22T06:30:00Z") });
    expect(after7.map((r) => r.key)).toEqual(["a1:1:7"]);
  });

  it("counts from the due date moved to a working day", () => {
    // Saturday 31 October 2026 → Monday 2 November; +7 → 9 November 08:00 (winter time, 07:00 UTC).
    const late = dueReminders({ ...base, installments: [installment("2026-10-31")], now: at("2026-11-09T07:00:00Z") });
    expect(late.map((r) => [r.key, r.dueDate, r.sendAt.toISOString()])).toEqual([["a1:1:7", "2026-11-02", "2026-11-09T07:00:00.000Z"]]);
  });

  it("sends nothing for paid installments, cancelled or written-off assessments, or direct debit", () => {
    const now = at("2026-04-12T06:00:00Z");
    expect(dueReminders({ ...base, installments: [installment("2026-04-15", 0)], now })).toEqual([]);
    expect(dueReminders({ ...base, lifecycle: "CANCELLED", installments: [installment("2026-04-15")], now })).toEqual([]);
    expect(dueReminders({ ...base, lifecycle: "WRITTEN_OFF", installments: [installment("2026-04-15")], now })).toEqual([]);
    expect(dueReminders({ ...base, directDebit: true, installments: [installment("2026-04-15")], now })).toEqual([]);
  });

  it("sends nothing stale: no before-due reminder on or after the due day, no late one after its window", () => {
    expect(dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-15T06:00:00Z") })).toEqual([]);
    expect(dueReminders({ ...base, installments: [installment("2026-04-15")], now: at("2026-04-26T06:00:01Z") })).toEqual([]);
  });

  it("a newer before-due reminder supersedes an unsent older one; installments are reminded separately", () => {
    // The second installment is due on Good Friday 2026 (3 April): Easter Monday follows, so it moves to
    // Tuesday 7 April, and its +7 reminder is on 14 April.
    const now = at("2026-04-14T06:00:00Z");
    const result = dueReminders({ ...base, installments: [installment("2026-04-15"), installment("2026-04-03", 50_00, 1)], now });
    expect(result.map((r) => [r.key, r.dueDate])).toEqual([
      ["a1:1:-3", "2026-04-15"],
      ["a1:2:7", "2026-04-07"],
    ]);
  });

  it("refuses a nonsensical policy", () => {
    const installments = [installment("2026-04-15")];
    const now = at("2026-04-13T06:00:00Z");
    expect(() => dueReminders({ ...base, installments, now, policy: { offsetsDays: [0], sendHour: 8, lateWindowDays: 3 } })).toThrow();
    expect(() => dueReminders({ ...base, installments, now, policy: { offsetsDays: [-3], sendHour: 24, lateWindowDays: 3 } })).toThrow();
    expect(() => dueReminders({ ...base, installments, now, policy: { offsetsDays: [-3, -3], sendHour: 8, lateWindowDays: 3 } })).toThrow();
  });
});

describe("quiet hours", () => {
  const quiet = { start: "21:00", end: "07:00" };
  it("hold a message until their end, across midnight and DST, but never a crisis alert", () => {
    expect(deliveryMoment(at("2026-01-15T21:30:00Z"), quiet, "INFO").toISOString()).toBe("2026-01-16T06:00:00.000Z");
    expect(deliveryMoment(at("2026-01-16T03:00:00Z"), quiet, "WARNING").toISOString()).toBe("2026-01-16T06:00:00.000Z");
    expect(deliveryMoment(at("2026-01-16T12:00:00Z"), quiet, "INFO").toISOString()).toBe("2026-01-16T12:00:00.000Z");
    // The night clocks go back (25 October 2026): 07:00 local is 06:00 UTC.
    expect(deliveryMoment(at("2026-10-24T20:00:00Z"), quiet, "INFO").toISOString()).toBe("2026-10-25T06:00:00.000Z");
    expect(deliveryMoment(at("2026-01-15T21:30:00Z"), quiet, "CRISIS").toISOString()).toBe("2026-01-15T21:30:00.000Z");
    expect(deliveryMoment(at("2026-01-15T21:30:00Z"), null, "INFO").toISOString()).toBe("2026-01-15T21:30:00.000Z");
  });
});
