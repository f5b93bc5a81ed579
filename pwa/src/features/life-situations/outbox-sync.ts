import {
  deleteLocalDraft,
  deleteLocalFile,
  deleteOutboxEntry,
  listOutbox,
  localFilesOf,
  putOutboxEntry,
  type LocalFile,
  type OutboxEntry,
} from "./local-store.ts";

/**
 * Sends what waits on this device: attachments chosen offline, then the queued submissions. Runs in the page
 * (when the connection returns, when the app starts) and in the service worker (Background Sync), possibly both
 * at once: an upload carries its client id and a submission its idempotency key, so the API stores each once and a
 * repeated send answers with the first result. Uses nothing but fetch and IndexedDB.
 */

export const SUBMISSIONS_SYNC_TAG = "portal-submissions";
/** Posted to the app's windows when a queued submission was sent (or refused). */
export const OUTBOX_CHANGED_MESSAGE = "portal-outbox-changed";

export type FlushOutcome =
  | { kind: "SENT"; entry: OutboxEntry; submissionId: string | null }
  | { kind: "REFUSED"; entry: OutboxEntry; message: string }
  /** Not now (offline, server down, signed out): stays queued. */
  | { kind: "WAITING"; entry: OutboxEntry };

interface GraphQLAnswer {
  data?: Record<string, { __typename?: string; message?: string; [key: string]: unknown } | null> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function headers(entry: OutboxEntry): Record<string, string> {
  return {
    "x-portal-csrf": "1",
    "Accept-Language": entry.language,
    ...(entry.csrfToken ? { "x-csrf-token": entry.csrfToken } : {}),
  };
}

/** One GraphQL answer's verdict: the mutation's union member, or why it cannot be had now. */
function verdict(answer: GraphQLAnswer): { ok: true; result: Record<string, unknown> } | { ok: false; retry: boolean; message: string } {
  if (answer.errors?.length) {
    // Signed out or a server fault: the entry waits (a later flush by the signed-in app sends it).
    return { ok: false, retry: true, message: answer.errors[0]!.message };
  }
  const result = Object.values(answer.data ?? {})[0];
  if (!result) return { ok: false, retry: true, message: "" };
  if (result.__typename?.endsWith("Success")) return { ok: true, result };
  return { ok: false, retry: false, message: result.message ?? String(result.__typename) };
}

async function upload(entry: OutboxEntry, file: LocalFile): Promise<"OK" | "RETRY" | string> {
  // GraphQL multipart request: the operation, the map of files to variables, then the file.
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: entry.uploadQuery, variables: { id: file.id, file: null } }));
  body.append("map", JSON.stringify({ 0: ["variables.file"] }));
  body.append("0", new File([file.blob], file.fileName, { type: file.mimeType }));
  const response = await fetch("/graphql", { method: "POST", credentials: "same-origin", headers: headers(entry), body });
  if (!response.ok && response.status >= 500) return "RETRY";
  const answer = verdict((await response.json()) as GraphQLAnswer);
  if (answer.ok) return "OK";
  return answer.retry ? "RETRY" : answer.message;
}

async function send(entry: OutboxEntry): Promise<FlushOutcome> {
  for (const file of await localFilesOf(entry.clientId)) {
    if (!entry.attachmentIds.includes(file.id)) continue;
    const uploaded = await upload(entry, file);
    if (uploaded === "RETRY") return { kind: "WAITING", entry };
    if (uploaded !== "OK") return refuse(entry, uploaded);
    await deleteLocalFile(file.id);
  }
  const response = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: { ...headers(entry), "Content-Type": "application/json" },
    body: JSON.stringify(entry.submitRequest),
  });
  if (!response.ok && response.status >= 500) return { kind: "WAITING", entry };
  const answer = verdict((await response.json()) as GraphQLAnswer);
  if (!answer.ok) return answer.retry ? { kind: "WAITING", entry } : refuse(entry, answer.message);
  const submission = answer.result.submission as { id?: string } | undefined;
  await deleteLocalDraft(entry.clientId);
  await deleteOutboxEntry(entry.idempotencyKey);
  return { kind: "SENT", entry, submissionId: submission?.id ?? null };
}

async function refuse(entry: OutboxEntry, message: string): Promise<FlushOutcome> {
  // The API refused it (e.g. the form changed meanwhile): the draft stays for the citizen to fix and send again.
  await putOutboxEntry({ ...entry, state: "FAILED", error: message });
  return { kind: "REFUSED", entry, message };
}

let running: Promise<FlushOutcome[]> | null = null;

/** Sends every queued entry (of one owner, or all in the service worker); one flush at a time per context. */
export function flushOutbox(ownerId?: string, overrides?: { csrfToken: string | null; language: string }): Promise<FlushOutcome[]> {
  running ??= (async () => {
    const outcomes: FlushOutcome[] = [];
    try {
      for (const queued of await listOutbox(ownerId)) {
        if (queued.state !== "QUEUED") continue;
        // The page knows the current session's token; an entry queued in an earlier session carries an old one.
        const entry = overrides ? { ...queued, ...overrides } : queued;
        try {
          outcomes.push(await send(entry));
        } catch {
          // Offline (fetch rejects) or an unreadable answer: try again later.
          outcomes.push({ kind: "WAITING", entry: queued });
        }
      }
    } finally {
      running = null;
    }
    return outcomes;
  })();
  return running;
}
