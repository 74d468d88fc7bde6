// Writes each Jest run's totals to $TEST_SUMMARY_DIR so tools/test-all.sh can print one
// closing "N passed, N failed" line for the whole run.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_SUMMARY_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const name = this.rootDir.replace(/[^\w]+/g, '_');
    writeFileSync(
      join(dir, `${name}-${Date.now()}-${process.pid}.json`),
      JSON.stringify({
        project: this.rootDir,
        passed: results.numPassedTests,
        // A suite that fails to load has no failed tests but is a failure all the same.
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
