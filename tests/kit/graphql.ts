import { randomUUID } from "node:crypto";
import type { TestApp } from "./app.ts";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data: T | null | undefined;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
  headers: Headers;
}

/**
 * A browser-like GraphQL client for one person: keeps the cookies the portal sets, echoes the
 * CSRF cookie in the x-csrf-token header and sends the x-portal-csrf header, as the PWA does.
 */
export class Client {
  readonly cookies = new Map<string, string>();
  host: string;
  locale: string;
  bearer: string | null = null;
  /** The client address the portal sees (as the HTTP server would pass it); null when not set. */
  ip: string | null;
  private readonly app: TestApp;
  constructor(app: TestApp, options: { host?: string; locale?: string; ip?: string } = {}) {
    this.app = app;
    this.host = options.host ?? "localhost";
    this.locale = options.locale ?? "cs";
    this.ip = options.ip ?? null;
  }

  async request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    return this.send<T>(JSON.stringify({ query, variables }), { "content-type": "application/json", ...extraHeaders });
  }

  /**
   * A GraphQL multipart request (file uploads), as the app's urql client sends one: `files` maps a
   * variable path (e.g. "input.logo") to the file put there.
   */
  async upload<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    files: Record<string, File>,
  ): Promise<GraphQLResponse<T>> {
    const form = new FormData();
    const paths = Object.keys(files);
    form.set("operations", JSON.stringify({ query, variables }));
    form.set("map", JSON.stringify(Object.fromEntries(paths.map((path, index) => [String(index), [`variables.${path}`]]))));
    paths.forEach((path, index) => form.set(String(index), files[path]!));
    return this.send<T>(form, {});
  }

  private async send<T>(body: string | FormData, contentHeaders: Record<string, string>): Promise<GraphQLResponse<T>> {
    // As the PWA does: the API refuses a POST that an HTML form on another site could send.
    const headers: Record<string, string> = { host: this.host, "accept-language": this.locale, "x-portal-csrf": "1" };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
    const csrf = this.cookies.get("portal_csrf");
    if (csrf) headers["x-csrf-token"] = csrf;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const init = { method: "POST", headers: { ...headers, ...contentHeaders }, body };
    const url = `http://${this.host}/graphql`;
    // With an address, the request carries the metadata the HTTP server (server.ts) gives yoga.
    const response = this.ip
      ? await this.app.yoga.fetch(url, init, { meta: { requestId: randomUUID(), ip: this.ip, userAgent: null, secure: false } })
      : await this.app.yoga.fetch(url, init);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = decodeURIComponent(pair.slice(index + 1));
      if (attributes.some((a) => /max-age=0\b/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const json = (await response.json()) as { data?: T; errors?: GraphQLResponse<T>["errors"] };
    return { status: response.status, data: json.data, errors: json.errors, headers: response.headers };
  }
}
