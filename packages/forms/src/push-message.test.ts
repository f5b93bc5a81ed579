import { describe, expect, it } from "vitest";
import { buildPushMessage, isPortalPath, parsePushMessage, PUSH_BODY_MAX, truncateText } from "./push-message.ts";

const message = {
  kind: "ALERT" as const,
  severity: "CRISIS" as const,
  title: "Přerušení dodávky vody",
  body: "V ulici Polní nepoteče voda do 18:00.",
  url: "/upozorneni/0b7e",
  tag: "alert:0b7e",
  messageId: "m-1",
  sentAt: "2026-12-06T07:00:00.000Z",
};

describe("push message", () => {
  it("round-trips what the API builds", () => {
    const built = buildPushMessage(message);
    expect(parsePushMessage(JSON.stringify(built))).toEqual(built);
  });

  it("accepts only paths of the portal as links", () => {
    expect(isPortalPath("/upozorneni/1?x=1#a")).toBe(true);
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", "upozorneni", "/a b"]) {
      expect(isPortalPath(bad)).toBe(false);
    }
    expect(() => buildPushMessage({ ...message, url: "//evil.example" })).toThrow();
    expect(parsePushMessage(JSON.stringify({ ...buildPushMessage(message), url: "https://evil.example/" }))).toBeNull();
  });

  it("refuses garbage, unknown versions and kinds", () => {
    expect(parsePushMessage(null)).toBeNull();
    expect(parsePushMessage("not json")).toBeNull();
    expect(parsePushMessage("42")).toBeNull();
    expect(parsePushMessage(JSON.stringify({ ...buildPushMessage(message), v: 2 }))).toBeNull();
    expect(parsePushMessage(JSON.stringify({ ...buildPushMessage(message), kind: "SPAM" }))).toBeNull();
    expect(parsePushMessage(JSON.stringify({ ...buildPushMessage(message), severity: "PANIC" }))).toBeNull();
    expect(parsePushMessage(JSON.stringify({ ...buildPushMessage(message), title: " " }))).toBeNull();
  });

  it("cuts long texts at a word with an ellipsis so the payload fits a push service", () => {
    const long = "Upozornění ".repeat(200);
    const built = buildPushMessage({ ...message, body: long });
    expect(built.body.length).toBeLessThanOrEqual(PUSH_BODY_MAX);
    expect(built.body.endsWith("Upozornění…")).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(buildPushMessage({ ...message, title: long, body: long }))).length).toBeLessThan(3000);
    expect(truncateText("  krátký   text ", 50)).toBe("krátký text");
  });
});
