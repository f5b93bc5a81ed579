// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every compressible file of the build, for
// the server to send as they are (@fastify/static `preCompressed`). Run after `vite build` (package.json "build"):
// the service worker (sw.js) is written last, by vite-plugin-pwa, and is compressed too.
//
// Compressing on the fly, per response, has to be fast: brotli at quality 4 (what @fastify/compress uses) or zstd
// made the home page's scripts ~20 % larger on the wire than brotli at its best, which is too slow per request but
// costs nothing once at build time.
//
// Then it checks the home page's JavaScript budget, as a cheap guard that runs with every build (and so before the
// browser tests): the scripts index.html loads and preloads plus the service worker, each as its brotli copy plus
// an allowance for its response headers, must stay within HOME_PAGE_JS_BUDGET. This is an estimate from the files;
// `npm run bench:pwa` measures what a browser actually downloads (bench/pwa/README.md).
//
// Usage: node build/precompress.ts [dist]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml)$/;

export function precompress(file: string): { original: number; brotli: number; gzip: number } {
  const content = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(content, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  const gzip = zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION });
  // A copy that is not smaller is not written: the server then sends the file itself.
  if (brotli.length < content.length) fs.writeFileSync(`${file}.br`, brotli);
  if (gzip.length < content.length) fs.writeFileSync(`${file}.gz`, gzip);
  return { original: content.length, brotli: brotli.length, gzip: gzip.length };
}

/** 150 kB on the wire, as bench:pwa counts it (decimal kB). */
export const HOME_PAGE_JS_BUDGET = 150_000;
/** Response headers per script as the server sends them today (~1 kB: the security headers), with some room. */
export const HEADER_ALLOWANCE = 1_200;

/** The scripts a fresh visit to the home page downloads before any interaction: index.html's module script and
 * module preloads (build/preload-app.ts adds the app's files), and the service worker the app registers. */
export function homePageScripts(indexHtml: string): string[] {
  const scripts = new Set<string>();
  for (const tag of indexHtml.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const isModule = /^<script/i.test(tag) && /type=["']?module/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /rel=["']?modulepreload/i.test(tag);
    const url = /\s(?:src|href)=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if ((isModule || isPreload) && url) scripts.add(url.replace(/^\//, ""));
  }
  scripts.add("sw.js");
  return [...scripts];
}

/** The estimate of the home page's JavaScript on the wire, from the built files; throws when it is over budget. */
export function checkHomePageBudget(
  dist: string,
  budget = HOME_PAGE_JS_BUDGET,
): { files: { file: string; bytes: number }[]; total: number } {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const files = homePageScripts(html).map((file) => {
    const full = path.join(dist, file);
    const sent = fs.existsSync(`${full}.br`) ? `${full}.br` : full;
    return { file, bytes: fs.statSync(sent).size + HEADER_ALLOWANCE };
  });
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total > budget) {
    const list = files.map((f) => `  ${f.file}: ${(f.bytes / 1000).toFixed(1)} kB`).join("\n");
    throw new Error(
      `The home page's JavaScript is over budget: ~${(total / 1000).toFixed(1)} kB on the wire (brotli + headers), budget ${budget / 1000} kB.\n${list}\n` +
        "Keep what the home page does not need before interaction in lazily loaded chunks (see bench/pwa/README.md).",
    );
  }
  return { files, total };
}

function filesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

if (import.meta.main) {
  const dist = path.resolve(process.argv[2] ?? "dist");
  let original = 0;
  let brotli = 0;
  let count = 0;
  for (const file of filesUnder(dist)) {
    if (!COMPRESSIBLE.test(file) || file.endsWith(".map")) continue;
    const sizes = precompress(file);
    original += sizes.original;
    brotli += Math.min(sizes.brotli, sizes.original);
    count += 1;
  }
  console.log(`precompressed ${count} files: ${(original / 1024).toFixed(1)} KiB -> ${(brotli / 1024).toFixed(1)} KiB brotli (+ gzip)`);
  try {
    const { files, total } = checkHomePageBudget(dist);
    console.log(
      `home page JavaScript (estimate): ~${(total / 1000).toFixed(1)} kB on the wire in ${files.length} files, budget ${HOME_PAGE_JS_BUDGET / 1000} kB`,
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
