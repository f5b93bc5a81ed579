// Clerks record, correct, publish and withdraw contracts, invoices and orders: field-level
// validation, unique numbers (also under concurrency), links within the town only, audit and cache.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestApp, type TestApp } from "../kit/app.ts";
import {
  CONTRACT_FIELDS,
  contractInput,
  create,
  created,
  ERROR_FIELDS,
  gid,
  INVOICE_FIELDS,
  invoiceInput,
  localId,
  ORDER_FIELDS,
  orderInput,
  publish,
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

const fieldErrors = (result: any) =>
  Object.fromEntries((result.fieldErrors ?? []).map((e: { path: string[]; code: string }) => [e.path.join("."), e.code]));

const UPDATE_CONTRACT = `mutation($id: ID!, $input: ContractInput!) {
  updateContract(id: $id, input: $input) { __typename ... on UpdateContractSuccess { contract { ${CONTRACT_FIELDS} } } ${ERROR_FIELDS} }
}`;
const UNPUBLISH = `mutation($id: ID!, $reason: String!) {
  unpublishRegisterEntry(id: $id, reason: $reason) {
    __typename ... on UnpublishRegisterEntrySuccess { entry { id status ... on Contract { unpublishReason } } } ${ERROR_FIELDS}
  }
}`;

describe("creating entries", () => {
  it("records a contract as a draft with normalised values and an audit entry", async () => {
    const input = contractInput({ counterpartyIco: "255 96 641", subject: "  Dodávka nábytku  ", amountWithoutVat: "150000.5" });
    const contract = await created(world.clerk, "contract", { ...input, amountWithVat: "181500.61" });
    expect(contract).toMatchObject({
      number: input.number,
      subject: "Dodávka nábytku",
      counterpartyIco: "25596641",
      amountWithoutVat: "150000.50",
      amountWithVat: "181500.61",
      signedOn: "2026-10-01",
      status: "DRAFT",
      publishedAt: null,
    });
    const row = await app.database.prisma.contract.findUniqueOrThrow({ where: { id: localId(contract.id) } });
    expect(row.amountWithoutVat).toBe(15_000_050n);
    expect(row.municipalityId).toBe(world.town.id);
    expect(row.searchText).toBe("stavby vysocina s.r.o. 25596641");
    const audit = await app.database.prisma.auditLogEntry.findFirst({ where: { subjectId: row.id, action: "contract.created" } });
    expect(audit).toMatchObject({ actorUserId: world.clerkId, municipalityId: world.town.id, subjectType: "Contract" });
  });

  it("records invoices linked to a contract and an order of the same town", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    const order = await created(world.clerk, "purchaseOrder", orderInput());
    const invoice = await created(
      world.clerk,
      "invoice",
      invoiceInput({ contractId: contract.id, orderId: order.id, paidOn: "2026-10-10" }),
    );
    expect(invoice).toMatchObject({
      budgetParagraph: "3631",
      budgetItem: "5171",
      paidOn: "2026-10-10",
      contract: { id: contract.id, number: contract.number },
      purchaseOrder: { id: order.id, number: order.number },
    });
  });

  it("answers empty, too long, malformed and inconsistent fields with localized field errors", async () => {
    const answer = await create(
      world.clerk,
      "contract",
      contractInput({
        number: "",
        subject: "x".repeat(1001),
        counterpartyName: "   ",
        counterpartyIco: "12345678",
        amountWithoutVat: "-1.00",
        amountWithVat: "0.00",
        validFrom: "2026-12-01",
        validUntil: "2026-11-01",
        registryPublishedOn: "2026-09-01",
      }),
    );
    const result = answer.data!.createContract;
    expect(result.__typename).toBe("ValidationError");
    expect(fieldErrors(result)).toEqual({
      number: "TOO_SMALL",
      subject: "TOO_BIG",
      counterpartyName: "TOO_SMALL",
      counterpartyIco: "CUSTOM",
      amountWithoutVat: "TOO_SMALL",
      validUntil: "CUSTOM",
      registryPublishedOn: "CUSTOM",
    });
    const messages = Object.fromEntries(result.fieldErrors.map((e: any) => [e.path[0], e.message]));
    expect(messages.number).toBe("Vyplňte toto pole.");
    expect(messages.subject).toBe("Nejvýše 1000 znaků.");
    expect(messages.counterpartyIco).toMatch(/IČO musí mít 8 číslic/);
    expect(messages.amountWithoutVat).toBe("Částka nesmí být záporná.");
    expect(await app.database.prisma.contract.count({ where: { subject: { startsWith: "xxx" } } })).toBe(0);
  });

  it("checks an order's registr smluv fields like a contract's", async () => {
    const answer = await create(
      world.clerk,
      "purchaseOrder",
      orderInput({ orderedOn: "2026-10-01", registryId: "R".repeat(51), registryPublishedOn: "2026-09-30" }),
    );
    const result = answer.data!.createPurchaseOrder;
    expect(fieldErrors(result)).toEqual({ registryId: "TOO_BIG", registryPublishedOn: "CUSTOM" });
    const messages = Object.fromEntries(result.fieldErrors.map((e: any) => [e.path[0], e.message]));
    expect(messages).toEqual({
      registryId: "Nejvýše 50 znaků.",
      registryPublishedOn: "Objednávku nelze zveřejnit v registru smluv dříve, než byla vystavena.",
    });
    // The contract's own rules, for comparison: the same field, the same codes.
    const contract = await create(
      world.clerk,
      "contract",
      contractInput({ signedOn: "2026-10-01", registryId: "R".repeat(51), registryPublishedOn: "2026-09-30" }),
    );
    expect(fieldErrors(contract.data!.createContract)).toEqual({ registryId: "TOO_BIG", registryPublishedOn: "CUSTOM" });

    const control = await create(world.clerk, "purchaseOrder", orderInput({ registryId: "123\u0007456" }));
    expect(fieldErrors(control.data!.createPurchaseOrder)).toEqual({ registryId: "CUSTOM" });
    const nul = await create(world.clerk, "purchaseOrder", orderInput({ registryId: "123\u0000456" }));
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "createPurchaseOrder.input.registryId" });
    const notDate = await create(world.clerk, "purchaseOrder", orderInput({ registryPublishedOn: "15. 12. 2026" }));
    expect(notDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const injection = await create(world.clerk, "purchaseOrder", orderInput({ registryPublishedOn: "2026-10-01'; DROP TABLE x;--" }));
    expect(injection.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    world.clerk.locale = "en";
    try {
      const english = await create(
        world.clerk,
        "purchaseOrder",
        orderInput({ orderedOn: "2026-10-01", registryPublishedOn: "2026-09-01" }),
      );
      expect(english.data!.createPurchaseOrder.fieldErrors.map((e: any) => e.message)).toEqual([
        "An order cannot be published in the register of contracts before the day it was placed.",
      ]);
    } finally {
      world.clerk.locale = "cs";
    }
    expect(await app.database.prisma.purchaseOrder.count({ where: { municipalityId: world.town.id, registryId: { not: null } } })).toBe(0);
  });

  it("records an order's registr smluv id and date, trimmed; published on the order day is fine", async () => {
    const order = await created(
      world.clerk,
      "purchaseOrder",
      orderInput({
        amountWithoutVat: "120000.00",
        amountWithVat: "145200.00",
        orderedOn: "2026-10-01",
        registryId: "  24518877  ",
        registryPublishedOn: "2026-10-01",
      }),
    );
    expect(order).toMatchObject({
      registryId: "24518877",
      registryPublishedOn: "2026-10-01",
      requiresRegistry: true,
      registryDeadline: "2026-10-31",
      registryOverdue: false,
    });
    const row = await app.database.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: localId(order.id) } });
    expect(row.registryId).toBe("24518877");
    expect(row.registryPublishedOn?.toISOString()).toBe("2026-10-01T00:00:00.000Z");
    // An empty id is no id.
    const blank = await created(world.clerk, "purchaseOrder", orderInput({ registryId: "   ", registryPublishedOn: null }));
    expect(blank).toMatchObject({ registryId: null, registryPublishedOn: null });
  });

  it("words the errors in English for an English reader", async () => {
    world.clerk.locale = "en";
    try {
      const answer = await create(
        world.clerk,
        "invoice",
        invoiceInput({ amountWithoutVat: "100.00", amountWithVat: "99.99", dueOn: "2026-10-01" }),
      );
      const messages = Object.fromEntries(answer.data!.createInvoice.fieldErrors.map((e: any) => [e.path[0], e.message]));
      expect(messages).toEqual({
        amountWithVat: "The amount including VAT must not be lower than the amount excluding VAT.",
        dueOn: "The due date must not precede the issue date.",
      });
    } finally {
      world.clerk.locale = "cs";
    }
  });

  it("checks the budget classification: 4 digits each, both or neither", async () => {
    const bad = await create(world.clerk, "invoice", invoiceInput({ budgetParagraph: "363", budgetItem: "51a1" }));
    expect(fieldErrors(bad.data!.createInvoice)).toEqual({ budgetParagraph: "CUSTOM", budgetItem: "CUSTOM" });
    const half = await create(world.clerk, "invoice", invoiceInput({ budgetParagraph: "3631", budgetItem: null }));
    expect(fieldErrors(half.data!.createInvoice)).toEqual({ budgetItem: "CUSTOM" });
    const none = await create(world.clerk, "invoice", invoiceInput({ budgetParagraph: null, budgetItem: "" }));
    expect(none.data!.createInvoice.__typename).toBe("CreateInvoiceSuccess");
  });

  it("refuses control characters in text", async () => {
    const answer = await create(world.clerk, "purchaseOrder", orderInput({ subject: "Objednávka\u001b[31m" }));
    expect(fieldErrors(answer.data!.createPurchaseOrder)).toEqual({ subject: "CUSTOM" });
    // A NUL, which PostgreSQL cannot store, is refused before any service runs, for every argument alike.
    const nul = await create(world.clerk, "purchaseOrder", orderInput({ subject: "Objednávka\u0000" }));
    expect(nul.errors?.[0]).toMatchObject({
      message: "createPurchaseOrder.input.subject: Obsahuje nepovolené znaky (např. znak NUL).",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("rejects values of the wrong type before anything runs", async () => {
    const notMoney = await create(world.clerk, "contract", contractInput({ amountWithoutVat: "12,50" }));
    expect(notMoney.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const notMoneyNumber = await create(world.clerk, "contract", contractInput({ amountWithoutVat: 1250 }));
    expect(notMoneyNumber.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const notDate = await create(world.clerk, "contract", contractInput({ signedOn: "1. 10. 2026" }));
    expect(notDate.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const tooManyDecimals = await create(world.clerk, "contract", contractInput({ amountWithVat: "1.001" }));
    expect(tooManyDecimals.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(notMoney.errors)).not.toMatch(/stack|\.ts:\d+/);
  });

  it("refuses a number already used in the register, also when two clerks save it at once", async () => {
    const first = await created(world.clerk, "contract", contractInput());
    const again = await create(world.clerk, "contract", contractInput({ number: first.number }));
    expect(fieldErrors(again.data!.createContract)).toEqual({ number: "NUMBER_TAKEN" });
    expect(again.data!.createContract.fieldErrors[0].message).toBe("Záznam s tímto číslem už v evidenci je.");

    const number = `SML-SOUBEH-${Date.now()}`;
    const answers = await Promise.all([1, 2, 3].map(() => create(world.clerk, "contract", contractInput({ number }))));
    const kinds = answers.map((answer) => answer.data!.createContract.__typename).sort();
    expect(kinds).toEqual(["CreateContractSuccess", "ValidationError", "ValidationError"]);
    expect(await app.database.prisma.contract.count({ where: { number } })).toBe(1);

    // The same number in another register, or in another town, is fine.
    expect((await create(world.clerk, "purchaseOrder", orderInput({ number }))).data!.createPurchaseOrder.__typename).toBe(
      "CreatePurchaseOrderSuccess",
    );
    expect((await create(world.otherTownClerk, "contract", contractInput({ number }))).data!.createContract.__typename).toBe(
      "CreateContractSuccess",
    );
  });

  it("treats another town's or unknown linked ids as not found (field errors)", async () => {
    const foreignContract = await created(world.otherTownClerk, "contract", contractInput());
    const foreignOrder = await created(world.otherTownClerk, "purchaseOrder", orderInput());
    const answer = await create(world.clerk, "invoice", invoiceInput({ contractId: foreignContract.id, orderId: foreignOrder.id }));
    expect(fieldErrors(answer.data!.createInvoice)).toEqual({ contractId: "NOT_FOUND", orderId: "NOT_FOUND" });
    const garbage = await create(
      world.clerk,
      "invoice",
      invoiceInput({ contractId: gid("Contract", '\'; DROP TABLE "Contract";--'), orderId: "bm90LWEtaWQ=" }),
    );
    expect(fieldErrors(garbage.data!.createInvoice)).toEqual({ contractId: "NOT_FOUND", orderId: "NOT_FOUND" });
    // An order's id where a contract's is expected is not a contract.
    const ownOrder = await created(world.clerk, "purchaseOrder", orderInput());
    const wrongType = await create(world.clerk, "invoice", invoiceInput({ contractId: ownOrder.id }));
    expect(fieldErrors(wrongType.data!.createInvoice)).toEqual({ contractId: "NOT_FOUND" });
  });

  it("accepts an uploaded file of the town as a contract's attachment, not another town's", async () => {
    const file = (municipalityId: string) =>
      app.database.prisma.storedFile.create({
        data: { municipalityId, fileName: "smlouva.pdf", mimeType: "application/pdf", size: 1234, sha256: "0".repeat(64), storageKey: "x" },
      });
    const own = await file(world.town.id);
    const foreign = await file(world.otherTown.id);
    const bad = await create(world.clerk, "contract", contractInput({ attachmentId: gid("StoredFile", foreign.id) }));
    expect(fieldErrors(bad.data!.createContract)).toEqual({ attachmentId: "NOT_FOUND" });
    const good = await created(world.clerk, "contract", contractInput({ attachmentId: gid("StoredFile", own.id) }));
    await publish(world.clerk, good.id);
    const answer = await world.anonymous.request(`query($id: ID!) { contract(id: $id) { attachment { fileName mimeType size url } } }`, {
      id: good.id,
    });
    expect(answer.data!.contract.attachment).toEqual({
      fileName: "smlouva.pdf",
      mimeType: "application/pdf",
      size: 1234,
      url: `/soubory/${own.id}/smlouva.pdf`,
    });
  });
});

describe("updating entries", () => {
  it("replaces the fields, keeps the search text current, and does nothing for the same values", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    const input = contractInput({ number: contract.number, counterpartyName: "Zahradnictví Kvítek", counterpartyIco: null });
    const first = await world.clerk.request(UPDATE_CONTRACT, { id: contract.id, input });
    expect(first.data!.updateContract.contract).toMatchObject({ counterpartyName: "Zahradnictví Kvítek", counterpartyIco: null });
    const row = await app.database.prisma.contract.findUniqueOrThrow({ where: { id: localId(contract.id) } });
    expect(row.searchText).toBe("zahradnictvi kvitek");
    const updatedAt = row.updatedAt;

    app.clock.advance({ minutes: 5 });
    const replay = await world.clerk.request(UPDATE_CONTRACT, { id: contract.id, input });
    expect(replay.data!.updateContract.__typename).toBe("UpdateContractSuccess");
    const after = await app.database.prisma.contract.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.updatedAt).toEqual(updatedAt);
    expect(await app.database.prisma.auditLogEntry.count({ where: { subjectId: row.id, action: "contract.updated" } })).toBe(1);
  });

  it("records an order's later publication in the registry as a change, and clears it when sent empty", async () => {
    const input = orderInput({ amountWithoutVat: "90000.00", amountWithVat: "108900.00", orderedOn: "2026-10-01" });
    const order = await created(world.clerk, "purchaseOrder", input);
    const UPDATE_ORDER = `mutation($id: ID!, $input: PurchaseOrderInput!) {
      updatePurchaseOrder(id: $id, input: $input) { __typename ... on UpdatePurchaseOrderSuccess { purchaseOrder { ${ORDER_FIELDS} } } ${ERROR_FIELDS} }
    }`;
    const recorded = await world.clerk.request(UPDATE_ORDER, {
      id: order.id,
      input: { ...input, number: order.number, registryId: "24518877", registryPublishedOn: "2026-10-20" },
    });
    expect(recorded.data!.updatePurchaseOrder.purchaseOrder).toMatchObject({
      registryId: "24518877",
      registryPublishedOn: "2026-10-20",
      registryOverdue: false,
    });
    const audit = await app.database.prisma.auditLogEntry.findMany({
      where: { subjectId: localId(order.id), action: "purchaseOrder.updated" },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).toMatch(/registryPublishedOn/);
    const wrong = await world.clerk.request(UPDATE_ORDER, {
      id: order.id,
      input: { ...input, number: order.number, registryId: "24518877", registryPublishedOn: "2026-09-20" },
    });
    expect(fieldErrors(wrong.data!.updatePurchaseOrder)).toEqual({ registryPublishedOn: "CUSTOM" });
    const cleared = await world.clerk.request(UPDATE_ORDER, { id: order.id, input: { ...input, number: order.number } });
    expect(cleared.data!.updatePurchaseOrder.purchaseOrder).toMatchObject({
      registryId: null,
      registryPublishedOn: null,
      registryOverdue: true, // ordered 2026-10-01, the deadline 2026-10-31 has passed on 26 November
    });
  });

  it("refuses renumbering onto another entry's number", async () => {
    const a = await created(world.clerk, "purchaseOrder", orderInput());
    const b = await created(world.clerk, "purchaseOrder", orderInput());
    const answer = await world.clerk.request(
      `mutation($id: ID!, $input: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $input) { __typename ${ERROR_FIELDS} } }`,
      { id: b.id, input: orderInput({ number: a.number }) },
    );
    expect(fieldErrors(answer.data!.updatePurchaseOrder)).toEqual({ number: "NUMBER_TAKEN" });
  });

  it("answers NotFound for another town's, unknown and malformed ids", async () => {
    const foreign = await created(world.otherTownClerk, "contract", contractInput());
    for (const id of [
      foreign.id,
      gid("Contract", "00000000-0000-0000-0000-000000000000"),
      "not-a-global-id",
      gid("Invoice", localId(foreign.id)),
    ]) {
      const answer = await world.clerk.request(UPDATE_CONTRACT, { id, input: contractInput() });
      expect(answer.data!.updateContract.__typename, id).toBe("NotFoundError");
    }
    const untouched = await app.database.prisma.contract.findUniqueOrThrow({ where: { id: localId(foreign.id) } });
    expect(untouched.number).toBe(foreign.number);
  });

  it("refreshes the public cache when a published entry changes", async () => {
    const invalidate = vi.spyOn(app.services.publicCache, "invalidate");
    try {
      const order = await created(world.clerk, "purchaseOrder", orderInput());
      const update = (input: Record<string, unknown>) =>
        world.clerk.request(
          `mutation($id: ID!, $input: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $input) { __typename ${ERROR_FIELDS} } }`,
          { id: order.id, input },
        );
      await update(orderInput({ number: order.number, subject: "Draft change" }));
      expect(invalidate).not.toHaveBeenCalled();
      await publish(world.clerk, order.id);
      expect(invalidate).toHaveBeenCalledWith(world.town.id);
      invalidate.mockClear();
      await update(orderInput({ number: order.number, subject: "Public change" }));
      expect(invalidate).toHaveBeenCalledTimes(1);
    } finally {
      invalidate.mockRestore();
    }
  });
});

describe("publishing and withdrawing", () => {
  const publicContract = (client: typeof world.anonymous, id: string) =>
    client.request(`query($id: ID!) { contract(id: $id) { id status } node(id: $id) { id } }`, { id });

  it("shows an entry to the public only while published", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    expect((await publicContract(world.anonymous, contract.id)).data).toEqual({ contract: null, node: null });
    expect((await world.clerk.request(`query($id: ID!) { contract(id: $id) { status } }`, { id: contract.id })).data!.contract).toEqual({
      status: "DRAFT",
    });

    app.clock.set("2026-11-26T12:00:00Z");
    const published = await publish(world.clerk, contract.id);
    expect(published.entry).toMatchObject({ status: "PUBLISHED", publishedAt: "2026-11-26T12:00:00.000Z" });
    expect((await publicContract(world.anonymous, contract.id)).data).toEqual({
      contract: { id: contract.id, status: "PUBLISHED" },
      node: { id: contract.id },
    });
    // Another town's portal does not show it.
    expect((await publicContract(world.otherTownAnonymous, contract.id)).data).toEqual({ contract: null, node: null });

    const withdrawn = await world.clerk.request(UNPUBLISH, { id: contract.id, reason: "Chybně zveřejněná příloha" });
    expect(withdrawn.data!.unpublishRegisterEntry.entry).toMatchObject({
      status: "UNPUBLISHED",
      unpublishReason: "Chybně zveřejněná příloha",
    });
    expect((await publicContract(world.anonymous, contract.id)).data).toEqual({ contract: null, node: null });
    const actions = await app.database.prisma.auditLogEntry.findMany({
      where: { subjectId: localId(contract.id) },
      orderBy: { id: "asc" },
      select: { action: true, details: true },
    });
    expect(actions.map((a) => a.action)).toEqual(["contract.created", "contract.published", "contract.unpublished"]);
    expect(actions[2]!.details).toMatchObject({ reason: "Chybně zveřejněná příloha" });
  });

  it("hides clerk-only fields from the public", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    await publish(world.clerk, contract.id);
    const answer = await world.anonymous.request(`query($id: ID!) { contract(id: $id) { number externalId unpublishReason updatedAt } }`, {
      id: contract.id,
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.contract).toEqual({ number: contract.number, externalId: null, unpublishReason: null, updatedAt: null });
  });

  it("requires a reason to withdraw, and refuses to withdraw a draft", async () => {
    const invoice = await created(world.clerk, "invoice", invoiceInput());
    const draft = await world.clerk.request(UNPUBLISH, { id: invoice.id, reason: "Důvod" });
    expect(fieldErrors(draft.data!.unpublishRegisterEntry)).toEqual({ id: "NOT_PUBLISHED" });
    await publish(world.clerk, invoice.id);
    const empty = await world.clerk.request(UNPUBLISH, { id: invoice.id, reason: "   " });
    expect(fieldErrors(empty.data!.unpublishRegisterEntry)).toEqual({ reason: "TOO_SMALL" });
    const long = await world.clerk.request(UNPUBLISH, { id: invoice.id, reason: "d".repeat(1001) });
    expect(fieldErrors(long.data!.unpublishRegisterEntry)).toEqual({ reason: "TOO_BIG" });
    expect((await app.database.prisma.invoice.findUniqueOrThrow({ where: { id: localId(invoice.id) } })).status).toBe("PUBLISHED");
  });

  it("records one publication for a double click or a replay", async () => {
    const order = await created(world.clerk, "purchaseOrder", orderInput());
    const results = await Promise.all([publish(world.clerk, order.id), publish(world.clerk, order.id), publish(world.clerk, order.id)]);
    expect(results.every((r) => r.entry.status === "PUBLISHED")).toBe(true);
    expect(
      await app.database.prisma.auditLogEntry.count({ where: { subjectId: localId(order.id), action: "purchaseOrder.published" } }),
    ).toBe(1);
  });

  it("keeps another town's clerk and other agendas out", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    const foreign = await publish(world.otherTownClerk, contract.id);
    expect(foreign.__typename).toBe("NotFoundError");
    const wrongAgenda = await world.otherAgendaClerk.request(`mutation($id: ID!) { publishRegisterEntry(id: $id) { __typename } }`, {
      id: contract.id,
    });
    expect(wrongAgenda.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await create(world.anonymous, "contract", contractInput());
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await app.database.prisma.contract.findUniqueOrThrow({ where: { id: localId(contract.id) } })).status).toBe("DRAFT");
  });

  it("shows a published invoice's link to an unpublished contract to clerks only", async () => {
    const contract = await created(world.clerk, "contract", contractInput());
    const invoice = await created(world.clerk, "invoice", invoiceInput({ contractId: contract.id }));
    await publish(world.clerk, invoice.id);
    const query = `query($id: ID!) { invoice(id: $id) { number contract { id } } }`;
    expect((await world.anonymous.request(query, { id: invoice.id })).data!.invoice.contract).toBeNull();
    expect((await world.clerk.request(query, { id: invoice.id })).data!.invoice.contract).toEqual({ id: contract.id });
    await publish(world.clerk, contract.id);
    expect((await world.anonymous.request(query, { id: invoice.id })).data!.invoice.contract).toEqual({ id: contract.id });
    const contractInvoices = await world.anonymous.request(`query($id: ID!) { contract(id: $id) { invoices { id } } }`, {
      id: contract.id,
    });
    expect(contractInvoices.data!.contract.invoices).toEqual([{ id: invoice.id }]);
  });

  it("orders and invoices have their own fields in the public detail", async () => {
    const order = await created(world.clerk, "purchaseOrder", orderInput({ department: "Kancelář starosty" }));
    await publish(world.clerk, order.id);
    const answer = await world.anonymous.request(`query($id: ID!) { purchaseOrder(id: $id) { ${ORDER_FIELDS} invoices { id } } }`, {
      id: order.id,
    });
    expect(answer.data!.purchaseOrder).toMatchObject({ orderedOn: "2026-09-15", department: "Kancelář starosty", invoices: [] });
    expect(
      (await world.anonymous.request(`query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, { id: order.id })).data!.invoice,
    ).toBeNull();
  });
});
