// Shared by the statement import and pairing tests: uploading a statement file as a finance clerk, and
// a town with a finance clerk, a clerk of another agenda and a second town.
import {
  gpcBytes,
  camt053Text,
  type SyntheticStatement,
  type SyntheticLine,
} from "../../api/src/integrations/bank-statements/synthetic.ts";
import type { TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import type { Client } from "../kit/graphql.ts";

export const ERROR_FIELDS = `... on Error { __typename code message } ... on ValidationError { fieldErrors { path code message } }
  ... on StatementFileError { problems { line code message } }`;

export const IMPORT = `mutation($input: ImportBankStatementInput!) {
  importBankStatement(input: $input) {
    __typename
    ... on ImportBankStatementSuccess { report { dryRun fileName statements {
      statement { id statementNumber pairing { paymentCount pairedCount unpairedCount unpairedAmount } }
      accountIban statementNumber periodFrom periodTo openingBalance closingBalance creditTotal debitTotal lineCount
      paymentLineCount otherLineCount newPaymentCount alreadyImportedCount alreadyImported
      pairedCount ambiguousCount unmatchedCount withoutSymbolCount unpairedCount
      lines { line amount direction variableSymbol outcome assessmentId assessmentSubject payerName }
    } } }
    ${ERROR_FIELDS}
  }
}`;

export async function importStatement(
  client: Client,
  file: { name: string; bytes: Uint8Array | string },
  options: { dryRun?: boolean; allowGap?: boolean } = {},
): Promise<any> {
  const answer = await client.upload(IMPORT, { input: { file: null, ...options } }, { "input.file": new File([file.bytes as BlobPart], file.name) });
  if (answer.errors) return { __typename: "GraphQLError", errors: answer.errors };
  return answer.data!.importBankStatement;
}

export interface FinanceWorld {
  municipalityId: string;
  host: string;
  finance: Client;
  registersClerk: Client;
  financeUserId: string;
  other: { municipalityId: string; host: string; finance: Client };
}

export async function financeWorld(app: TestApp): Promise<FinanceWorld> {
  const town = await createMunicipality(app);
  const host = town.hosts[0]!.hostname;
  const clerk = await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"], fullName: "Účetní Věra" });
  const registers = await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS", "NOTICES"] });
  const otherTown = await createMunicipality(app);
  const otherHost = otherTown.hosts[0]!.hostname;
  const otherClerk = await createUser(app, otherTown.id, { role: "CLERK", agendas: ["FINANCE"] });
  return {
    municipalityId: town.id,
    host,
    finance: await signedInClient(app, clerk, host),
    registersClerk: await signedInClient(app, registers, host),
    financeUserId: clerk.id,
    other: { municipalityId: otherTown.id, host: otherHost, finance: await signedInClient(app, otherClerk, otherHost) },
  };
}

let reference = 0;
/** A credit line of the test statements (the town's primary account is 123456788/0100). */
export function credit(amount: number, overrides: Partial<SyntheticLine> = {}): SyntheticLine {
  return {
    amount,
    direction: "CREDIT",
    counterAccount: { number: "19-2000145399", bankCode: "0800" },
    counterpartyName: "Platitel Testovací",
    valueDate: "2026-11-20",
    reference: String(700_000_000 + ++reference),
    ...overrides,
  };
}

export function debit(amount: number, overrides: Partial<SyntheticLine> = {}): SyntheticLine {
  return { ...credit(amount, overrides), direction: "DEBIT", ...overrides };
}

export function statement(number: number, lines: SyntheticLine[], overrides: Partial<SyntheticStatement> = {}): SyntheticStatement {
  return {
    account: "123456788",
    bankCode: "0100",
    ownerName: "OBEC ZKUSEBNI",
    number,
    openingDate: "2026-11-19",
    date: "2026-11-20",
    openingBalance: 10_000_000,
    lines,
    ...overrides,
  };
}

export const gpcFile = (value: SyntheticStatement, name = `vypis-${value.number}.gpc`) => ({
  name,
  bytes: new Uint8Array(gpcBytes(value)),
});
export const camtFile = (value: SyntheticStatement, name = `vypis-${value.number}.xml`) => ({ name, bytes: camt053Text(value) });

/** An assessment's payment state as the portal derives it from its active pairings (domain/installments.ts). */
export async function assessmentState(app: TestApp, assessmentId: string) {
  const { deriveAssessmentState } = await import("../../api/src/domain/installments.ts");
  const assessment = await app.database.prisma.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    include: {
      installments: { orderBy: { position: "asc" } },
      allocations: { where: { reversedAt: null }, include: { payment: { select: { receivedOn: true } } } },
    },
  });
  return deriveAssessmentState({
    installments: assessment.installments.map((i) => ({ amount: Number(i.amount), dueDate: i.dueDate.toISOString().slice(0, 10) })),
    payments: assessment.allocations.map((a) => ({ amount: Number(a.amount), date: a.payment.receivedOn.toISOString().slice(0, 10) })),
    today: "2026-11-26",
    cancelled: assessment.lifecycle === "CANCELLED",
  });
}
