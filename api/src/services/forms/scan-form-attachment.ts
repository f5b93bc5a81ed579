import type { AppServices } from "../../context.ts";
import type { SubmissionFile } from "../../generated/prisma/client.ts";
import { createClamdScanner, type VirusScanner } from "../../integrations/clamav.ts";
import { createFileStore, fileStoreDirectory } from "../../integrations/file-store.ts";

/** The town's antivirus, when CLAMAV_ADDRESS is set. */
export function virusScanner(services: Pick<AppServices, "config">): VirusScanner | null {
  const { CLAMAV_ADDRESS, CLAMAV_TIMEOUT_MS } = services.config;
  return CLAMAV_ADDRESS ? createClamdScanner(CLAMAV_ADDRESS, CLAMAV_TIMEOUT_MS) : null;
}

/**
 * Checks one quarantined upload with the antivirus and records the verdict (CLEAN or INFECTED). An upload that is
 * not PENDING any more is left as it is (the check ran already: a job retried, or the submit checked it). Throws
 * when the scanner cannot be reached, so the caller retries (the job) or tells the citizen (the submit).
 */
export async function scanFormAttachment(
  services: Pick<AppServices, "config" | "database" | "clock">,
  attachmentId: string,
): Promise<SubmissionFile | null> {
  const prisma = services.database.prisma;
  const attachment = await prisma.submissionFile.findUnique({ where: { id: attachmentId }, include: { file: true } });
  if (!attachment || attachment.scanStatus !== "PENDING") return attachment;
  const scanner = virusScanner(services);
  if (!scanner) {
    return prisma.submissionFile.update({
      where: { id: attachmentId },
      data: { scanStatus: "CLEAN", scanDetail: "no antivirus configured", scannedAt: services.clock.now() },
    });
  }
  const store = createFileStore(fileStoreDirectory(services.config.DATA_DIR));
  const stream = await store.open(attachment.file.storageKey);
  if (!stream) throw new Error(`The bytes of upload ${attachmentId} are missing from the file store`);
  const verdict = await scanner.scan(stream);
  // Only a PENDING row takes the verdict: two checks at once record one.
  await prisma.submissionFile.updateMany({
    where: { id: attachmentId, scanStatus: "PENDING" },
    data: verdict.clean
      ? { scanStatus: "CLEAN", scanDetail: null, scannedAt: services.clock.now() }
      : { scanStatus: "INFECTED", scanDetail: verdict.signature.slice(0, 200), scannedAt: services.clock.now() },
  });
  return prisma.submissionFile.findUnique({ where: { id: attachmentId } });
}
