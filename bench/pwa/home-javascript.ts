// The public home page's JavaScript as a phone downloads it: every script the browser fetches from a fresh profile
// until the network is idle, counted as bytes on the wire (response headers + encoded body) from the real server.
// See bench/pwa/README.md ("What counts").
import http from "node:http";
import { chromium, type Request } from "playwright-core";
import { chromiumExecutablePath, CHROMIUM_ARGS, VIEWPORTS } from "../../tests/kit/browser.ts";

/** The network counts as idle when no request has been in flight for this long (Playwright's networkidle: 500 ms). */
const IDLE_MS = 2_000;
const IDLE_TIMEOUT_MS = 90_000;

export interface ScriptTransfer {
  url: string;
  /** "page": the document's scripts (entry, preloads, lazy chunks, workers); "service worker": its script and imports. */
  fetchedBy: "page" | "service worker";
  encoding: string;
  headerBytes: number;
  bodyBytes: number;
  /** The browser could not report this response's size (the service worker's own script): measured by re-requesting it. */
  remeasured: boolean;
}

export interface HomePageJavaScript {
  scripts: ScriptTransfer[];
  headerBytes: number;
  bodyBytes: number;
  totalBytes: number;
  /** What the service worker fetched into its precache during the load: downloaded too, but not needed by the page. */
  precache: { files: number; bytes: number; scriptFiles: number; scriptBytes: number };
  acceptEncoding: string;
}

/** Size of a response as sent: status line, header lines and the blank line, then the body as encoded. */
function requestFromServer(
  url: string,
  headers: Record<string, string>,
): Promise<{ headerBytes: number; bodyBytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(":"))) },
      (response) => {
        let statusLine = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n`;
        for (let i = 0; i < response.rawHeaders.length; i += 2)
          statusLine += `${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`;
        let bodyBytes = 0;
        // Chunked transfer framing is on the wire too, but the browser does not count it either.
        response.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
        response.on("end", () =>
          resolve({
            headerBytes: Buffer.byteLength(`${statusLine}\r\n`),
            bodyBytes,
            encoding: String(response.headers["content-encoding"] ?? ""),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}

export async function measureHomePageJavaScript(baseUrl: string): Promise<HomePageJavaScript> {
  const browser = await chromium.launch({ executablePath: await chromiumExecutablePath(), args: CHROMIUM_ARGS });
  try {
    // A fresh profile: nothing cached, no service worker yet; the phone viewport of the browser tests.
    const context = await browser.newContext({ locale: "cs-CZ", timezoneId: "Europe/Prague", ...VIEWPORTS.phone });
    const inFlight = new Set<Request>();
    const finished: Request[] = [];
    let lastActivity = Date.now();
    context.on("request", (request) => {
      inFlight.add(request);
      lastActivity = Date.now();
    });
    const settle = (request: Request) => {
      inFlight.delete(request);
      finished.push(request);
      lastActivity = Date.now();
    };
    context.on("requestfinished", settle);
    context.on("requestfailed", settle);

    const page = await context.newPage();
    await page.goto(`${baseUrl}/`, { waitUntil: "load" });
    const deadline = Date.now() + IDLE_TIMEOUT_MS;
    while (inFlight.size > 0 || Date.now() - lastActivity < IDLE_MS) {
      if (Date.now() > deadline) throw new Error(`The network did not become idle within ${IDLE_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const acceptEncoding = (await finished.find((r) => r.resourceType() === "document")?.allHeaders())?.["accept-encoding"] ?? "";

    const scripts: ScriptTransfer[] = [];
    const precache = { files: 0, bytes: 0, scriptFiles: 0, scriptBytes: 0 };
    const counted = new Set<string>();
    for (const request of finished) {
      const response = await request.response();
      // Answered from the memory cache (a preloaded module imported again) or by the service worker: no download.
      if (!response || response.fromServiceWorker() || request.failure()) continue;
      const sizes = await request.sizes();
      const fetchedBy = request.serviceWorker() ? "service worker" : "page";
      const isScript = request.resourceType() === "script";
      if (!isScript) {
        // The service worker's fetch() calls while it installs: the precache of the whole app.
        if (fetchedBy === "service worker" && sizes.responseBodySize >= 0) {
          precache.files += 1;
          precache.bytes += sizes.responseHeadersSize + sizes.responseBodySize;
          if (/\.m?js(\?|$)/.test(request.url())) {
            precache.scriptFiles += 1;
            precache.scriptBytes += sizes.responseHeadersSize + sizes.responseBodySize;
          }
        }
        continue;
      }
      if (sizes.responseBodySize < 0 || counted.has(`${fetchedBy} ${request.url()}`)) continue; // from the HTTP cache
      counted.add(`${fetchedBy} ${request.url()}`);
      const encoding = (await response.allHeaders())["content-encoding"] ?? "";
      if (sizes.responseBodySize === 0 && response.status() === 200) {
        // Chromium fetches a service worker's main script in the browser process and reports no body size for it.
        // Playwright does not see that request's headers either; the browser sends the Accept-Encoding of every request.
        const again = await requestFromServer(request.url(), { "accept-encoding": acceptEncoding, ...(await request.allHeaders()) });
        scripts.push({ url: request.url(), fetchedBy, ...again, remeasured: true });
      } else {
        scripts.push({
          url: request.url(),
          fetchedBy,
          encoding,
          headerBytes: sizes.responseHeadersSize,
          bodyBytes: sizes.responseBodySize,
          remeasured: false,
        });
      }
    }
    const headerBytes = scripts.reduce((sum, s) => sum + s.headerBytes, 0);
    const bodyBytes = scripts.reduce((sum, s) => sum + s.bodyBytes, 0);
    return { scripts, headerBytes, bodyBytes, totalBytes: headerBytes + bodyBytes, precache, acceptEncoding };
  } finally {
    await browser.close();
  }
}
