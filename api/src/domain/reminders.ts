import { DateTime } from "luxon";
import { dueDateOnWorkingDay } from "./czech-calendar.ts";
import type { InstallmentState } from "./installments.ts";

/**
 * Due-date reminders (issue 12), as pure rules: which reminders an assessment's installments call for,
 * and when each is sent. Times are Prague wall-clock (08:00 by default) turned into UTC instants with the
 * zone's rules, so a reminder stays at 08:00 across the switch to and from summer time.
 *
 * - Offsets are days relative to the installment's effective due date (moved to the next working day):
 *   negative before it (e.g. −14, −3), positive after it (e.g. +7).
 * - None for a paid installment, a cancelled or written-off assessment, or a payer on direct debit
 *   (SIPO/inkaso): the bank pays those.
 * - A before-due reminder is not sent once the due date has come (it would arrive after the fact), and an
 *   after-due one goes only while the installment is still unpaid and not later than `lateWindowDays`
 *   after its moment (a server that was down for a week sends nothing stale).
 * - Each reminder has a stable key (assessment × installment × offset): the outbox's unique key, so it is
 *   sent once whatever retries or restarts happen.
 */

export const PRAGUE = "Europe/Prague";

export interface ReminderPolicy {
  offsetsDays: readonly number[];
  /** Local hour in Prague (0-23). */
  sendHour: number;
  lateWindowDays: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { offsetsDays: [-14, -3, 7], sendHour: 8, lateWindowDays: 3 };

export interface DueReminder {
  key: string;
  installment: number;
  offsetDays: number;
  kind: "BEFORE_DUE" | "AFTER_DUE";
  /** The UTC instant it is (or was) due to be sent. */
  sendAt: Date;
  /** The installment's effective due date ("YYYY-MM-DD"). */
  dueDate: string;
  /** Haléře still unpaid on that installment. */
  remaining: number;
}

/** 08:00 (or the policy's hour) in Prague on the given calendar day, as a UTC instant. */
export function pragueMoment(isoDate: string, hour: number): Date {
  const moment = DateTime.fromISO(isoDate, { zone: PRAGUE }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  if (!moment.isValid) throw new RangeError(`Invalid date ${isoDate}`);
  return moment.toJSDate();
}

export function checkPolicy(policy: ReminderPolicy): ReminderPolicy {
  if (!Number.isInteger(policy.sendHour) || policy.sendHour < 0 || policy.sendHour > 23) throw new RangeError("sendHour must be 0-23");
  if (policy.offsetsDays.some((d) => !Number.isInteger(d) || d === 0 || Math.abs(d) > 366)) {
    throw new RangeError("offsets must be whole days between −366 and 366, not 0");
  }
  if (new Set(policy.offsetsDays).size !== policy.offsetsDays.length) throw new RangeError("offsets must be distinct");
  return policy;
}

/**
 * Every reminder an assessment calls for now: those whose moment has come (sendAt ≤ now) and that are still
 * meaningful. The caller drops the keys it has already sent.
 */
export function dueReminders(input: {
  assessmentId: string;
  lifecycle: "ACTIVE" | "CANCELLED" | "WRITTEN_OFF";
  directDebit: boolean;
  installments: readonly Pick<InstallmentState, "index" | "dueDate" | "remaining">[];
  now: Date;
  policy?: ReminderPolicy;
}): DueReminder[] {
  const policy = checkPolicy(input.policy ?? DEFAULT_REMINDER_POLICY);
  if (input.lifecycle !== "ACTIVE" || input.directDebit) return [];
  const result: DueReminder[] = [];
  const now = input.now.getTime();
  for (const installment of input.installments) {
    if (installment.remaining <= 0) continue;
    const dueDate = dueDateOnWorkingDay(installment.dueDate);
    const dueMoment = pragueMoment(dueDate, 0).getTime();
    for (const offset of [...policy.offsetsDays].sort((a, b) => a - b)) {
      const day = DateTime.fromISO(dueDate, { zone: PRAGUE }).plus({ days: offset }).toISODate()!;
      const sendAt = pragueMoment(day, policy.sendHour);
      if (sendAt.getTime() > now) continue;
      if (offset < 0 && now >= dueMoment) continue;
      if (offset > 0 && now > sendAt.getTime() + policy.lateWindowDays * 86_400_000) continue;
      result.push({
        key: `${input.assessmentId}:${installment.index + 1}:${offset}`,
        installment: installment.index + 1,
        offsetDays: offset,
        kind: offset < 0 ? "BEFORE_DUE" : "AFTER_DUE",
        sendAt,
        dueDate,
        remaining: installment.remaining,
      });
    }
  }
  // Only the newest before-due reminder of an installment is worth sending: a newer one supersedes an
  // older one that was never sent (e.g. −14 missed while the server was down, −3 due now).
  const newestBefore = new Map<number, DueReminder>();
  for (const r of result) if (r.kind === "BEFORE_DUE") newestBefore.set(r.installment, r);
  return result.filter((r) => r.kind === "AFTER_DUE" || newestBefore.get(r.installment) === r);
}

/** The next time the reminder job should run after `now`: the next sendHour in Prague. */
export function nextReminderRun(now: Date, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): Date {
  const local = DateTime.fromJSDate(now, { zone: PRAGUE });
  let candidate = local.set({ hour: policy.sendHour, minute: 0, second: 0, millisecond: 0 });
  if (candidate.toMillis() <= now.getTime()) candidate = candidate.plus({ days: 1 }).set({ hour: policy.sendHour });
  return candidate.toJSDate();
}

export interface QuietHours {
  /** "HH:mm" Prague local time when quiet hours start, e.g. "21:00". */
  start: string;
  /** "HH:mm" when they end, e.g. "07:00". */
  end: string;
}

/**
 * When a message may be delivered: now, unless `now` falls in the citizen's quiet hours, then at their end.
 * Crisis alerts ignore quiet hours.
 */
export function deliveryMoment(now: Date, quiet: QuietHours | null, severity: "INFO" | "WARNING" | "CRISIS"): Date {
  if (!quiet || severity === "CRISIS") return now;
  const local = DateTime.fromJSDate(now, { zone: PRAGUE });
  const at = (hhmm: string, base: DateTime) => {
    const [h, m] = hhmm.split(":").map(Number) as [number, number];
    return base.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  };
  const start = at(quiet.start, local);
  const end = at(quiet.end, local);
  if (start.equals(end)) return now;
  if (start < end) return local >= start && local < end ? end.toJSDate() : now; // e.g. 12:00-14:00
  // Across midnight, e.g. 21:00-07:00.
  if (local >= start) return at(quiet.end, local.plus({ days: 1 })).toJSDate();
  if (local < end) return end.toJSDate();
  return now;
}
