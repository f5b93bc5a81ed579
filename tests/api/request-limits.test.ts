/// <reference types="vite/client" />
// Request limits: caps on every list argument, list sizes in the query cost, node lookups batched
// per type, and input PostgreSQL cannot store (NUL, years out of range) refused as bad input.
import { randomUUID } from "node:crypto";
import {
  GraphQLList,
  Kind,
  getNullableType,
  parse,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type TypeNode,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../api/src/config.ts";
import { schema } from "../../api/src/schema/index.ts";
import { InputLimitError, MAX_LIST_ITEMS, checkFieldArguments, listCapOf, operationCost } from "../../api/src/schema/request-limits.ts";
import type { TestApp } from "../kit/app.ts";
import { createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";
import { REGISTER, UPDATE_PROFILE } from "./accounts-support.ts";
import { CREATE_NOTICE, createNoticeTestApp, createTown, noticeInput, postNotice, type Town } from "./notices-support.ts";
import { contractInput, create, registersWorld, type RegistersWorld } from "./registers-support.ts";

let app: TestApp;
let town: Town;

beforeAll(async () => {
  app = await createNoticeTestApp();
  town = await createTown(app);
});
afterAll(async () => {
  await app?.close();
});

const noticeGid = (id: string) => Buffer.from(`Notice:${id}`).toString("base64");

describe("every list argument has a cap", () => {
  /** Every list-typed argument and input field of the schema, found by walking it, with a way to fill it. */
  function listInputs() {
    const found: {
      coordinate: string;
      field: GraphQLField<unknown, unknown>;
      args: (items: unknown[]) => Record<string, unknown>;
      cap: number;
    }[] = [];
    const visit = (
      field: GraphQLField<unknown, unknown>,
      coordinate: string,
      input: GraphQLArgument | GraphQLInputField,
      wrap: (value: unknown) => Record<string, unknown>,
      seen: Set<string>,
    ) => {
      const type = getNullableType(input.type) as GraphQLInputType;
      if (isListType(type)) found.push({ coordinate, field, args: (items) => wrap(items), cap: listCapOf(input) });
      if (isInputObjectType(type) && !seen.has(type.name)) {
        for (const inner of Object.values(type.getFields())) {
          visit(field, `${coordinate}.${inner.name}`, inner, (value) => wrap({ [inner.name]: value }), new Set([...seen, type.name]));
        }
      }
    };
    for (const rootType of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(rootType.getFields())) {
        for (const arg of field.args) visit(field, `${field.name}.${arg.name}`, arg, (value) => ({ [arg.name]: value }), new Set());
      }
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !("getFields" in type) || isInputObjectType(type)) continue;
      if (type === schema.getQueryType() || type === schema.getMutationType()) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        for (const arg of field.args)
          visit(field, `${type.name}.${field.name}.${arg.name}`, arg, (value) => ({ [arg.name]: value }), new Set());
      }
    }
    return found;
  }

  it("finds the schema's list inputs and refuses one item over each cap, naming it", () => {
    const inputs = listInputs();
    // The walk finds the ones we know of (and any added later).
    expect(inputs.map((input) => input.coordinate)).toEqual(
      expect.arrayContaining([
        "nodes.ids",
        "allNotices.status",
        "createNotice.input.attachmentIds",
        "updateMunicipality.input.bankAccounts",
        "createApiToken.input.scopes",
        "createClerk.input.agendas",
        "registerContracts.statuses",
      ]),
    );
    for (const input of inputs) {
      expect(input.cap, input.coordinate).toBeGreaterThan(0);
      expect(input.cap, input.coordinate).toBeLessThanOrEqual(MAX_LIST_ITEMS);
      expect(() => checkFieldArguments(input.field, input.args(Array.from({ length: input.cap }, () => null)))).not.toThrow();
      let refused: unknown;
      try {
        checkFieldArguments(input.field, input.args(Array.from({ length: input.cap + 1 }, () => null)));
      } catch (error) {
        refused = error;
      }
      expect(refused, input.coordinate).toBeInstanceOf(InputLimitError);
      expect((refused as InputLimitError).argument, input.coordinate).toBe(input.coordinate.replace(/^[A-Z]\w*\./, ""));
    }
  });

  it("caps first/last of every connection and paged list", () => {
    const connections = Object.values(schema.getTypeMap())
      .filter((type) => "getFields" in type && !isInputObjectType(type) && !type.name.startsWith("__"))
      .flatMap((type) => Object.values((type as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()))
      .filter((field) => field.args.some((arg) => arg.name === "first"));
    expect(connections.map((field) => field.name)).toEqual(
      expect.arrayContaining(["noticeBoard", "allNotices", "contracts", "clerks", "outbox"]),
    );
    for (const field of connections) {
      expect(() => checkFieldArguments(field, { first: MAX_LIST_ITEMS })).not.toThrow();
      expect(() => checkFieldArguments(field, { first: MAX_LIST_ITEMS + 1 }), field.name).toThrow(InputLimitError);
      if (field.args.some((arg) => arg.name === "last")) {
        expect(() => checkFieldArguments(field, { last: MAX_LIST_ITEMS + 1 }), field.name).toThrow(InputLimitError);
      }
      expect(() => checkFieldArguments(field, { first: -1 }), field.name).toThrow(InputLimitError);
    }
  });

  it("answers too many ids with a localized BAD_USER_INPUT naming the argument, before any SQL", async () => {
    const ids = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => noticeGid(randomUUID()));
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    await town.anonymous.request(query, { ids: ids.slice(0, 1) });
    app.queries.length = 0;
    const czech = await town.anonymous.request(query, { ids });
    expect(czech.data ?? null).toBeNull();
    expect(czech.errors).toEqual([
      {
        message: "nodes.ids: Nejvýše 100 položek.",
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "nodes.ids" }),
      },
    ]);
    expect(app.queries.filter((sql) => sql.includes('"Notice"'))).toEqual([]);
    const english = await new Client(app, { host: town.host, locale: "en" }).request(query, { ids });
    expect(english.errors?.[0]?.message).toBe("nodes.ids: At most 100 items.");
    const page = await town.anonymous.request(`{ noticeBoard(first: 101) { nodes { id } } }`);
    expect(page.errors?.[0]).toMatchObject({
      message: "noticeBoard.first: Stránka může mít 0 až 100 položek.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const statuses = Array.from({ length: MAX_LIST_ITEMS + 1 }, () => "DRAFT");
    const clerk = await town.clerk.request(`query($s: [NoticeStatus!]) { allNotices(first: 5, status: $s) { nodes { id } } }`, {
      s: statuses,
    });
    expect(clerk.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "allNotices.status" });
    const files = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ attachmentIds: ids }) });
    expect(files.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "createNotice.input.attachmentIds" });
  });
});

describe("node lookups", () => {
  it("fetch all notices asked in one statement, with the reader's visibility", async () => {
    const posted = await postNotice(town.clerk, { title: "Vyvěšená" });
    const draft = (await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ title: "Koncept" }) })).data?.createNotice.notice;
    const elsewhere = await createTown(app);
    const foreign = await postNotice(elsewhere.clerk, { title: "Cizí" });
    const unknown = Array.from({ length: 94 }, () => noticeGid(randomUUID()));
    const odd = [noticeGid("123"), Buffer.from(`Nothing:${randomUUID()}`).toString("base64")];
    const ids = [posted.id, draft.id, foreign.id, ...odd, ...unknown, posted.id];
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Notice { title status attachments { fileName } } } }`;

    const statementsFor = async (client: Client) => {
      await client.request(`{ municipality { name } }`);
      app.queries.length = 0;
      const answer = await client.request(query, { ids });
      return {
        nodes: answer.data?.nodes as ({ title: string } | null)[],
        noticeStatements: app.queries.filter((sql) => sql.includes('"Notice"')),
      };
    };
    const anonymous = await statementsFor(town.anonymous);
    expect(anonymous.nodes.map((node) => node?.title ?? null)).toEqual([
      "Vyvěšená",
      null,
      null,
      null,
      null,
      ...unknown.map(() => null),
      "Vyvěšená",
    ]);
    // One statement for the notices, one for the attachments of those found (dataloader).
    expect(anonymous.noticeStatements).toHaveLength(2);
    const clerk = await statementsFor(town.clerk);
    expect(clerk.nodes.slice(0, 3).map((node) => node?.title ?? null)).toEqual(["Vyvěšená", "Koncept", null]);
    expect(clerk.noticeStatements).toHaveLength(2);
  });

  it("fetch several types in one statement each", async () => {
    const posted = await postNotice(town.clerk, { title: "Druhá" });
    const municipality = Buffer.from(`Municipality:${town.town.id}`).toString("base64");
    await town.anonymous.request(`{ municipality { name } }`);
    app.queries.length = 0;
    const answer = await town.anonymous.request(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
      ids: [posted.id, municipality, noticeGid(randomUUID()), municipality],
    });
    expect(answer.data?.nodes.map((node: { __typename: string } | null) => node?.__typename ?? null)).toEqual([
      "Notice",
      "Municipality",
      null,
      "Municipality",
    ]);
    expect(app.queries).toHaveLength(2);
  });
});

describe("query cost counts list sizes", () => {
  const BOARD = (first: number) => `{ noticeBoard(first: ${first}) { nodes { id title attachments { fileName size url } } } }`;

  it("a page of 100 costs about a hundred times a page of 1", () => {
    const one = operationCostOf(BOARD(1));
    const hundred = operationCostOf(BOARD(100));
    expect(hundred).toBeGreaterThan(90 * one);
    const nodes = (n: number) =>
      operationCostOf(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Notice { title revisions { title reason } } } }`, {
        ids: Array.from({ length: n }, () => "x"),
      });
    expect(nodes(100)).toBeGreaterThan(90 * nodes(1));
  });

  it("refuses a document whose list sizes add up over the limit", async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `b${i}: noticeBoard(first: 100) { nodes { id title description revisions { title description } } }`,
    );
    const answer = await new Client(app, { host: town.host, locale: "en" }).request(`{ ${aliases.join(" ")} }`);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: "QUERY_TOO_COSTLY" } });
    expect(answer.errors?.[0]?.message).toMatch(/^The query is too costly \(\d+, at most 5000\)/);
  });

  it("keeps every operation of the app under the limit, with pages at the maximum size", () => {
    const maxCost = loadConfig({ NODE_ENV: "test" }).GRAPHQL_MAX_COST;
    const modules = import.meta.glob<Record<string, unknown>>(
      ["../../pwa/src/features/**/*operations.ts", "../../pwa/src/graphql/upload-file.ts"],
      {
        eager: true,
      },
    );
    const costs: Record<string, number> = {};
    for (const module of Object.values(modules)) {
      for (const value of Object.values(module)) {
        const document = value as DocumentNode;
        if (document?.kind !== Kind.DOCUMENT) continue;
        for (const operation of document.definitions) {
          if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
          const variables = Object.fromEntries(
            (operation.variableDefinitions ?? []).map((definition) => [
              definition.variable.name.value,
              sampleValue(definition.variable.name.value, typeOfNode(definition.type)),
            ]),
          );
          costs[operation.name?.value ?? "?"] = operationCost(schema, document, variables, operation.name?.value);
        }
      }
    }
    expect(Object.keys(costs).length).toBeGreaterThan(30);
    for (const [name, cost] of Object.entries(costs)) expect(cost, name).toBeLessThanOrEqual(maxCost);
  });
});

function operationCostOf(query: string, variables?: Record<string, unknown>): number {
  return operationCost(schema, parseDocument(query), variables);
}

function parseDocument(query: string): DocumentNode {
  return parse(query);
}

function typeOfNode(node: TypeNode): GraphQLInputType {
  if (node.kind === Kind.NON_NULL_TYPE) return typeOfNode(node.type);
  if (node.kind === Kind.LIST_TYPE) return new GraphQLList(typeOfNode(node.type));
  return schema.getType(node.name.value) as GraphQLInputType;
}

/** A value the operation could be sent with; pages at the maximum size (the costliest the app may ask). */
function sampleValue(name: string, type: GraphQLInputType): unknown {
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) return [sampleValue(name, nullable.ofType)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) {
    return Object.fromEntries(
      Object.values(nullable.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleValue(field.name, field.type)]),
    );
  }
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case "Int":
        return ["first", "last", "limit"].includes(name) ? MAX_LIST_ITEMS : 1;
      case "Boolean":
        return true;
      case "Date":
        return "2026-11-26";
      case "DateTime":
        return "2026-11-26T10:00:00Z";
      case "Money":
        return "1.00";
      case "File":
        return new File(["x"], "x.pdf", { type: "application/pdf" });
      default:
        return "x";
    }
  }
  return null;
}

describe("input PostgreSQL cannot store is bad input, never a 500", () => {
  const NUL = "Vyhláška\u0000";
  const badArgument = (
    answer: { errors?: { message: string; extensions?: Record<string, unknown> }[] },
    argument: string,
    reason: string,
  ) => {
    expect(answer.errors, JSON.stringify(answer.errors)).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument, reason });
    expect(answer.errors?.[0]?.message).not.toMatch(/unexpected|neočekávaná/i);
  };
  let world: RegistersWorld;
  let admin: Client;
  beforeAll(async () => {
    world = await registersWorld(app);
    admin = await signedInClient(app, await createUser(app, town.town.id, { role: "ADMIN" }), town.host);
  });

  it("notices: titles, searches and dates", async () => {
    const nul = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ title: NUL }) });
    badArgument(nul, "createNotice.input.title", "field.unstorableCharacters");
    expect(nul.errors?.[0]?.message).toBe("createNotice.input.title: Obsahuje nepovolené znaky (např. znak NUL).");
    badArgument(
      await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ description: "\uD800" }) }),
      "createNotice.input.description",
      "field.unstorableCharacters",
    );
    expect(await app.database.prisma.notice.count({ where: { title: { startsWith: "Vyhláška" } } })).toBe(0);

    const yearZero = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ relevantUntil: "0000-12-31" }) });
    badArgument(yearZero, "input.relevantUntil", "field.dateRange");
    expect(yearZero.errors?.[0]?.message).toBe("input.relevantUntil: Zadejte datum ve tvaru RRRR-MM-DD s rokem 1000 až 9999.");
    const farFuture = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ postedAt: "+275760-09-13T00:00:00.000Z" }) });
    badArgument(farFuture, "input.postedAt", "field.dateTime");
    badArgument(
      await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ postedAt: "0000-01-01T00:00:00Z" }) }),
      "input.postedAt",
      "field.dateTime",
    );

    const BOARD = `query($filter: NoticeFilter) { noticeBoard(first: 5, filter: $filter) { nodes { id } } }`;
    badArgument(
      await town.anonymous.request(BOARD, { filter: { search: "voda\u0000" } }),
      "noticeBoard.filter.search",
      "field.unstorableCharacters",
    );
    badArgument(await town.anonymous.request(BOARD, { filter: { postedFrom: "0000-01-01" } }), "filter.postedFrom", "field.dateRange");
    // Written in the document itself, the value is refused when the document is validated, worded alike.
    const literal = await new Client(app, { host: town.host, locale: "en" }).request(
      `{ noticeBoard(filter: { postedTo: "0000-01-01" }) { nodes { id } } }`,
    );
    expect(literal.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Enter a date as YYYY-MM-DD with a year from 1000 to 9999\.$/),
      extensions: { code: "BAD_USER_INPUT", reason: "field.dateRange" },
    });
    const window = await town.clerk.request(`query($at: DateTime) { noticeWindow(postedAt: $at) { postedAt } }`, {
      at: "-000001-01-01T00:00:00Z",
    });
    badArgument(window, "at", "field.dateTime");
    // The edges of the range reach the services, whose own rules answer them (a notice is posted for at most 10 years).
    const farEnd = await town.clerk.request(CREATE_NOTICE, { input: noticeInput({ title: "Trvale", relevantUntil: "9999-12-31" }) });
    expect(farEnd.errors, JSON.stringify(farEnd)).toBeUndefined();
    expect(farEnd.data?.createNotice.fieldErrors).toMatchObject([{ path: ["relevantUntil"], code: "TOO_LATE" }]);
    const ok = await town.anonymous.request(BOARD, { filter: { postedFrom: "1000-01-01", postedTo: "9999-12-31", search: "voda" } });
    expect(ok.errors).toBeUndefined();
  });

  it("registers: entries, filters and searches", async () => {
    const nul = await create(world.clerk, "contract", contractInput({ subject: NUL }));
    badArgument(nul, "createContract.input.subject", "field.unstorableCharacters");
    const yearZero = await create(world.clerk, "contract", contractInput({ signedOn: "0000-02-29" }));
    badArgument(yearZero, "input.signedOn", "field.dateRange");
    const CONTRACTS = `query($filter: RegisterFilter) { contracts(first: 5, filter: $filter) { nodes { id } } }`;
    badArgument(
      await world.anonymous.request(CONTRACTS, { filter: { counterparty: "\u0000" } }),
      "contracts.filter.counterparty",
      "field.unstorableCharacters",
    );
    const integrator = await world.integrator.request(
      `mutation($externalId: String!, $input: ContractInput!) { upsertContractByExternalId(externalId: $externalId, input: $input) { __typename } }`,
      { externalId: "SML\u0000", input: contractInput() },
    );
    badArgument(integrator, "upsertContractByExternalId.externalId", "field.unstorableCharacters");
  });

  it("accounts: registration, login and profile", async () => {
    const anonymous = new Client(app, { host: town.host });
    const registration = await anonymous.request(REGISTER, {
      input: { email: "nul@test.example", fullName: "Jana\u0000Nová", password: "Zeleny-kopec-u-reky-42" },
    });
    badArgument(registration, "register.input.fullName", "field.unstorableCharacters");
    expect(await app.database.prisma.user.count({ where: { email: "nul@test.example" } })).toBe(0);
    const login = await anonymous.request(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, {
      input: { email: "a\u0000@test.example", password: "x" },
    });
    badArgument(login, "login.input.email", "field.unstorableCharacters");
    badArgument(
      await town.citizen.request(UPDATE_PROFILE, { input: { fullName: "\u0000", locale: "cs" } }),
      "updateProfile.input.fullName",
      "field.unstorableCharacters",
    );
  });

  it("municipality settings", async () => {
    const UPDATE = `mutation($input: UpdateMunicipalityInput!) { updateMunicipality(input: $input) { __typename } }`;
    const valid = {
      name: "Obec\u0000",
      ico: "00064581",
      street: "Náves 1",
      city: "Obec",
      postalCode: "110 00",
      email: "obec@test.example",
      primaryColor: "#0f766e",
      accentColor: "#9a3412",
      bankAccounts: [],
    };
    badArgument(await admin.request(UPDATE, { input: valid }), "updateMunicipality.input.name", "field.unstorableCharacters");
    const account = { label: "Poplatky\u0000", accountNumber: "19-2000145399/0800", isPrimary: true };
    badArgument(
      await admin.request(UPDATE, { input: { ...valid, name: "Obec", bankAccounts: [account] } }),
      "updateMunicipality.input.bankAccounts.0.label",
      "field.unstorableCharacters",
    );
  });
});
