import { describe, expect, it } from "vitest";
import { graphqlOperation, sameOriginPath } from "./matchers.ts";

const ORIGIN = "https://lipnice.example";

function request(href: string, method = "GET") {
  const url = new URL(href, ORIGIN);
  return { url, request: new Request(url, { method }), sameOrigin: url.origin === ORIGIN };
}

describe("runtime caching matchers", () => {
  it("sameOriginPath takes same-origin GETs under the prefix only", () => {
    const files = sameOriginPath("/soubory/");
    expect(files(request("/soubory/abc/vyhlaska.pdf"))).toBe(true);
    expect(files(request("/soubory"))).toBe(false);
    expect(files(request("/soubory/abc", "POST"))).toBe(false);
    expect(files(request("https://jinde.example/soubory/abc"))).toBe(false);
    expect(files(request("/graphql?x=/soubory/"))).toBe(false);
  });

  it("graphqlOperation takes GET queries with exactly that operation name", () => {
    const board = graphqlOperation("NoticeBoard");
    expect(board(request("/graphql?query=query+NoticeBoard+%7B%7D&operationName=NoticeBoard"))).toBe(true);
    expect(board(request("/graphql?operationName=NoticeBoardAdmin"))).toBe(false);
    expect(board(request("/graphql?operationName=NoticeBoard", "POST"))).toBe(false);
    expect(board(request("/graphql/x?operationName=NoticeBoard"))).toBe(false);
    expect(board(request("https://jinde.example/graphql?operationName=NoticeBoard"))).toBe(false);
  });
});
