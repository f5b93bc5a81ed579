import type { Prisma } from "../../generated/prisma/client.ts";
import type { Context } from "../../context.ts";

export interface AuditEvent {
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Prisma.InputJsonValue;
  /** Who acted, when it is not the request's viewer (e.g. the user who just logged in). */
  actorUserId?: string | null;
}

/** Appends one entry to the audit log: who, what, when and from where. */
export async function recordAudit(
  ctx: Pick<Context, "db" | "municipality" | "viewer" | "apiToken" | "meta" | "clock">,
  event: AuditEvent,
): Promise<void> {
  await ctx.db.auditLogEntry.create({
    data: {
      municipalityId: ctx.municipality.id,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      details: event.details,
      actorUserId: event.actorUserId !== undefined ? event.actorUserId : (ctx.viewer?.userId ?? null),
      actorTokenId: ctx.apiToken?.id ?? null,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
      requestId: ctx.meta.requestId,
      createdAt: ctx.clock.now(),
    },
  });
}
