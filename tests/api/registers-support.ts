// Shared setup of the registers tests: two towns, a registers clerk, factories for entries and a
// GraphQL multipart upload (the spec the PWA's upload uses).
import { randomUUID } from "node:crypto";
import type { TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality, createUser, signedInClient, validIco } from "../kit/factories.ts";
import { Client, type GraphQLResponse } from "../kit/graphql.ts";

export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");
export const localId = (globalId: string) => Buffer.from(globalId, "base64").toString().split(":")[1]!;

export interface RegistersWorld {
  town: { id: string; host: string };
  otherTown: { id: string; host: string };
  clerk: Client;
  clerkId: string;
  /** A clerk of the same town without the registers agenda. */
  otherAgendaClerk: Client;
  otherTownClerk: Client;
  anonymous: Client;
  otherTownAnonymous: Client;
  integrator: Client;
}

let hostCounter = 0;

export async function registersWorld(app: TestApp): Promise<RegistersWorld> {
  const n = ++hostCounter;
  const host = `rejstriky-${n}-${randomUUID().slice(0, 6)}.test`;
  const otherHost = `jinde-${n}-${randomUUID().slice(0, 6)}.test`;
  const town = await createMunicipality(app, { hostname: host, name: "Město Rejstříkov" });
  const otherTown = await createMunicipality(app, { hostname: otherHost, name: "Obec Jinde" });
  const clerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] });
  const noticesClerk = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"] });
  const foreignClerk = await createUser(app, otherTown.id, { role: "CLERK", agendas: ["REGISTERS"] });
  return {
    town: { id: town.id, host },
    otherTown: { id: otherTown.id, host: otherHost },
    clerk: await signedInClient(app, clerkUser, host),
    clerkId: clerkUser.id,
    otherAgendaClerk: await signedInClient(app, noticesClerk, host),
    otherTownClerk: await signedInClient(app, foreignClerk, otherHost),
    anonymous: new Client(app, { host }),
    otherTownAnonymous: new Client(app, { host: otherHost }),
    integrator: await apiTokenClient(app, town.id, ["registers:write"], host),
  };
}

export const CONTRACT_FIELDS = `
  id number subject counterpartyName counterpartyIco amountWithoutVat amountWithVat signedOn validFrom validUntil
  department registryId registryPublishedOn status publishedAt requiresRegistry registryDeadline registryVoidDate
  registryOverdue registryCancelled externalId unpublishReason
`;
export const INVOICE_FIELDS = `
  id number subject supplierName supplierIco amountWithoutVat amountWithVat issuedOn dueOn paidOn budgetParagraph budgetItem
  department status contract { id number } purchaseOrder { id number }
`;
export const ORDER_FIELDS = `
  id number subject supplierName supplierIco amountWithoutVat amountWithVat orderedOn department status registryId registryPublishedOn
  requiresRegistry registryDeadline registryVoidDate registryOverdue registryCancelled
`;
/** The registr smluv fields of contracts and orders. */
export const REGISTRY_FLAGS = `requiresRegistry registryDeadline registryVoidDate registryOverdue registryCancelled`;

export const ERROR_FIELDS = `... on Error { __typename code message } ... on ValidationError { fieldErrors { path code message } }`;

let numberCounter = 0;
export const uniqueNumber = (prefix: string) => `${prefix}-${++numberCounter}-${randomUUID().slice(0, 4)}`;

export function contractInput(overrides: Record<string, unknown> = {}) {
  return {
    number: uniqueNumber("SML"),
    subject: "Oprava místní komunikace",
    counterpartyName: "Stavby Vysočina s.r.o.",
    counterpartyIco: validIco(),
    amountWithoutVat: "80000.00",
    amountWithVat: "96800.00",
    signedOn: "2026-10-01",
    validFrom: null,
    validUntil: null,
    department: "Odbor správy majetku",
    registryId: null,
    registryPublishedOn: null,
    attachmentId: null,
    ...overrides,
  };
}

export function invoiceInput(overrides: Record<string, unknown> = {}) {
  return {
    number: uniqueNumber("FV"),
    subject: "Oprava veřejného osvětlení",
    supplierName: "Elektro Šimánek",
    supplierIco: validIco(),
    amountWithoutVat: "10000.00",
    amountWithVat: "12100.00",
    issuedOn: "2026-10-05",
    dueOn: "2026-10-19",
    paidOn: null,
    contractId: null,
    orderId: null,
    budgetParagraph: "3631",
    budgetItem: "5171",
    department: null,
    ...overrides,
  };
}

export function orderInput(overrides: Record<string, unknown> = {}) {
  return {
    number: uniqueNumber("OBJ"),
    subject: "Kancelářské potřeby",
    supplierName: "Papírnictví Ořech",
    supplierIco: null,
    amountWithoutVat: "2000.00",
    amountWithVat: "2420.00",
    orderedOn: "2026-09-15",
    department: null,
    registryId: null,
    registryPublishedOn: null,
    ...overrides,
  };
}

const CREATE = {
  contract: { mutation: "createContract", input: "ContractInput", field: "contract", fields: CONTRACT_FIELDS },
  invoice: { mutation: "createInvoice", input: "InvoiceInput", field: "invoice", fields: INVOICE_FIELDS },
  purchaseOrder: { mutation: "createPurchaseOrder", input: "PurchaseOrderInput", field: "purchaseOrder", fields: ORDER_FIELDS },
} as const;

/** Creates an entry through the API (so it is validated and audited like a clerk's). */
export async function create(client: Client, kind: keyof typeof CREATE, input: Record<string, unknown>): Promise<GraphQLResponse> {
  const { mutation, input: inputType, field, fields } = CREATE[kind];
  return client.request(
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename ... on ${capitalize(mutation)}Success { ${field} { ${fields} } } ${ERROR_FIELDS} } }`,
    { input },
  );
}

/** Creates an entry and answers it, failing the test on any error. */
export async function created(client: Client, kind: keyof typeof CREATE, input: Record<string, unknown>): Promise<Record<string, any>> {
  const answer = await create(client, kind, input);
  const result = answer.data?.[CREATE[kind].mutation];
  if (!result || !result[CREATE[kind].field]) throw new Error(`create ${kind} failed: ${JSON.stringify(answer)}`);
  return result[CREATE[kind].field];
}

export async function publish(client: Client, id: string) {
  const answer = await client.request(
    `mutation($id: ID!) { publishRegisterEntry(id: $id) { __typename ... on PublishRegisterEntrySuccess { entry { id status publishedAt } } ... on Error { code message } } }`,
    { id },
  );
  if (!answer.data) throw new Error(`publish failed: ${JSON.stringify(answer.errors)}`);
  return answer.data.publishRegisterEntry;
}

export async function publishedContract(client: Client, overrides: Record<string, unknown> = {}) {
  const contract = await created(client, "contract", contractInput(overrides));
  await publish(client, contract.id);
  return contract;
}

/** A GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) with one file. */
export async function upload(
  _app: TestApp,
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  filePath: string,
  file: { name: string; type?: string; bytes: Uint8Array | Buffer | string },
): Promise<GraphQLResponse> {
  const bytes = typeof file.bytes === "string" ? new TextEncoder().encode(file.bytes) : new Uint8Array(file.bytes);
  return client.upload(query, variables, { [filePath]: new File([bytes], file.name, { type: file.type ?? "application/octet-stream" }) });
}

export const PREVIEW = `mutation($input: PreviewRegisterImportInput!) {
  previewRegisterImport(input: $input) {
    __typename
    ... on PreviewRegisterImportSuccess {
      registerImport {
        id kind fileName status rowCount validRowCount invalidRowCount problemCount importedCount
        problems { line column code message }
        previewRows(limit: 100) { line number subject partyName partyIco amountWithoutVat amountWithVat date dueOn department }
      }
    }
    ${ERROR_FIELDS}
  }
}`;

export async function preview(
  app: TestApp,
  client: Client,
  kind: "CONTRACT" | "INVOICE" | "ORDER",
  file: { name: string; type?: string; bytes: Uint8Array | Buffer | string },
) {
  const answer = await upload(app, client, PREVIEW, { input: { kind, file: null } }, "input.file", file);
  if (answer.errors) throw new Error(`preview failed: ${JSON.stringify(answer.errors)}`);
  return answer.data!.previewRegisterImport;
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
