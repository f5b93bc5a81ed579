import type { Plugin, Rollup } from "vite";

/**
 * Puts the app's stylesheet into index.html as a <style> element. The whole stylesheet is small (~5 kB gzipped)
 * and every page needs it, so a separate render-blocking request only delays the first paint of the static app
 * shell by a round trip (Lighthouse measured ~180 ms on its simulated slow 4G). The CSP allows inline styles, not
 * inline scripts, so only CSS is inlined. index.html is precached, so the styles are offline with it.
 *
 * The app has one global stylesheet (tailwind, src/styles.css), built as a single file (no CSS code splitting), so
 * no chunk's preload list names it: with it gone from the build, such an entry would make Vite fetch it again and
 * fail the page's import. The build fails if a second stylesheet ever appears.
 */
export function inlineCss(): Plugin {
  return {
    name: "portal:inline-css",
    apply: "build",
    config: () => ({ build: { cssCodeSplit: false } }),
    generateBundle(_options, bundle) {
      const stylesheets = Object.keys(bundle).filter((fileName) => fileName.endsWith(".css"));
      if (stylesheets.length > 1) {
        this.error(`inline-css expects one global stylesheet, the build has ${stylesheets.length}: ${stylesheets.join(", ")}`);
      }
    },
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, fileName: string) => {
          const asset = bundle[fileName] as Rollup.OutputAsset | undefined;
          if (asset?.type !== "asset") return tag;
          delete bundle[fileName];
          return `<style>${String(asset.source).replaceAll("</style", "<\\/style")}</style>`;
        });
      },
    },
  };
}
