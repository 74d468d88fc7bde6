#!/usr/bin/env bash
# Runs every test: format, deployment checks, lint, typecheck, unit + integration (real
# Redis, FerretDB, Neo4j), the api black-box suite, crash recovery, API fuzzing, the resilience
# suite, the web production build, the browser journeys and every benchmark in short mode.
# Brings the stack up first and stops it again if it started it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started_at=$(date +%s)

need_node
need_apt curl:curl redis-server:redis-server promtool:prometheus chromium:chromium
need_node_modules

stack_was_up=0
bash "$ROOT/tools/stack/stack.sh" status >/dev/null 2>&1 && stack_was_up=1
cleanup() {
  local code=$?
  if [[ $stack_was_up -eq 0 ]]; then bash "$ROOT/tools/stack/stack.sh" down >/dev/null 2>&1 || true; fi
  summarize "$code"
  log "total time: $(( $(date +%s) - started_at )) s"
  exit "$code"
}

export TEST_SUMMARY_DIR="$ROOT/tmp/test-summary"
rm -rf "$TEST_SUMMARY_DIR"
summarize() {
  node -e '
    const fs = require("fs"), dir = process.argv[1];
    let passed = 0, failed = 0, skipped = 0;
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      const text = fs.readFileSync(dir + "/" + f, "utf8").trim();
      if (!text) continue;
      const r = JSON.parse(text);
      passed += r.passed; failed += r.failed; skipped += r.skipped;
    }
    // A step that failed outside Jest (lint, format, build) counts as one failure.
    if (Number(process.argv[2]) !== 0 && failed === 0) failed = 1;
    console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  ' "$TEST_SUMMARY_DIR" "$1"
}
trap cleanup EXIT

log "starting the service stack"
bash "$ROOT/tools/stack/stack.sh" up
eval "$(bash "$ROOT/tools/stack/stack.sh" env | sed 's/^/export /')"

cd "$ROOT"
export NX_DAEMON=false NX_TUI=false
log "format check"
npx nx format:check --all
log "deployment checks (manifests, compose, Dockerfiles, Prometheus rules)"
mkdir -p "$TEST_SUMMARY_DIR"
bash "$ROOT/tools/deploy-checks/run.sh" | tee "$ROOT/tmp/deploy-checks.log"
# Count its tests in the closing summary too.
sed -nE 's/^deploy-checks: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/{"passed":\1,"failed":\2,"skipped":\3}/p' \
  "$ROOT/tmp/deploy-checks.log" >"$TEST_SUMMARY_DIR/deploy-checks.json"
log "lint and typecheck"
npx nx run-many -t lint typecheck --output-style=static
log "unit and integration tests"
npx nx run-many -t test --output-style=static
log "api black-box tests"
npx nx run api-e2e:e2e --output-style=static
log "crash recovery: the worker killed with SIGKILL during analyses and graph syncs"
npx nx run api-e2e:crash-recovery --output-style=static
log "API fuzzing from the OpenAPI document (Schemathesis, short form)"
bash "$ROOT/tools/fuzz/run.sh"
log "resilience: each dependency stopped and restarted"
npx nx run api-e2e:resilience --output-style=static
log "web production build (budgets)"
npx nx run web:build --output-style=static
log "web browser tests (Chromium against the built web app, api and worker)"
npx nx run web-e2e:e2e --output-style=static
log "benchmarks, short mode (each runs on small data to prove it works; figures printed, not judged)"
SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/run.ts --short
