// The public registers without login: filters, sorting, pages, totals, the SQL budget of a list,
// hostile filter values, and the registr smluv flags as the injected clock moves.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  concludedBeforeForCancelled,
  concludedBeforeForOverdue,
  registryObligation,
} from "../../api/src/services/registers/registry-obligation.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { signedInClient, validIco } from "../kit/factories.ts";
import {
  contractInput,
  created,
  invoiceInput,
  orderInput,
  publish,
  publishedContract,
  REGISTRY_FLAGS,
  registersWorld,
  type RegistersWorld,
} from "./registers-support.ts";

let app: TestApp;
let world: RegistersWorld;
const ico = validIco(4242);
const numbers: Record<string, string> = {};

beforeAll(async () => {
  // Every answer computed, never from the public response cache: this file checks what is computed
  // (and how many SQL statements it takes).
  app = await createTestApp({ RESPONSE_CACHE_TTL_SECONDS: "0" });
  world = await registersWorld(app);
  const seed = async (key: string, overrides: Record<string, unknown>) => {
    const contract = await publishedContract(world.clerk, overrides);
    numbers[key] = contract.number;
  };
  await seed("bridge", {
    subject: "Oprava mostu",
    counterpartyName: "Mostní Stavby Žďár s.r.o.",
    counterpartyIco: ico,
    amountWithoutVat: "400000.00",
    amountWithVat: "484000.00",
    signedOn: "2026-03-10",
    department: "Odbor správy majetku",
  });
  await seed("school", {
    subject: "Nábytek do školy",
    counterpartyName: "Nábytek Vysočina",
    amountWithoutVat: "30000.00",
    amountWithVat: "36300.00",
    signedOn: "2026-06-01",
    department: "Odbor školství",
  });
  await seed("old", {
    subject: "Svoz odpadu",
    counterpartyName: "Technické služby Lipnice",
    amountWithoutVat: "100000.00",
    amountWithVat: "121000.00",
    signedOn: "2025-12-15",
    department: "odbor ŽIVOTNÍHO prostředí",
  });
  await seed("percent", {
    subject: "Sleva",
    counterpartyName: "Firma 100% s.r.o.",
    amountWithoutVat: "10.00",
    amountWithVat: "12.10",
    signedOn: "2026-02-02",
  });
  // Not public: a draft, a withdrawn one, and another town's published contract.
  await created(world.clerk, "contract", contractInput({ counterpartyName: "Mostní návrh", signedOn: "2026-05-05" }));
  const withdrawn = await publishedContract(world.clerk, { counterpartyName: "Mostní stažená", signedOn: "2026-05-06" });
  await world.clerk.request(`mutation($id: ID!) { unpublishRegisterEntry(id: $id, reason: "Chyba") { __typename } }`, { id: withdrawn.id });
  await publishedContract(world.otherTownClerk, { counterpartyName: "Mostní Stavby Žďár s.r.o.", signedOn: "2026-03-11" });
});
afterAll(async () => {
  await app.close();
});

const LIST = `query($filter: RegisterFilter, $orderBy: RegisterOrder, $first: Int, $after: String) {
  contracts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    totals { count amountWithoutVat amountWithVat }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id number subject counterpartyName counterpartyIco amountWithVat signedOn department attachmentUrl requiresRegistry registryDeadline registryOverdue } }
  }
}`;

async function list(variables: Record<string, unknown>, client = world.anonymous) {
  const answer = await client.request(LIST, variables);
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data!.contracts;
}
const numbersOf = (connection: any) => connection.edges.map((edge: any) => edge.node.number);

describe("public contract list", () => {
  it("lists only this town's published contracts, newest first, with totals", async () => {
    const contracts = await list({});
    expect(numbersOf(contracts)).toEqual([numbers.school, numbers.bridge, numbers.percent, numbers.old]);
    expect(contracts.totalCount).toBe(4);
    expect(contracts.totals).toEqual({ count: 4, amountWithoutVat: "530010.00", amountWithVat: "641312.10" });
  });

  it("takes at most 2 SQL statements for a page with totals, whatever the filter", async () => {
    await list({}); // the municipality lookup is cached after the first request
    for (const variables of [
      {},
      { filter: { year: 2026, counterparty: "mostni", amountMin: "1000.00" }, orderBy: { field: "AMOUNT", direction: "DESC" }, first: 2 },
    ]) {
      app.queries.length = 0;
      const contracts = await list(variables);
      expect(contracts.edges.length).toBeGreaterThan(0);
      expect(app.queries.length, app.queries.join("\n")).toBeGreaterThan(0);
      expect(app.queries.length, app.queries.join("\n")).toBeLessThanOrEqual(2);
    }
    // The next page too.
    const first = await list({ first: 2 });
    app.queries.length = 0;
    await list({ first: 2, after: first.pageInfo.endCursor });
    expect(app.queries.length, app.queries.join("\n")).toBeLessThanOrEqual(2);
  });

  it("filters by year of signing", async () => {
    expect(numbersOf(await list({ filter: { year: 2025 } }))).toEqual([numbers.old]);
    expect((await list({ filter: { year: 2024 } })).totalCount).toBe(0);
  });

  it("finds the counterparty by part of its name, ignoring case and diacritics, or by IČO", async () => {
    for (const counterparty of ["mostni stavby zdar", "MOSTNÍ", "Žďár", "stavby"]) {
      expect(numbersOf(await list({ filter: { counterparty } })), counterparty).toEqual([numbers.bridge]);
    }
    expect(numbersOf(await list({ filter: { counterparty: ico } }))).toEqual([numbers.bridge]);
    expect(numbersOf(await list({ filter: { counterparty: `${ico.slice(0, 3)} ${ico.slice(3, 5)} ${ico.slice(5)}` } }))).toEqual([
      numbers.bridge,
    ]);
  });

  it("treats LIKE wildcards and SQL in the filter as plain text", async () => {
    expect(numbersOf(await list({ filter: { counterparty: "100%" } }))).toEqual([numbers.percent]);
    expect(numbersOf(await list({ filter: { counterparty: "%" } }))).toEqual([numbers.percent]);
    for (const counterparty of ["_", "1_0", "%mostni", "\\", "' OR 1=1 --", '\'; DROP TABLE "Contract"; --']) {
      const answer = await world.anonymous.request(LIST, { filter: { counterparty } });
      expect(answer.errors, counterparty).toBeUndefined();
      expect(answer.data!.contracts.totalCount, counterparty).toBe(0);
    }
    // Control characters are dropped; a NUL (which PostgreSQL cannot store) is refused for every argument alike.
    expect(numbersOf(await list({ filter: { counterparty: "most\u0007ni" } }))).toEqual([numbers.bridge]);
    const nul = await world.anonymous.request(LIST, { filter: { counterparty: "most\u0000ni" } });
    expect(nul.errors?.[0]).toMatchObject({
      message: "contracts.filter.counterparty: Obsahuje nepovolené znaky (např. znak NUL).",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await list({})).totalCount).toBe(4);
  });

  it("filters by amount including VAT and by department (case ignored)", async () => {
    expect(numbersOf(await list({ filter: { amountMin: "100000.00", amountMax: "200000.00" } }))).toEqual([numbers.old]);
    expect(numbersOf(await list({ filter: { amountMin: "484000.00" } }))).toEqual([numbers.bridge]);
    expect(numbersOf(await list({ filter: { department: "Odbor životního prostředí" } }))).toEqual([numbers.old]);
  });

  it("sorts by amount and by counterparty in both directions", async () => {
    expect(numbersOf(await list({ orderBy: { field: "AMOUNT", direction: "ASC" } }))).toEqual([
      numbers.percent,
      numbers.school,
      numbers.old,
      numbers.bridge,
    ]);
    expect(numbersOf(await list({ orderBy: { field: "COUNTERPARTY", direction: "DESC" } }))).toEqual([
      numbers.old,
      numbers.school,
      numbers.bridge,
      numbers.percent,
    ]);
    expect(numbersOf(await list({ orderBy: { field: "DATE", direction: "ASC" } }))).toEqual([
      numbers.old,
      numbers.percent,
      numbers.bridge,
      numbers.school,
    ]);
  });

  it("pages through a sorted list without skipping or repeating", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const contracts: any = await list({ first: 1, after, orderBy: { field: "AMOUNT", direction: "DESC" } });
      seen.push(...numbersOf(contracts));
      if (!contracts.pageInfo.hasNextPage) break;
      after = contracts.pageInfo.endCursor;
    }
    expect(seen).toEqual([numbers.bridge, numbers.old, numbers.school, numbers.percent]);
  });

  it("answers bad filters with a clear error, not a stack trace", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ filter: { year: 20260 } }, /rok/],
      [{ filter: { counterparty: "x".repeat(201) } }, /200/],
      [{ filter: { amountMin: "-5.00" } }, /záporná/],
      [{ filter: { amountMin: "abc" } }, /^filter\.amountMin: Zadejte částku/],
      [{ filter: { year: "2026" } }, /Int/],
      [{ orderBy: { field: "PRICE", direction: "ASC" } }, /PRICE/],
      [{ first: 2, after: "not-a-cursor" }, /./],
    ];
    for (const [variables, message] of cases) {
      const answer = await world.anonymous.request(LIST, variables);
      expect(answer.errors?.[0]?.message, JSON.stringify(variables)).toMatch(message);
      expect(JSON.stringify(answer.errors)).not.toMatch(/\.ts:\d+|stack/);
    }
  });
});

describe("invoices and orders", () => {
  it("lists published invoices with their contract and filters them by supplier and year", async () => {
    const contract = await publishedContract(world.clerk, { counterpartyName: "Kanalizace a.s." });
    const invoice = await created(
      world.clerk,
      "invoice",
      invoiceInput({ supplierName: "Kanalizace a.s.", issuedOn: "2025-11-30", dueOn: "2025-12-14", contractId: contract.id }),
    );
    await publish(world.clerk, invoice.id);
    await created(world.clerk, "invoice", invoiceInput({ supplierName: "Kanalizace a.s.", issuedOn: "2025-11-29", dueOn: "2025-12-14" }));
    const answer = await world.anonymous.request(
      `{ invoices(filter: { counterparty: "kanalizace", year: 2025 }) { totalCount edges { node { number issuedOn budgetParagraph budgetItem contract { number } } } } }`,
    );
    expect(answer.data!.invoices).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            number: invoice.number,
            issuedOn: "2025-11-30",
            budgetParagraph: "3631",
            budgetItem: "5171",
            contract: { number: contract.number },
          },
        },
      ],
    });
  });

  it("lists published orders", async () => {
    const order = await created(world.clerk, "purchaseOrder", orderInput({ supplierName: "Pekárna U Mlýna", orderedOn: "2024-05-01" }));
    await publish(world.clerk, order.id);
    const answer = await world.anonymous.request(
      `{ purchaseOrders(filter: { year: 2024 }) { totalCount totals { amountWithVat } edges { node { number supplierName } } } }`,
    );
    expect(answer.data!.purchaseOrders).toEqual({
      totalCount: 1,
      totals: { amountWithVat: "2420.00" },
      edges: [{ node: { number: order.number, supplierName: "Pekárna U Mlýna" } }],
    });
  });
});

describe("registr smluv", () => {
  const FLAGS = `requiresRegistry registryDeadline registryVoidDate registryOverdue registryCancelled`;
  const flags = async (id: string) =>
    (await world.clerk.request(`query($id: ID!) { contract(id: $id) { ${FLAGS} } }`, { id })).data!.contract;

  it("flags contracts over 50 000 Kč excluding VAT, not at exactly 50 000", async () => {
    const at = await created(world.clerk, "contract", contractInput({ amountWithoutVat: "50000.00", amountWithVat: "60500.00" }));
    const over = await created(world.clerk, "contract", contractInput({ amountWithoutVat: "50000.01", amountWithVat: "50000.01" }));
    expect(await flags(at.id)).toEqual({
      requiresRegistry: false,
      registryDeadline: null,
      registryVoidDate: null,
      registryOverdue: false,
      registryCancelled: false,
    });
    expect((await flags(over.id)).requiresRegistry).toBe(true);
  });

  it("counts the 30-day deadline and the 3-month void date in Prague days", async () => {
    const signedOn = "2026-11-30";
    const input = contractInput({ amountWithoutVat: "80000.00", amountWithVat: "96800.00", signedOn });
    const contract = await created(world.clerk, "contract", input);
    await publish(world.clerk, contract.id);
    // Read as a clerk signed in at that moment: anonymous answers may come from the public response
    // cache, which this test is not about.
    const publicFlags = async (at: string) => {
      app.clock.set(at);
      const clerk = await signedInClient(app, { id: world.clerkId, municipalityId: world.town.id }, world.town.host);
      return (await clerk.request(`query($id: ID!) { contract(id: $id) { ${FLAGS} } }`, { id: contract.id })).data!.contract;
    };
    try {
      // 2026-12-30 is the last day; 22:59:59 UTC on that day is still 23:59:59 in Prague.
      expect(await publicFlags("2026-12-30T22:59:59Z")).toEqual({
        requiresRegistry: true,
        registryDeadline: "2026-12-30",
        registryVoidDate: "2027-02-28",
        registryOverdue: false,
        registryCancelled: false,
      });
      expect((await publicFlags("2026-12-30T23:00:00Z")).registryOverdue).toBe(true); // 00:00 on 31 December in Prague
      expect((await publicFlags("2027-02-28T22:59:59Z")).registryCancelled).toBe(false);
      expect(await publicFlags("2027-02-28T23:00:00Z")).toMatchObject({ registryOverdue: true, registryCancelled: true });
    } finally {
      app.clock.set("2026-11-26T10:00:00Z");
    }
    // Published in the registry: nothing is overdue any more.
    const update = await world.clerk.request(
      `mutation($id: ID!, $input: ContractInput!) { updateContract(id: $id, input: $input) { __typename } }`,
      {
        id: contract.id,
        input: { ...input, registryId: "12345678", registryPublishedOn: "2026-12-15" },
      },
    );
    expect(update.data!.updateContract.__typename).toBe("UpdateContractSuccess");
    try {
      expect(await publicFlags("2027-03-01T10:00:00Z")).toMatchObject({
        registryDeadline: "2026-12-30",
        registryOverdue: false,
        registryCancelled: false,
      });
    } finally {
      app.clock.set("2026-11-26T10:00:00Z");
    }
  });

  it("lets clerks list contracts that need the registry, are overdue or cancelled", async () => {
    const signed = async (signedOn: string, registryPublishedOn: string | null = null, amount = "70000.00") =>
      (
        await created(
          world.clerk,
          "contract",
          contractInput({
            signedOn,
            registryPublishedOn,
            registryId: registryPublishedOn ? "999" : null,
            amountWithoutVat: amount,
            amountWithVat: amount,
            department: "Registr",
          }),
        )
      ).number;
    const fresh = await signed("2026-11-01");
    const overdue = await signed("2026-10-01");
    const cancelled = await signed("2026-08-01");
    const published = await signed("2026-07-10", "2026-07-20");
    await signed("2026-07-10", null, "1000.00"); // small: never required
    const query = `query($registry: RegistryState) { registerContracts(registry: $registry, filter: { department: "Registr" }, orderBy: { field: DATE, direction: DESC }) { totalCount edges { node { number registryOverdue } } } }`;
    const numbersIn = async (registry: string | null) =>
      (await world.clerk.request(query, { registry })).data!.registerContracts.edges.map((e: any) => e.node.number);
    expect(await numbersIn("REQUIRED")).toEqual([fresh, overdue, cancelled, published]);
    expect(await numbersIn("PENDING")).toEqual([fresh, overdue, cancelled]);
    expect(await numbersIn("OVERDUE")).toEqual([overdue, cancelled]);
    expect(await numbersIn("CANCELLED")).toEqual([cancelled]);
    expect((await numbersIn(null)).length).toBe(5);
    // The public list is not for this.
    expect((await world.anonymous.request(query, { registry: "OVERDUE" })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets clerks list drafts and withdrawn entries by status", async () => {
    const answer = await world.clerk.request(
      `{ registerContracts(statuses: [UNPUBLISHED], filter: { counterparty: "mostni" }) { edges { node { counterpartyName status unpublishReason } } } }`,
    );
    expect(answer.data!.registerContracts.edges).toEqual([
      { node: { counterpartyName: "Mostní stažená", status: "UNPUBLISHED", unpublishReason: "Chyba" } },
    ]);
  });
});

describe("registr smluv for orders", () => {
  const NOT_REQUIRED = {
    requiresRegistry: false,
    registryDeadline: null,
    registryVoidDate: null,
    registryOverdue: false,
    registryCancelled: false,
  };
  const orderFlags = async (id: string) =>
    (await world.clerk.request(`query($id: ID!) { purchaseOrder(id: $id) { ${REGISTRY_FLAGS} } }`, { id })).data!.purchaseOrder;

  it("flags an order over 50 000 Kč excluding VAT with its deadline; exactly 50 000,00 or over only with VAT is not", async () => {
    const order = (amountWithoutVat: string, amountWithVat: string) =>
      created(world.clerk, "purchaseOrder", orderInput({ amountWithoutVat, amountWithVat, orderedOn: "2026-11-10" }));
    const at = await order("50000.00", "60500.00");
    const overOnlyWithVat = await order("45000.00", "54450.00");
    const over = await order("50000.01", "60500.01");
    expect(await orderFlags(at.id)).toEqual(NOT_REQUIRED);
    expect(await orderFlags(overOnlyWithVat.id)).toEqual(NOT_REQUIRED);
    expect(await orderFlags(over.id)).toEqual({
      requiresRegistry: true,
      registryDeadline: "2026-12-10",
      registryVoidDate: "2027-02-10",
      registryOverdue: false,
      registryCancelled: false,
    });
    // The create answer carries them too (the clerk's form shows the deadline at once).
    expect(over).toMatchObject({ requiresRegistry: true, registryDeadline: "2026-12-10", registryId: null, registryPublishedOn: null });
  });

  it("counts 30 days and three months from the order date in Prague days, in the public list too", async () => {
    const input = orderInput({
      supplierName: "Střechy Bártek s.r.o.",
      amountWithoutVat: "88000.00",
      amountWithVat: "106480.00",
      orderedOn: "2026-10-31",
    });
    const order = await created(world.clerk, "purchaseOrder", input);
    await publish(world.clerk, order.id);
    const publicList = async (at: string) => {
      app.clock.set(at);
      const answer = await world.anonymous.request(
        `{ purchaseOrders(filter: { counterparty: "strechy bartek" }) { edges { node { number registryId registryPublishedOn ${REGISTRY_FLAGS} } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.purchaseOrders.edges.map((edge: any) => edge.node);
    };
    try {
      // 30 November is the last day; 22:59:59 UTC is still 23:59:59 in Prague.
      expect(await publicList("2026-11-30T22:59:59Z")).toEqual([
        {
          number: order.number,
          registryId: null,
          registryPublishedOn: null,
          requiresRegistry: true,
          registryDeadline: "2026-11-30",
          registryVoidDate: "2027-01-31",
          registryOverdue: false,
          registryCancelled: false,
        },
      ]);
      expect((await publicList("2026-11-30T23:00:00Z"))[0]).toMatchObject({ registryOverdue: true, registryCancelled: false });
      expect((await publicList("2027-01-31T22:59:59Z"))[0]).toMatchObject({ registryOverdue: true, registryCancelled: false });
      expect((await publicList("2027-01-31T23:00:00Z"))[0]).toMatchObject({ registryOverdue: true, registryCancelled: true });

      // Two SQL statements for the page with every flag and the totals.
      app.queries.length = 0;
      const answer = await world.anonymous.request(
        `{ purchaseOrders(first: 20) { totalCount totals { amountWithVat } edges { node { number registryId registryPublishedOn ${REGISTRY_FLAGS} } } } }`,
      );
      expect(answer.data!.purchaseOrders.edges.length).toBeGreaterThan(0);
      expect(app.queries.length, app.queries.join("\n")).toBeGreaterThan(0);
      expect(app.queries.length, app.queries.join("\n")).toBeLessThanOrEqual(2);
    } finally {
      app.clock.set("2026-11-26T10:00:00Z");
    }

    // Recorded as published in the registry (late, but within three months): nothing is overdue any more.
    const update = await world.clerk.request(
      `mutation($id: ID!, $input: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $input) { __typename } }`,
      { id: order.id, input: { ...input, number: order.number, registryId: "24518877", registryPublishedOn: "2026-12-15" } },
    );
    expect(update.data!.updatePurchaseOrder.__typename).toBe("UpdatePurchaseOrderSuccess");
    try {
      expect(await publicList("2027-03-01T10:00:00Z")).toEqual([
        expect.objectContaining({
          registryId: "24518877",
          registryPublishedOn: "2026-12-15",
          registryDeadline: "2026-11-30",
          registryOverdue: false,
          registryCancelled: false,
        }),
      ]);
    } finally {
      app.clock.set("2026-11-26T10:00:00Z");
    }
  });

  it("lets clerks list orders that need the registry, are overdue or cancelled", async () => {
    const department = "Registr objednávek";
    const ordered = async (orderedOn: string, registryPublishedOn: string | null = null, amount = "70000.00") =>
      (
        await created(
          world.clerk,
          "purchaseOrder",
          orderInput({
            orderedOn,
            registryPublishedOn,
            registryId: registryPublishedOn ? "998" : null,
            amountWithoutVat: amount,
            amountWithVat: amount,
            department,
          }),
        )
      ).number;
    const fresh = await ordered("2026-11-01");
    const overdue = await ordered("2026-10-01");
    const cancelled = await ordered("2026-08-01");
    const published = await ordered("2026-07-10", "2026-07-20");
    await ordered("2026-07-10", null, "50000.00"); // exactly 50 000: never required
    const query = `query($registry: RegistryState) {
      registerPurchaseOrders(registry: $registry, filter: { department: "${department}" }, orderBy: { field: DATE, direction: DESC }) {
        totalCount edges { node { number registryOverdue registryCancelled } }
      }
    }`;
    const numbersIn = async (registry: string | null, clerk = world.clerk) => {
      const connection = (await clerk.request(query, { registry })).data!.registerPurchaseOrders;
      expect(connection.totalCount).toBe(connection.edges.length);
      return connection.edges.map((e: any) => e.node.number);
    };
    expect(await numbersIn("REQUIRED")).toEqual([fresh, overdue, cancelled, published]);
    expect(await numbersIn("PENDING")).toEqual([fresh, overdue, cancelled]);
    expect(await numbersIn("OVERDUE")).toEqual([overdue, cancelled]);
    expect(await numbersIn("CANCELLED")).toEqual([cancelled]);
    expect((await numbersIn(null)).length).toBe(5);
    // The flags say the same as the filter.
    const all = (await world.clerk.request(query, { registry: null })).data!.registerPurchaseOrders.edges.map((e: any) => e.node);
    expect(all.filter((o: any) => o.registryOverdue).map((o: any) => o.number)).toEqual([overdue, cancelled]);
    expect(all.filter((o: any) => o.registryCancelled).map((o: any) => o.number)).toEqual([cancelled]);

    // At a month end: ordered on 30 September, void after 30 December, so cancelled on 31 December.
    const monthEnd = await ordered("2026-09-30");
    app.clock.set("2026-12-31T10:00:00Z");
    try {
      // Signed in at that moment (the first session would have expired by then).
      const clerk = await signedInClient(app, { id: world.clerkId, municipalityId: world.town.id }, world.town.host);
      expect(await numbersIn("CANCELLED", clerk)).toEqual([monthEnd, cancelled]);
    } finally {
      app.clock.set("2026-11-26T10:00:00Z");
    }
    // The public list is not for this.
    const anonymous = await world.anonymous.request(query, { registry: "OVERDUE" });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("the clerks' filter and the flags agree on every day, month ends and leap days included", () => {
    const start = DateTime.fromISO("2027-10-01", { zone: "utc" });
    const disagreements: string[] = [];
    for (let c = 0; c < 600; c += 1) {
      const concludedOn = start.plus({ days: c }).toISODate()!;
      for (let d = 25; d < 100; d += 1) {
        const today = start.plus({ days: c + d }).toISODate()!;
        const flags = registryObligation({ amountWithoutVat: 5_000_001n, concludedOn, registryPublishedOn: null }, today);
        if (concludedOn < concludedBeforeForOverdue(today) !== flags.overdue) disagreements.push(`overdue ${concludedOn} ${today}`);
        if (concludedOn < concludedBeforeForCancelled(today) !== flags.cancelled) disagreements.push(`cancelled ${concludedOn} ${today}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
