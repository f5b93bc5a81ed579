import { Feed } from "feed";
import type { TenantDb } from "../../db/tenant.ts";
import { translate, type Locale } from "../../i18n/messages.ts";
import { publicAlertWhere } from "./alert-visibility.ts";

export type AlertFeedFormat = "rss" | "atom";

export const alertFeedPaths: Record<AlertFeedFormat, string> = {
  rss: "/feeds/upozorneni.rss",
  atom: "/feeds/upozorneni.atom",
};

/** The most alerts a feed lists (the newest). */
export const ALERT_FEED_SIZE = 50;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/**
 * The town's published alerts as RSS 2.0 or Atom 1.0, newest first (the last ALERT_FEED_SIZE), in Czech
 * or, with `?lang=en`, in English where the alert has an English text. Each item links to the alert's page;
 * its category is the severity and the topics. The feed's date is the newest publication or end of
 * validity, never "now": an unchanged feed is byte-identical (ETag).
 */
export async function renderAlertFeed(
  db: TenantDb,
  municipality: { name: string; publicUrl: string; createdAt: Date },
  format: AlertFeedFormat,
  locale: Locale,
): Promise<{ body: string; lastChangeAt: Date }> {
  const alerts = await db.alert.findMany({
    where: publicAlertWhere(),
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: ALERT_FEED_SIZE,
    select: {
      id: true,
      severity: true,
      titleCs: true,
      titleEn: true,
      bodyCs: true,
      bodyEn: true,
      validFrom: true,
      validTo: true,
      publishedAt: true,
      updatedAt: true,
      topics: { select: { topic: { select: { code: true, nameCs: true, nameEn: true } } } },
    },
  });
  const base = municipality.publicUrl.replace(/\/$/, "");
  const page = `${base}/upozorneni`;
  const lastChangeAt = alerts.reduce((latest, alert) => (alert.updatedAt > latest ? alert.updatedAt : latest), municipality.createdAt);
  const feed = new Feed({
    id: page,
    link: page,
    title: translate(locale, "alertFeed.title", { town: municipality.name }),
    description: translate(locale, "alertFeed.description", { town: municipality.name }),
    language: locale,
    updated: lastChangeAt,
    generator: "Portál občana",
    copyright: municipality.name,
    author: { name: municipality.name },
    feedLinks: { rss: `${base}${alertFeedPaths.rss}`, atom: `${base}${alertFeedPaths.atom}` },
  });
  const dateTime = (date: Date) =>
    date.toLocaleString(locale === "cs" ? "cs-CZ" : "en-GB", { timeZone: "Europe/Prague", dateStyle: "medium", timeStyle: "short" });
  for (const alert of alerts) {
    const link = `${base}/upozorneni/${alert.id}`;
    const en = locale === "en";
    const validity = alert.validTo
      ? translate(locale, "alertFeed.validRange", { from: dateTime(alert.validFrom), to: dateTime(alert.validTo) })
      : translate(locale, "alertFeed.validFrom", { from: dateTime(alert.validFrom) });
    const body = en && alert.bodyEn ? alert.bodyEn : alert.bodyCs;
    feed.addItem({
      id: link,
      guid: link,
      link,
      title: escapeHtml(
        `${translate(locale, `alertFeed.severity.${alert.severity}`)}: ${en && alert.titleEn ? alert.titleEn : alert.titleCs}`,
      ),
      description: [body.trim(), validity].map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`).join(""),
      category: [
        { name: translate(locale, `alertFeed.severity.${alert.severity}`), term: alert.severity },
        ...alert.topics.map(({ topic }) => ({ name: en ? topic.nameEn : topic.nameCs, term: topic.code })),
      ],
      published: alert.publishedAt!,
      date: alert.updatedAt > alert.publishedAt! ? alert.updatedAt : alert.publishedAt!,
    });
  }
  return { body: format === "rss" ? feed.rss2() : feed.atom1(), lastChangeAt };
}
