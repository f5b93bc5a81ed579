import { describe, expect, it } from "vitest";
import { EMPTY_HISTORY_FILTER, historyFilterFromParams, historyFilterToParams, toApiFilter } from "./history-filters.ts";

describe("communication history filters", () => {
  it("round-trip through the URL with Czech names", () => {
    const filter = { kind: "MESSAGE", channel: "SMS", from: "2026-01-01", to: "2026-12-31" } as const;
    const params = historyFilterToParams(filter);
    expect(params.toString()).toBe("druh=MESSAGE&kanal=SMS&od=2026-01-01&do=2026-12-31");
    expect(historyFilterFromParams(params)).toEqual(filter);
  });

  it("ignore what a hand-edited URL gets wrong", () => {
    expect(historyFilterFromParams(new URLSearchParams("druh=SPAM&kanal=fax&od=2026-13-45&do=zitra"))).toEqual(EMPTY_HISTORY_FILTER);
  });

  it("send no filter at all when nothing is chosen", () => {
    expect(toApiFilter(EMPTY_HISTORY_FILTER)).toBeNull();
    expect(toApiFilter({ ...EMPTY_HISTORY_FILTER, kind: "PAYMENT" })).toEqual({ kinds: ["PAYMENT"] });
  });
});
