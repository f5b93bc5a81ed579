import { describe, expect, it } from "vitest";
import { choicesFromTriples, isClockTime, triplesFromChoices, withoutUnavailable, type Triple } from "./preferences-model.ts";

describe("alert preferences model", () => {
  const stored: Triple[] = [
    { topicId: "water", areaId: "polni", channel: "EMAIL" },
    { topicId: "water", areaId: "polni", channel: "PUSH" },
    { topicId: "crisis", areaId: "polni", channel: "SMS" },
    { topicId: "water", areaId: "centrum", channel: "EMAIL" },
  ];

  it("reads stored triples as places × topic channels, channels in a fixed order", () => {
    expect(choicesFromTriples(stored, "town")).toEqual({
      areaIds: ["polni", "centrum"],
      channels: { water: ["PUSH", "EMAIL"], crisis: ["SMS"] },
    });
  });

  it("starts a citizen without subscriptions with the whole town", () => {
    expect(choicesFromTriples([], "town")).toEqual({ areaIds: ["town"], channels: {} });
  });

  it("writes the full product of places and topic channels", () => {
    const triples = triplesFromChoices({ areaIds: ["a", "b"], channels: { water: ["PUSH", "EMAIL"], crisis: [] } });
    expect(triples).toHaveLength(4);
    expect(triples).toContainEqual({ topicId: "water", areaId: "b", channel: "PUSH" });
  });

  it("drops channels the citizen cannot receive", () => {
    expect(withoutUnavailable({ areaIds: ["a"], channels: { water: ["PUSH", "SMS", "EMAIL"] } }, ["SMS"]).channels.water).toEqual([
      "PUSH",
      "EMAIL",
    ]);
  });

  it("accepts clock times only", () => {
    expect(["07:00", "21:30", "00:00", "23:59"].every(isClockTime)).toBe(true);
    expect(["7:00", "24:00", "12:60", "noon", ""].some(isClockTime)).toBe(false);
  });
});
