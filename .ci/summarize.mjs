// Adds up the Vitest JSON reports of every leg with the CI checks, lists the slowest test files, and prints the
// closing line "N passed, N failed". Exits non-zero when anything failed or no test ran.
//
// Usage: node summarize.mjs <reports dir> <checks passed> <checks failed> <leg>:<exit status>:<report>,<report>...
// e.g. "pglite:0:api.json,pwa.json,tests.json" "postgres:0:tests.json". Each leg's reports are read from
// <reports dir>/<leg>/. A leg fails the run when it exited non-zero (even if its reports show no failed test: a
// crash, a failed build), when it did not run, or when an expected report is missing or holds no test.
import fs from "node:fs";
import path from "node:path";

const [dir, checksPassed, checksFailed, ...legArgs] = process.argv.slice(2);
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;
const problems = [];
const files = [];

const legs = legArgs.map((arg) => {
  const [name, status, reports] = arg.split(":");
  return { name, status, reports: reports.split(",").filter(Boolean) };
});
if (legs.length === 0) problems.push("no test leg was given");

for (const leg of legs) {
  if (leg.status === "not run") {
    problems.push(`${leg.name}: did not run`);
    continue;
  }
  let legFailed = 0;
  let legTests = 0;
  const problemsBefore = problems.length;
  for (const reportName of leg.reports) {
    const file = path.join(dir, leg.name, reportName);
    if (!fs.existsSync(file)) {
      problems.push(
        `${leg.name}: no report ${reportName} (the run ${leg.status === "not run" ? "did not happen" : "crashed or never started"})`,
      );
      continue;
    }
    let report;
    try {
      report = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${leg.name}: ${reportName} is not readable JSON (${error.message})`);
      continue;
    }
    // A file that failed without a failed test (it crashed while loading, a beforeAll hook threw, an error outside any
    // test) counts as one failure.
    const crashedSuites = report.testResults.filter(
      (r) => r.status === "failed" && !r.assertionResults.some((a) => a.status === "failed"),
    ).length;
    const reportFailed = report.numFailedTests + crashedSuites + (report.numRuntimeErrorTestSuites ?? 0);
    passed += report.numPassedTests;
    failed += reportFailed;
    legFailed += reportFailed;
    legTests += report.numTotalTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    console.log(`${leg.name}/${reportName}: ${report.numPassedTests} passed, ${reportFailed} failed (${report.testResults.length} files)`);
    if (report.numTotalTests === 0) problems.push(`${leg.name}: ${reportName} reports no tests`);
    for (const result of report.testResults) {
      files.push({ leg: leg.name, name: path.relative(repoRoot, result.name), ms: result.endTime - result.startTime });
    }
  }
  // A non-zero exit already explained by a failed test or a missing report is not counted again.
  if (leg.status !== "0" && legFailed === 0 && problems.length === problemsBefore) {
    problems.push(`${leg.name}: exited with ${leg.status}, but its reports show no failed test (a crash, a failed build?)`);
  }
  if (legTests === 0 && leg.status === "0") problems.push(`${leg.name}: no tests ran`);
}

// Each problem is one failure: the run must not pass when a leg did not do its work.
failed += problems.length;
for (const problem of problems) console.log(`FAILED: ${problem}`);

const slowest = files.sort((a, b) => b.ms - a.ms).slice(0, 10);
if (slowest.length > 0) {
  // From each file's first test's start to its last test's end (its beforeAll setup is not in the JSON report).
  console.log("\nslowest test files (time in tests):");
  for (const file of slowest) console.log(`${(file.ms / 1000).toFixed(1).padStart(8)} s  ${file.leg.padEnd(9)} ${file.name}`);
  console.log("");
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
