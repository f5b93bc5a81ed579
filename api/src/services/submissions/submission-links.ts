import { encodeGlobalID } from "@pothos/plugin-relay";

/** The summary PDF of a submission (api/src/http/submission-summaries.ts serves it to its citizen and reviewers). */
export function summaryPdfPath(submissionId: string): string {
  return `/api/podani/${submissionId}/shrnuti.pdf`;
}

/** The submission's page in the citizen's "Moje podání" (the PWA's /moje-podani/:id, by its global id). */
export function submissionPath(submissionId: string): string {
  return `/moje-podani/${encodeURIComponent(encodeGlobalID("Submission", submissionId))}`;
}
