import { GraphQLError } from "graphql";
import type { Clock } from "../../clock.ts";
import type { TenantDb } from "../../db/tenant.ts";
import type { Viewer } from "../../context.ts";
import type { ApiToken } from "../../generated/prisma/client.ts";
import { translate, type Locale } from "../../i18n/messages.ts";
import { CSRF_HEADER, SESSION_COOKIE, parseCookies } from "../../lib/cookies.ts";
import { safeEqual, sha256 } from "../../lib/tokens.ts";

/** Sliding expiry: a session used within its lifetime is extended, at most once per interval. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface Authentication {
  viewer: Viewer | null;
  apiToken: ApiToken | null;
  /** The session cookie was present but is no longer valid: the caller should clear it. */
  clearSessionCookie: boolean;
  /** The session was extended: the caller re-issues the cookies with a fresh lifetime. */
  renewedSession: { token: string; csrfToken: string } | null;
}

/**
 * Who is this request? Either an integrator (Authorization: Bearer <api token>) or a person with a
 * session cookie. A cookie-authenticated request must echo the session's CSRF token in the
 * x-csrf-token header; without it the request is treated as anonymous. Expired, forged or
 * disabled-user sessions are anonymous too. An invalid bearer token is an error (integrators need
 * to know), never silently anonymous.
 */
export async function authenticateRequest(args: {
  db: TenantDb;
  headers: Headers;
  clock: Clock;
  locale: Locale;
  sessionTtlHours: number;
}): Promise<Authentication> {
  const { db, headers, clock } = args;
  const now = clock.now();
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match ? await db.apiToken.findUnique({ where: { tokenHash: sha256(match[1]!) } }) : null;
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) {
      throw new GraphQLError(translate(args.locale, "error.unauthenticated"), {
        extensions: { code: "UNAUTHENTICATED", reason: "INVALID_API_TOKEN", http: { status: 401 } },
      });
    }
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { viewer: null, apiToken: token, clearSessionCookie: false, renewedSession: null };
  }

  const cookie = parseCookies(headers.get("cookie")).get(SESSION_COOKIE);
  const anonymous: Authentication = { viewer: null, apiToken: null, clearSessionCookie: false, renewedSession: null };
  if (!cookie) return anonymous;
  const session = await db.session.findUnique({
    where: { id: sha256(cookie) },
    include: { user: { select: { id: true, role: true, agendas: true, disabledAt: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.disabledAt) {
    return { ...anonymous, clearSessionCookie: true };
  }
  const csrf = headers.get(CSRF_HEADER);
  if (!csrf || !safeEqual(csrf, session.csrfToken)) return anonymous;
  const renew = now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS;
  if (renew) {
    await db.session.update({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + args.sessionTtlHours * 3_600_000) },
    });
  }
  return {
    viewer: { userId: session.user.id, role: session.user.role, agendas: session.user.agendas, sessionId: session.id },
    apiToken: null,
    clearSessionCookie: false,
    renewedSession: renew ? { token: cookie, csrfToken: session.csrfToken } : null,
  };
}
