import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import { createFileStore, fileStoreDirectory } from "../integrations/file-store.ts";
import { ALLOWED_TYPES } from "../services/files/file-rules.ts";
import { FILES_PREFIX } from "../services/files/file-url.ts";
import { findDownloadableFile } from "../services/files/find-downloadable-file.ts";

/**
 * RFC 6266 / RFC 5987: an ASCII fallback for old clients and the exact UTF-8 name for the rest
 * ("Vyhláška č. 1.pdf" stays readable).
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /soubory/:id/:fileName - attachments of notices and register entries. Public only while
 * the owning notice is posted or archived (or the contract published); clerks of the agenda read
 * every file of their municipality. Anything else is the same 404 as an unknown id.
 */
export async function registerFileRoutes(server: FastifyInstance, app: App): Promise<void> {
  const { config, database, clock } = app.services;
  const store = createFileStore(fileStoreDirectory(config.DATA_DIR));

  server.get<{ Params: { id: string; fileName: string } }>(`${FILES_PREFIX}:id/:fileName`, async (request, reply) => {
    const notFound = () => reply.status(404).header("cache-control", "no-store").send({ status: "not found" });
    const municipality = await app.municipalities.resolve(request.headers.host);
    const file = await findDownloadableFile({
      db: scopedToMunicipality(database.prisma, municipality.id),
      municipalityId: municipality.id,
      fileId: request.params.id,
      now: clock.now(),
      cookieHeader: request.headers.cookie,
    });
    if (!file) return notFound();
    const etag = `"${file.sha256}"`;
    // Every use revalidates (no-cache): once a notice is taken down its files answer 404, and no
    // HTTP cache may keep serving them. An unchanged file costs a 304.
    reply
      .header("cache-control", "no-cache")
      .header("etag", etag)
      .header("x-content-type-options", "nosniff")
      // Even if a browser rendered the bytes as a page, it would be a unique origin that runs no script.
      // (No default-src 'none' here: it breaks the inline styles of Chrome's own PDF viewer page.)
      .header("content-security-policy", "sandbox")
      .header("cross-origin-resource-policy", "same-origin");
    const candidates = (request.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (candidates.includes(etag) || candidates.includes("*")) return reply.status(304).send();
    const stream = await store.open(file.storageKey);
    if (!stream) {
      request.log.error({ fileId: file.id, storageKey: file.storageKey }, "stored file is missing from the file store");
      return notFound();
    }
    const inline = ALLOWED_TYPES[file.mimeType]?.inline ?? false;
    return reply
      .header("content-type", file.mimeType)
      .header("content-length", String(file.size))
      .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", file.fileName))
      .send(stream);
  });
}
