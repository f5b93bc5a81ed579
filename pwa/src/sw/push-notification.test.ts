import { buildPushMessage } from "@portal/forms";
import { describe, expect, it } from "vitest";
import { notificationFor } from "./push-notification.ts";

const base = {
  kind: "ALERT" as const,
  title: "Uzavírka ulice Polní",
  body: "Od pondělí do pátku.",
  url: "/upozorneni/a1",
  tag: "alert:a1",
  messageId: "m1",
  sentAt: "2026-12-06T07:00:00.000Z",
};

describe("notificationFor", () => {
  it("keeps a crisis on screen and alerts again when it replaces an earlier one", () => {
    const { title, options } = notificationFor(buildPushMessage({ ...base, severity: "CRISIS" }), "cs");
    expect(title).toBe("Uzavírka ulice Polní");
    expect(options).toMatchObject({ requireInteraction: true, renotify: true, tag: "alert:a1", data: { url: "/upozorneni/a1" } });
    expect(options.timestamp).toBe(Date.parse(base.sentAt));
  });

  it("lets other messages go quietly into the tray", () => {
    const { options } = notificationFor(buildPushMessage({ ...base, severity: "WARNING" }), "cs");
    expect(options).toMatchObject({ requireInteraction: false, renotify: false });
    const reminder = notificationFor(
      buildPushMessage({ ...base, kind: "PAYMENT_REMINDER", tag: "reminder:x", url: "/osobni-ucet/x" }),
      "en",
    );
    expect(reminder.options).toMatchObject({ requireInteraction: false, data: { url: "/osobni-ucet/x", kind: "PAYMENT_REMINDER" } });
  });

  it("shows a generic notice opening the portal when the payload could not be read", () => {
    expect(notificationFor(null, "cs")).toMatchObject({ title: "Portál občana", options: { data: { url: "/" } } });
    expect(notificationFor(null, "en").options.body).toMatch(/new message/);
  });
});
