import type { Plugin, Rollup } from "vite";

/**
 * Adds <link rel="modulepreload"> to index.html for a module the entry imports dynamically (src/app.tsx) and for
 * everything it imports statically. Vite preloads only the entry's static imports from the HTML; a dynamic
 * import's chunks would otherwise be requested only when the import runs, after the first paint.
 *
 * The links say fetchpriority="low": the first paint needs none of these scripts (index.html carries the static
 * shell and its styles), and a high priority would make them look render-blocking. Lighthouse's simulation counts
 * every high-priority script that finished before the observed first paint into the first paint's cost; on a fast
 * connection they often finish first, and the simulated FCP then jumped from ~0.9 s to ~2.2 s between runs.
 */
export function preloadDynamicEntry(moduleSuffix: string): Plugin {
  return {
    name: "portal:preload-dynamic-entry",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output): output is Rollup.OutputChunk => output.type === "chunk");
        // The module may be a chunk's facade or one of a grouped chunk's modules (build/home-chunks.ts).
        const app = chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(moduleSuffix)));
        if (!app) throw new Error(`preloadDynamicEntry: no chunk for ${moduleSuffix}`);
        const files: string[] = [];
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (files.includes(fileName) || chunk?.type !== "chunk") return;
          files.push(fileName);
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const links = files
          .filter((fileName) => !html.includes(`/${fileName}"`))
          .map((fileName) => `<link rel="modulepreload" crossorigin fetchpriority="low" href="/${fileName}">`);
        return html.replace(/(<script type="module"[^>]*><\/script>)/, `$1\n    ${links.join("\n    ")}`);
      },
    },
  };
}
