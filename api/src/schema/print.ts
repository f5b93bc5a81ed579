import { printSchema } from "graphql";
import { schema } from "./index.ts";

/** The committed schema.graphql: the schema sorted (stable diffs), with a header. */
export function printedSchema(): string {
  return `# Generated from api/src/schema by \`npm run schema:print\`; do not edit by hand.\n\n${printSchema(schema)}\n`;
}
