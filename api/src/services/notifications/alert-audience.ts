import type { AlertSeverity, NotificationChannel } from "../../generated/prisma/client.ts";

/**
 * Who an alert reaches, as SQL shared by the recipient counts and the fan-out, so both always agree.
 *
 * A preference (topic × area × channel) matches an alert when
 * - its topic is one of the alert's, or the alert is a crisis and the topic is a crisis topic; and
 * - its area overlaps the alert's: the alert is for the whole town (no areas, or the town area), or the
 *   preference is for the whole town, the same area, the district of an alerted street, or a street of an
 *   alerted district.
 * Disabled accounts never receive anything; e-mail needs a verified address, SMS a verified number, push
 * a registered device (one recipient per device).
 */
export interface Audience {
  municipalityId: string;
  topicIds: readonly string[];
  areaIds: readonly string[];
  severity: AlertSeverity;
}

/** Parameters $1-$4 of every audience statement. */
export function audienceParams(audience: Audience): unknown[] {
  return [audience.municipalityId, [...audience.areaIds], [...audience.topicIds], audience.severity === "CRISIS"];
}

/** CTEs defining "matched" (userId, channel): every citizen × channel the alert's preferences select. */
export const MATCHED_CTE = `
  alert_areas AS (
    SELECT id, kind, "parentId" FROM "NotificationArea" WHERE "municipalityId" = $1::uuid AND id = ANY($2::uuid[])
  ),
  whole_town AS (
    SELECT cardinality($2::uuid[]) = 0 OR EXISTS (SELECT 1 FROM alert_areas WHERE kind = 'TOWN') AS yes
  ),
  matching_topics AS (
    SELECT id FROM "NotificationTopic"
     WHERE "municipalityId" = $1::uuid AND (id = ANY($3::uuid[]) OR ($4::boolean AND "isCrisis" AND "archivedAt" IS NULL))
  ),
  matching_areas AS (
    SELECT a.id FROM "NotificationArea" a CROSS JOIN whole_town w
     WHERE a."municipalityId" = $1::uuid
       AND (w.yes
            OR a.kind = 'TOWN'
            OR a.id IN (SELECT id FROM alert_areas)
            OR a.id IN (SELECT "parentId" FROM alert_areas WHERE "parentId" IS NOT NULL)
            OR a."parentId" IN (SELECT id FROM alert_areas WHERE kind = 'DISTRICT'))
  ),
  matched AS (
    SELECT DISTINCT p."userId" AS user_id, p.channel
      FROM "NotificationPreference" p
      JOIN "User" u ON u.id = p."userId" AND u."disabledAt" IS NULL
     WHERE p."municipalityId" = $1::uuid
       AND p."topicId" IN (SELECT id FROM matching_topics)
       AND p."areaId" IN (SELECT id FROM matching_areas)
  )`;

/** One row per recipient of a channel: what a delivery is made of. */
export interface RecipientRow {
  recipient_key: string;
  user_id: string;
  address: string | null;
  push_subscription_id: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
}

/** The alert's topics and areas as CTEs, without resolving anyone (the fan-out's batches). */
const TOPICS_AND_AREAS_CTE = MATCHED_CTE.slice(0, MATCHED_CTE.indexOf(",\n  matched AS ("));

/**
 * SELECT of the recipients of one channel, after `$5` (the last recipient key done, "" at first), `$6` at
 * most, in recipient key order: the fan-out's resumable batches.
 *
 * Each batch walks the channel's own table (users, push subscriptions) in primary-key order from the
 * cursor and keeps the rows with a matching preference (an index probe each), so a batch costs its 500
 * rows, not the whole audience: resolving "matched" for all 100 000 citizens of a crisis alert on every
 * batch took half a second each and 20 minutes in all (bench/notifications). The recipient key is the
 * row's uuid as text; uuids and their text sort alike, the cursor is compared as a uuid.
 */
export function recipientsSql(channel: NotificationChannel): string {
  const wants = (userColumn: string) => `EXISTS (
      SELECT 1 FROM "NotificationPreference" p
       WHERE p."userId" = ${userColumn} AND p.channel = '${channel}'
         AND p."topicId" IN (SELECT id FROM matching_topics)
         AND p."areaId" IN (SELECT id FROM matching_areas))`;
  const after = `COALESCE(NULLIF($5::text, '')::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`;
  const target = {
    EMAIL: `SELECT u.id AS key, u.id AS user_id, u.email AS address, NULL::uuid AS push_subscription_id
              FROM "User" u
             WHERE u."municipalityId" = $1::uuid AND u.id > ${after} AND u."disabledAt" IS NULL
               AND u."emailVerifiedAt" IS NOT NULL AND ${wants("u.id")}
             ORDER BY u.id LIMIT $6`,
    SMS: `SELECT u.id AS key, u.id AS user_id, np."smsPhone" AS address, NULL::uuid AS push_subscription_id
            FROM "User" u JOIN "NotificationProfile" np ON np."userId" = u.id
           WHERE u."municipalityId" = $1::uuid AND u.id > ${after} AND u."disabledAt" IS NULL
             AND np."smsPhone" IS NOT NULL AND np."smsPhoneVerifiedAt" IS NOT NULL AND ${wants("u.id")}
           ORDER BY u.id LIMIT $6`,
    PUSH: `SELECT s.id AS key, s."userId" AS user_id, NULL AS address, s.id AS push_subscription_id
             FROM "PushSubscription" s JOIN "User" u ON u.id = s."userId" AND u."disabledAt" IS NULL
            WHERE s."municipalityId" = $1::uuid AND s.id > ${after} AND ${wants('s."userId"')}
            ORDER BY s.id LIMIT $6`,
  }[channel];
  return `WITH ${TOPICS_AND_AREAS_CTE},
    recipients AS (${target})
    SELECT r.key::text AS recipient_key, r.user_id, r.address, r.push_subscription_id,
           np."quietHoursStart" AS quiet_start, np."quietHoursEnd" AS quiet_end
      FROM recipients r LEFT JOIN "NotificationProfile" np ON np."userId" = r.user_id
     ORDER BY r.key`;
}

/** SELECT of the counts per channel (and distinct citizens) for the given channels ($5). */
export const COUNTS_SQL = `WITH ${MATCHED_CTE},
  email AS (
    SELECT m.user_id FROM matched m JOIN "User" u ON u.id = m.user_id
     WHERE m.channel = 'EMAIL' AND 'EMAIL' = ANY($5::text[]) AND u."emailVerifiedAt" IS NOT NULL
  ),
  sms AS (
    SELECT m.user_id FROM matched m JOIN "NotificationProfile" np ON np."userId" = m.user_id
     WHERE m.channel = 'SMS' AND 'SMS' = ANY($5::text[]) AND np."smsPhone" IS NOT NULL AND np."smsPhoneVerifiedAt" IS NOT NULL
  ),
  push AS (
    SELECT m.user_id, s.id FROM matched m JOIN "PushSubscription" s ON s."userId" = m.user_id
     WHERE m.channel = 'PUSH' AND 'PUSH' = ANY($5::text[])
  )
  SELECT (SELECT count(*) FROM email)::int AS email,
         (SELECT count(*) FROM sms)::int AS sms,
         (SELECT count(*) FROM push)::int AS push,
         (SELECT count(DISTINCT user_id) FROM push)::int AS push_citizens,
         (SELECT count(*) FROM (SELECT user_id FROM email UNION SELECT user_id FROM sms UNION SELECT user_id FROM push) everyone)::int AS citizens`;
