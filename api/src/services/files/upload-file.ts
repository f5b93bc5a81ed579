import { Readable } from "node:stream";
import { fileTypeFromStream } from "file-type";
import type { Context } from "../../context.ts";
import { ForbiddenError, ValidationError } from "../../errors.ts";
import type { StoredFile } from "../../generated/prisma/client.ts";
import { createFileStore, fileStoreDirectory } from "../../integrations/file-store.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { canManageFiles } from "./can-manage-files.ts";
import { lockStoredContent } from "./sweep-unused-files.ts";
import { ALLOWED_EXTENSIONS, ALLOWED_TYPES, safeFileName } from "./file-rules.ts";

/**
 * A Node stream of a File's bytes, chunk by chunk: over the web stream's reader, since the File may
 * be Node's own (uploads through the HTTP server, backed by a file on disk) or @whatwg-node's.
 */
function readableOf(file: Blob): Readable {
  return Readable.from(
    (async function* () {
      const reader = file.stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
    })(),
    { objectMode: false },
  );
}

/** "20 MB" (binary megabytes, as file managers show them). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

/**
 * Stores an uploaded file for a notice or a register entry. The type is decided from the content
 * (a renamed executable or HTML page is refused whatever its name says), the size is limited by
 * FILE_MAX_BYTES, the name is made safe, and the bytes go to the content-addressed file store
 * outside the web root. The file is streamed (type from its first bytes, hash on the way to the
 * store), never read into memory whole. The row belongs to the request's municipality.
 */
export async function uploadFile(ctx: Context, file: File): Promise<StoredFile> {
  if (!canManageFiles(ctx)) throw new ForbiddenError();
  const stored = await storeUploadedFile(ctx, file, ctx.services.config.FILE_MAX_BYTES);
  await recordAudit(ctx, {
    action: "file.uploaded",
    subjectType: "StoredFile",
    subjectId: stored.id,
    details: { fileName: stored.fileName, mimeType: stored.mimeType, size: stored.size, sha256: stored.sha256 },
  });
  return stored;
}

/**
 * The checks and storing of an upload, for callers that decided who may upload (clerks' files above, citizens'
 * form attachments in services/forms): type from the content, size limit, safe name, content-addressed store.
 */
export async function storeUploadedFile(ctx: Context, file: File, maxBytes: number): Promise<StoredFile> {
  if (file.size === 0) throw ValidationError.field("file", "field.fileEmpty", "FILE_EMPTY");
  if (file.size > maxBytes) {
    throw ValidationError.field("file", "field.fileTooLarge", "FILE_TOO_LARGE", { max: formatMegabytes(maxBytes) });
  }
  // Reads only as far as the type needs; the rest is never read.
  const head = readableOf(file);
  const detected = await fileTypeFromStream(head).finally(() => head.destroy());
  const type = detected ? ALLOWED_TYPES[detected.mime] : undefined;
  if (!detected || !type) {
    throw ValidationError.field("file", "field.fileType", "FILE_TYPE", { allowed: ALLOWED_EXTENSIONS });
  }
  const store = createFileStore(fileStoreDirectory(ctx.services.config.DATA_DIR));
  const staged = await store.stage(readableOf(file));
  const { storageKey, sha256 } = staged;
  let stored: StoredFile;
  try {
    // Under the content's lock, like the sweep of unused files (sweep-unused-files.ts): the bytes of an
    // identical old upload cannot be deleted between finding them stored and recording this row.
    stored = await ctx.db.$transaction(async (tx) => {
      await lockStoredContent(tx, storageKey);
      await store.commit(staged);
      return tx.storedFile.create({
        data: {
          municipalityId: ctx.municipality.id,
          fileName: safeFileName(file.name, type),
          mimeType: detected.mime,
          size: staged.size,
          sha256,
          storageKey,
          createdById: ctx.viewer?.userId ?? null,
          createdAt: ctx.clock.now(),
        },
      });
    });
  } finally {
    await store.discard(staged);
  }
  return stored;
}
