/**
 * The page's own cookies. Each read of document.cookie is a round trip to the browser process (a few ms on a busy
 * phone), and a page start reads it for every GraphQL request (the CSRF token), so the parsed jar is kept until
 * the current task's microtasks have run: cookies set by a response arrive in a later task, and the page's own
 * writes below drop the copy at once.
 */
let jar: Map<string, string> | undefined;

function cookies(): Map<string, string> {
  if (!jar) {
    jar = new Map();
    for (const part of document.cookie.split("; ")) {
      const separator = part.indexOf("=");
      if (separator > 0) jar.set(part.slice(0, separator), decodeValue(part.slice(separator + 1)));
    }
    queueMicrotask(() => (jar = undefined));
  }
  return jar;
}

/** A value some other software wrote without percent-encoding it properly is taken as it is. */
function decodeValue(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function readCookie(name: string): string | undefined {
  return cookies().get(name);
}

/** A first-party preference cookie, readable by the page (not HttpOnly), kept for a year. */
export function writePreferenceCookie(name: string, value: string): void {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${365 * 24 * 60 * 60}; SameSite=Lax${secure}`;
  jar = undefined;
}
