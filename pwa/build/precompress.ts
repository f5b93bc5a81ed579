// Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to every compressible file of the build, for
// the server to send as they are (@fastify/static `preCompressed`). Run after `vite build` (package.json "build"):
// the service worker (sw.js) is written last, by vite-plugin-pwa, and is compressed too.
//
// Compressing on the fly, per response, has to be fast: brotli at quality 4 (what @fastify/compress uses) or zstd
// made the home page's scripts ~20 % larger on the wire than brotli at its best, which is too slow per request but
// costs nothing once at build time. Usage: node build/precompress.ts [dist]
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
}
