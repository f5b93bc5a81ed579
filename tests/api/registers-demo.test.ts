// The demo registers: realistic, valid by the registers' own rules, live registr smluv flags, and
// safe to seed twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidIco } from "@portal/forms";
import { seedDemoRegisters } from "../../prisma/seed/registers.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

let app: TestApp;
let filesDir: string;
let lipniceId: string;

beforeAll(async () => {
  app = await createTestApp({ RESPONSE_CACHE_TTL_SECONDS: "0" });
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "registers-demo-"));
  const town = (slug: string, name: string, ico: string, hostname: string) =>
    app.database.prisma.municipality.create({
      data: {
        slug,
        name,
        ico,
        street: "Náměstí 1",
        city: name,
        postalCode: "582 32",
        email: `${slug}@demo.example`,
        publicUrl: `http://${hostname}`,
        hosts: { create: [{ hostname }] },
      },
    });
  lipniceId = (await town("lipnice", "Město Lipnice", "00291005", "lipnice.demo.test")).id;
  await town("horni-lhota", "Obec Horní Lhota", "00281000", "lhota.demo.test");
  await seedDemoRegisters(app.database.prisma, { now: app.clock.now(), filesDir });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

describe("demo registers", () => {
  it("give Lipnice a year of published contracts, invoices and orders", async () => {
    const citizen = new Client(app, { host: "lipnice.demo.test" });
    const answer = await citizen.request(`{
      contracts(first: 50) { totalCount edges { node { number counterpartyIco requiresRegistry registryOverdue attachmentUrl } } }
      invoices(first: 50) { totalCount edges { node { issuedOn budgetParagraph budgetItem supplierIco contract { number } purchaseOrder { number } } } }
      purchaseOrders(first: 50) { totalCount }
    }`);
    expect(answer.errors).toBeUndefined();
    const { contracts, invoices, purchaseOrders } = answer.data!;
    expect(contracts.totalCount).toBe(13); // 15 recorded: one draft, one withdrawn
    expect(invoices.totalCount).toBe(20);
    expect(purchaseOrders.totalCount).toBe(11); // 12 recorded: one draft
    // Orders over 50 000 Kč fall under the registr smluv too: one published there in time, one overdue.
    const orders = await citizen.request(
      `{ purchaseOrders(first: 50) { edges { node { number requiresRegistry registryId registryPublishedOn registryOverdue } } } }`,
    );
    const registryOrders = orders.data!.purchaseOrders.edges.map((e: any) => e.node).filter((o: any) => o.requiresRegistry);
    expect(registryOrders).toEqual([
      { number: "OBJ/2026/010", requiresRegistry: true, registryId: null, registryPublishedOn: null, registryOverdue: true },
      {
        number: "OBJ/2026/006",
        requiresRegistry: true,
        registryId: expect.stringMatching(/^\d+$/),
        registryPublishedOn: expect.stringMatching(/^2026-\d\d-\d\d$/),
        registryOverdue: false,
      },
    ]);
    const nodes = contracts.edges.map((e: any) => e.node);
    expect(nodes.filter((c: any) => c.requiresRegistry).length).toBeGreaterThanOrEqual(8);
    expect(nodes.filter((c: any) => c.registryOverdue).map((c: any) => c.number)).toEqual([`SML/2026/012`]);
    expect(nodes.filter((c: any) => c.attachmentUrl).length).toBe(1);
    for (const c of nodes) expect(isValidIco(c.counterpartyIco), c.counterpartyIco).toBe(true);
    const invoiceNodes = invoices.edges.map((e: any) => e.node);
    expect(new Set(invoiceNodes.map((i: any) => i.issuedOn.slice(0, 4)))).toEqual(new Set(["2025", "2026"]));
    for (const i of invoiceNodes) {
      expect(i.budgetParagraph).toMatch(/^\d{4}$/);
      expect(i.budgetItem).toMatch(/^\d{4}$/);
      expect(isValidIco(i.supplierIco)).toBe(true);
    }
    expect(invoiceNodes.filter((i: any) => i.contract).length).toBeGreaterThan(5);
    expect(invoiceNodes.filter((i: any) => i.purchaseOrder).length).toBeGreaterThan(5);
  });

  it("stores the contract's PDF in the file store", async () => {
    const file = await app.database.prisma.storedFile.findFirstOrThrow({ where: { municipalityId: lipniceId } });
    expect(file.mimeType).toBe("application/pdf");
    const bytes = fs.readFileSync(path.join(filesDir, file.storageKey));
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(bytes.length).toBe(file.size);
  });

  it("shows clerks the overdue and pending registr smluv contracts", async () => {
    const clerk = await createUser(app, lipniceId, { role: "CLERK", agendas: ["REGISTERS"] });
    const client = await signedInClient(app, clerk, "lipnice.demo.test");
    const pending = await client.request(`{ registerContracts(registry: PENDING) { edges { node { number status registryOverdue } } } }`);
    expect(pending.data!.registerContracts.edges.map((e: any) => e.node)).toEqual([
      { number: "SML/2026/015", status: "DRAFT", registryOverdue: false },
      { number: "SML/2026/013", status: "PUBLISHED", registryOverdue: false },
      { number: "SML/2026/012", status: "PUBLISHED", registryOverdue: true },
    ]);
  });

  it("shows clerks the overdue and pending registr smluv orders", async () => {
    const clerk = await createUser(app, lipniceId, { role: "CLERK", agendas: ["REGISTERS"] });
    const client = await signedInClient(app, clerk, "lipnice.demo.test");
    const pending = await client.request(
      `{ registerPurchaseOrders(registry: PENDING) { edges { node { number status registryOverdue } } } }`,
    );
    expect(pending.data!.registerPurchaseOrders.edges.map((e: any) => e.node)).toEqual([
      { number: "OBJ/2026/012", status: "DRAFT", registryOverdue: false },
      { number: "OBJ/2026/010", status: "PUBLISHED", registryOverdue: true },
    ]);
  });

  it("keeps Horní Lhota's register apart, and seeding again adds nothing", async () => {
    const lhota = await new Client(app, { host: "lhota.demo.test" }).request(`{ contracts { edges { node { number } } } }`);
    expect(lhota.data!.contracts.edges).toEqual([{ node: { number: "HL-2026-01" } }]);
    const before = await app.database.prisma.invoice.count();
    await seedDemoRegisters(app.database.prisma, { now: app.clock.now(), filesDir });
    expect(await app.database.prisma.invoice.count()).toBe(before);
    expect(await app.database.prisma.contract.count()).toBe(16);
  });
});
