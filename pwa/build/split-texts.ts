import fs from "node:fs";
import path from "node:path";
import type { Plugin, Rollup } from "vite";

type Messages = { [key: string]: string | Messages };

/**
 * Splits the Czech texts (src/i18n/cs.json, one file for everyone to edit) into what the shell and the home page
 * need, shipped with the app (`virtual:texts/cs/core`), and the rest (`virtual:texts/cs/rest`), loaded before any
 * lazily loaded page renders (routes.tsx) and otherwise once the app is idle (i18n/setup.ts). Every feature's
 * texts used to be part of the home page's initial JavaScript, ~11 kB gzipped and growing with each feature.
 *
 * `core` lists top-level sections or single dotted keys. The build fails when code in the initial chunks uses a
 * literal key (`t("x.y")`, or the prefix of `t(\`x.${...}\`)`) that is not in core.
 */
export function splitTexts(messagesFile: string, core: readonly string[]): Plugin {
  const CORE_ID = "virtual:texts/cs/core";
  const REST_ID = "virtual:texts/cs/rest";
  const read = () => JSON.parse(fs.readFileSync(messagesFile, "utf8")) as Messages;
  const isCore = (key: string) => core.some((entry) => key === entry || key.startsWith(`${entry}.`));

  return {
    name: "portal:split-texts",
    resolveId: (id) => (id === CORE_ID || id === REST_ID ? `\0${id}` : undefined),
    load(id) {
      if (id !== `\0${CORE_ID}` && id !== `\0${REST_ID}`) return undefined;
      this.addWatchFile(path.resolve(messagesFile));
      const [coreTexts, restTexts] = partition(read(), isCore);
      const texts = id === `\0${CORE_ID}` ? coreTexts : restTexts;
      // JSON.parse of a string starts faster than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(texts))});\n`;
    },
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((output): output is Rollup.OutputChunk => output.type === "chunk" && output.isEntry);
      if (!entry) return;
      // The chunks the home page runs before anything lazy: the entry's static and preloaded imports.
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (initial.has(fileName) || chunk?.type !== "chunk") return;
        initial.add(fileName);
        chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      const app = Object.values(bundle).find(
        (output) => output.type === "chunk" && output.moduleIds.some((id) => id.endsWith("/src/app.tsx")),
      );
      if (app) visit(app.fileName);

      const missing = new Set<string>();
      for (const fileName of initial) {
        const chunk = bundle[fileName] as Rollup.OutputChunk;
        for (const moduleId of Object.keys(chunk.modules)) {
          if (!moduleId.includes("/src/") || moduleId.includes("node_modules")) continue;
          const source = fs.existsSync(moduleId) ? fs.readFileSync(moduleId, "utf8") : "";
          for (const match of source.matchAll(/\bt\(\s*(["'`])([\w.]+)(\$\{)?/g)) {
            const key = match[3] ? match[2]!.replace(/\.$/, "") : match[2]!;
            if (!isCore(key)) missing.add(`${key} (${path.relative(process.cwd(), moduleId)})`);
          }
        }
      }
      if (missing.size > 0) {
        this.error(`The home page's code uses texts outside the core set (build/split-texts.ts): ${[...missing].join(", ")}`);
      }
    },
  };
}

/** Deep split of the messages into the keys `isCore` accepts and the others. */
export function partition(messages: Messages, isCore: (key: string) => boolean, prefix = ""): [Messages, Messages] {
  const core: Messages = {};
  const rest: Messages = {};
  for (const [name, value] of Object.entries(messages)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (isCore(key)) core[name] = value;
    else if (typeof value === "string") rest[name] = value;
    else {
      const [innerCore, innerRest] = partition(value, isCore, key);
      if (Object.keys(innerCore).length > 0) core[name] = innerCore;
      if (Object.keys(innerRest).length > 0) rest[name] = innerRest;
    }
  }
  return [core, rest];
}
