import type { FastifyInstance } from "fastify";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../api/src/server.ts";
import { createTestApp, type TestApp } from "../kit/app.ts";
import { createMunicipality, createNotice } from "../kit/factories.ts";

// 1 December 2026, 00:00 in Prague (CET, UTC+1).
const DEC_1_MIDNIGHT = "2026-11-30T23:00:00.000Z";

let app: TestApp;
let server: FastifyInstance;

beforeAll(async () => {
  app = await createTestApp();
  server = await buildServer(app);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

async function town(name?: string) {
  const municipality = await createMunicipality(app, name ? { name } : {});
  return { ...municipality, host: municipality.hosts[0]!.hostname };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  isArray: (name) => ["item", "entry", "category", "link"].includes(name),
});

async function rss(host: string, headers: Record<string, string> = {}, target: FastifyInstance = server) {
  const response = await target.inject({ url: "/feeds/uredni-deska.rss", headers: { host, ...headers } });
  if (response.statusCode !== 200) return { response, channel: null, items: [] as Record<string, any>[] };
  expect(XMLValidator.validate(response.body)).toBe(true);
  const channel = parser.parse(response.body).rss.channel;
  return { response, channel, items: (channel.item ?? []) as Record<string, any>[] };
}

async function atom(host: string, headers: Record<string, string> = {}) {
  const response = await server.inject({ url: "/feeds/uredni-deska.atom", headers: { host, ...headers } });
  if (response.statusCode !== 200) return { response, feed: null, entries: [] as Record<string, any>[] };
  expect(XMLValidator.validate(response.body)).toBe(true);
  const feed = parser.parse(response.body).feed;
  return { response, feed, entries: (feed.entry ?? []) as Record<string, any>[] };
}

/** What a reader shows for an HTML text. */
const decodeHtml = (html: string) =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[entity]!);

const guids = (items: Record<string, any>[]) => items.map((item) => String(item.guid["#text"]).split("/").pop());
const entryIds = (entries: Record<string, any>[]) => entries.map((entry) => String(entry.id).split("/").pop());

describe("RSS and Atom feeds of the notice board", () => {
  it("lists the posted notices newest first, linking each to its page, with category, posting date and IRI", async () => {
    const { id: municipalityId, host } = await town("Město Lipnice");
    app.clock.set("2026-12-03T09:00:00Z");
    const older = await createNotice(app, municipalityId, {
      title: "Veřejná vyhláška – územní plán",
      description: "Návrh územního plánu je vystaven k nahlédnutí.",
      category: "DECREES",
      originator: "Městský úřad Lipnice",
      referenceNumber: "MÚ/7/2026",
      postedAt: DEC_1_MIDNIGHT,
    });
    const newer = await createNotice(app, municipalityId, {
      title: "Zasedání zastupitelstva",
      category: "COUNCIL_MEETINGS",
      postedAt: "2026-12-02T07:30:00Z",
    });

    const { response, channel, items } = await rss(host);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/rss+xml; charset=utf-8");
    expect(channel.title).toBe("Úřední deska – Město Lipnice");
    expect(channel.link).toEqual([`http://${host}/uredni-deska`]);
    expect(channel.language).toBe("cs");
    expect(guids(items)).toEqual([newer.id, older.id]);
    const item = items[1]!;
    expect(item.title).toBe("Veřejná vyhláška – územní plán");
    expect(item.link).toEqual([`http://${host}/uredni-deska/${older.id}`]);
    expect(item.guid["#text"]).toBe(`http://${host}/uredni-deska/${older.id}`);
    expect(new Date(item.pubDate).toISOString()).toBe(DEC_1_MIDNIGHT);
    expect(item.category).toEqual(["Vyhlášky a nařízení"]);
    expect(item.description).toContain("Návrh územního plánu je vystaven k nahlédnutí.");
    expect(item.description).toContain("č. j. MÚ/7/2026");
    expect(item.description).toContain("Městský úřad Lipnice");
    // The channel's date is the board's last change (the newest posting), not the time of the request.
    expect(new Date(channel.lastBuildDate).toISOString()).toBe("2026-12-02T07:30:00.000Z");

    const { response: atomResponse, feed, entries } = await atom(host);
    expect(atomResponse.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(feed.title).toBe("Úřední deska – Město Lipnice");
    expect(feed.author.name).toBe("Město Lipnice");
    expect(entryIds(entries)).toEqual([newer.id, older.id]);
    const entry = entries[1]!;
    expect(entry.id).toBe(`http://${host}/uredni-deska/${older.id}`);
    expect(entry.link[0]["@href"]).toBe(`http://${host}/uredni-deska/${older.id}`);
    expect(entry.published).toBe(DEC_1_MIDNIGHT);
    expect(entry.category).toEqual([{ "@label": "Vyhlášky a nařízení", "@term": "DECREES" }]);
  });

  it("escapes notice texts, which are plain text, for readers that render titles and summaries as HTML", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-03T09:00:00Z");
    const title = 'Vyhláška <script>alert("x")</script> & ]]> konec';
    const description = "Popis s <b>tučně</b> a ]]><evil/> & další";
    await createNotice(app, municipalityId, { title, description, postedAt: DEC_1_MIDNIGHT });
    const { items } = await rss(host);
    expect(items[0]!.title).not.toContain("<script>");
    expect(decodeHtml(items[0]!.title)).toBe(title);
    expect(items[0]!.description).not.toMatch(/<b>|<evil/);
    expect(decodeHtml(items[0]!.description.replace(/<\/?(p|br)>/g, " "))).toContain(description);
    const { entries } = await atom(host);
    expect(entries[0]!.title["@type"]).toBe("html");
    expect(decodeHtml(entries[0]!.title["#text"])).toBe(title);
  });

  it("adds a notice scheduled for 00:00 Prague time at 00:00:00, not at 23:59:59, and drops it at its take-down", async () => {
    const { id: municipalityId, host } = await town();
    const notice = await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT, relevantUntil: "2026-12-16" });

    app.clock.set("2026-11-30T22:59:59Z");
    expect(guids((await rss(host)).items)).not.toContain(notice.id);
    expect(entryIds((await atom(host)).entries)).not.toContain(notice.id);

    app.clock.set(DEC_1_MIDNIGHT);
    expect(guids((await rss(host)).items)).toContain(notice.id);
    expect(entryIds((await atom(host)).entries)).toContain(notice.id);

    // 17 December 00:00 in Prague.
    app.clock.set("2026-12-16T22:59:59Z");
    expect(guids((await rss(host)).items)).toContain(notice.id);
    app.clock.set("2026-12-16T23:00:00Z");
    expect(guids((await rss(host)).items)).not.toContain(notice.id);
    expect(entryIds((await atom(host)).entries)).not.toContain(notice.id);
  });

  it("never lists drafts, proposals or withdrawn notices, nor another municipality's", async () => {
    const a = await town();
    const b = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    const posted = await createNotice(app, a.id, { postedAt: DEC_1_MIDNIGHT });
    await createNotice(app, a.id, { status: "DRAFT", postedAt: DEC_1_MIDNIGHT });
    await createNotice(app, a.id, { status: "PENDING_APPROVAL", postedAt: DEC_1_MIDNIGHT });
    await createNotice(app, a.id, { status: "WITHDRAWN", postedAt: DEC_1_MIDNIGHT, withdrawnAt: "2026-12-03T10:00:00Z" });
    const ofB = await createNotice(app, b.id, { postedAt: DEC_1_MIDNIGHT });

    expect(guids((await rss(a.host)).items)).toEqual([posted.id]);
    expect(entryIds((await atom(a.host)).entries)).toEqual([posted.id]);
    expect(guids((await rss(b.host)).items)).toEqual([ofB.id]);
  });

  it("is cacheable only until the next change and answers If-None-Match with 304", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT });
    await createNotice(app, municipalityId, { postedAt: "2026-12-05T10:00:45Z" });

    const first = await rss(host);
    expect(first.response.headers["cache-control"]).toBe("public, max-age=45, must-revalidate");
    const etag = first.response.headers.etag as string;
    // The same board gives the same bytes, whenever it is asked.
    app.clock.set("2026-12-05T10:00:10Z");
    const again = await server.inject({ url: "/feeds/uredni-deska.rss", headers: { host, "if-none-match": `"other", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.headers["cache-control"]).toBe("public, max-age=35, must-revalidate");

    const atomFirst = await atom(host);
    expect(atomFirst.response.headers.etag).not.toBe(etag);
    const atomAgain = await server.inject({
      url: "/feeds/uredni-deska.atom",
      headers: { host, "if-none-match": atomFirst.response.headers.etag as string },
    });
    expect(atomAgain.statusCode).toBe(304);

    app.clock.set("2026-12-05T10:00:44.900Z");
    expect((await rss(host)).response.headers["cache-control"]).toBe("no-cache");
    app.clock.set("2026-12-05T10:00:45Z");
    const changed = await server.inject({ url: "/feeds/uredni-deska.rss", headers: { host, "if-none-match": etag } });
    expect(changed.statusCode).toBe(200);
    expect(parser.parse(changed.body).rss.channel.item).toHaveLength(2);
  });

  it("works without login and ignores a session or token", async () => {
    const { id: municipalityId, host } = await town();
    app.clock.set("2026-12-05T10:00:00Z");
    await createNotice(app, municipalityId, { postedAt: DEC_1_MIDNIGHT });
    const withJunk = await rss(host, { cookie: "portal_session=forged", authorization: "Bearer po_forged" });
    expect(withJunk.response.statusCode).toBe(200);
    expect(withJunk.items).toHaveLength(1);
  });
});

describe("links in the feeds, the open data and the confirmation", () => {
  let proxied: TestApp;
  let proxiedServer: FastifyInstance;
  beforeAll(async () => {
    proxied = await createTestApp({ TRUST_PROXY: "1" });
    proxiedServer = await buildServer(proxied);
  });
  afterAll(async () => {
    await proxiedServer.close();
    await proxied.close();
  });

  it("come from the municipality's canonical URL, whatever host or forwarded protocol the request names", async () => {
    const municipality = await createMunicipality(proxied, { publicUrl: "https://deska.mesto.example" });
    const host = municipality.hosts[0]!.hostname;
    await proxied.database.prisma.municipalityHost.create({ data: { hostname: "alias.mesto.test", municipalityId: municipality.id } });
    const notice = await createNotice(proxied, municipality.id, { postedAt: "2026-11-20T10:00:00Z" });

    for (const [requestHost, proto] of [
      [host, "http"],
      [host, "https"],
      ["alias.mesto.test", "http"],
    ] as const) {
      const feed = await rss(requestHost, { "x-forwarded-proto": proto }, proxiedServer);
      expect(feed.items[0]!.link).toEqual([`https://deska.mesto.example/uredni-deska/${notice.id}`]);
      const openData = await proxiedServer.inject({
        url: "/opendata/uredni-deska.jsonld",
        headers: { host: requestHost, "x-forwarded-proto": proto },
      });
      expect(openData.json().stránka).toBe("https://deska.mesto.example/uredni-deska");
    }
  });
});
