// Prints the GraphQL schema (sorted SDL) to schema.graphql at the repo root.
// Usage: npm run schema:print          (write)
//        npm run schema:print -- --check (exit 1 when the committed file differs)
import fs from "node:fs";
import { paths } from "../src/config.ts";
import { printedSchema } from "../src/schema/print.ts";

const sdl = printedSchema();
if (process.argv.includes("--check")) {
  const committed = fs.existsSync(paths.schemaGraphql) ? fs.readFileSync(paths.schemaGraphql, "utf8") : "";
  if (committed !== sdl) {
    console.error("schema.graphql differs from the code: run `npm run schema:print` and commit it.");
    process.exit(1);
  }
  console.log("schema.graphql is up to date.");
} else {
  fs.writeFileSync(paths.schemaGraphql, sdl);
  console.log(`Wrote ${paths.schemaGraphql}`);
}
