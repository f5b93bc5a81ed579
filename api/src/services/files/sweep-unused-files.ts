import type { Logger } from "pino";
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { createFileStore, fileStoreDirectory } from "../../integrations/file-store.ts";
import { scheduleHourly } from "../../lib/schedule-hourly.ts";

interface SweepServices {
  config: Pick<Config, "DATA_DIR" | "UPLOAD_RETENTION_HOURS">;
  database: Database;
  clock: Clock;
  logger: Logger;
}

/** Anything that can run a raw statement inside a transaction (the base or a tenant-scoped client's `tx`). */
interface RawExecutor {
  $executeRaw(query: Prisma.Sql): Promise<number>;
}

/**
 * Serialises everything that decides about one stored content (`storageKey`) until the transaction ends: an upload
 * recording a row for bytes it found stored, and the sweep deleting bytes no row uses.
 */
export async function lockStoredContent(tx: RawExecutor, storageKey: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`stored-file:${storageKey}`}))`);
}

// A file is in use while a notice or a contract has it attached, or an approved revision of a notice had it: the
// revisions are the notice's legal record, and their attachments are kept with them.
const UNUSED = Prisma.sql`
  NOT EXISTS (SELECT 1 FROM "NoticeAttachment" a WHERE a."fileId" = f."id")
  AND NOT EXISTS (SELECT 1 FROM "Contract" c WHERE c."attachmentId" = f."id")
  AND NOT EXISTS (SELECT 1 FROM "NoticeRevision" r WHERE f."id"::text = ANY (r."attachmentIds"))
  AND NOT EXISTS (SELECT 1 FROM "SubmissionFile" s WHERE s."fileId" = f."id" AND s."submissionId" IS NOT NULL)`;

const BATCH = 200;

/**
 * Deletes uploads nobody attached: a clerk uploads a file while filling in a notice or a contract and then
 * abandons the form, or an integrator uploads and never attaches. After UPLOAD_RETENTION_HOURS such a file is
 * deleted, its row first and then its bytes, unless another row (an identical upload) still uses them. Files in
 * use are never touched. Runs for every municipality: a maintenance job, not a request.
 */
export async function sweepUnusedFiles(services: SweepServices): Promise<{ rows: number; files: number }> {
  const { database, clock, config } = services;
  if (config.UPLOAD_RETENTION_HOURS === 0) return { rows: 0, files: 0 };
  const prisma = database.prisma;
  const cutoff = new Date(clock.now().getTime() - config.UPLOAD_RETENTION_HOURS * 3_600_000);
  const store = createFileStore(fileStoreDirectory(config.DATA_DIR));
  let rows = 0;
  let files = 0;
  for (;;) {
    const candidates = await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT f."id" FROM "StoredFile" f WHERE f."createdAt" < ${cutoff}::timestamptz AND ${UNUSED}
      ORDER BY f."createdAt" LIMIT ${BATCH}`);
    if (candidates.length === 0) break;
    const keys = new Set<string>();
    for (const { id } of candidates) {
      // One row at a time, the conditions checked again: a clerk may attach the file meanwhile.
      try {
        const deleted = await prisma.$queryRaw<{ storageKey: string }[]>(Prisma.sql`
          DELETE FROM "StoredFile" f WHERE f."id" = ${id}::uuid AND ${UNUSED} RETURNING f."storageKey"`);
        for (const row of deleted) keys.add(row.storageKey);
        rows += deleted.length;
      } catch (error) {
        // Attached between the check and the delete: the foreign key keeps it, and so do we.
        if (!isForeignKeyViolation(error)) throw error;
      }
    }
    for (const storageKey of keys) {
      const removed = await prisma.$transaction(async (tx) => {
        await lockStoredContent(tx, storageKey);
        if ((await tx.storedFile.count({ where: { storageKey } })) > 0) return false;
        await store.remove(storageKey);
        return true;
      });
      if (removed) files += 1;
    }
    if (candidates.length < BATCH) break;
  }
  if (rows > 0) services.logger.info({ rows, files, cutoff }, "unused uploads deleted");
  return { rows, files };
}

function isForeignKeyViolation(error: unknown): boolean {
  const text = String((error as { code?: string; message?: string })?.code ?? "") + String((error as Error)?.message ?? "");
  return /P2003|23503|foreign key/i.test(text);
}

/** Runs the sweep every hour (first a minute after start); returns a function that stops it. */
export function scheduleFileSweep(services: SweepServices): () => void {
  return scheduleHourly(services.logger, "sweeping unused uploads", () => sweepUnusedFiles(services));
}
