/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { graphcacheSchema } from "./build/graphcache-schema.ts";
import { homePageChunks } from "./build/home-chunks.ts";
import { inlineCss } from "./build/inline-css.ts";
import { preloadDynamicEntry } from "./build/preload-app.ts";
import { splitTexts } from "./build/split-texts.ts";
import { staffOnlyChunks } from "./build/staff-only-chunks.ts";
import { staticShellTexts } from "./build/static-shell-texts.ts";

// The API server (api/) serves dist/ in production; in dev its routes are proxied so the app stays same-origin.
const apiOrigin = process.env.API_ORIGIN ?? "http://localhost:3000";

// Static fallback colours for the manifest and <meta name="theme-color">; the town's branding replaces them at runtime.
const themeColor = "#1f4e8c";
const backgroundColor = "#ffffff";

// The clerk and admin areas' pages (and whatever only they import) stay out of the precache: a citizen's phone
// never downloads them. Staff pages live in features/clerk/ and features/admin/, or in a feature's own clerk/ (or
// admin/, staff/) folder, or in a features/<feature>-clerk/ module (e.g. features/notices-clerk/).
const isStaffPage = (moduleId: string) => /\/src\/features\/(?:[^/]+\/)?(?:[^/]+-)?(?:clerk|admin|staff)\//.test(moduleId);
const staffChunks = staffOnlyChunks(isStaffPage);

// The home page's scripts: one file per step in which src/main.tsx starts the app (see build/home-chunks.ts); the
// service worker's registration (workbox-window), which the app loads once idle, rides in the app's file.
const homeChunks = homePageChunks("src/main.tsx", [/[\\/]node_modules[\\/]workbox-window[\\/]/]);

// The Czech texts that ship with the shell and the home page (sections or single keys); the rest loads with the
// first lazily loaded page. The build fails if the home page's code uses a text outside this set.
const CORE_TEXTS = [
  "app",
  "shell",
  "nav",
  "common",
  "home",
  "offline",
  "update",
  "errors",
  "forbidden",
  "notFound",
  "form",
  // The notice board's teaser on the home page and its menu entry; the board's own texts load with its page.
  "notices.nav",
  "notices.teaser",
  "notices.category",
  "notices.list.emptyBoard",
  "registers.nav",
  "budget.nav",
  // The alerts' menu entry and the crisis banner, which the shell shows on every page.
  "alerts.nav",
  "alerts.banner",
  "accessibility.link",
];

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    graphcacheSchema("src/graphql/introspection.ts"),
    staffChunks.plugin,
    homeChunks.plugin,
    staticShellTexts("src/i18n/cs.json"),
    splitTexts("src/i18n/cs.json", CORE_TEXTS),
    inlineCss(),
    preloadDynamicEntry("/src/app.tsx"),
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      // The page asks before activating a new version (update prompt), and registers the worker itself.
      registerType: "prompt",
      injectRegister: false,
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2}"],
        // Screenshots only serve the install dialog; keeping them out of the precache saves phones' storage.
        globIgnores: ["screenshots/**"],
        manifestTransforms: [staffChunks.manifestTransform],
      },
      manifest: {
        name: "Portál občana",
        short_name: "Portál",
        description: "Úřad obce v mobilu: přihlášení, účet občana a služby obce online.",
        lang: "cs",
        dir: "ltr",
        id: "/",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        theme_color: themeColor,
        background_color: backgroundColor,
        categories: ["government", "utilities"],
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
        screenshots: [
          {
            src: "/screenshots/narrow.png",
            sizes: "1080x1920",
            type: "image/png",
            form_factor: "narrow",
            label: "Úvodní stránka obce na telefonu",
          },
          {
            src: "/screenshots/wide.png",
            sizes: "1920x1080",
            type: "image/png",
            form_factor: "wide",
            label: "Úvodní stránka obce na počítači",
          },
        ],
      },
    }),
  ],
  build: {
    rolldownOptions: { output: { codeSplitting: { groups: homeChunks.groups } } },
  },
  server: {
    proxy: {
      "/graphql": apiOrigin,
      "/healthz": apiOrigin,
      "/branding": apiOrigin,
    },
  },
  test: {
    include: ["src/**/*.test.ts", "build/**/*.test.ts"],
    // CI (.ci/run) collects a JSON report per workspace to add up one "N passed, N failed" line.
    reporters: process.env.VITEST_JSON_DIR ? ["default", "json"] : ["default"],
    outputFile: process.env.VITEST_JSON_DIR ? { json: `${process.env.VITEST_JSON_DIR}/pwa.json` } : undefined,
  },
});
