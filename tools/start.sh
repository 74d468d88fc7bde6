#!/usr/bin/env bash
# Starts the whole product locally: the service stack, api, worker and web.
#   npm start          start everything (idempotent) and print where to open it
#   npm run stop       stop api, worker, web and the stack
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DATA_DIR="${STACK_DATA_DIR:-$ROOT/.data}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
API_PORT="${API_PORT:-3000}"
WORKER_PORT="${WORKER_PORT:-3001}"
WEB_PORT="${WEB_PORT:-4200}"

running() { [[ -f "$RUN_DIR/$1.pid" ]] && kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; }

start_app() {
  local name="$1"; shift
  if running "$name"; then log "$name already running"; return; fi
  : >"$LOG_DIR/$name.log"
  # Detached into its own session, so `stop` can end it with everything it spawned.
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

wait_http() {
  local name="$1" url="$2" timeout="$3" i
  for ((i = 0; i < timeout * 2; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    running "$name" || { tail -n 40 "$LOG_DIR/$name.log" >&2; fail "$name exited; log above ($LOG_DIR/$name.log)"; }
    sleep 0.5
  done
  tail -n 40 "$LOG_DIR/$name.log" >&2
  fail "$name did not answer $url within ${timeout}s"
}

stop_app() {
  local name="$1" pid i
  running "$name" || { rm -f "$RUN_DIR/$name.pid"; return 0; }
  pid="$(cat "$RUN_DIR/$name.pid")"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$RUN_DIR/$name.pid"
  log "$name stopped"
}

if [[ "${1:-}" == "stop" ]]; then
  for app in web worker api; do stop_app "$app"; done
  bash "$ROOT/tools/stack/stack.sh" down
  exit 0
fi

cd "$ROOT"
need_node
need_apt curl:curl redis-server:redis-server
need_node_modules
mkdir -p "$RUN_DIR" "$LOG_DIR"

log "starting the service stack (Redis, FerretDB, Neo4j)"
bash "$ROOT/tools/stack/stack.sh" up
eval "$(bash "$ROOT/tools/stack/stack.sh" env | sed 's/^/export /')"

log "building api and worker"
npx nx run-many -t build -p api worker --output-style=static >"$LOG_DIR/build.log" 2>&1 ||
  { tail -n 40 "$LOG_DIR/build.log" >&2; fail "build failed; see $LOG_DIR/build.log"; }

export API_PORT WORKER_PORT
# V8's heap capped as the deployments cap it (k8s/base/*/deployment.yaml), not sized to this
# machine's memory: uncapped, V8 lets garbage grow to hundreds of MB before it collects.
start_app api node --max-old-space-size=256 dist/apps/api/main.js
start_app worker node --max-old-space-size=512 dist/apps/worker/main.js
start_app web npx nx run web:serve --port "$WEB_PORT" --output-style=stream
wait_http api "http://127.0.0.1:$API_PORT/readiness" 90
wait_http worker "http://127.0.0.1:$WORKER_PORT/readiness" 90
wait_http web "http://127.0.0.1:$WEB_PORT/" 240
demo="$(node tools/demo/seed.mjs "http://127.0.0.1:$API_PORT")" || fail "could not create the demo data"

cat <<EOT

  Insight Tracker is running.

    Web app        http://localhost:$WEB_PORT
    API            http://localhost:$API_PORT/api/v1
    API docs       http://localhost:$API_PORT/api/docs
    Readiness      http://localhost:$API_PORT/readiness   (worker: http://localhost:$WORKER_PORT/readiness)
    Metrics        http://localhost:$API_PORT/metrics     (worker: http://localhost:$WORKER_PORT/metrics)

  Demo account   $demo

  Logs are in $LOG_DIR. Stop everything with: npm run stop
EOT
