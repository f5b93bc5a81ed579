import path from "node:path";
import type { Plugin, Rolldown } from "vite";

/** Room for more start-up steps than src/main.tsx has today (three). */
const MAX_STEPS = 6;

type CodeSplittingGroup = Extract<NonNullable<Rolldown.OutputOptions["codeSplitting"]>, object>["groups"] extends
  (infer Group)[] | undefined
  ? Group
  : never;

/**
 * The home page's scripts in as few files as it starts in steps. src/main.tsx imports three modules dynamically, one
 * task each (React's DOM renderer, the texts, the app); each step needs a file of its own, but nothing more: left
 * alone, the bundler cut the same code into a dozen files (the router, React, a few shared components and
 * operations in chunks of a few hundred bytes), and on a phone every file costs a request and ~1 kB of response
 * headers on top of its compressed body, and compresses worse alone than with its neighbours.
 *
 * Each step's file holds what that step's module reaches through static imports and the earlier steps do not hold;
 * the app's file also holds what the app imports dynamically at start without any interaction (`eager`, e.g. the
 * service worker's registration with workbox-window). Lazily loaded pages import what they share with the home page
 * from these files, which the browser has already loaded. Computed from the module graph, so a new import lands
 * where it is used without anyone updating a list.
 */
export function homePageChunks(entryModule: string, eager: readonly RegExp[] = []) {
  const entry = path.resolve(entryModule);
  /** Module id → the index of the step whose file holds it; and each step's file name. */
  const stepOf = new Map<string, number>();
  const stepNames: string[] = [];

  const plugin: Plugin = {
    name: "portal:home-page-chunks",
    apply: "build",
    buildEnd() {
      stepOf.clear();
      stepNames.length = 0;
      const main = this.getModuleInfo(entry);
      // Only the app's own build has this entry; the service worker is bundled separately.
      if (!main) return;
      // What the entry imports statically (Vite's preload helper) stays in the entry's file: in a step's file it
      // would make the entry load and run that step before the first paint.
      const inEntry = new Set<string>();
      const reach = [entry];
      while (reach.length > 0) {
        const id = reach.pop()!;
        if (inEntry.has(id)) continue;
        inEntry.add(id);
        reach.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
      const steps = main.dynamicallyImportedIds;
      if (steps.length > MAX_STEPS) this.warn(`${steps.length} start-up steps: only the first ${MAX_STEPS} get files of their own`);
      steps.forEach((step, index) => {
        const last = index === steps.length - 1;
        stepNames.push(last ? "app" : chunkName(step));
        const pending = [step];
        while (pending.length > 0) {
          const id = pending.pop()!;
          if (stepOf.has(id) || inEntry.has(id)) continue;
          const info = this.getModuleInfo(id);
          if (!info) continue;
          stepOf.set(id, index);
          pending.push(...info.importedIds);
          if (last) pending.push(...info.dynamicallyImportedIds.filter((dynamic) => eager.some((pattern) => pattern.test(dynamic))));
        }
      });
    },
  };

  // One group per step, earlier steps with a higher priority (a module two steps reach is already given to the
  // earlier one above).
  const groups: CodeSplittingGroup[] = Array.from({ length: MAX_STEPS }, (_, index) => ({
    name: () => stepNames[index] ?? `step-${index}`,
    test: (moduleId: string) => stepOf.get(moduleId) === index,
    priority: MAX_STEPS - index,
    debugName: `home-page-step-${index}`,
    // Each step's closure is computed above; the bundler's own closure would pull the entry's modules (Vite's
    // preload helper) into a step's file.
    includeDependenciesRecursively: false,
  }));

  return { plugin, groups, stepOf: stepOf as ReadonlyMap<string, number> };
}

/** A step's file name: the module's name, prefixed with its package's (e.g. react-dom/client.js → react-dom-client). */
function chunkName(moduleId: string): string {
  const base = path.basename(moduleId).replace(/\.[^.]+$/, "");
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(moduleId)?.[1]?.replace(/[\\/@]/g, "");
  if (!pkg) return base;
  return base === "index" ? pkg : `${pkg}-${base}`;
}
