// The baseline of the API benchmark: the least code that can answer the benchmark's queries with the
// same bytes as the full stack (node:http + a pg.Pool of the same size, no framework, no GraphQL).
// It answers only POST /graphql and /readyz; the body's operationName picks the answer, the query
// itself is not interpreted: "NoticeBoard" gets the notice board's first page (variables.first
// notices with their attachments), anything else the home page's data.
// Started by bench/api/run.ts with DATABASE_URL, PORT and DATABASE_POOL_SIZE set.
import http from "node:http";
import pg from "pg";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const port = Number(process.env.PORT ?? 0);
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

// The same resolution as api/src/services/tenancy/resolve-municipality.ts: the host mapping, else the
// municipality marked default, else the oldest one. Unlike the full stack, nothing is cached here:
// both statements run on every request.
const MUNICIPALITY_SQL = `
  SELECT m.id, m.name, m.ico, m.street, m.city, m."postalCode", m.email, m.phone, m.website,
         m."primaryColor", m."accentColor", m."logoMimeType", m."updatedAt"
    FROM "Municipality" m
   WHERE m.id = COALESCE(
           (SELECT h."municipalityId" FROM "MunicipalityHost" h WHERE h.hostname = $1),
           (SELECT d.id FROM "Municipality" d WHERE d."isDefault" LIMIT 1),
           (SELECT o.id FROM "Municipality" o ORDER BY o."createdAt" ASC LIMIT 1))`;

const BANK_ACCOUNTS_SQL = `
  SELECT id, label, prefix, number, "bankCode", iban, "isPrimary"
    FROM "BankAccount"
   WHERE "municipalityId" = $1
   ORDER BY "isPrimary" DESC, label ASC`;

// The board: the host's municipality (same fallbacks), then its posted notices, newest first, with
// their attachments aggregated in the same statement (the full stack needs two: notices, then the
// attachments of all of them). One row more than asked tells whether there is a next page.
const MUNICIPALITY_ID_SQL = `
  SELECT COALESCE(
           (SELECT h."municipalityId" FROM "MunicipalityHost" h WHERE h.hostname = $1),
           (SELECT d.id FROM "Municipality" d WHERE d."isDefault" LIMIT 1),
           (SELECT o.id FROM "Municipality" o ORDER BY o."createdAt" ASC LIMIT 1)) AS id`;

const BOARD_SQL = `
  SELECT n.id, n.title, n.category, n.originator, n."postedAt", n."relevantUntil"::text AS "relevantUntil", n."takeDownAt",
         n.status,
         COALESCE((
           SELECT json_agg(json_build_object('id', f.id, 'fileName', f."fileName", 'mimeType', f."mimeType", 'size', f.size)
                           ORDER BY a.position, f."fileName", f.id)
             FROM "NoticeAttachment" a JOIN "StoredFile" f ON f.id = a."fileId" AND f."municipalityId" = n."municipalityId"
            WHERE a."noticeId" = n.id), '[]'::json) AS attachments
    FROM "Notice" n
   WHERE n."municipalityId" = $1 AND n.status = 'APPROVED' AND n."postedAt" <= $2 AND n."takeDownAt" > $2
   ORDER BY n."postedAt" DESC, n.id DESC
   LIMIT $3`;

interface NoticeRow {
  id: string;
  title: string;
  category: string;
  originator: string;
  postedAt: Date;
  relevantUntil: string;
  takeDownAt: Date;
  status: string;
  attachments: { id: string; fileName: string; mimeType: string; size: number }[];
}

interface MunicipalityRow {
  id: string;
  name: string;
  ico: string;
  street: string;
  city: string;
  postalCode: string;
  email: string;
  phone: string | null;
  website: string | null;
  primaryColor: string;
  accentColor: string;
  logoMimeType: string | null;
  updatedAt: Date;
}

interface BankAccountRow {
  id: string;
  label: string;
  prefix: string | null;
  number: string;
  bankCode: string;
  iban: string;
  isPrimary: boolean;
}

function normalizeHost(hostHeader: string | undefined): string {
  const host = (hostHeader ?? "").trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.split(":")[0] ?? "";
}

async function homeData(hostHeader: string | undefined) {
  const { rows } = await pool.query<MunicipalityRow>(MUNICIPALITY_SQL, [normalizeHost(hostHeader)]);
  const m = rows[0];
  if (!m) throw new Error("no municipality");
  const accounts = (await pool.query<BankAccountRow>(BANK_ACCOUNTS_SQL, [m.id])).rows;
  // Key order follows the query's selection order, as graphql-js does.
  return {
    data: {
      municipality: {
        id: Buffer.from(`Municipality:${m.id}`).toString("base64"),
        name: m.name,
        ico: m.ico,
        street: m.street,
        city: m.city,
        postalCode: m.postalCode,
        email: m.email,
        phone: m.phone,
        website: m.website,
        branding: {
          primaryColor: m.primaryColor,
          accentColor: m.accentColor,
          logoUrl: m.logoMimeType ? `/branding/logo?v=${m.updatedAt.getTime()}` : null,
        },
        bankAccounts: accounts.map((a) => ({
          id: a.id,
          label: a.label,
          accountNumber: `${a.prefix ? `${a.prefix}-` : ""}${a.number}/${a.bankCode}`,
          iban: a.iban,
          isPrimary: a.isPrimary,
        })),
      },
    },
  };
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64");

async function boardData(hostHeader: string | undefined, first: number) {
  const { rows } = await pool.query<{ id: string | null }>(MUNICIPALITY_ID_SQL, [normalizeHost(hostHeader)]);
  const municipalityId = rows[0]?.id;
  if (!municipalityId) throw new Error("no municipality");
  const notices = (await pool.query<NoticeRow>(BOARD_SQL, [municipalityId, new Date(), first + 1])).rows;
  const page = notices.slice(0, first);
  const last = page.at(-1);
  return {
    data: {
      noticeBoard: {
        edges: page.map((n) => ({
          node: {
            id: globalId("Notice", n.id),
            title: n.title,
            category: n.category,
            originator: n.originator,
            postedAt: n.postedAt.toISOString(),
            relevantUntil: n.relevantUntil,
            takeDownAt: n.takeDownAt.toISOString(),
            withdrawn: n.status === "WITHDRAWN",
            attachments: n.attachments.map((f) => ({
              fileId: globalId("StoredFile", f.id),
              fileName: f.fileName,
              mimeType: f.mimeType,
              size: f.size,
              // As api/src/services/files/file-url.ts builds it.
              url: `/soubory/${f.id}/${encodeURIComponent(f.fileName)}`,
            })),
          },
        })),
        // The board's keyset cursor (api/src/services/notices/list-notices.ts): base64url of <postedAt ms>:<id>.
        pageInfo: {
          hasNextPage: notices.length > first,
          endCursor: last ? Buffer.from(`${last.postedAt.getTime()}:${last.id}`).toString("base64url") : null,
        },
      },
    },
  };
}

function send(response: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/readyz") {
    pool.query("SELECT 1").then(
      () => send(response, 200, { status: "ok" }),
      () => send(response, 503, { status: "unavailable" }),
    );
    return;
  }
  if (request.method !== "POST" || request.url !== "/graphql") {
    send(response, 404, { status: "not found" });
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    // Parse the body as any real handler must, but do not interpret the query.
    let body: { query?: unknown; operationName?: unknown; variables?: { first?: unknown } } | undefined;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
    } catch {
      body = undefined;
    }
    if (typeof body?.query !== "string") {
      send(response, 400, { errors: [{ message: "expected a JSON body with a query" }] });
      return;
    }
    const first = Number(body.variables?.first ?? 20);
    const answer = body.operationName === "NoticeBoard" ? boardData(request.headers.host, first) : homeData(request.headers.host);
    answer.then(
      (data) => send(response, 200, data),
      (error: unknown) => {
        console.error(error);
        send(response, 500, { errors: [{ message: "internal error" }] });
      },
    );
  });
});

function shutdown() {
  server.close();
  void pool.end().finally(() => process.exit(0));
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

server.listen(port, "127.0.0.1");
