import { prepareTemplate } from "./database.ts";

// Vitest runs the global setup once per project (tests/vitest.config.ts has two: api and browser), one after the
// other in the same process, before any test file starts. The template database is the same for both: prepare it
// once per run (a module-level variable would not do: each project imports this file anew).
const PREPARED = Symbol.for("portal.tests.templatePrepared");

export default async function setup() {
  const scope = globalThis as { [PREPARED]?: Promise<void> };
  scope[PREPARED] ??= prepareTemplate();
  await scope[PREPARED];
}
