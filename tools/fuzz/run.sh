#!/usr/bin/env bash
# Property-based fuzzing of the whole API from its own OpenAPI document (Schemathesis), signed
# in as a fresh user: no 5xx, every status and media type documented, every response matching
# its schema, none slower than FUZZ_MAX_RESPONSE_SECONDS.
#
#   bash tools/fuzz/run.sh            # short form (CI): FUZZ_MAX_EXAMPLES=10
#   FUZZ_MAX_EXAMPLES=100 bash tools/fuzz/run.sh
#
# Needs the built api (npx nx run api:build) and the stack's services (REDIS_URL, MONGODB_URI,
# NEO4J_* from `tools/stack/stack.sh env`). Starts its own api on FUZZ_API_PORT with a database
# and queue prefix of its own, and stops it at the end. Reports go to tmp/fuzz/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

HERE="$ROOT/tools/fuzz"
CACHE="${INSIGHT_CACHE_DIR:-$HOME/.cache/insight-tracker}/fuzz"
PORT="${FUZZ_API_PORT:-3120}"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-10}"
MAX_RESPONSE_SECONDS="${FUZZ_MAX_RESPONSE_SECONDS:-5}"
OUT="$ROOT/tmp/fuzz"
BASE="http://127.0.0.1:$PORT"

[[ -f "$ROOT/dist/apps/api/main.js" ]] || fail "dist/apps/api/main.js is missing: run npx nx run api:build"
command -v python3 >/dev/null && python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt python3:python3-venv

stamp=$(cat "$HERE/requirements.txt" <(python3 --version) | sha256sum | cut -c1-12)
VENV="$CACHE/venv-$stamp"
if [[ ! -x "$VENV/bin/schemathesis" ]]; then
  log "creating the Python venv $VENV (schemathesis)"
  rm -rf "$VENV" && mkdir -p "$CACHE" && python3 -m venv "$VENV" &&
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" ||
    fail "pip install -r tools/fuzz/requirements.txt failed"
fi

suffix=$(node -e 'process.stdout.write(require("crypto").randomBytes(4).toString("hex"))')
mongo_base="${MONGODB_URI:-mongodb://127.0.0.1:27017/insight-tracker}"
FUZZ_MONGODB_URI="${mongo_base%/*}/fuzz-$suffix"
rm -rf "$OUT" && mkdir -p "$OUT"

MONGODB_URI="$FUZZ_MONGODB_URI" QUEUE_PREFIX="fuzz-$suffix" API_PORT="$PORT" NODE_ENV=test LOG_LEVEL=warn \
  WRITE_RATE_LIMIT_PER_MINUTE=1000000 AUTH_RATE_LIMIT_PER_IP_PER_MINUTE=100000 \
  AUTH_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE=100000 \
  node "$ROOT/dist/apps/api/main.js" >"$OUT/api.log" 2>&1 &
api_pid=$!
cleanup() {
  kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  # The fuzzed database is thrown away; it holds only what the fuzzer wrote.
  MONGODB_URI="$FUZZ_MONGODB_URI" node -e '
    const { MongoClient } = require("mongodb");
    MongoClient.connect(process.env.MONGODB_URI).then(async (c) => { await c.db().dropDatabase(); await c.close(); })
      .catch(() => undefined);' || true
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -sf "$BASE/readiness" >/dev/null && break
  kill -0 "$api_pid" 2>/dev/null || { cat "$OUT/api.log" >&2; fail "the api exited while starting"; }
  sleep 0.5
done
curl -sf "$BASE/readiness" >/dev/null || fail "the api did not become ready on $BASE (log: $OUT/api.log)"

# A fresh user with a few things to find, so operations on ids reach their real logic.
token=$(BASE="$BASE" node "$HERE/seed-user.mjs") || fail "could not sign up the fuzzing user"

log "fuzzing $BASE from its OpenAPI document ($MAX_EXAMPLES examples an operation)"
# Left out: calls that end the fuzzing session or change its password, admin routes, and the
# event stream (it stays open by design, so each case only waited out its timeout: 140 of 170 s;
# apps/api-e2e/src/events.e2e-spec.ts tests it).
set +e
"$VENV/bin/schemathesis" run "$BASE/api/docs-json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --max-response-time "$MAX_RESPONSE_SECONDS" \
  --generation-deterministic \
  --exclude-path-regex '/(auth/(logout|refresh)|users/me/password|admin/|events$)' \
  --report junit --report-junit-path "$OUT/junit.xml" \
  --no-color | tee "$OUT/schemathesis.log"
status=${PIPESTATUS[0]}
set -e

# Count each fuzzed operation as one test in the closing summary of tools/test-all.sh.
if [[ -n "${TEST_SUMMARY_DIR:-}" && -f "$OUT/junit.xml" ]]; then
  python3 - "$OUT/junit.xml" >"$TEST_SUMMARY_DIR/fuzz.json" <<'PY'
import json, sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter('testcase')
passed = failed = skipped = 0
for case in cases:
    if case.find('failure') is not None or case.find('error') is not None: failed += 1
    elif case.find('skipped') is not None: skipped += 1
    else: passed += 1
print(json.dumps({"passed": passed, "failed": failed, "skipped": skipped}))
PY
fi
[[ $status -eq 0 ]] || fail "schemathesis found failures (see $OUT/schemathesis.log)"
log "fuzzing found nothing"
