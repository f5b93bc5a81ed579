import { describe, expect, it } from "vitest";
import { emptyCompose, toAlertInput, townInstant, townLocal, validateCompose } from "./compose-model.ts";

const NOW = Date.parse("2026-12-06T07:00:00Z");

describe("alert compose model", () => {
  it("reads typed times on the town's clock, across DST", () => {
    expect(townInstant("2026-12-06T08:00")).toBe("2026-12-06T07:00:00.000Z");
    expect(townInstant("2026-07-06T08:00")).toBe("2026-07-06T06:00:00.000Z");
    expect(townInstant("")).toBeNull();
    expect(townInstant("zítra")).toBeNull();
    expect(townLocal("2026-03-29T01:30:00.000Z")).toBe("2026-03-29T03:30");
  });

  it("asks for a title, text, topics, places and channels", () => {
    const errors = validateCompose({ ...emptyCompose(), everywhere: false, channels: [] }, NOW);
    expect(Object.keys(errors).sort()).toEqual(["areaIds", "bodyCs", "channels", "titleCs", "topicIds"]);
  });

  it("refuses a validity that ends before it starts, is over, or a schedule in the past", () => {
    const base = { ...emptyCompose(), titleCs: "Voda", bodyCs: "Nepoteče.", topicIds: ["t"] };
    expect(validateCompose({ ...base, validFrom: "2026-12-07T08:00", validTo: "2026-12-07T07:00" }, NOW).validTo).toBe(
      "alertsClerk.errors.validToOrder",
    );
    expect(validateCompose({ ...base, validTo: "2026-12-06T07:00" }, NOW).validTo).toBe("alertsClerk.errors.validToPast");
    expect(validateCompose({ ...base, sendLater: true, scheduledAt: "2026-12-06T07:59" }, NOW).scheduledAt).toBe(
      "alertsClerk.errors.scheduledPast",
    );
    expect(validateCompose({ ...base, sendLater: true, scheduledAt: "2026-12-06T09:00" }, NOW)).toEqual({});
  });

  it("sends the whole town as no areas, and now as no schedule", () => {
    const input = toAlertInput({ ...emptyCompose(), titleCs: " Voda ", bodyCs: "Nepoteče.", topicIds: ["t"], areaIds: ["a"] });
    expect(input).toMatchObject({ titleCs: "Voda", areaIds: [], scheduledAt: null, titleEn: null, validTo: null });
  });
});
