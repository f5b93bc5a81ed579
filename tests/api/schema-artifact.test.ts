import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { paths } from "../../api/src/config.ts";
import { printedSchema } from "../../api/src/schema/print.ts";

describe("schema.graphql", () => {
  it("is exactly what the code prints (run `npm run schema:print` and commit)", () => {
    expect(fs.readFileSync(paths.schemaGraphql, "utf8")).toBe(printedSchema());
  });
});
