import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { pragueNow } from "../clock.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import type { RegisterKind } from "../generated/prisma/client.ts";
import { negotiateLocale, translate, type MessageKey } from "../i18n/messages.ts";
import { parseCzechAmount } from "../services/registers/czech-values.ts";
import { EXPORT_MAX_ROWS, ExportTooLargeError, exportRegister, type ExportFormat } from "../services/registers/export-register.ts";
import {
  registerFilterSchema,
  SORT_DIRECTIONS,
  SORT_FIELDS,
  type RegisterOrder,
  type RegisterSortDirection,
  type RegisterSortField,
} from "../services/registers/register-filters.ts";

const KINDS: Record<string, RegisterKind> = { contracts: "CONTRACT", invoices: "INVOICE", orders: "ORDER" };

/**
 * GET /api/registry/<contracts|invoices|orders>.<csv|xlsx>?year=&counterparty=&amountMin=&amountMax=&department=&sort=&direction=
 * The public lists' filters as query parameters; only published entries of the host's municipality.
 */
export async function registerRegisterExports(server: FastifyInstance, app: App): Promise<void> {
  server.get<{ Params: { file: string }; Querystring: Record<string, string | string[] | undefined> }>(
    "/api/registry/:file",
    async (request, reply) => {
      const match = /^(contracts|invoices|orders)\.(csv|xlsx)$/.exec(request.params.file);
      if (!match) return reply.status(404).send({ status: "not found" });
      const kind = KINDS[match[1]!]!;
      const format = match[2] as ExportFormat;
      const locale = negotiateLocale(request.headers["accept-language"]);
      const bad = (field: string, messageKey: MessageKey, params: Record<string, string | number> = {}) =>
        reply.status(400).send({
          errors: [{ message: translate(locale, messageKey, params), extensions: { code: "BAD_USER_INPUT", field } }],
        });

      const query = request.query;
      const single = (name: string): string | null => {
        const value = query[name];
        const text = Array.isArray(value) ? value[0] : value;
        return text === undefined || text.trim() === "" ? null : text;
      };
      const amount = (name: string): bigint | null | "invalid" => {
        const text = single(name);
        if (text === null) return null;
        const parsed = parseCzechAmount(text);
        return parsed.ok ? parsed.value : "invalid";
      };
      const yearText = single("year");
      if (yearText !== null && !/^\d{4}$/.test(yearText)) return bad("year", "field.year");
      const amountMin = amount("amountMin");
      if (amountMin === "invalid") return bad("amountMin", "import.notAmount");
      const amountMax = amount("amountMax");
      if (amountMax === "invalid") return bad("amountMax", "import.notAmount");
      const parsed = registerFilterSchema.safeParse({
        year: yearText === null ? null : Number(yearText),
        counterparty: single("counterparty"),
        amountMin,
        amountMax,
        department: single("department"),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const key = issue.message.startsWith("field.") ? (issue.message as MessageKey) : "field.invalid";
        return bad(String(issue.path[0] ?? ""), key, issue.code === "too_big" ? { max: Number(issue.maximum) } : {});
      }
      const sort = (single("sort") ?? "DATE").toUpperCase();
      const direction = (single("direction") ?? "DESC").toUpperCase();
      if (!(SORT_FIELDS as readonly string[]).includes(sort)) return bad("sort", "field.invalid");
      if (!(SORT_DIRECTIONS as readonly string[]).includes(direction)) return bad("direction", "field.invalid");
      const order: RegisterOrder = { field: sort as RegisterSortField, direction: direction as RegisterSortDirection };

      const municipality = await app.municipalities.resolve(request.headers.host);
      const db = scopedToMunicipality(app.services.database.prisma, municipality.id);
      const today = pragueNow(app.services.clock).toISODate()!;
      try {
        const file = await exportRegister(db, { kind, format, filter: parsed.data, order, today });
        return reply
          .header("content-type", file.contentType)
          .header("content-disposition", `attachment; filename="${file.fileName}"`)
          .header("cache-control", "no-cache")
          .header("x-content-type-options", "nosniff")
          .send(file.body);
      } catch (error) {
        if (error instanceof ExportTooLargeError) return bad("filter", "export.tooLarge", { max: EXPORT_MAX_ROWS });
        throw error;
      }
    },
  );
}
