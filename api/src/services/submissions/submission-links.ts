/** The summary PDF of a submission (api/src/http/submission-summaries.ts serves it to its citizen and reviewers). */
export function summaryPdfPath(submissionId: string): string {
  return `/api/podani/${submissionId}/shrnuti.pdf`;
}
