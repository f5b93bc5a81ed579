import { Feed } from "feed";
import { translate } from "../../i18n/messages.ts";
import type { Municipality } from "../tenancy/resolve-municipality.ts";
import { boardUrls, categoryLabel, type PostedBoard } from "./open-data.ts";

export type FeedFormat = "rss" | "atom";

export const feedPaths: Record<FeedFormat, string> = {
  rss: "/feeds/uredni-deska.rss",
  atom: "/feeds/uredni-deska.atom",
};

/**
 * The currently posted notices as an RSS 2.0 or Atom 1.0 feed, newest first. Each item links to
 * the notice's detail page and carries its IRI (the same as in the open data) as guid/id; the
 * publication date is the posting moment. The feed's own date is the board's last change, never
 * "now", so an unchanged board gives a byte-identical feed (and the same ETag).
 */
export function renderNoticeFeed(
  board: PostedBoard,
  municipality: Pick<Municipality, "name" | "createdAt">,
  baseUrl: string,
  format: FeedFormat,
  now: Date,
): string {
  const page = boardUrls.page(baseUrl);
  const feed = new Feed({
    id: page,
    link: page,
    title: translate("cs", "noticeFeed.title", { town: municipality.name }),
    description: translate("cs", "noticeFeed.description", { town: municipality.name }),
    language: "cs",
    updated: board.lastChangeAt ?? municipality.createdAt,
    generator: "Portál občana",
    copyright: municipality.name,
    // Atom requires an author; the operator of the board is the feed's (each originator is in the text).
    author: { name: municipality.name },
    feedLinks: { rss: `${baseUrl}${feedPaths.rss}`, atom: `${baseUrl}${feedPaths.atom}` },
  });
  for (const notice of board.notices) {
    const link = boardUrls.notice(baseUrl, notice.id);
    const identifiers = [notice.referenceNumber && `č. j. ${notice.referenceNumber}`, notice.fileMark && `sp. zn. ${notice.fileMark}`]
      .filter(Boolean)
      .join(", ");
    const originator = `${translate("cs", "confirmation.field.originator")}: ${notice.originator}`;
    // Atom's <updated>: a corrective revision after posting is a change subscribers should see.
    const revisedAt = notice.updatedAt > notice.postedAt && notice.updatedAt <= now ? notice.updatedAt : notice.postedAt;
    feed.addItem({
      id: link,
      guid: link,
      link,
      // Readers treat both as HTML (Atom says so: type="html"); notices are plain text, so escape them.
      title: escapeHtml(notice.title),
      description: [notice.description.trim(), identifiers, originator]
        .filter(Boolean)
        .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`)
        .join(""),
      category: [{ name: categoryLabel(notice.category), term: notice.category }],
      published: notice.postedAt,
      date: revisedAt,
    });
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}
