// Integrators' back-office systems write register entries by their own ids: idempotent upserts,
// replays that change nothing, concurrent duplicates that never make two rows, publication by
// external id, and the token scope.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient } from "../kit/factories.ts";
import {
  contractInput,
  created,
  ERROR_FIELDS,
  invoiceInput,
  localId,
  orderInput,
  registersWorld,
  type RegistersWorld,
} from "./registers-support.ts";

let app: TestApp;
let world: RegistersWorld;

beforeAll(async () => {
  app = await createTestApp();
  world = await registersWorld(app);
});
afterAll(async () => {
  await app.close();
});

const UPSERT_CONTRACT = `mutation($externalId: String!, $input: ContractInput!) {
  upsertContractByExternalId(externalId: $externalId, input: $input) {
    __typename
    ... on UpsertContractPayload { created changed contract { id number subject status externalId amountWithVat } }
    ${ERROR_FIELDS}
  }
}`;
const UPSERT_INVOICE = `mutation($externalId: String!, $input: InvoiceInput!, $contractExternalId: String, $orderExternalId: String) {
  upsertInvoiceByExternalId(externalId: $externalId, input: $input, contractExternalId: $contractExternalId, orderExternalId: $orderExternalId) {
    __typename
    ... on UpsertInvoicePayload { created changed invoice { id number contract { number } purchaseOrder { number } } }
    ${ERROR_FIELDS}
  }
}`;
const UPSERT_ORDER = `mutation($externalId: String!, $input: PurchaseOrderInput!) {
  upsertPurchaseOrderByExternalId(externalId: $externalId, input: $input) {
    __typename ... on UpsertPurchaseOrderPayload { created changed purchaseOrder { id number } } ${ERROR_FIELDS}
  }
}`;
const PUBLISH = `mutation($kind: RegisterKind!, $externalId: String!) {
  publishRegisterEntryByExternalId(kind: $kind, externalId: $externalId) {
    __typename ... on PublishRegisterEntryByExternalIdSuccess { entry { id number status } } ... on Error { code }
  }
}`;
const UNPUBLISH = `mutation($kind: RegisterKind!, $externalId: String!, $reason: String!) {
  unpublishRegisterEntryByExternalId(kind: $kind, externalId: $externalId, reason: $reason) {
    __typename ... on UnpublishRegisterEntryByExternalIdSuccess { entry { id status } } ${ERROR_FIELDS}
  }
}`;

const upsertContract = async (externalId: string, input: Record<string, unknown>, client = world.integrator) =>
  (await client.request(UPSERT_CONTRACT, { externalId, input })).data!.upsertContractByExternalId;

describe("upserts by external id", () => {
  it("creates a draft, updates it, and a replay changes nothing", async () => {
    const input = contractInput();
    const first = await upsertContract("ERP-SML-1", input);
    expect(first).toMatchObject({ __typename: "UpsertContractPayload", created: true, changed: true });
    expect(first.contract).toMatchObject({ number: input.number, status: "DRAFT", externalId: "ERP-SML-1" });

    const row = await app.database.prisma.contract.findFirstOrThrow({ where: { externalId: "ERP-SML-1" } });
    expect(row.municipalityId).toBe(world.town.id);
    app.clock.advance({ minutes: 10 });
    const replay = await upsertContract("ERP-SML-1", input);
    expect(replay).toMatchObject({ created: false, changed: false, contract: { id: first.contract.id } });
    expect((await app.database.prisma.contract.findUniqueOrThrow({ where: { id: row.id } })).updatedAt).toEqual(row.updatedAt);

    const changed = await upsertContract("ERP-SML-1", { ...input, subject: "Oprava mostu – dodatek", amountWithVat: "97000.00" });
    expect(changed).toMatchObject({
      created: false,
      changed: true,
      contract: { subject: "Oprava mostu – dodatek", amountWithVat: "97000.00" },
    });
    expect(await app.database.prisma.contract.count({ where: { externalId: "ERP-SML-1" } })).toBe(1);
    const audit = await app.database.prisma.auditLogEntry.findMany({ where: { subjectId: row.id }, orderBy: { id: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["contract.created", "contract.updated"]);
    expect(audit.every((entry) => entry.actorTokenId !== null && entry.actorUserId === null)).toBe(true);
  });

  it("never creates two entries for concurrent calls with the same external id", async () => {
    const input = contractInput();
    const answers = await Promise.all(Array.from({ length: 5 }, () => upsertContract("ERP-SOUBEH", input)));
    expect(answers.every((answer) => answer.__typename === "UpsertContractPayload")).toBe(true);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.contract.id)).size).toBe(1);
    expect(await app.database.prisma.contract.count({ where: { externalId: "ERP-SOUBEH" } })).toBe(1);
  });

  it("refuses a number that another entry already has", async () => {
    const clerks = await created(world.clerk, "contract", contractInput());
    const answer = await upsertContract("ERP-KOLIZE", contractInput({ number: clerks.number }));
    expect(answer.__typename).toBe("ValidationError");
    expect(answer.fieldErrors.map((e: any) => [e.path.join("."), e.code])).toEqual([["number", "NUMBER_TAKEN"]]);
    expect(await app.database.prisma.contract.count({ where: { externalId: "ERP-KOLIZE" } })).toBe(0);
  });

  it("validates the external id and the fields like the clerks' forms", async () => {
    const empty = await upsertContract("  ", contractInput());
    expect(empty.fieldErrors.map((e: any) => e.path.join("."))).toEqual(["externalId"]);
    const tooLong = await upsertContract("x".repeat(201), contractInput());
    expect(tooLong.fieldErrors.map((e: any) => [e.path.join("."), e.code])).toEqual([["externalId", "TOO_BIG"]]);
    const bad = await upsertContract("", contractInput({ counterpartyIco: "00000002", amountWithVat: "1.00" }));
    expect(bad.fieldErrors.map((e: any) => e.path.join(".")).sort()).toEqual(["amountWithVat", "counterpartyIco", "externalId"]);
  });

  it("upserts an order's registr smluv id and date: a replay changes nothing, the registry's answer later does", async () => {
    const upsertOrder = async (input: Record<string, unknown>) =>
      (
        await world.integrator.request(
          `mutation($externalId: String!, $input: PurchaseOrderInput!) {
            upsertPurchaseOrderByExternalId(externalId: $externalId, input: $input) {
              __typename ... on UpsertPurchaseOrderPayload { created changed purchaseOrder { id registryId registryPublishedOn requiresRegistry registryOverdue } }
              ${ERROR_FIELDS}
            }
          }`,
          { externalId: "ERP-OBJ-R", input },
        )
      ).data!.upsertPurchaseOrderByExternalId;
    const input = orderInput({ amountWithoutVat: "64000.00", amountWithVat: "77440.00", orderedOn: "2026-10-01" });
    const first = await upsertOrder(input);
    expect(first).toMatchObject({
      created: true,
      purchaseOrder: { registryId: null, registryPublishedOn: null, requiresRegistry: true, registryOverdue: true },
    });
    const withRegistry = { ...input, registryId: "24518899", registryPublishedOn: "2026-10-12" };
    const published = await upsertOrder(withRegistry);
    expect(published).toMatchObject({
      created: false,
      changed: true,
      purchaseOrder: { id: first.purchaseOrder.id, registryId: "24518899", registryPublishedOn: "2026-10-12", registryOverdue: false },
    });
    expect(await upsertOrder(withRegistry)).toMatchObject({ created: false, changed: false });
    const bad = await upsertOrder({ ...withRegistry, registryPublishedOn: "2026-09-30", registryId: "x".repeat(51) });
    expect(bad.fieldErrors.map((e: any) => [e.path.join("."), e.code]).sort()).toEqual([
      ["registryId", "TOO_BIG"],
      ["registryPublishedOn", "CUSTOM"],
    ]);
    const row = await app.database.prisma.purchaseOrder.findFirstOrThrow({ where: { externalId: "ERP-OBJ-R" } });
    expect([row.registryId, row.registryPublishedOn?.toISOString().slice(0, 10)]).toEqual(["24518899", "2026-10-12"]);
  });

  it("links an invoice to a contract and an order by the integrator's ids, within the town only", async () => {
    await upsertContract("ERP-SML-L", contractInput({ number: "SML-L-1" }));
    const order = await world.integrator.request(UPSERT_ORDER, { externalId: "ERP-OBJ-L", input: orderInput({ number: "OBJ-L-1" }) });
    expect(order.data!.upsertPurchaseOrderByExternalId.created).toBe(true);
    const invoice = await world.integrator.request(UPSERT_INVOICE, {
      externalId: "ERP-FV-L",
      input: invoiceInput(),
      contractExternalId: "ERP-SML-L",
      orderExternalId: "ERP-OBJ-L",
    });
    expect(invoice.data!.upsertInvoiceByExternalId.invoice).toMatchObject({
      contract: { number: "SML-L-1" },
      purchaseOrder: { number: "OBJ-L-1" },
    });

    const foreignToken = await apiTokenClient(app, world.otherTown.id, ["registers:write"], world.otherTown.host);
    await upsertContract("ERP-SML-JINDE", contractInput(), foreignToken);
    const forged = await world.integrator.request(UPSERT_INVOICE, {
      externalId: "ERP-FV-X",
      input: invoiceInput(),
      contractExternalId: "ERP-SML-JINDE",
      orderExternalId: "NEEXISTUJE",
    });
    const result = forged.data!.upsertInvoiceByExternalId;
    expect(result.fieldErrors.map((e: any) => [e.path.join("."), e.code])).toEqual([
      ["contractId", "NOT_FOUND"],
      ["orderId", "NOT_FOUND"],
    ]);
  });

  it("keeps each town's external ids apart", async () => {
    const foreignToken = await apiTokenClient(app, world.otherTown.id, ["registers:write"], world.otherTown.host);
    const ours = await upsertContract("ERP-SDILENE", contractInput());
    const theirs = await upsertContract("ERP-SDILENE", contractInput(), foreignToken);
    expect(theirs.created).toBe(true);
    expect(theirs.contract.id).not.toBe(ours.contract.id);
  });
});

describe("publication by external id", () => {
  it("publishes and withdraws idempotently, refreshing the public cache once each", async () => {
    await world.integrator.request(UPSERT_ORDER, { externalId: "ERP-OBJ-P", input: orderInput({ number: "OBJ-P-1" }) });
    const invalidate = vi.spyOn(app.services.publicCache, "invalidate");
    try {
      for (let i = 0; i < 2; i++) {
        const published = await world.integrator.request(PUBLISH, { kind: "ORDER", externalId: "ERP-OBJ-P" });
        expect(published.data!.publishRegisterEntryByExternalId.entry).toMatchObject({ number: "OBJ-P-1", status: "PUBLISHED" });
      }
      expect(invalidate).toHaveBeenCalledTimes(1);
      const visible = await world.anonymous.request(`{ purchaseOrders { edges { node { number } } } }`);
      expect(visible.data!.purchaseOrders.edges).toEqual([{ node: { number: "OBJ-P-1" } }]);

      for (let i = 0; i < 2; i++) {
        const withdrawn = await world.integrator.request(UNPUBLISH, { kind: "ORDER", externalId: "ERP-OBJ-P", reason: "Storno v ERP" });
        expect(withdrawn.data!.unpublishRegisterEntryByExternalId.entry.status).toBe("UNPUBLISHED");
      }
      expect(invalidate).toHaveBeenCalledTimes(2);
      expect((await world.anonymous.request(`{ purchaseOrders { totalCount } }`)).data!.purchaseOrders.totalCount).toBe(0);
    } finally {
      invalidate.mockRestore();
    }
  });

  it("ten concurrent replays of a publication or a withdrawal all answer what the first answered", async () => {
    await world.integrator.request(UPSERT_CONTRACT, { externalId: "ERP-SML-10", input: contractInput({ number: "SML-10-SOUBEH" }) });
    const parallel = (query: string, variables: Record<string, unknown>) =>
      Promise.all(Array.from({ length: 10 }, () => world.integrator.request(query, variables)));
    const published = (await parallel(PUBLISH, { kind: "CONTRACT", externalId: "ERP-SML-10" })).map(
      (answer) => answer.data?.publishRegisterEntryByExternalId,
    );
    expect(published.map((answer) => answer?.entry?.status)).toEqual(published.map(() => "PUBLISHED"));
    expect(new Set(published.map((answer) => answer.entry.id)).size).toBe(1);
    const id = localId(published[0].entry.id);
    expect(await app.database.prisma.auditLogEntry.count({ where: { subjectId: id, action: "contract.published" } })).toBe(1);
    const withdrawn = (await parallel(UNPUBLISH, { kind: "CONTRACT", externalId: "ERP-SML-10", reason: "Storno" })).map(
      (answer) => answer.data?.unpublishRegisterEntryByExternalId,
    );
    expect(withdrawn.map((answer) => answer?.entry?.status)).toEqual(withdrawn.map(() => "UNPUBLISHED"));
    expect(await app.database.prisma.auditLogEntry.count({ where: { subjectId: id, action: "contract.unpublished" } })).toBe(1);
    // Ten concurrent first upserts of the same content: one entry, every caller gets it.
    const upserts = await parallel(UPSERT_CONTRACT, { externalId: "ERP-SML-11", input: contractInput({ number: "SML-11-SOUBEH" }) });
    const contracts = upserts.map((answer) => answer.data?.upsertContractByExternalId.contract);
    expect(new Set(contracts.map((contract) => contract?.id)).size).toBe(1);
    expect(contracts.every((contract) => contract?.status === "DRAFT")).toBe(true);
    // Ten concurrent replays of the same change: every caller gets the changed entry.
    const changedInput = contractInput({ number: "SML-11-SOUBEH", subject: "Změněný předmět smlouvy" });
    const changes = await parallel(UPSERT_CONTRACT, { externalId: "ERP-SML-11", input: changedInput });
    const changed = changes.map((answer) => answer.data?.upsertContractByExternalId.contract);
    expect(changed.map((contract) => contract?.subject)).toEqual(changed.map(() => "Změněný předmět smlouvy"));
  });

  it("answers NotFound for unknown, foreign or wrong-kind external ids", async () => {
    await upsertContract("ERP-SML-K", contractInput());
    for (const [kind, externalId] of [
      ["CONTRACT", "NEEXISTUJE"],
      ["INVOICE", "ERP-SML-K"],
      ["CONTRACT", "x".repeat(500)],
      ["CONTRACT", "' OR 1=1 --"],
    ]) {
      const answer = await world.integrator.request(PUBLISH, { kind, externalId });
      expect(answer.data!.publishRegisterEntryByExternalId.__typename, externalId).toBe("NotFoundError");
    }
    // A NUL cannot be any entry's id: refused as bad input, like every argument with one.
    const nul = await world.integrator.request(PUBLISH, { kind: "CONTRACT", externalId: "NUL\u0000" });
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "publishRegisterEntryByExternalId.externalId" });
    const reasonless = await world.integrator.request(UNPUBLISH, { kind: "CONTRACT", externalId: "ERP-SML-K", reason: "" });
    expect(reasonless.data!.unpublishRegisterEntryByExternalId.fieldErrors.map((e: any) => e.path[0])).toEqual(["reason"]);
  });
});

describe("token scope", () => {
  it("needs registers:write; a clerk's session is not an integrator", async () => {
    const noticesToken = await apiTokenClient(app, world.town.id, ["notices:write"], world.town.host);
    for (const client of [noticesToken, world.clerk]) {
      const answer = await client.request(UPSERT_CONTRACT, { externalId: "ERP-SCOPE", input: contractInput() });
      expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(
      (await world.anonymous.request(UPSERT_CONTRACT, { externalId: "ERP-SCOPE", input: contractInput() })).errors?.[0]?.extensions?.code,
    ).toBe("UNAUTHENTICATED");
    expect(await app.database.prisma.contract.count({ where: { externalId: "ERP-SCOPE" } })).toBe(0);
  });

  it("lets an integrator read what it wrote, drafts included", async () => {
    const draft = await upsertContract("ERP-CTENI", contractInput());
    const answer = await world.integrator.request(`query($id: ID!) { contract(id: $id) { externalId status } }`, { id: draft.contract.id });
    expect(answer.data!.contract).toEqual({ externalId: "ERP-CTENI", status: "DRAFT" });
  });
});
