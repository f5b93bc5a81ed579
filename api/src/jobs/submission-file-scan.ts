import { scanFormAttachment } from "../services/forms/scan-form-attachment.ts";
import { defineJob, type JobData } from "./job-queue.ts";

export type SubmissionFileScanData = JobData & { attachmentId: string };

/**
 * The antivirus check of a citizen's upload, right after it arrives (quarantine until checked). Idempotent: a
 * checked upload is not checked again. While clamd is unreachable the job retries; the submit checks once more.
 */
export const submissionFileScanJob = defineJob<SubmissionFileScanData>({
  name: "submission-file-scan",
  retry: () => ({ limit: 5, delaySeconds: 10, maxDelaySeconds: 600 }),
  timeoutSeconds: 180,
  async handle(data, _job, services) {
    await scanFormAttachment(services, data.attachmentId);
  },
});
