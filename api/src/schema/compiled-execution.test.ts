import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { isCompiledOperation } from "./compiled-execution.ts";

describe("compiled execution", () => {
  it("takes only a variable-free query of listed root fields", () => {
    expect(isCompiledOperation(parse("{ personalAccount { totalDue } }"))).toBe(true);
    expect(isCompiledOperation(parse("query Account { __typename personalAccount { assessments(year: 2026) { id } } }"))).toBe(true);
    expect(isCompiledOperation(parse("query ($y: Int) { personalAccount { assessments(year: $y) { id } } }"))).toBe(false);
    expect(isCompiledOperation(parse("{ personalAccount { totalDue } municipality { name } }"))).toBe(false);
    expect(isCompiledOperation(parse("{ __typename }"))).toBe(false);
    expect(isCompiledOperation(parse("mutation { personalAccount }"))).toBe(false);
    expect(isCompiledOperation(parse("{ personalAccount @include(if: true) { totalDue } }"))).toBe(false);
    expect(isCompiledOperation(parse("query A { personalAccount { totalDue } } query B { personalAccount { totalDue } }"))).toBe(false);
  });
});
