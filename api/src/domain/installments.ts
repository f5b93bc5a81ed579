import { dueDateOnWorkingDay } from "./czech-calendar.ts";

/**
 * Installment and assessment status, derived by applying payments in order (never stored).
 *
 * All amounts are integer haléře. Payments are applied in date order (ties keep the given order) to the
 * installments in due-date order, so the oldest installment is paid first. A negative payment (a refund
 * or a reversed bank line) takes money back from the newest covered installment. An installment is
 * overdue when it is not fully paid and `today` is after its due date moved to a working day (a due date
 * on a Saturday is met by paying on Monday). Whatever exceeds the total is a credit; everything paid to a
 * cancelled assessment is a credit.
 */
export interface InstallmentInput {
  amount: number;
  /** "YYYY-MM-DD" as assessed. */
  dueDate: string;
}

export interface PaymentInput {
  amount: number;
  /** "YYYY-MM-DD" the money arrived (value date). */
  date: string;
}

export type InstallmentStatus = "UNPAID" | "PARTLY_PAID" | "PAID" | "OVERDUE" | "CANCELLED";
export type AssessmentPaymentStatus = "UNPAID" | "PARTLY_PAID" | "PAID" | "OVERPAID";

export interface InstallmentState {
  index: number;
  amount: number;
  dueDate: string;
  /** The due date moved to the next working day when it falls on a weekend or holiday. */
  effectiveDueDate: string;
  paid: number;
  remaining: number;
  status: InstallmentStatus;
  /** The date of the payment that completed it; null while not fully paid. */
  paidOn: string | null;
}

export interface AssessmentState {
  total: number;
  paid: number;
  remaining: number;
  credit: number;
  overdue: number;
  status: AssessmentPaymentStatus;
  installments: InstallmentState[];
}

export type InstallmentErrorCode =
  "installments.empty" | "installments.amount" | "installments.date" | "installments.sumMismatch" | "installments.payment";

export class InstallmentError extends Error {
  readonly code: InstallmentErrorCode;
  constructor(code: InstallmentErrorCode, message: string) {
    super(message);
    this.name = "InstallmentError";
    this.code = code;
  }
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function checkDate(value: string, what: string): void {
  if (!ISO_DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InstallmentError(what === "payment" ? "installments.payment" : "installments.date", `Invalid ${what} date: ${value}`);
  }
}

export function deriveAssessmentState(input: {
  /** When given, the installments must add up to it exactly. */
  total?: number;
  installments: ReadonlyArray<InstallmentInput>;
  payments: ReadonlyArray<PaymentInput>;
  /** "YYYY-MM-DD" in Prague: the day overdue is judged on. */
  today: string;
  /** A cancelled assessment owes nothing: its installments are settled and every payment is a credit. */
  cancelled?: boolean;
}): AssessmentState {
  const { installments, payments, today } = input;
  if (installments.length === 0) throw new InstallmentError("installments.empty", "An assessment needs at least one installment");
  checkDate(today, "today");
  for (const installment of installments) {
    if (!Number.isSafeInteger(installment.amount) || installment.amount <= 0) {
      throw new InstallmentError("installments.amount", `An installment must be a positive whole number of haléře: ${installment.amount}`);
    }
    checkDate(installment.dueDate, "due");
  }
  for (const payment of payments) {
    if (!Number.isSafeInteger(payment.amount) || payment.amount === 0) {
      throw new InstallmentError("installments.payment", `A payment must be a non-zero whole number of haléře: ${payment.amount}`);
    }
    checkDate(payment.date, "payment");
  }
  const total = installments.reduce((sum, installment) => sum + installment.amount, 0);
  if (input.total !== undefined && input.total !== total) {
    throw new InstallmentError("installments.sumMismatch", `Installments add up to ${total}, not to the total ${input.total}`);
  }

  const ordered = installments
    .map((installment, index) => ({ ...installment, index }))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.index - b.index));
  // thresholds[i]: how much must have been paid in all for the i-th installment (in due order) to be paid.
  const thresholds: number[] = [];
  ordered.reduce((sum, installment) => {
    thresholds.push(sum + installment.amount);
    return sum + installment.amount;
  }, 0);
  const paidOn: (string | null)[] = ordered.map(() => null);
  const inOrder = payments
    .map((payment, index) => ({ ...payment, index }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  let running = 0;
  for (const payment of inOrder) {
    running += payment.amount;
    thresholds.forEach((threshold, i) => {
      if (running >= threshold) paidOn[i] ??= payment.date;
      else paidOn[i] = null; // a refund took it back
    });
  }
  const paid = running;

  const states = ordered.map((installment, i): InstallmentState => {
    const before = i === 0 ? 0 : thresholds[i - 1]!;
    const covered = Math.min(Math.max(paid - before, 0), installment.amount);
    const effectiveDueDate = dueDateOnWorkingDay(installment.dueDate);
    const remaining = installment.amount - covered;
    const status: InstallmentStatus =
      remaining === 0 ? "PAID" : today > effectiveDueDate ? "OVERDUE" : covered > 0 ? "PARTLY_PAID" : "UNPAID";
    return {
      index: installment.index,
      amount: installment.amount,
      dueDate: installment.dueDate,
      effectiveDueDate,
      paid: covered,
      remaining,
      status,
      paidOn: remaining === 0 ? paidOn[i]! : null,
    };
  });

  if (input.cancelled) {
    return {
      total,
      paid: Math.max(paid, 0),
      remaining: 0,
      credit: Math.max(paid, 0),
      overdue: 0,
      status: paid > 0 ? "OVERPAID" : "UNPAID",
      installments: states.map((state) => ({ ...state, paid: 0, remaining: 0, status: "CANCELLED", paidOn: null })),
    };
  }
  const status: AssessmentPaymentStatus = paid <= 0 ? "UNPAID" : paid < total ? "PARTLY_PAID" : paid === total ? "PAID" : "OVERPAID";
  return {
    total,
    paid: Math.max(paid, 0),
    remaining: Math.max(total - paid, 0),
    credit: Math.max(paid - total, 0),
    overdue: states.filter((state) => state.status === "OVERDUE").reduce((sum, state) => sum + state.remaining, 0),
    status,
    installments: states,
  };
}
