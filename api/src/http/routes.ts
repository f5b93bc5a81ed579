import type { FastifyInstance } from "fastify";
import type { App } from "../app.ts";
import { registerBudgetExports } from "./budget-exports.ts";
import { registerAlertFeedRoutes } from "./alert-feeds.ts";
import { registerCardPaymentRoutes } from "./card-payments.ts";
import { registerAccountReceiptRoutes } from "./account-receipts.ts";
import { registerFileRoutes } from "./files.ts";
import { registerNoticeOutputRoutes } from "./notice-outputs.ts";
import { registerNotificationUnsubscribeRoutes } from "./notification-unsubscribe.ts";
import { registerRegisterExports } from "./register-exports.ts";
import { registerSubmissionSummaryRoutes } from "./submission-summaries.ts";

/**
 * HTTP routes outside GraphQL: file downloads, feeds, open data, exports. Each feature keeps its
 * routes in its own module here and registers them below; business logic stays in services.
 * Every route's URL prefix must also be listed in `API_PREFIXES` (server.ts) so that unknown URLs
 * under it get a 404 instead of the app shell.
 */
export async function registerRoutes(server: FastifyInstance, app: App): Promise<void> {
  await registerFileRoutes(server, app);
  await registerNoticeOutputRoutes(server, app);
  await registerRegisterExports(server, app);
  await registerCardPaymentRoutes(server, app);
  await registerAccountReceiptRoutes(server, app);
  await registerBudgetExports(server, app);
  await registerNotificationUnsubscribeRoutes(server, app);
  await registerAlertFeedRoutes(server, app);
  await registerSubmissionSummaryRoutes(server, app);
}
