import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/**
 * What the citizen typed, kept on this device in IndexedDB so that nothing is lost: a reload, a crash, a dead
 * connection or an expired session mid-form. Shared by the page and the service worker (which sends queued
 * submissions when the connection returns), so it uses nothing but IndexedDB.
 *
 * - drafts: one per form being filled in, keyed by the app's draft id (clientId, also the server draft's key);
 * - files: attachments chosen while offline, uploaded when the connection returns;
 * - outbox: submissions sent while offline, with everything needed to send them again (exactly once: the
 *   idempotency key makes a repeated send answer with the same submission).
 *
 * Every record names its owner (the signed-in user's id): another account on the same device never sees them.
 */

export interface LocalDraft {
  clientId: string;
  ownerId: string;
  formId: string;
  /** The situation's slug, to link back to the form. */
  slug: string;
  formVersion: string;
  values: Record<string, unknown>;
  currentStep: string | null;
  /** ms since epoch of the last change on this device. */
  updatedAt: number;
  /** The server draft's revision this copy is based on; null before the first server save. */
  serverRevision: number | null;
  /** False while there are changes the server has not stored yet. */
  synced: boolean;
}

export interface LocalFile {
  /** Client-generated attachment id (also the value's id and the upload's id). */
  id: string;
  ownerId: string;
  clientId: string;
  blob: Blob;
  fileName: string;
  mimeType: string;
  size: number;
}

export type OutboxState = "QUEUED" | "FAILED";

export interface OutboxEntry {
  idempotencyKey: string;
  ownerId: string;
  clientId: string;
  slug: string;
  formId: string;
  formVersion: string;
  /** Localized title at the time of queueing, for the "waiting to be sent" list. */
  title: { cs: string; en: string };
  values: Record<string, unknown>;
  attachmentIds: string[];
  /** The GraphQL request that sends it (built by the page, which has the typed documents), posted as it is. */
  submitRequest: { query: string; variables: Record<string, unknown> };
  /** The upload mutation for files chosen offline (variables: id, file). */
  uploadQuery: string;
  queuedAt: number;
  state: OutboxState;
  /** The API's message when it refused the submission (the citizen must open the draft and fix it). */
  error: string | null;
  /** The CSRF token of the session that queued it: the service worker cannot read cookies. */
  csrfToken: string | null;
  language: string;
}

interface FormsDB extends DBSchema {
  drafts: { key: string; value: LocalDraft; indexes: { byOwner: string } };
  files: { key: string; value: LocalFile; indexes: { byDraft: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { byOwner: string } };
}

const DB_NAME = "portal-forms";

let database: Promise<IDBPDatabase<FormsDB>> | undefined;

export function formsDatabase(): Promise<IDBPDatabase<FormsDB>> {
  database ??= openDB<FormsDB>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("drafts", { keyPath: "clientId" }).createIndex("byOwner", "ownerId");
      db.createObjectStore("files", { keyPath: "id" }).createIndex("byDraft", "clientId");
      db.createObjectStore("outbox", { keyPath: "idempotencyKey" }).createIndex("byOwner", "ownerId");
    },
  });
  return database;
}

export async function readLocalDraft(clientId: string, ownerId: string): Promise<LocalDraft | undefined> {
  const draft = await (await formsDatabase()).get("drafts", clientId);
  return draft?.ownerId === ownerId ? draft : undefined;
}

export async function writeLocalDraft(draft: LocalDraft): Promise<void> {
  await (await formsDatabase()).put("drafts", draft);
}

export async function listLocalDrafts(ownerId: string): Promise<LocalDraft[]> {
  return (await formsDatabase()).getAllFromIndex("drafts", "byOwner", ownerId);
}

/** Forgets a draft and its offline files (sent, or deleted by the citizen). */
export async function deleteLocalDraft(clientId: string): Promise<void> {
  const db = await formsDatabase();
  const tx = db.transaction(["drafts", "files"], "readwrite");
  const files = await tx.objectStore("files").index("byDraft").getAllKeys(clientId);
  await Promise.all([tx.objectStore("drafts").delete(clientId), ...files.map((id) => tx.objectStore("files").delete(id)), tx.done]);
}

export async function putLocalFile(file: LocalFile): Promise<void> {
  await (await formsDatabase()).put("files", file);
}

export async function localFilesOf(clientId: string): Promise<LocalFile[]> {
  return (await formsDatabase()).getAllFromIndex("files", "byDraft", clientId);
}

export async function deleteLocalFile(id: string): Promise<void> {
  await (await formsDatabase()).delete("files", id);
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  await (await formsDatabase()).put("outbox", entry);
}

export async function listOutbox(ownerId?: string): Promise<OutboxEntry[]> {
  const db = await formsDatabase();
  return ownerId ? db.getAllFromIndex("outbox", "byOwner", ownerId) : db.getAll("outbox");
}

export async function deleteOutboxEntry(idempotencyKey: string): Promise<void> {
  await (await formsDatabase()).delete("outbox", idempotencyKey);
}
