// Shared by the notices-*.test.ts and files.test.ts files: the operations as the PWA and integrators
// send them, a town with its clerks, uploads as GraphQL multipart requests, and small real files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { Config } from "../../api/src/config.ts";
import { minimalPdf } from "../../prisma/seed/notices.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { apiTokenClient, createMunicipality, createUser, signedInClient } from "../kit/factories.ts";
import { Client } from "../kit/graphql.ts";

export { minimalPdf };

/** A test app whose uploaded files live in a temporary directory (removed on close). */
export async function createNoticeTestApp(overrides: Partial<Record<keyof Config, string>> = {}): Promise<TestApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-files-"));
  const app = await createTestApp({ DATA_DIR: dataDir, ...overrides });
  return {
    ...app,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTown(app: TestApp, options: { twoPersonRule?: boolean; name?: string } = {}) {
  const host = `deska-${Math.random().toString(36).slice(2, 8)}.test`;
  const town = await createMunicipality(app, { hostname: host, name: options.name ?? "Obec Vývěsková" });
  if (options.twoPersonRule) {
    await app.database.prisma.municipality.update({ where: { id: town.id }, data: { noticeTwoPersonRule: true } });
  }
  const clerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"], fullName: "Petra Referentová" });
  const secondClerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["NOTICES"], fullName: "Karel Schvalovatel" });
  const registersClerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["REGISTERS"] });
  const otherClerkUser = await createUser(app, town.id, { role: "CLERK", agendas: ["FINANCE"] });
  const citizenUser = await createUser(app, town.id);
  return {
    town,
    host,
    clerkUser,
    secondClerkUser,
    clerk: await signedInClient(app, clerkUser, host),
    secondClerk: await signedInClient(app, secondClerkUser, host),
    registersClerk: await signedInClient(app, registersClerkUser, host),
    financeClerk: await signedInClient(app, otherClerkUser, host),
    citizen: await signedInClient(app, citizenUser, host),
    anonymous: new Client(app, { host }),
    integrator: await apiTokenClient(app, town.id, ["notices:write"], host),
    sessionCookie: (client: Client) => `portal_session=${encodeURIComponent(client.cookies.get("portal_session")!)}`,
  };
}
export type Town = Awaited<ReturnType<typeof createTown>>;

export const ERROR_FIELDS = /* GraphQL */ `
  ... on Error {
    message
    code
  }
  ... on ValidationError {
    fieldErrors {
      path
      code
      message
    }
  }
`;

export const NOTICE_FIELDS = /* GraphQL */ `
  id
  title
  description
  category
  originator
  originatorIco
  referenceNumber
  fileMark
  postedAt
  relevantUntil
  takeDownAt
  revision
  status
  withdrawn
  withdrawalReason
  attachments {
    fileId
    fileName
    mimeType
    size
    url
  }
`;

const mutationWithNotice = (name: string, signature: string, call: string) => /* GraphQL */ `
  mutation ${name[0]!.toUpperCase()}${name.slice(1)}${signature} {
    ${name}${call} {
      __typename
      ... on ${name[0]!.toUpperCase()}${name.slice(1)}Success {
        notice {
          ${NOTICE_FIELDS}
        }
      }
      ${ERROR_FIELDS}
    }
  }
`;

export const CREATE_NOTICE = mutationWithNotice("createNotice", "($input: NoticeInput!)", "(input: $input)");
export const UPDATE_NOTICE = mutationWithNotice("updateNotice", "($input: UpdateNoticeInput!)", "(input: $input)");
export const ATTACH_FILE = mutationWithNotice("attachNoticeFile", "($input: NoticeFileInput!)", "(input: $input)");
export const DETACH_FILE = mutationWithNotice("detachNoticeFile", "($input: NoticeFileInput!)", "(input: $input)");
export const PROPOSE_NOTICE = mutationWithNotice("proposeNotice", "($input: NoticeIdInput!)", "(input: $input)");
export const APPROVE_NOTICE = mutationWithNotice("approveNotice", "($input: ApproveNoticeInput!)", "(input: $input)");
export const REVISE_NOTICE = mutationWithNotice("reviseNotice", "($input: ReviseNoticeInput!)", "(input: $input)");
export const WITHDRAW_NOTICE = mutationWithNotice("withdrawNotice", "($input: WithdrawNoticeInput!)", "(input: $input)");
export const UPSERT_BY_EXTERNAL_ID = mutationWithNotice(
  "upsertNoticeByExternalId",
  "($externalId: String!, $input: NoticeInput!, $revisionReason: String)",
  "(externalId: $externalId, input: $input, revisionReason: $revisionReason)",
);
export const APPROVE_BY_EXTERNAL_ID = mutationWithNotice(
  "approveNoticeByExternalId",
  "($externalId: String!, $postedAt: DateTime)",
  "(externalId: $externalId, postedAt: $postedAt)",
);
export const WITHDRAW_BY_EXTERNAL_ID = mutationWithNotice(
  "withdrawNoticeByExternalId",
  "($externalId: String!, $reason: String!)",
  "(externalId: $externalId, reason: $reason)",
);

export const BOARD = /* GraphQL */ `
  query Board($filter: NoticeFilter, $first: Int, $after: String) {
    noticeBoard(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          ${NOTICE_FIELDS}
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const ARCHIVE = /* GraphQL */ `
  query Archive($filter: NoticeFilter, $first: Int, $after: String) {
    noticeArchive(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ${NOTICE_FIELDS}
        }
      }
    }
  }
`;

export const NOTICE_DETAIL = /* GraphQL */ `
  query Notice($id: ID!) {
    notice(id: $id) {
      ${NOTICE_FIELDS}
      revisions {
        revision
        title
        reason
        createdAt
      }
    }
  }
`;

export const HISTORY = /* GraphQL */ `
  query History($id: ID!) {
    noticeHistory(id: $id) {
      notice {
        id
        status
        revision
      }
      revisions {
        revision
        title
        reason
        createdBy
        attachmentNames
      }
      events {
        type
        actorName
        postedAt
        takeDownAt
        revision
        reason
      }
      writtenByViewer
    }
  }
`;

export const UPLOAD = /* GraphQL */ `
  mutation Upload($file: File!) {
    uploadFile(file: $file) {
      __typename
      ... on UploadFileSuccess {
        file {
          id
          fileName
          mimeType
          size
          sha256
          url
        }
      }
      ${ERROR_FIELDS}
    }
  }
`;

/** A GraphQL multipart request (the spec the PWA's upload uses) through yoga, as `client`. */
export async function upload(_app: TestApp, client: Client, bytes: Uint8Array, fileName: string, type = "application/octet-stream") {
  return client.upload<{ uploadFile: Record<string, any> }>(
    UPLOAD,
    { file: null },
    { file: new File([new Uint8Array(bytes)], fileName, { type }) },
  );
}

/** Uploads a small PDF and returns the StoredFile's global id. */
export async function uploadPdf(app: TestApp, client: Client, fileName = "Vyhláška.pdf", text = "Obecne zavazna vyhlaska") {
  const answer = await upload(app, client, minimalPdf(text, [text]), fileName, "application/pdf");
  const file = answer.data?.uploadFile.file;
  if (!file) throw new Error(`upload failed: ${JSON.stringify(answer)}`);
  return file as { id: string; fileName: string; url: string; sha256: string; size: number };
}

export const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A zip with stored (uncompressed) entries: enough for office formats, whose type is in the entries. */
export function storedZip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = Buffer.from(content, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

export function minimalDocx(): Buffer {
  return storedZip([
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ["word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
  ]);
}

export function minimalOdt(): Buffer {
  return storedZip([
    ["mimetype", "application/vnd.oasis.opendocument.text"],
    ["content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
  ]);
}

/** Input for a notice with sensible defaults. */
export function noticeInput(overrides: Record<string, unknown> = {}) {
  return {
    title: "Oznámení o přerušení dodávky vody",
    description: "V ulici Na Výsluní bude přerušena dodávka vody.",
    category: "ANNOUNCEMENTS",
    ...overrides,
  };
}

/** Creates and approves a notice as `clerk` (no two-person rule), returning the approved notice. */
export async function postNotice(clerk: Client, input: Record<string, unknown> = {}, approve: { postedAt?: string } = {}) {
  const created = await clerk.request(CREATE_NOTICE, { input: noticeInput(input) });
  const notice = created.data?.createNotice.notice;
  if (!notice) throw new Error(`create failed: ${JSON.stringify(created)}`);
  const approved = await clerk.request(APPROVE_NOTICE, { input: { id: notice.id, ...approve } });
  const result = approved.data?.approveNotice.notice;
  if (!result) throw new Error(`approve failed: ${JSON.stringify(approved)}`);
  return result as Record<string, any> & { id: string; attachments: { url: string; fileName: string }[] };
}

export function ids(connection: { edges: { node: { id: string } }[] } | undefined): string[] {
  return connection?.edges.map((edge) => edge.node.id) ?? [];
}
