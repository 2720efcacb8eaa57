#!/usr/bin/env node
// Prints vitest's own counts from its JSON report as one line: "N passed, N failed".
import { readFileSync } from "node:fs";

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], "utf8"));
} catch {
  console.log("0 passed, 1 failed");
  process.exit(0);
}
// A suite that fails to load has no tests of its own but still fails the run.
const failedSuites = report.testResults.filter((suite) => suite.status === "failed" && suite.assertionResults.length === 0).length;
const skipped = report.numPendingTests + report.numTodoTests;
const line = `${report.numPassedTests} passed, ${report.numFailedTests + failedSuites} failed`;
console.log(skipped > 0 ? `${line}, ${skipped} skipped` : line);
