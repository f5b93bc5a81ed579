import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import type { App } from "../app.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { authenticateRequest } from "../services/accounts/authenticate-request.ts";
import { canManageFiles } from "../services/files/can-manage-files.ts";
import { mayUploadBudget } from "../services/budget/may-upload-budget.ts";
import { isFinanceClerk } from "../services/payments/require-finance-access.ts";

/** Why an upload is refused before a byte of its body is read. */
export interface UploadRefusal {
  status: 401 | 403;
  code: string;
  messageKey: MessageKey;
}

/** Uploads of signed-in citizens (a form's attachments), whose body is cut at FORM_ATTACHMENT_MAX_BYTES. */
const formAttachmentUploads = new WeakSet<FastifyRequest>();

/** The largest file this (authorized) upload may carry: a citizen's form attachment is smaller than a clerk's file. */
export function uploadFileLimit(request: FastifyRequest, config: { FILE_MAX_BYTES: number; FORM_ATTACHMENT_MAX_BYTES: number }): number {
  return formAttachmentUploads.has(request) ? Math.min(config.FORM_ATTACHMENT_MAX_BYTES, config.FILE_MAX_BYTES) : config.FILE_MAX_BYTES;
}

/**
 * Uploads are for clerks of the file agendas, admins and integrators whose token may write notices
 * or register entries (`canManageFiles`), and finance clerks (bank statements), up to FILE_MAX_BYTES; and for
 * signed-in citizens attaching files to a form (uploadFormAttachment; every other upload mutation refuses them),
 * up to FORM_ATTACHMENT_MAX_BYTES. Everyone else is answered from the headers alone, before the body is read: an
 * anonymous flood of large uploads costs nothing.
 */
export async function authorizeUpload(app: App, request: FastifyRequest, headers: Headers): Promise<UploadRefusal | null> {
  const { services } = app;
  const municipality = await app.municipalities.resolve(request.headers.host);
  let auth: Awaited<ReturnType<typeof authenticateRequest>>;
  try {
    auth = await authenticateRequest({
      db: scopedToMunicipality(services.database.prisma, municipality.id),
      headers,
      clock: services.clock,
      locale: "cs",
      sessionTtlHours: services.config.SESSION_TTL_HOURS,
    });
  } catch {
    // An invalid, revoked or expired API token.
    return { status: 401, code: "UNAUTHENTICATED", messageKey: "error.unauthenticated" };
  }
  // Finance clerks upload bank statements (importBankStatement).
  if (canManageFiles(auth) || isFinanceClerk(auth)) return null;
  // The budget office and the organisations' uploaders send accounting exports (importBudgetData).
  if (await mayUploadBudget(scopedToMunicipality(services.database.prisma, municipality.id), auth)) return null;
  if (!auth.viewer && !auth.apiToken) return { status: 401, code: "UNAUTHENTICATED", messageKey: "error.uploadUnauthenticated" };
  if (auth.viewer) {
    formAttachmentUploads.add(request);
    return null;
  }
  if (!auth.apiToken) return { status: 401, code: "UNAUTHENTICATED", messageKey: "error.uploadUnauthenticated" };
  return { status: 403, code: "FORBIDDEN", messageKey: "error.uploadForbidden" };
}

export class UploadError extends Error {
  readonly statusCode: number;
  readonly messageKey: MessageKey;
  constructor(statusCode: number, messageKey: MessageKey) {
    super(messageKey);
    this.statusCode = statusCode;
    this.messageKey = messageKey;
  }
}

export interface ReadUpload {
  /** The GraphQL parameters, the files put where the map says (as disk-backed `File`s). */
  params: Record<string, unknown>;
  /** Deletes the temporary files (after the operation has run). */
  cleanup(): Promise<void>;
}

const MAX_FILES = 10;

/**
 * Reads a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec)
 * as a stream: the `operations` and `map` fields within `maxFieldBytes`, each file streamed to a
 * temporary file under `directory` and cut off at `maxFileBytes` (413). No file is ever held in
 * memory; the resolvers get `File`s backed by the temporary files.
 */
export async function readUploadRequest(
  request: FastifyRequest,
  options: { directory: string; maxFileBytes: number; maxFieldBytes: number },
): Promise<ReadUpload> {
  const temporaryFiles: string[] = [];
  const cleanup = async () => {
    await Promise.all(temporaryFiles.map((file) => fs.promises.rm(file, { force: true })));
  };
  try {
    await fs.promises.mkdir(options.directory, { recursive: true });
    let operations: unknown;
    let map: Record<string, unknown> | undefined;
    const files = new Map<string, File>();
    // (The plugin is registered with throwFileSizeLimit: false: a cut-off file is reported below.)
    const parts = request.parts({
      limits: { fileSize: options.maxFileBytes, files: MAX_FILES, fields: 2, fieldSize: options.maxFieldBytes, parts: MAX_FILES + 2 },
    });
    for await (const part of parts) {
      if (part.type === "field") {
        if (part.valueTruncated) throw new UploadError(413, "error.uploadMalformed");
        const value = parseJson(String(part.value));
        if (part.fieldname === "operations") operations = value;
        else if (part.fieldname === "map" && isRecord(value)) map = value;
        else throw new UploadError(400, "error.uploadMalformed");
        continue;
      }
      // The spec sends operations and map first: a file before them is not ours to read.
      if (operations === undefined || !map || !Object.hasOwn(map, part.fieldname)) throw new UploadError(400, "error.uploadMalformed");
      const temporary = path.join(options.directory, `${randomUUID()}.upload`);
      temporaryFiles.push(temporary);
      await pipeline(part.file, fs.createWriteStream(temporary, { flags: "wx", mode: 0o600 }));
      if (part.file.truncated) throw new UploadError(413, "field.fileTooLarge");
      const blob = await fs.openAsBlob(temporary, { type: part.mimetype });
      files.set(part.fieldname, new File([blob], part.filename, { type: part.mimetype }));
    }
    if (!isRecord(operations) || !map) throw new UploadError(400, "error.uploadMalformed");
    for (const [key, targets] of Object.entries(map)) {
      const file = files.get(key);
      if (!file || !Array.isArray(targets)) throw new UploadError(400, "error.uploadMalformed");
      for (const target of targets) {
        if (typeof target !== "string" || !setPath(operations, target.split("."), file))
          throw new UploadError(400, "error.uploadMalformed");
      }
    }
    return { params: operations, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UploadError(400, "error.uploadMalformed");
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Puts `value` at a path such as variables.input.files.0, only where the operation has a slot (null). */
function setPath(target: Record<string, unknown>, segments: string[], value: unknown): boolean {
  let node: unknown = target;
  for (const [index, segment] of segments.entries()) {
    if (segment === "__proto__" || segment === "constructor" || segment === "prototype") return false;
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, segment)) return false;
    if (index === segments.length - 1) {
      (node as Record<string, unknown>)[segment] = value;
      return true;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return false;
}
