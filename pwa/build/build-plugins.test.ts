import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Rollup } from "vite";
import { describe, expect, it } from "vitest";
import { minifyForGraphcache, type Introspection } from "./graphcache-schema.ts";
import { homePageChunks } from "./home-chunks.ts";
import { checkHomePageBudget, HEADER_ALLOWANCE, homePageScripts, precompress } from "./precompress.ts";
import { partition } from "./split-texts.ts";
import { staffOnlyChunks } from "./staff-only-chunks.ts";

function chunk(fileName: string, facadeModuleId: string | null, imports: string[] = [], dynamicImports: string[] = []) {
  return { type: "chunk", fileName, facadeModuleId, isEntry: facadeModuleId?.endsWith("index.html") ?? false, imports, dynamicImports };
}

describe("staff-only chunks", () => {
  // The entry loads a public page and two staff pages lazily; one chunk is shared by staff pages only, another by
  // a staff page and a public page.
  const bundle = Object.fromEntries(
    [
      chunk("assets/index.js", "/app/index.html", ["assets/react.js"], ["assets/Login.js", "assets/ClerkPage.js", "assets/Notices.js"]),
      chunk("assets/react.js", null),
      chunk("assets/Login.js", "/app/src/features/auth/LoginPage.tsx", ["assets/fields.js"]),
      chunk("assets/ClerkPage.js", "/app/src/features/clerk/ClerkPage.tsx", ["assets/fields.js", "assets/staff-table.js"]),
      chunk("assets/Notices.js", "/app/src/features/notices-clerk/ClerkNoticesPage.tsx", ["assets/staff-table.js"], ["assets/Form.js"]),
      chunk("assets/Form.js", "/app/src/features/notices-clerk/Form.tsx"),
      chunk("assets/fields.js", null),
      chunk("assets/staff-table.js", null),
    ].map((c) => [c.fileName, c]),
  ) as unknown as Rollup.OutputBundle;
  const isStaffPage = (id: string) => /\/src\/features\/(?:[^/]+\/)?(?:[^/]+-)?(?:clerk|admin|staff)\//.test(id);

  it("leaves out what only staff pages reach, keeps what a public page needs too", async () => {
    const staff = staffOnlyChunks(isStaffPage);
    (staff.plugin.generateBundle as unknown as (this: unknown, options: unknown, bundle: Rollup.OutputBundle) => void).call(
      { info: () => undefined },
      {},
      bundle,
    );
    expect([...staff.staffOnlyFiles].sort()).toEqual([
      "assets/ClerkPage.js",
      "assets/Form.js",
      "assets/Notices.js",
      "assets/staff-table.js",
    ]);
    const entries = ["index.html", ...Object.keys(bundle)].map((url) => ({ url, revision: null, size: 1 }));
    const { manifest } = await staff.manifestTransform(entries);
    expect(manifest.map((entry) => entry.url).sort()).toEqual([
      "assets/Login.js",
      "assets/fields.js",
      "assets/index.js",
      "assets/react.js",
      "index.html",
    ]);
  });
});

describe("graphcache schema", () => {
  const introspection: Introspection = {
    __schema: {
      queryType: { name: "Query" },
      mutationType: null,
      subscriptionType: null,
      types: [
        { kind: "ENUM", name: "Role" },
        { kind: "INPUT_OBJECT", name: "Filter" },
        {
          kind: "OBJECT",
          name: "Query",
          fields: [
            {
              name: "users",
              type: { kind: "NON_NULL", ofType: { kind: "LIST", ofType: { kind: "NON_NULL", ofType: { kind: "OBJECT", name: "User" } } } },
              args: [{ name: "filter", type: { kind: "INPUT_OBJECT", name: "Filter" } }],
            },
            { name: "search", type: { kind: "UNION", name: "Result" }, args: [] },
          ],
          interfaces: [],
        },
        {
          kind: "OBJECT",
          name: "User",
          fields: [{ name: "id", type: { kind: "NON_NULL", ofType: { kind: "SCALAR", name: "ID" } }, args: [] }],
          interfaces: [{ kind: "INTERFACE", name: "Node" }],
        },
        { kind: "UNION", name: "Result", possibleTypes: [{ kind: "OBJECT", name: "User" }] },
        { kind: "OBJECT", name: "__Type", fields: [], interfaces: [] },
      ],
    },
  };

  it("keeps object, interface and union types with nullability, interfaces and members; drops the rest", () => {
    const { __schema: schema } = minifyForGraphcache(introspection);
    expect(schema.types.map((type) => type.name)).toEqual(["Query", "User", "Result"]);
    const users = schema.types[0]!.fields![0]!;
    expect(users).toEqual({
      name: "users",
      type: { kind: "NON_NULL", ofType: { kind: "LIST", ofType: { kind: "NON_NULL", ofType: { kind: "OBJECT" } } } },
      args: [],
    });
    expect(schema.types[1]!.interfaces).toEqual([{ kind: "INTERFACE", name: "Node" }]);
    expect(schema.types[2]!.possibleTypes).toEqual([{ kind: "OBJECT", name: "User" }]);
    expect(schema.queryType).toEqual({ name: "Query" });
  });
});

describe("split texts", () => {
  it("keeps whole sections and single keys in the core, everything else in the rest, nothing lost", () => {
    const messages = {
      app: { name: "Portál občana" },
      registers: { nav: "Registry", title: "Registry smluv", kind: { CONTRACT: { none: "Žádné smlouvy" } } },
      admin: { title: "Správa" },
    };
    const core = ["app", "registers.nav"];
    const [coreTexts, rest] = partition(messages, (key) => core.some((entry) => key === entry || key.startsWith(`${entry}.`)));
    expect(coreTexts).toEqual({ app: { name: "Portál občana" }, registers: { nav: "Registry" } });
    expect(rest).toEqual({
      registers: { title: "Registry smluv", kind: { CONTRACT: { none: "Žádné smlouvy" } } },
      admin: { title: "Správa" },
    });
  });
});

describe("home page JavaScript budget (the build's guard)", () => {
  const html = `<script type="module" crossorigin src="/assets/index-a.js"></script>
    <link rel="modulepreload" crossorigin fetchpriority="low" href="/assets/app-b.js">
    <link rel="modulepreload" crossorigin href="/assets/app-b.js">
    <link rel="stylesheet" href="/assets/x.css"><link rel="manifest" href="/manifest.webmanifest">`;

  it("counts the entry, its preloads once each and the service worker", () => {
    expect(homePageScripts(html)).toEqual(["assets/index-a.js", "assets/app-b.js", "sw.js"]);
  });

  it("sums the brotli copies plus headers and fails the build over budget", () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), "portal-budget-"));
    try {
      fs.mkdirSync(path.join(dist, "assets"));
      fs.writeFileSync(path.join(dist, "index.html"), html);
      // Text that compresses well, and random bytes that do not (no smaller copy is written for them).
      fs.writeFileSync(path.join(dist, "assets/index-a.js"), "export const x = 1;\n".repeat(1000));
      fs.writeFileSync(path.join(dist, "assets/app-b.js"), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)));
      fs.writeFileSync(path.join(dist, "sw.js"), "self.addEventListener('fetch', () => {});\n");
      for (const file of ["assets/index-a.js", "assets/app-b.js", "sw.js"]) precompress(path.join(dist, file));
      expect(fs.existsSync(path.join(dist, "assets/index-a.js.br"))).toBe(true);

      const { files, total } = checkHomePageBudget(dist);
      const sent = (file: string) => fs.statSync(path.join(dist, fs.existsSync(path.join(dist, `${file}.br`)) ? `${file}.br` : file)).size;
      expect(files.map((f) => f.file)).toEqual(["assets/index-a.js", "assets/app-b.js", "sw.js"]);
      expect(total).toBe(sent("assets/index-a.js") + sent("assets/app-b.js") + sent("sw.js") + 3 * HEADER_ALLOWANCE);
      expect(sent("assets/index-a.js")).toBeLessThan(1000);

      expect(() => checkHomePageBudget(dist, total - 1)).toThrow(/over budget.*\n.*assets\/index-a\.js/s);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe("home page chunks", () => {
  it("gives each start-up step what it reaches statically and earlier steps do not hold, nothing lazy", () => {
    const root = path.resolve("src");
    const id = (name: string) => (name.startsWith("nm:") ? `/repo/node_modules/${name.slice(3)}` : path.join(root, name));
    const graph: Record<string, { importedIds: string[]; dynamicallyImportedIds: string[] }> = {
      "main.tsx": { importedIds: ["\0vite/preload-helper.js"], dynamicallyImportedIds: ["nm:react-dom/client.js", "setup.ts", "app.tsx"] },
      "\0vite/preload-helper.js": { importedIds: [], dynamicallyImportedIds: [] },
      "nm:react-dom/client.js": { importedIds: ["nm:react/index.js"], dynamicallyImportedIds: [] },
      "nm:react/index.js": { importedIds: [], dynamicallyImportedIds: [] },
      "setup.ts": { importedIds: ["nm:react-i18next/index.js", "\0vite/preload-helper.js"], dynamicallyImportedIds: ["en.ts"] },
      "nm:react-i18next/index.js": { importedIds: ["nm:react/index.js"], dynamicallyImportedIds: [] },
      "en.ts": { importedIds: [], dynamicallyImportedIds: [] },
      "app.tsx": { importedIds: ["nm:react/index.js", "setup.ts", "register.ts"], dynamicallyImportedIds: ["Page.tsx"] },
      "register.ts": { importedIds: [], dynamicallyImportedIds: ["nm:workbox-window/index.js"] },
      "nm:workbox-window/index.js": { importedIds: [], dynamicallyImportedIds: [] },
      "Page.tsx": { importedIds: ["nm:react/index.js"], dynamicallyImportedIds: [] },
    };
    const info = (moduleId: string) => {
      const entry = Object.entries(graph).find(([name]) => (name.startsWith("\0") ? name : id(name)) === moduleId)?.[1];
      const resolve = (name: string) => (name.startsWith("\0") ? name : id(name));
      return entry && { importedIds: entry.importedIds.map(resolve), dynamicallyImportedIds: entry.dynamicallyImportedIds.map(resolve) };
    };
    const chunks = homePageChunks(path.join(root, "main.tsx"), [/workbox-window/]);
    (chunks.plugin.buildEnd as unknown as (this: unknown) => void).call({ getModuleInfo: info, warn: () => undefined });

    const stepOf = (name: string) => chunks.stepOf.get(name.startsWith("\0") ? name : id(name));
    expect(["nm:react-dom/client.js", "nm:react/index.js"].map(stepOf)).toEqual([0, 0]);
    expect(["setup.ts", "nm:react-i18next/index.js"].map(stepOf)).toEqual([1, 1]);
    expect(["app.tsx", "register.ts", "nm:workbox-window/index.js"].map(stepOf)).toEqual([2, 2, 2]);
    // Lazy modules stay where the bundler puts them; the entry's own imports stay in the entry.
    expect(["en.ts", "Page.tsx", "\0vite/preload-helper.js", "main.tsx"].map(stepOf)).toEqual([undefined, undefined, undefined, undefined]);
    const names = chunks.groups.slice(0, 3).map((group) => (group.name as (id: string) => string)(""));
    expect(names).toEqual(["react-dom-client", "setup", "app"]);
  });
});
