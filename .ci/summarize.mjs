// Adds up the Vitest JSON reports of every leg and workspace with the CI checks, and prints the
// closing line "N passed, N failed". Exits non-zero when anything failed or no test ran.
import fs from "node:fs";
import path from "node:path";

const [dir, checksPassed, checksFailed] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;
const walk = (d) =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
for (const file of walk(dir).filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A suite that crashed before running its tests counts as a failure.
  failed += report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  console.log(`${path.relative(dir, file)}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
const expectedReports = walk(dir).filter((f) => f.endsWith(".json")).length;
if (expectedReports === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
