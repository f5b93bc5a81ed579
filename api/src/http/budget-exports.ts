import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { pragueNow } from "../clock.ts";
import { scopedToMunicipality } from "../db/tenant.ts";
import { AppError, ValidationError } from "../errors.ts";
import { isLocale, negotiateLocale, translate } from "../i18n/messages.ts";
import { buildBudgetTable, type BudgetTableView } from "../services/budget/budget-table.ts";
import { parseBudgetQuery } from "../services/budget/parse-budget-query.ts";
import { renderBudgetTable, type BudgetExportFormat } from "../services/budget/render-budget-table.ts";

const FILE = /^(summary|drilldown|documents|comparison)\.(csv|json|xlsx|pdf|docx)$/;

/**
 * GET /api/budget/<summary|drilldown|documents|comparison>.<csv|json|xlsx|pdf|docx>?year=&month=&organisation=
 *   &consolidated=&asOf=&side=&group=&paragraf=&polozka=&orj=&org=&by=&sort=&desc=&years=&lang=
 * Every view of the public drill-down as a file, with the page's own URL parameters, so a shared link and
 * an export show the same thing. Published data only (no session is read); CSV and JSON are the open data.
 */
export async function registerBudgetExports(server: FastifyInstance, app: App): Promise<void> {
  server.get<{ Params: { file: string }; Querystring: Record<string, string | string[] | undefined> }>(
    "/api/budget/:file",
    async (request, reply) => {
      const match = FILE.exec(request.params.file);
      if (!match) return reply.status(404).send({ status: "not found" });
      const view = match[1] as BudgetTableView;
      const format = match[2] as BudgetExportFormat;
      const lang = request.query.lang;
      const locale = isLocale(lang) ? lang : negotiateLocale(request.headers["accept-language"]);
      const municipality = await app.municipalities.resolve(request.headers.host);
      const db = scopedToMunicipality(app.services.database.prisma, municipality.id);
      const clock = app.services.clock;
      try {
        const parsed = parseBudgetQuery(request.query, view, pragueNow(clock).year);
        const table = await buildBudgetTable({ db, viewer: null, clock, locale }, { view, ...parsed });
        const file = await renderBudgetTable(table, format, locale, clock.now());
        const name = [
          `rozpocet`,
          view,
          parsed.budgetView.year,
          parsed.path.side.toLowerCase(),
          parsed.path.group,
          parsed.path.paragraf,
          parsed.path.polozka,
        ]
          .filter(Boolean)
          .join("-");
        return reply
          .header("content-type", file.contentType)
          .header("content-disposition", `${format === "json" ? "inline" : "attachment"}; filename="${name}.${format}"`)
          .header("cache-control", "public, max-age=60")
          .header("access-control-allow-origin", "*")
          .header("x-content-type-options", "nosniff")
          .send(file.body);
      } catch (error) {
        if (error instanceof ValidationError) {
          const issue = error.issues[0]!;
          return reply.status(400).send({
            errors: [
              {
                message: `${issue.path.join(".")}: ${translate(locale, issue.messageKey, issue.params)}`,
                extensions: { code: "BAD_USER_INPUT", field: issue.path.join(".") },
              },
            ],
          });
        }
        if (error instanceof AppError) {
          return reply
            .status(error.code === "NOT_FOUND" ? 404 : 400)
            .send({ errors: [{ message: error.localizedMessage(locale), extensions: { code: error.code } }] });
        }
        throw error;
      }
    },
  );
}
