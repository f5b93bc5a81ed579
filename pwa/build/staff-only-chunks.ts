import type { Plugin, Rollup } from "vite";
import type { CustomInjectManifestOptions } from "vite-plugin-pwa";

type ManifestTransform = NonNullable<CustomInjectManifestOptions["manifestTransforms"]>[number];

/**
 * Keeps the staff areas' code off citizens' phones. The clerk and admin pages are lazy chunks that a citizen never
 * opens, but the service worker would download every precached file right after the first visit. This plugin works
 * out, from the build's chunk graph, which files are reachable only through a staff page's dynamic import, and the
 * manifest transform drops them from the precache list. The service worker caches them at runtime instead, the
 * first time a clerk's browser loads them (see src/sw/runtime-caching.ts), so a clerk's desktop still works offline.
 *
 * Computed from the graph rather than listed by name, so a new staff page, or a chunk that only staff pages share
 * (their GraphQL operations, a table component), is left out without anyone updating a list, and a chunk that a
 * public page also needs stays precached.
 */
export function staffOnlyChunks(isStaffPage: (moduleId: string) => boolean) {
  const staffOnlyFiles = new Set<string>();

  const plugin: Plugin = {
    name: "portal:staff-only-chunks",
    apply: "build",
    generateBundle(_options, bundle: Rollup.OutputBundle) {
      const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === "chunk");
      const entries = chunks.filter((chunk) => chunk.isEntry);
      // Only the app's own build (its entry is index.html); the service worker is bundled separately.
      if (!entries.some((chunk) => chunk.facadeModuleId?.endsWith("/index.html"))) return;

      const reachable = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (reachable.has(fileName) || chunk?.type !== "chunk") return;
        reachable.add(fileName);
        chunk.imports.forEach(visit);
        for (const dynamic of chunk.dynamicImports) {
          const target = bundle[dynamic];
          if (target?.type === "chunk" && target.facadeModuleId && isStaffPage(target.facadeModuleId)) continue;
          visit(dynamic);
        }
      };
      entries.forEach((entry) => visit(entry.fileName));

      const reachableCss = new Set(
        chunks.filter((c) => reachable.has(c.fileName)).flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]),
      );
      staffOnlyFiles.clear();
      for (const chunk of chunks) {
        if (reachable.has(chunk.fileName)) continue;
        staffOnlyFiles.add(chunk.fileName);
        for (const css of chunk.viteMetadata?.importedCss ?? []) if (!reachableCss.has(css)) staffOnlyFiles.add(css);
      }
      this.info(`kept out of the precache (staff areas only): ${[...staffOnlyFiles].sort().join(", ") || "nothing"}`);
    },
  };

  /** For vite-plugin-pwa's `injectManifest.manifestTransforms`: the precache list without the staff-only files. */
  const manifestTransform: ManifestTransform = async (entries) => {
    const kept = entries.filter((entry) => !staffOnlyFiles.has(entry.url.replace(/^\//, "")));
    return { manifest: kept, warnings: [] };
  };

  return { plugin, manifestTransform, staffOnlyFiles: staffOnlyFiles as ReadonlySet<string> };
}
