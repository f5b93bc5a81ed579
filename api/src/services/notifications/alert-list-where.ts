import type { Context } from "../../context.ts";
import type { AlertSeverity, AlertStatus, Prisma } from "../../generated/prisma/client.ts";
import { isUuid } from "../accounts/account-rules.ts";
import { publicAlertWhere } from "./alert-visibility.ts";

/** Which alerts a list shows: the public's (published), or the desk's (every one, optionally by status). */
export type AlertListScope = { kind: "public" } | { kind: "all"; statuses: readonly AlertStatus[] | null };

export interface AlertFilter {
  severity: AlertSeverity | null;
  topicId: string | null;
  /** Alerts for this area, the district of this street, the streets of this district, or the whole town. */
  areaId: string | null;
  validOnly: boolean;
}

const NO_ROW = "00000000-0000-0000-0000-000000000000";

/** The Prisma filter of an alert list (the tenant scope is added by `ctx.db`). */
export async function alertListWhere(
  ctx: Pick<Context, "db" | "clock">,
  scope: AlertListScope,
  filter: AlertFilter,
): Promise<Prisma.AlertWhereInput> {
  const conditions: Prisma.AlertWhereInput[] = [];
  if (scope.kind === "public") conditions.push(publicAlertWhere());
  else if (scope.statuses?.length) conditions.push({ status: { in: [...scope.statuses] } });
  if (filter.severity) conditions.push({ severity: filter.severity });
  if (filter.topicId) conditions.push({ topics: { some: { topicId: isUuid(filter.topicId) ? filter.topicId : NO_ROW } } });
  if (filter.validOnly) {
    const now = ctx.clock.now();
    conditions.push({ validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gt: now } }] });
  }
  if (filter.areaId) {
    const area = isUuid(filter.areaId)
      ? await ctx.db.notificationArea.findFirst({
          where: { id: filter.areaId },
          select: { id: true, kind: true, parentId: true, children: { select: { id: true } } },
        })
      : null;
    if (!area) conditions.push({ id: NO_ROW });
    else if (area.kind !== "TOWN") {
      const related = [area.id, ...(area.parentId ? [area.parentId] : []), ...area.children.map((child) => child.id)];
      conditions.push({ OR: [{ areas: { none: {} } }, { areas: { some: { areaId: { in: related } } } }] });
    }
  }
  return conditions.length ? { AND: conditions } : {};
}
