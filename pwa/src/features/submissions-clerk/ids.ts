import { SUBMISSIONS_BASE } from "./SubmissionsFrame.tsx";

/** A record's uuid from its Relay global id ("Submission:<uuid>" in base64), for readable URLs. */
export function uuidOf(globalId: string): string {
  try {
    return atob(globalId).split(":")[1] ?? globalId;
  } catch {
    return globalId;
  }
}

export const submissionGlobalId = (uuid: string) => btoa(`Submission:${uuid}`);
export const submissionPath = (globalId: string) => `${SUBMISSIONS_BASE}/${uuidOf(globalId)}`;
