import type { Context } from "../../context.ts";
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from "../../lib/cookies.ts";
import { recordAudit } from "../audit/record-audit.ts";

/**
 * Ends the viewer's session and clears both cookies. Anonymous callers just get the cookies
 * cleared: a session is only deleted on a CSRF-checked request, so other sites cannot log people out.
 */
export async function logOut(ctx: Context): Promise<void> {
  if (ctx.viewer) {
    await ctx.db.session.deleteMany({ where: { id: ctx.viewer.sessionId } });
    await recordAudit(ctx, { action: "auth.logout", subjectType: "Session", subjectId: ctx.viewer.sessionId.slice(0, 12) });
  }
  ctx.responseCookies.push(
    serializeCookie(SESSION_COOKIE, "", { httpOnly: true, secure: ctx.meta.secure, maxAgeSeconds: 0 }),
    serializeCookie(CSRF_COOKIE, "", { httpOnly: false, secure: ctx.meta.secure, maxAgeSeconds: 0 }),
  );
}
