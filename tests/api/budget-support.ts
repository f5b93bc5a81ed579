// Shared setup of the budget tests: a town with its budget office, two organisations each with an uploader,
// another town, and helpers to upload, approve and publish through the GraphQL API as the PWA does.
import { randomUUID } from "node:crypto";
import iconv from "iconv-lite";
import { expect } from "vitest";
import type { TestApp } from "../kit/app.ts";
import { createMunicipality, createUser, signedInClient, validIco } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

export const ERROR_FIELDS = `... on Error { __typename code message } ... on ValidationError { fieldErrors { path code message } }`;

export interface BudgetWorld {
  host: string;
  townId: string;
  otherHost: string;
  office: Client;
  /** A clerk of the town without the BUDGET agenda. */
  otherClerk: Client;
  schoolUploader: Client;
  servicesUploader: Client;
  citizen: Client;
  anonymous: Client;
  otherTownOffice: Client;
  organisations: { town: string; school: string; services: string; otherTown: string };
}

let counter = 0;

export async function budgetWorld(app: TestApp): Promise<BudgetWorld> {
  const n = ++counter;
  const host = `rozpocet-${n}-${randomUUID().slice(0, 6)}.test`;
  const otherHost = `jinde-${n}-${randomUUID().slice(0, 6)}.test`;
  const town = await createMunicipality(app, { hostname: host, name: "Město Rozpočtov" });
  const otherTown = await createMunicipality(app, { hostname: otherHost, name: "Obec Jinde" });
  const officeUser = await createUser(app, town.id, { role: "CLERK", agendas: ["BUDGET"] });
  const otherClerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] });
  const schoolUser = await createUser(app, town.id, { fullName: "Účetní školy" });
  const servicesUser = await createUser(app, town.id, { fullName: "Účetní technických služeb" });
  const citizenUser = await createUser(app, town.id);
  const otherOfficeUser = await createUser(app, otherTown.id, { role: "CLERK", agendas: ["BUDGET"] });
  const office = await signedInClient(app, officeUser, host);
  const otherTownOffice = await signedInClient(app, otherOfficeUser, otherHost);
  const organisation = async (client: Client, input: Record<string, unknown>) => {
    const answer = await client.request(
      `mutation($input: BudgetOrganisationInput!) { saveBudgetOrganisation(input: $input) { __typename ... on SaveBudgetOrganisationSuccess { organisation { id } } ${ERROR_FIELDS} } }`,
      { input },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.saveBudgetOrganisation.organisation.id as string;
  };
  const organisations = {
    town: await organisation(office, { kind: "TOWN", code: "mesto", name: "Město Rozpočtov", ico: validIco() }),
    school: await organisation(office, { kind: "CONTRIBUTORY", code: "zs", name: "Základní škola", ico: validIco() }),
    services: await organisation(office, { kind: "CONTRIBUTORY", code: "ts", name: "Technické služby" }),
    otherTown: await organisation(otherTownOffice, { kind: "TOWN", code: "obec", name: "Obec Jinde" }),
  };
  for (const [organisationId, email] of [
    [organisations.school, schoolUser.email],
    [organisations.services, servicesUser.email],
  ] as const) {
    const answer = await office.request(
      `mutation($o: ID!, $e: String!) { setBudgetOrganisationMember(organisationId: $o, email: $e, member: true) { __typename ${ERROR_FIELDS} } }`,
      { o: organisationId, e: email },
    );
    expect(answer.data!.setBudgetOrganisationMember.__typename).toBe("SetBudgetOrganisationMemberSuccess");
  }
  return {
    host,
    townId: town.id,
    otherHost,
    office,
    otherClerk: await signedInClient(app, otherClerkUser, host),
    schoolUploader: await signedInClient(app, schoolUser, host),
    servicesUploader: await signedInClient(app, servicesUser, host),
    citizen: await signedInClient(app, citizenUser, host),
    anonymous: new Client(app, { host }),
    otherTownOffice,
    organisations,
  };
}

export const IMPORT = `mutation($input: ImportBudgetDataInput!) {
  importBudgetData(input: $input) {
    __typename
    ... on ImportBudgetDataPayload {
      replayed
      report {
        format layout lineCount skippedLines errorCount warningCount amountTypes
        issues { row column code severity value message }
        revenue { approved amended actual } expenditure { approved amended actual } financing { approved amended actual } balance { approved amended actual }
      }
      dataSet { id status version year month lineCount warningCount amountTypes format }
    }
    ${ERROR_FIELDS}
  }
}`;

export async function importFile(
  client: Client,
  input: { organisationId: string; year: number; month: number; dryRun?: boolean; financingSign?: string },
  file: { name: string; bytes: Uint8Array | Buffer | string },
) {
  const bytes = typeof file.bytes === "string" ? new TextEncoder().encode(file.bytes) : new Uint8Array(file.bytes);
  const answer = await client.upload(IMPORT, { input: { ...input, file: null } }, { "input.file": new File([bytes], file.name) });
  if (answer.errors) return { errors: answer.errors } as any;
  return answer.data!.importBudgetData;
}

const DECIDE = (name: string) =>
  `mutation($id: ID!) { ${name}(id: $id) { __typename ... on ${name[0]!.toUpperCase()}${name.slice(1)}Success { dataSet { id status publishedAt } } ${ERROR_FIELDS} } }`;

export async function decide(client: Client, name: "approveBudgetDataSet" | "publishBudgetDataSet", id: string) {
  const answer = await client.request(DECIDE(name), { id });
  if (answer.errors) return { errors: answer.errors } as any;
  return answer.data![name];
}

export async function importAndPublish(
  client: Client,
  office: Client,
  input: { organisationId: string; year: number; month: number; financingSign?: string },
  file: { name: string; bytes: Uint8Array | Buffer | string },
) {
  const result = await importFile(client, input, file);
  expect(result.__typename, JSON.stringify(result)).toBe("ImportBudgetDataPayload");
  expect(result.report.errorCount, JSON.stringify(result.report.issues)).toBe(0);
  const id = result.dataSet.id as string;
  expect((await decide(office, "approveBudgetDataSet", id)).__typename).toBe("ApproveBudgetDataSetSuccess");
  const published = await decide(office, "publishBudgetDataSet", id);
  expect(published.__typename).toBe("PublishBudgetDataSetSuccess");
  return { id, publishedAt: published.dataSet.publishedAt as string, report: result.report };
}

export const SUMMARY = `query($view: BudgetViewInput!) {
  budgetSummary(view: $view) {
    year asOfMonth publishedAt
    revenue { approved amended actual executionPercent } expenditure { approved amended actual executionPercent }
    financing { approved amended actual } balance { approved amended actual } unclassified { approved amended actual }
  }
}`;

export async function summary(client: Client, view: Record<string, unknown>) {
  const answer = await client.request(SUMMARY, { view });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!.budgetSummary;
}

/** Money strings ("1234.50") to haléře. */
export const h = (money: string) => {
  const negative = money.startsWith("-");
  const [whole, fraction = "0"] = money.replace("-", "").split(".");
  const value = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, "0"));
  return negative ? -value : value;
};

/**
 * A KXX journal as GINIS/VERA export it (fixed width, windows-1250): a 5/@ header, documents (6/@) and their
 * lines (G/@) with MD and DAL in haléře (17 digits and a sign), and G/# descriptions.
 */
export function kxx(
  header: { ico: string; year: number; month: number },
  documents: {
    number: string;
    type: string;
    day: number;
    lines: {
      su: string;
      paragraf: string;
      polozka: string;
      orj?: string;
      org?: string;
      uz?: string;
      md: bigint;
      dal: bigint;
      text?: string;
    }[];
  }[],
): Buffer {
  const amount = (value: bigint) => `${String(value < 0n ? -value : value).padStart(17, "0")}${value < 0n ? "-" : "+"}`;
  const out: string[] = [`5/@${header.ico}${header.year}${String(header.month).padStart(2, "0")}GINIS`];
  for (const doc of documents) {
    out.push(`6/@${String(doc.day).padStart(2, "0")}${doc.number.padEnd(12)}${doc.type.padEnd(3)}`);
    for (const line of doc.lines) {
      out.push(
        `G/@${line.su.padEnd(3)}0000${line.paragraf}${line.polozka}${(line.uz ?? "").padEnd(9)}${(line.orj ?? "").padEnd(10)}${(line.org ?? "").padEnd(13)}${amount(line.md)}${amount(line.dal)}`,
      );
      if (line.text) out.push(`G/#${line.text}`);
    }
  }
  return iconv.encode(out.join("\r\n") + "\r\n", "win1250");
}
