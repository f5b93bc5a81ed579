// The baseline for bench/account/run.ts: node:http + a pg.Pool, no framework, answering the personal account
// page's query (bench/account/query.ts) with the same JSON as the full stack. Per request: the session (by the
// SHA-256 of the cookie, with the CSRF header checked), then the account in the same single SQL statement as
// api/src/services/account/load-personal-account.ts, with statuses derived by the same pure domain functions
// (installments, calendar, identifiers, SPAYD). What it leaves out is exactly the portal's machinery: Fastify,
// yoga, GraphQL parsing/validation/execution, Pothos, Prisma, the request limits.
import { createHash } from "node:crypto";
import http from "node:http";
import { DateTime } from "luxon";
import pg from "pg";
import { dueDateOnWorkingDay } from "../../api/src/domain/czech-calendar.ts";
import { formatCzechAccount, formatIban } from "@portal/forms";
import { deriveAssessmentState, type AssessmentState } from "../../api/src/domain/installments.ts";
import { buildSpayd } from "../../api/src/domain/spayd.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

const SESSION_SQL = `SELECT s."userId", s."municipalityId", s."csrfToken", m."name" AS "municipalityName"
FROM "Session" s JOIN "User" u ON u."id" = s."userId" JOIN "Municipality" m ON m."id" = s."municipalityId"
WHERE s."id" = $1 AND s."expiresAt" > now() AND u."disabledAt" IS NULL`;

const ACCOUNT_SQL = `
SELECT p."id", p."name",
  COALESCE((
    SELECT json_agg(json_build_object(
      'id', a."id", 'kind', a."kind", 'subject', a."subject", 'year', a."year", 'amount', a."amount"::text,
      'dueDate', a."dueDate"::text, 'variableSymbol', a."variableSymbol", 'constantSymbol', a."constantSymbol",
      'specificSymbol', a."specificSymbol", 'lifecycle', a."lifecycle", 'lifecycleReason', a."lifecycleReason",
      'bankAccount', json_build_object('label', b."label", 'prefix', b."prefix", 'number', b."number",
        'bankCode', b."bankCode", 'iban', b."iban"),
      'installments', (SELECT json_agg(json_build_object('amount', i."amount"::text, 'dueDate', i."dueDate"::text)
          ORDER BY i."position") FROM "Installment" i WHERE i."assessmentId" = a."id"),
      'payments', COALESCE((SELECT json_agg(json_build_object('paymentId', pm."id", 'amount', al."amount"::text,
          'receivedOn', pm."receivedOn"::text, 'source', pm."source") ORDER BY pm."receivedOn", al."createdAt")
        FROM "PaymentAllocation" al JOIN "Payment" pm ON pm."id" = al."paymentId"
        WHERE al."assessmentId" = a."id" AND al."reversedAt" IS NULL), '[]'::json)
    ) ORDER BY a."year" DESC, a."dueDate", a."createdAt")
    FROM "Assessment" a JOIN "BankAccount" b ON b."id" = a."bankAccountId"
    WHERE a."payerId" = p."id" AND a."municipalityId" = $2::uuid
  ), '[]'::json) AS "assessments"
FROM "PayerLink" l JOIN "Payer" p ON p."id" = l."payerId"
WHERE l."userId" = $1::uuid AND p."municipalityId" = $2::uuid
ORDER BY l."createdAt", p."name", p."id"`;

interface RawAssessment {
  id: string;
  kind: string;
  subject: string;
  year: number;
  amount: string;
  dueDate: string;
  variableSymbol: string;
  constantSymbol: string | null;
  specificSymbol: string | null;
  lifecycle: "ACTIVE" | "CANCELLED" | "WRITTEN_OFF";
  lifecycleReason: string | null;
  bankAccount: { label: string; prefix: string | null; number: string; bankCode: string; iban: string };
  installments: { amount: string; dueDate: string }[] | null;
  payments: { paymentId: string; amount: string; receivedOn: string; source: string }[];
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");
function money(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function assessmentJson(raw: RawAssessment, payerId: string, today: string, recipientName: string) {
  const installments = (raw.installments ?? []).map((i) => ({ amount: Number(i.amount), dueDate: i.dueDate }));
  const payments = raw.payments.map((p) => ({ ...p, amount: Number(p.amount) }));
  const amount = Number(raw.amount);
  const state: AssessmentState = deriveAssessmentState({
    total: amount,
    installments,
    payments: payments.map((p) => ({ amount: p.amount, date: p.receivedOn })),
    today,
    cancelled: raw.lifecycle === "CANCELLED",
  });
  const active = raw.lifecycle === "ACTIVE";
  const status = raw.lifecycle === "CANCELLED" ? "CANCELLED" : raw.lifecycle === "WRITTEN_OFF" ? "WRITTEN_OFF" : state.status;
  const remaining = active ? state.remaining : 0;
  const overdue = active ? state.overdue : 0;
  const nextDueDate = remaining <= 0 ? null : (state.installments.find((i) => i.remaining > 0)?.effectiveDueDate ?? null);
  const message = raw.subject.slice(0, 60);
  const b = raw.bankAccount;
  return {
    remaining,
    overdue,
    credit: state.credit,
    json: {
      id: globalId("Assessment", raw.id),
      payerId: globalId("Payer", payerId),
      kind: raw.kind,
      subject: raw.subject,
      year: raw.year,
      amount: money(amount),
      dueDate: raw.dueDate,
      status,
      paid: money(state.paid),
      remaining: money(remaining),
      overdue: money(overdue),
      isOverdue: overdue > 0,
      credit: money(state.credit),
      nextDueDate,
      variableSymbol: raw.variableSymbol,
      lifecycleReason: raw.lifecycleReason,
      installments: state.installments.map((i) => ({
        position: i.index + 1,
        amount: money(i.amount),
        dueDate: i.dueDate,
        effectiveDueDate: i.effectiveDueDate,
        paid: money(i.paid),
        remaining: money(i.remaining),
        status: i.status,
        paidOn: i.paidOn,
      })),
      payments: payments.map((p) => ({
        paymentId: globalId("Payment", p.paymentId),
        amount: money(p.amount),
        receivedOn: p.receivedOn,
        source: p.source,
        receiptUrl: `/api/osobni-ucet/platby/${p.paymentId}/potvrzeni.pdf`,
      })),
      instructions:
        remaining <= 0
          ? null
          : {
              accountNumber: formatCzechAccount({ prefix: b.prefix ?? "", number: b.number, bankCode: b.bankCode }),
              iban: formatIban(b.iban),
              accountLabel: b.label,
              variableSymbol: raw.variableSymbol,
              constantSymbol: raw.constantSymbol,
              specificSymbol: raw.specificSymbol,
              amount: money(remaining),
              dueDate: nextDueDate ?? dueDateOnWorkingDay(raw.dueDate),
              message,
              spayd: buildSpayd(
                {
                  account: b.iban,
                  amount: remaining,
                  variableSymbol: raw.variableSymbol,
                  constantSymbol: raw.constantSymbol,
                  specificSymbol: raw.specificSymbol,
                  message,
                  recipientName,
                },
                { transliterate: true, crc32: true },
              ),
            },
    },
  };
}

async function answer(cookieHeader: string | undefined, csrfHeader: string | undefined): Promise<{ status: number; body: string }> {
  const token = /(?:^|;\s*)portal_session=([^;]+)/.exec(cookieHeader ?? "")?.[1];
  if (!token) return { status: 401, body: '{"errors":[{"message":"unauthenticated"}]}' };
  const sessionId = createHash("sha256").update(decodeURIComponent(token)).digest("hex");
  const session = (await pool.query(SESSION_SQL, [sessionId])).rows[0] as
    { userId: string; municipalityId: string; csrfToken: string; municipalityName: string } | undefined;
  if (!session || session.csrfToken !== csrfHeader) return { status: 401, body: '{"errors":[{"message":"unauthenticated"}]}' };
  const rows = (await pool.query(ACCOUNT_SQL, [session.userId, session.municipalityId])).rows as {
    id: string;
    name: string;
    assessments: RawAssessment[];
  }[];
  const today = DateTime.now().setZone("Europe/Prague").toISODate()!;
  const all = rows
    .flatMap((row) => row.assessments.map((raw) => ({ raw, converted: assessmentJson(raw, row.id, today, session.municipalityName) })))
    .sort((a, b) => b.raw.year - a.raw.year || a.raw.dueDate.localeCompare(b.raw.dueDate));
  const total = (pick: (c: (typeof all)[number]["converted"]) => number) => money(all.reduce((sum, a) => sum + pick(a.converted), 0));
  const account = {
    loadedAt: new Date().toISOString(),
    totalDue: total((c) => c.remaining),
    totalOverdue: total((c) => c.overdue),
    totalCredit: total((c) => c.credit),
    years: [...new Set(all.map((a) => a.raw.year))],
    payers: rows.map((row) => ({ id: globalId("Payer", row.id), name: row.name })),
    assessments: all.map((a) => a.converted.json),
  };
  return { status: 200, body: JSON.stringify({ data: { personalAccount: account } }) };
}

const server = http.createServer((request, response) => {
  if (request.url === "/readyz") {
    response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  // The body is the fixed account query; read and drop it as the full stack reads and parses it.
  request.resume();
  request.on("end", () => {
    answer(request.headers.cookie, request.headers["x-csrf-token"] as string | undefined).then(
      ({ status, body }) => {
        response.writeHead(status, { "content-type": "application/graphql-response+json; charset=utf-8", "cache-control": "no-store" });
        response.end(body);
      },
      (error: Error) => {
        response.writeHead(500).end(error.message);
      },
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
