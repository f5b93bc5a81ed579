import { encodeGlobalID } from "@pothos/plugin-relay";
import { formatCzechAccount } from "@portal/forms";
import { DateTime } from "luxon";
import type { AppServices } from "../../context.ts";
import { deriveAssessmentState } from "../../domain/installments.ts";
import { fromDateColumn } from "../../domain/notice-window.ts";
import { dueReminders, PRAGUE, type DueReminder, type ReminderPolicy } from "../../domain/reminders.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { translate, type Locale } from "../../i18n/messages.ts";
import { formatMoney } from "./format-money.ts";
import { getNotificationSettings } from "./get-notification-settings.ts";
import { queuePersonalMessage } from "./queue-personal-message.ts";

const PAGE = 200;

export interface ReminderRun {
  assessments: number;
  reminders: number;
  messages: number;
}

/**
 * Due-date reminders of one town, as of now: for every active assessment of a payer that is linked to a
 * citizen account and not on direct debit (SIPO/inkaso), each unpaid installment gets the reminders the
 * town's offsets call for (domain/reminders.ts: 08:00 Prague on the offset day, before-due ones only
 * before the due date, after-due ones within the late window), never about an installment due longer ago
 * than `reminderMaxOverdueDays`. Each reminder goes to every linked citizen once (its key is the message's
 * dedup key); a newer reminder of the same installment supersedes an older one not yet sent. Safe to run
 * any number of times: the hourly run and the 08:00 run send each reminder once between them.
 */
export async function planPaymentReminders(services: AppServices, municipalityId: string): Promise<ReminderRun> {
  const prisma = services.database.prisma;
  const settings = await getNotificationSettings(prisma, municipalityId);
  const run: ReminderRun = { assessments: 0, reminders: 0, messages: 0 };
  if (!settings.remindersEnabled) return run;
  const policy: ReminderPolicy = {
    offsetsDays: settings.reminderOffsetsDays,
    sendHour: settings.reminderSendHour,
    lateWindowDays: settings.reminderLateWindowDays,
  };
  const now = services.clock.now();
  const today = DateTime.fromJSDate(now, { zone: PRAGUE }).startOf("day");
  const earliestDue = today.minus({ days: settings.reminderMaxOverdueDays }).toISODate()!;
  // Before-due reminders reach this far ahead (plus a week for a due date moved past weekends and holidays).
  const latestDue = today.plus({ days: Math.max(0, ...policy.offsetsDays.map((d) => -d)) + 7 }).toISODate()!;
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { name: true } });

  let after: string | undefined;
  for (;;) {
    const assessments = await prisma.assessment.findMany({
      where: {
        municipalityId,
        lifecycle: "ACTIVE",
        payer: { directDebit: false, links: { some: { user: { disabledAt: null } } } },
        installments: { some: { dueDate: { gte: new Date(`${earliestDue}T00:00:00Z`), lte: new Date(`${latestDue}T00:00:00Z`) } } },
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: PAGE,
      select: {
        id: true,
        subject: true,
        amount: true,
        variableSymbol: true,
        lifecycle: true,
        bankAccount: { select: { prefix: true, number: true, bankCode: true } },
        payer: {
          select: {
            directDebit: true,
            links: { where: { user: { disabledAt: null } }, select: { userId: true, user: { select: { locale: true } } } },
          },
        },
        installments: { orderBy: { position: "asc" }, select: { amount: true, dueDate: true } },
        allocations: { where: { reversedAt: null }, select: { amount: true, payment: { select: { receivedOn: true } } } },
      },
    });
    if (assessments.length === 0) break;
    after = assessments.at(-1)!.id;
    for (const assessment of assessments) {
      run.assessments++;
      const state = deriveAssessmentState({
        installments: assessment.installments.map((i) => ({ amount: Number(i.amount), dueDate: fromDateColumn(i.dueDate) })),
        payments: assessment.allocations
          .map((a) => ({ amount: Number(a.amount), date: fromDateColumn(a.payment.receivedOn) }))
          .filter((p) => p.amount !== 0)
          .sort((a, b) => a.date.localeCompare(b.date)),
        today: today.toISODate()!,
      });
      const reminders = dueReminders({
        assessmentId: assessment.id,
        lifecycle: assessment.lifecycle,
        directDebit: assessment.payer.directDebit,
        installments: state.installments,
        now,
        policy,
      }).filter((r) => r.dueDate >= earliestDue);
      if (reminders.length === 0) continue;
      run.reminders += reminders.length;
      await prisma.$transaction(async (tx) => {
        for (const reminder of reminders) {
          for (const link of assessment.payer.links) {
            const queued = await queueReminder(tx, services, {
              municipalityId,
              town: municipality.name,
              userId: link.userId,
              assessment,
              installments: assessment.installments.length,
              reminder,
              policy,
            });
            if (queued) run.messages++;
          }
        }
      });
    }
    if (assessments.length < PAGE) break;
  }
  return run;
}

function texts(locale: Locale, kind: DueReminder["kind"], params: Record<string, string>) {
  const key = kind === "BEFORE_DUE" ? "beforeDue" : "afterDue";
  return { subject: translate(locale, `reminder.${key}.subject`, params), body: translate(locale, `reminder.${key}.body`, params) };
}

async function queueReminder(
  tx: Prisma.TransactionClient,
  services: AppServices,
  input: {
    municipalityId: string;
    town: string;
    userId: string;
    assessment: {
      id: string;
      subject: string;
      variableSymbol: string;
      bankAccount: { prefix: string | null; number: string; bankCode: string };
    };
    installments: number;
    reminder: DueReminder;
    policy: ReminderPolicy;
  },
): Promise<boolean> {
  const { reminder, assessment } = input;
  const params = (locale: Locale) => ({
    town: input.town,
    subject: assessment.subject,
    installment: input.installments > 1 ? ` (${translate(locale, "reminder.installment", { n: reminder.installment })})` : "",
    amount: formatMoney(reminder.remaining, locale),
    dueDate: DateTime.fromISO(reminder.dueDate).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
    account: formatCzechAccount({
      prefix: assessment.bankAccount.prefix ?? "",
      number: assessment.bankAccount.number,
      bankCode: assessment.bankAccount.bankCode,
    }),
    variableSymbol: assessment.variableSymbol,
  });
  const cs = texts("cs", reminder.kind, params("cs"));
  const en = texts("en", reminder.kind, params("en"));
  const keyOf = (offset: number) => `reminder:${assessment.id}:${reminder.installment}:${offset}:${input.userId}`;
  const queued = await queuePersonalMessage(
    tx,
    services,
    {
      municipalityId: input.municipalityId,
      userId: input.userId,
      kind: "PAYMENT_REMINDER",
      dedupKey: keyOf(reminder.offsetDays),
      subjectCs: cs.subject,
      bodyCs: cs.body,
      subjectEn: en.subject,
      bodyEn: en.body,
      path: `/osobni-ucet/${encodeURIComponent(encodeGlobalID("Assessment", assessment.id))}`,
      assessmentId: assessment.id,
      // A newer reminder of this installment replaces the earlier ones not yet sent.
      supersedes: input.policy.offsetsDays.filter((offset) => offset < reminder.offsetDays).map(keyOf),
    },
    reminder.sendAt.getTime() > services.clock.now().getTime() ? reminder.sendAt : services.clock.now(),
  );
  return queued !== null;
}
