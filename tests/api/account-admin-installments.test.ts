// The clerk's money input parsing. (The installment split the form previews is the API's own rule, shared
// through @portal/forms and tested there.)
import { describe, expect, it } from "vitest";
import { parseMoneyInput } from "../../pwa/src/features/account-clerk/money.ts";

describe("the clerk's money input", () => {
  it("reads amounts as a Czech clerk types them", () => {
    expect(parseMoneyInput("1 234,50")).toBe("1234.50");
    expect(parseMoneyInput("900")).toBe("900.00");
    expect(parseMoneyInput("900 Kč")).toBe("900.00");
    expect(parseMoneyInput("12,345")).toBeNull();
    expect(parseMoneyInput("abc")).toBeNull();
  });
});
