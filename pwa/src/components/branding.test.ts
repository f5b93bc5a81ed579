import { describe, expect, it } from "vitest";
import { brandCssVariables, contrastRatio, parseHexColor } from "./branding.ts";

const ratio = (a: string, b: string) => contrastRatio(parseHexColor(a)!, parseHexColor(b)!);

describe("brandCssVariables", () => {
  it.each(["#1f4e8c", "#ffd400", "#777777", "#00a651", "#e30613", "#fff", "#000000"])("keeps AA contrast for %s", (primaryColor) => {
    const variables = brandCssVariables({ primaryColor, accentColor: primaryColor });
    expect(ratio(variables["--brand"]!, variables["--on-brand"]!)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(variables["--accent"]!, variables["--on-accent"]!)).toBeGreaterThanOrEqual(4.5);
    expect(ratio(variables["--brand-text"]!, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("ignores colours it cannot parse, leaving the defaults in place", () => {
    expect(brandCssVariables({ primaryColor: "red", accentColor: "url(x)" })).toEqual({});
  });
});
