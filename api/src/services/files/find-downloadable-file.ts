import type { TenantDb } from "../../db/tenant.ts";
import type { StoredFile } from "../../generated/prisma/client.ts";
import { REVIEW_AGENDAS } from "../submissions/submission-rules.ts";
import { SESSION_COOKIE, parseCookies } from "../../lib/cookies.ts";
import { sha256 } from "../../lib/tokens.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { publicAt } from "../notices/visibility.ts";
import { isFileClerk } from "./can-manage-files.ts";

/**
 * The file behind a download URL, or null when this requester may not have it (the caller answers
 * 404 either way, so a private file's existence is never revealed).
 *
 * - Anyone: files attached to a notice that is on the board or in the archive at `now`, and the
 *   document of a published contract.
 * - Clerks of the notices or registers agenda (and admins) of the same municipality: every file of
 *   their municipality (drafts, unpublished entries) except citizens' form attachments, identified by
 *   their session cookie alone. A download is a plain GET link that cannot carry the CSRF header; it
 *   changes nothing, and the browser's same-origin rules keep other sites from reading the answer.
 * - A citizen's form attachment (life situations), once the antivirus passed it: to the citizen who
 *   uploaded it and to the reviewers of its submission's agenda (and admins).
 */
export async function findDownloadableFile(args: {
  db: TenantDb;
  municipalityId: string;
  fileId: string;
  now: Date;
  cookieHeader: string | undefined;
}): Promise<StoredFile | null> {
  const { db, fileId, now, municipalityId } = args;
  if (!isUuid(fileId)) return null;
  const user = await sessionUser(db, args.cookieHeader, now);
  if (user) {
    const reviewed =
      user.role === "ADMIN" ? [...REVIEW_AGENDAS] : user.role === "CLERK" ? REVIEW_AGENDAS.filter((a) => user.agendas.includes(a)) : [];
    const attachment = await db.submissionFile.findFirst({
      where: {
        fileId,
        scanStatus: "CLEAN",
        OR: [{ userId: user.id }, ...(reviewed.length > 0 ? [{ submission: { municipalityId, agenda: { in: reviewed } } }] : [])],
      },
      include: { file: true },
    });
    if (attachment) return attachment.file;
    if (isFileClerk(user)) return db.storedFile.findFirst({ where: { id: fileId, submissionFiles: { none: {} } } });
  }
  return db.storedFile.findFirst({
    where: {
      id: fileId,
      OR: [
        // Nested relations are not scoped by the tenant client: name the municipality again.
        { noticeAttachments: { some: { notice: { municipalityId, ...publicAt(now) } } } },
        { contracts: { some: { municipalityId, status: "PUBLISHED" } } },
      ],
    },
  });
}

async function sessionUser(db: TenantDb, cookieHeader: string | undefined, now: Date) {
  const token = parseCookies(cookieHeader).get(SESSION_COOKIE);
  if (!token) return null;
  // The tenant-scoped client only finds sessions of this municipality: another town's clerk is a stranger here.
  const session = await db.session.findUnique({
    where: { id: sha256(token) },
    select: { expiresAt: true, user: { select: { id: true, role: true, agendas: true, disabledAt: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.disabledAt) return null;
  return session.user;
}
