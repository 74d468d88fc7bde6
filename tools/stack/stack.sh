#!/usr/bin/env bash
# The local service stack: Redis, FerretDB (MongoDB wire protocol on SQLite) and
# embedded Neo4j, all on loopback, data under $STACK_DATA_DIR (default .data/).
#
#   tools/stack/stack.sh up|down|status|reset|logs [service]
#
# A service whose URI variable (REDIS_URL, MONGODB_URI, NEO4J_URI) points somewhere
# other than the local default is left alone: you run it yourself.
# Builds and downloads are cached under $INSIGHT_CACHE_DIR (default ~/.cache/insight-tracker)
# so a second `up` on the same machine takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="${STACK_DATA_DIR:-$ROOT/.data}"
CACHE_DIR="${INSIGHT_CACHE_DIR:-$HOME/.cache/insight-tracker}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"

REDIS_PORT="${STACK_REDIS_PORT:-6379}"
MONGO_PORT="${STACK_MONGO_PORT:-27017}"
FERRETDB_DEBUG_PORT="${STACK_FERRETDB_DEBUG_PORT:-27018}"
NEO4J_BOLT_PORT="${STACK_NEO4J_BOLT_PORT:-7687}"
NEO4J_HEAP="${STACK_NEO4J_HEAP:-512m}"
# The page cache should hold the store: at the benchmarks' 200,000 insights the store is ~400 MB,
# and with the launcher's 128m every search paged it in again (1-word search ~110 -> ~160 req/s
# with 600m, same machine). Neo4j allocates it as pages are read, so small data costs no more.
NEO4J_PAGECACHE="${STACK_NEO4J_PAGECACHE:-512m}"
# Local-only development credentials for the embedded Neo4j; production values come
# from the environment (see .env.example and k8s/).
NEO4J_USER="${NEO4J_USERNAME:-neo4j}"
NEO4J_PASS="${NEO4J_PASSWORD:-insight-local-dev}"

FERRETDB_VERSION="v1.24.2"
# FerretDB is built with the fixes in tools/stack/ferretdb-patches (each file says why); the
# binary is named after them, so changing one builds the server again.
FERRETDB_PATCHES="$ROOT/tools/stack/ferretdb-patches"
FERRETDB_BIN="$CACHE_DIR/bin/ferretdb-$FERRETDB_VERSION-$(cat "$FERRETDB_PATCHES"/*.patch | sha256sum | cut -c1-12)"
LAUNCHER_SRC="$ROOT/tools/neo4j-launcher"

LOCAL_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
LOCAL_MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/insight-tracker"
LOCAL_NEO4J_URI="bolt://127.0.0.1:$NEO4J_BOLT_PORT"

say() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

# --- which services are ours --------------------------------------------------------

is_external() {
  # $1 = variable name, $2 = local default value
  local value="${!1:-}"
  [[ -n "$value" && "$value" != "$2" && "$value" != "${2/127.0.0.1/localhost}" ]]
}

services() {
  local s=()
  is_external REDIS_URL "$LOCAL_REDIS_URL" || s+=(redis)
  is_external MONGODB_URI "$LOCAL_MONGODB_URI" || s+=(ferretdb)
  is_external NEO4J_URI "$LOCAL_NEO4J_URI" || s+=(neo4j)
  echo "${s[@]:-}"
}

# --- process bookkeeping ------------------------------------------------------------

pid_of() { [[ -f "$RUN_DIR/$1.pid" ]] && cat "$RUN_DIR/$1.pid" || true; }

is_running() {
  local pid
  pid="$(pid_of "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_bg() {
  # $1 = name, rest = command; detached so it outlives this script
  local name="$1"; shift
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  : >"$LOG_DIR/$name.log"
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$name.pid"
}

stop_one() {
  local name="$1" pid i
  pid="$(pid_of "$name")"
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$RUN_DIR/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name did not stop in 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN_DIR/$name.pid"
  say "$name stopped"
}

# --- prerequisites ------------------------------------------------------------------

apt_install() {
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    say "installing $* with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    die "'$1' is missing. Install it with: sudo apt-get update && sudo apt-get install -y $*"
  fi
}

need_redis() { command -v redis-server >/dev/null || apt_install redis-server; }

need_node_modules() {
  [[ -d "$ROOT/node_modules/neo4j-driver" && -d "$ROOT/node_modules/mongodb" ]] ||
    die "node modules are missing (the readiness probe uses them). Run: npm ci"
}

patch_ferretdb() {
  local src="$1" patch
  for patch in "$FERRETDB_PATCHES"/*.patch; do
    # The ceiling keeps git from taking a repository above the cache for the source tree.
    (cd "$src" && GIT_CEILING_DIRECTORIES="$(dirname "$src")" git apply -p1 "$patch") ||
      die "could not apply $(basename "$patch") to FerretDB $FERRETDB_VERSION"
  done
}

need_ferretdb() {
  [[ -x "$FERRETDB_BIN" ]] && return 0
  command -v go >/dev/null ||
    die "'go' is missing; FerretDB is built from source. Install Go 1.24+ (FerretDB's go.mod asks for it)."
  say "building FerretDB $FERRETDB_VERSION (once; cached in $CACHE_DIR)"
  # `go install …@v1.24.2` builds a binary that panics at start because the module
  # ships without build/version/version.txt, so build from the module source instead.
  local mod_dir src
  mod_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" |
    sed -n 's/^\s*"Dir": "\(.*\)",\?$/\1/p')"
  [[ -d "$mod_dir" ]] || die "go could not download FerretDB $FERRETDB_VERSION"
  src="$CACHE_DIR/src/ferretdb-$FERRETDB_VERSION"
  rm -rf "$src"
  mkdir -p "$(dirname "$src")" "$CACHE_DIR/bin"
  cp -r "$mod_dir" "$src"
  chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  patch_ferretdb "$src"
  (cd "$src" && go build -o "$FERRETDB_BIN.tmp" ./cmd/ferretdb)
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
}

launcher_dir() {
  # Cache key: the launcher's sources, so an edit rebuilds and nothing else does.
  local key
  key="$(cat "$LAUNCHER_SRC/pom.xml" $(find "$LAUNCHER_SRC/src" -type f | sort) | sha256sum | cut -c1-16)"
  echo "$CACHE_DIR/neo4j-launcher/$key"
}

need_neo4j_launcher() {
  local dir
  dir="$(launcher_dir)"
  [[ -f "$dir/ok" ]] && return 0
  command -v java >/dev/null || die "'java' is missing. Install it with: sudo apt-get install -y openjdk-17-jre-headless"
  command -v mvn >/dev/null || die "'mvn' is missing. Install it with: sudo apt-get install -y maven"
  say "building the Neo4j launcher (once; cached in $CACHE_DIR)"
  local build="$CACHE_DIR/neo4j-launcher/build"
  rm -rf "$build" "$dir"
  mkdir -p "$build"
  cp -r "$LAUNCHER_SRC/pom.xml" "$LAUNCHER_SRC/src" "$build/"
  (cd "$build" && mvn -q -B package -DskipTests) >"$LOG_DIR/neo4j-build.log" 2>&1 ||
    die "building the Neo4j launcher failed; see $LOG_DIR/neo4j-build.log"
  mkdir -p "$dir"
  cp -r "$build/target/neo4j-launcher.jar" "$build/target/lib" "$dir/"
  touch "$dir/ok"
  rm -rf "$build"
}

# --- probes: a real request to each service -----------------------------------------

probe() {
  # $1 = redis|ferretdb|neo4j; exit 0 when the service answers a real request
  case "$1" in
    redis) [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]] ;;
    ferretdb | neo4j)
      node "$ROOT/tools/stack/probe.mjs" "$1" \
        "$LOCAL_MONGODB_URI" "$LOCAL_NEO4J_URI" "$NEO4J_USER" "$NEO4J_PASS" >/dev/null 2>&1 ;;
  esac
}

wait_for() {
  local name="$1" timeout="$2" i
  for ((i = 0; i < timeout * 4; i++)); do
    if probe "$name"; then return 0; fi
    if ! is_running "$name"; then
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      die "$name exited during start; log above ($LOG_DIR/$name.log)"
    fi
    sleep 0.25
  done
  tail -n 30 "$LOG_DIR/$name.log" >&2 || true
  die "$name did not answer within ${timeout}s; log above ($LOG_DIR/$name.log)"
}

# --- up -----------------------------------------------------------------------------

up_redis() {
  need_redis
  if is_running redis; then say "redis already running"; return; fi
  port_in_use "$REDIS_PORT" && die "port $REDIS_PORT is taken by another process; stop it or set STACK_REDIS_PORT"
  mkdir -p "$DATA_DIR/redis"
  start_bg redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA_DIR/redis" \
    --appendonly yes --save "" --daemonize no --protected-mode yes
  wait_for redis 20
}

# A crash while FerretDB creates a database can leave its SQLite file with no tables at all, and
# FerretDB then refuses to start ("no such table: _ferretdb_collections"). Such a file holds no
# data: move it aside (never delete) so the stack starts, and say so.
set_aside_empty_databases() {
  local dir="$DATA_DIR/ferretdb/sqlite" aside="$DATA_DIR/ferretdb/set-aside"
  command -v python3 >/dev/null || return 0
  local empty
  empty=$(python3 - "$dir" <<'PY'
import os, sqlite3, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith('.sqlite'):
        continue
    try:
        with sqlite3.connect(f'file:{os.path.join(folder, name)}?mode=ro', uri=True) as db:
            if db.execute('select count(*) from sqlite_master').fetchone()[0] == 0:
                print(name)
    except sqlite3.Error:
        pass  # unreadable: leave it for FerretDB to report
PY
  )
  local name
  for name in $empty; do
    mkdir -p "$aside"
    local stamp file
    stamp=$(date +%s)
    for file in "$dir/$name" "$dir/$name-wal" "$dir/$name-shm"; do
      [[ -e "$file" ]] && mv "$file" "$aside/$(basename "$file").$stamp"
    done
    say "ferretdb: set aside $name (an empty database file left by a crash) in $aside"
  done
}

up_ferretdb() {
  need_ferretdb
  if is_running ferretdb; then say "ferretdb already running"; return; fi
  port_in_use "$MONGO_PORT" && die "port $MONGO_PORT is taken by another process; stop it or set STACK_MONGO_PORT"
  mkdir -p "$DATA_DIR/ferretdb/sqlite" "$DATA_DIR/ferretdb/state"
  set_aside_empty_databases
  # Go's collector ran often on FerretDB's small heap (a sixth of its CPU under the worker's load);
  # GOGC=400 cut its CPU by ~15% for a few more MB (RSS stays under 100 MB).
  start_bg ferretdb env GOGC=400 "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$DATA_DIR/ferretdb/sqlite/" \
    --state-dir="$DATA_DIR/ferretdb/state" --listen-addr="127.0.0.1:$MONGO_PORT" \
    --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" --telemetry=disable --log-level=WARN
  wait_for ferretdb 30
}

up_neo4j() {
  need_neo4j_launcher
  if is_running neo4j; then say "neo4j already running"; return; fi
  port_in_use "$NEO4J_BOLT_PORT" && die "port $NEO4J_BOLT_PORT is taken by another process; stop it or set STACK_NEO4J_BOLT_PORT"
  local dir
  dir="$(launcher_dir)"
  mkdir -p "$DATA_DIR/neo4j"
  # The JVM's full tiered compilation (no TieredStopAtLevel=1): ~1 s and ~5 CPU-seconds more to
  # ready, but once warm each query costs Neo4j about half the CPU (a trivial read 0.43 against
  # 0.95 ms; search and traversal throughput 1.5-2x).
  start_bg neo4j java -Xms256m "-Xmx$NEO4J_HEAP" -jar "$dir/neo4j-launcher.jar" \
    --data-dir "$DATA_DIR/neo4j" --bolt-host 127.0.0.1 \
    --bolt-port "$NEO4J_BOLT_PORT" --user "$NEO4J_USER" --password "$NEO4J_PASS" --pagecache "$NEO4J_PAGECACHE"
  wait_for neo4j 120
}

cmd_up() {
  local wanted=("$@") s
  [[ ${#wanted[@]} -gt 0 ]] || read -r -a wanted <<<"$(services)"
  need_node_modules
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  for s in "${wanted[@]}"; do
    case "$s" in
      redis) up_redis ;;
      ferretdb | mongo) up_ferretdb ;;
      neo4j) up_neo4j ;;
      *) die "unknown service '$s' (redis, ferretdb, neo4j)" ;;
    esac
  done
  cmd_status
}

cmd_down() {
  local wanted=("$@") s
  [[ ${#wanted[@]} -gt 0 ]] || wanted=(neo4j ferretdb redis)
  for s in "${wanted[@]}"; do stop_one "$s"; done
}

cmd_status() {
  local s state all_ok=0
  for s in redis ferretdb neo4j; do
    if [[ " $(services) " != *" $s "* ]]; then
      printf '  %-9s external (its URI variable points elsewhere)\n' "$s"
      continue
    fi
    if probe "$s"; then state="up"; elif is_running "$s"; then state="starting"; all_ok=1; else state="down"; all_ok=1; fi
    case "$s" in
      redis) printf '  %-9s %-8s %s   log %s\n' redis "$state" "$LOCAL_REDIS_URL" "$LOG_DIR/redis.log" ;;
      ferretdb) printf '  %-9s %-8s %s   log %s\n' ferretdb "$state" "$LOCAL_MONGODB_URI" "$LOG_DIR/ferretdb.log" ;;
      neo4j) printf '  %-9s %-8s %s (user %s)   log %s\n' neo4j "$state" "$LOCAL_NEO4J_URI" "$NEO4J_USER" "$LOG_DIR/neo4j.log" ;;
    esac
  done
  return $all_ok
}

cmd_reset() {
  cmd_down
  say "removing $DATA_DIR"
  rm -rf "$DATA_DIR"
}

cmd_logs() {
  local files=()
  if [[ $# -gt 0 ]]; then files=("$LOG_DIR/$1.log"); else files=("$LOG_DIR"/*.log); fi
  tail -n 50 "${files[@]}"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status ;;
  reset) shift; cmd_reset ;;
  logs) shift; cmd_logs "$@" ;;
  env)
    # Variables for the apps, matching what `up` started.
    echo "REDIS_URL=${REDIS_URL:-$LOCAL_REDIS_URL}"
    echo "MONGODB_URI=${MONGODB_URI:-$LOCAL_MONGODB_URI}"
    echo "NEO4J_URI=${NEO4J_URI:-$LOCAL_NEO4J_URI}"
    echo "NEO4J_USERNAME=$NEO4J_USER"
    echo "NEO4J_PASSWORD=$NEO4J_PASS"
    ;;
  *)
    echo "usage: $0 up|down|status|reset|logs|env [service...]" >&2
    exit 2
    ;;
esac
